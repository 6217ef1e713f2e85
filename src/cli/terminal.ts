/**
 * Characters that a terminal would act on or that change how the line reads:
 * C0/C1 controls (escape sequences, carriage returns, line breaks inside one
 * diagnostic), bidirectional overrides and isolates, invisible separators and
 * lone surrogates.
 */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text from a model or a file name, made safe to print on one terminal line: unsafe characters become `\u{…}`. */
export function printable(text: string): string {
    return text.replace(UNSAFE, c => `\\u{${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}}`);
}
