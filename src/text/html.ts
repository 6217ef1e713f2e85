import { xmlText } from './xml.js';

/** Markup made by `html`: inserted as it is into another `html` template. */
export class Html {
    constructor(readonly markup: string) {}
    toString(): string {
        return this.markup;
    }
}

export type HtmlValue = Html | string | number | undefined | null | false | readonly HtmlValue[];

/**
 * A template whose every interpolated string is escaped (by `xmlText`);
 * `Html` values (other templates) go in as markup, arrays are joined, and
 * `undefined`, `null` and `false` leave nothing. The one way the site's pages
 * are written.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
    // The strings around the values: one more than there are values.
    return new Html(strings.reduce((markup, text, i) => markup + (i > 0 ? render(values[i - 1]) : '') + text, ''));
}

function render(value: HtmlValue): string {
    if (value === undefined || value === null || value === false) return '';
    if (value instanceof Html) return value.markup;
    if (Array.isArray(value)) return value.map(render).join('');
    return xmlText(String(value));
}
