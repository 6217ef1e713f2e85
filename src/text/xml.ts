import { labelText } from './label.js';

/**
 * Model text inside XML or HTML (element text and quoted attributes): one
 * line without unsafe characters (see `labelText`), and every markup
 * character an entity, so a name can never open a tag or end an attribute.
 */
export function xmlText(value: string): string {
    return labelText(value)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}
