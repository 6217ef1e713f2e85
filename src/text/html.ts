import { labelText } from './label.js';

/** Markup made by `html`: inserted as it is into another `html` template. */
export class Html {
    constructor(readonly markup: string) {}
    toString(): string {
        return this.markup;
    }
}

export type HtmlValue = Html | string | number | undefined | null | false | readonly HtmlValue[];

/**
 * Model text as HTML text or attribute value: on one line as in a diagram's
 * label (a line break in a doc comment is where the source wrapped; bidi
 * overrides and other unsafe characters are shown as `\u{…}`), and
 * `& < > " '` as entities, so a title reads as it is written and never as markup.
 */
export function escapeHtml(text: string): string {
    return labelText(text).replace(/[&<>"']/g, c => ENTITIES[c] ?? c);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A template whose every interpolated string is escaped; `Html` values (other
 * templates) go in as markup, arrays are joined, and `undefined`, `null` and
 * `false` leave nothing. The one way the site's pages are written.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
    // The strings around the values: one more than there are values.
    return new Html(strings.reduce((markup, text, i) => markup + (i > 0 ? render(values[i - 1]) : '') + text, ''));
}

function render(value: HtmlValue): string {
    if (value === undefined || value === null || value === false) return '';
    if (value instanceof Html) return value.markup;
    if (Array.isArray(value)) return value.map(render).join('');
    return escapeHtml(String(value));
}
