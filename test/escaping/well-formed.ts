import { XMLValidator } from 'fast-xml-parser';

/**
 * Checks of what each output format must be, written from the formats'
 * specifications rather than from the escapers under test.
 */

/** Not a `Char` of XML 1.0 (§2.2): fast-xml-parser's validator does not look at characters. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const CHARACTER_REFERENCE = /&#(x[0-9a-fA-F]+|[0-9]+);/g;

/** Why `text` is not a well-formed XML document, or undefined. */
export function xmlProblem(text: string): string | undefined {
    const result = XMLValidator.validate(text);
    if (result !== true) return `${result.err.msg} (line ${result.err.line})`;
    const bad = NOT_XML_CHAR.exec(text);
    if (bad) return `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase()} at offset ${bad.index}, which XML does not allow`;
    for (const [, code = ''] of text.matchAll(CHARACTER_REFERENCE)) {
        const point = code.startsWith('x') ? parseInt(code.slice(1), 16) : Number(code);
        if (point > 0x10ffff || NOT_XML_CHAR.test(String.fromCodePoint(point)))
            return `a character reference &#${code}; to a character XML does not allow`;
    }
    return undefined;
}

/** What a terminal acts on or that reorders or hides text; tab and line feed are how text output is laid out. */
export const RAW_CONTROL =
    // eslint-disable-next-line no-control-regex -- the characters an output must not hold are what this matches
    /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Mermaid reads `%%` as the start of a comment or of a directive (`%%{init: …}%%`) wherever it stands. */
export const MERMAID_DIRECTIVE = /%%/;
