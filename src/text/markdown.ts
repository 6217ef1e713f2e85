import { codePointNotation, LINE_BREAKS, UNSAFE } from './characters.js';

/**
 * Text shown inline in Markdown, on one line: a line break in a finding or a
 * locator would otherwise start a heading, a list or a table row of its own.
 * Unsafe characters (bidi overrides reorder the rest of a paragraph) are
 * shown as `\u{…}`, and every character that could start emphasis, a link,
 * an entity or HTML is backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
    return oneLine(text).replace(/[\\`*_[\]<>#&~]/g, c => `\\${c}`);
}

/** A code span holding `text` as it is (backticks included), on one line. */
export function markdownCode(text: string): string {
    const flat = oneLine(text);
    const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map(run => run.length));
    const fence = '`'.repeat(longest + 1);
    // CommonMark strips one space on each side, so text that starts or ends with a backtick keeps it.
    const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * A GitHub-flavoured Markdown table. Cells are Markdown already (made with
 * `escapeMarkdown` or `markdownCode`); a line break between the lines of a
 * cell becomes `<br>`, and a pipe, which ends a cell even in a code span, is
 * escaped.
 */
export function markdownTable(header: string[], rows: string[][]): string[] {
    const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
    return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)];
}

function escapeCell(text: string): string {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function oneLine(text: string): string {
    return text.replace(LINE_BREAKS, ' ').replace(UNSAFE, codePointNotation);
}
