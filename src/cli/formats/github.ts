import type { Severity } from '../../model/types.js';
import { printable } from '../../text/terminal.js';
import { printedPlace, type ReportedDiagnostic } from '../diagnostics.js';

const COMMANDS: Record<Severity, 'error' | 'warning' | 'notice'> = {
    error: 'error',
    warning: 'warning',
    information: 'notice',
    hint: 'notice'
};

/**
 * `polity check --format github`: one GitHub Actions workflow command per
 * diagnostic, which the runner turns into an annotation on the pull request's
 * lines. Related places follow the message on lines of their own. The runner
 * prints the command in the log and shows the message on the pull request,
 * so model text is escaped as for a terminal first; the file stays as it is,
 * or the annotation would not find its file.
 */
export function githubCommand(d: ReportedDiagnostic): string {
    const properties = [
        ['file', d.file.split('\\').join('/')],
        ['line', d.range.start.line + 1],
        ['col', d.range.start.character + 1],
        ['endLine', d.range.end.line + 1],
        ['endColumn', d.range.end.character + 1],
        ['title', `polity [${d.code}]`]
    ]
        .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
        .join(',');
    const related = d.related.map(r => `\n${printedPlace(r)}: ${printable(r.message)}`).join('');
    return `::${COMMANDS[d.severity]} ${properties}::${escapeData(printable(d.message) + related)}`;
}

/** The runner reads `%`, CR and LF in a message as escapes. */
export function escapeData(text: string): string {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** In a property, `:` and `,` would also end the value. */
export function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
