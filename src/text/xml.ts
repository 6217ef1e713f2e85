import { labelText } from './label.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Model text inside XML or HTML (element text and quoted attributes): one
 * line without unsafe characters (see `labelText`, so a line break in a doc
 * comment, where the source wrapped, is a space), and every markup character
 * an entity, so a name can never open a tag or end an attribute. Markup that
 * quotes its attributes only with `"` (Graphviz's HTML-like labels) may keep
 * `'` as written (`apostrophe: false`), which keeps the DOT readable.
 */
export function xmlText(value: string, { apostrophe = true } = {}): string {
    return labelText(value).replace(apostrophe ? /[&<>"']/g : /[&<>"]/g, c => ENTITIES[c] ?? c);
}
