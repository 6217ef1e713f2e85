/**
 * A GitHub-flavoured Markdown table. Cells are Markdown already (see
 * `escapeMarkdown`); only what would break the table is escaped here, and
 * line breaks become `<br>`.
 */
export function markdownTable(header: string[], rows: string[][]): string[] {
    const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
    return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)];
}

function escapeCell(text: string): string {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** Text shown inline in Markdown: characters that would start emphasis, links or HTML are escaped. */
export function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_[\]<>#]/g, c => `\\${c}`);
}
