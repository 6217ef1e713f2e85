import pc from 'picocolors';
import type { CheckFormat } from './check-formats.js';
import { checkFiles } from './batch.js';
import { printedPlace, summarize, summaryLine, type ReportedDiagnostic } from './diagnostics.js';
import { EXIT } from './errors.js';
import { githubCommand } from './formats/github.js';
import { sarifLog } from './formats/sarif.js';
import { printable } from '../text/terminal.js';
import { findModelFiles } from './workspace.js';

export { CHECK_FORMATS, type CheckFormat } from './check-formats.js';

export interface CheckOptions {
    format: CheckFormat;
    strict?: boolean;
}

/** `polity check`: diagnostics for a workspace, compiler style, with an exit code CI can use. */
export async function check(inputs: string[], options: CheckOptions, out: (text: string) => void): Promise<number> {
    const files = await findModelFiles(inputs);
    const diagnostics = await checkFiles(files);
    const summary = summarize(diagnostics, files.length);
    if (options.format === 'json') {
        out(JSON.stringify({ diagnostics, summary }, null, 2));
    } else if (options.format === 'sarif') {
        out(sarifLog(diagnostics, process.env.POLITY_VERSION ?? '0.0.0'));
    } else {
        const line = options.format === 'github' ? githubCommand : (d: ReportedDiagnostic) => formatLine(d);
        writeLines(diagnostics, line, out);
        out(summaryLine(summary));
    }
    const failing = summary.errors + (options.strict ? summary.warnings : 0);
    return failing > 0 ? EXIT.findings : EXIT.ok;
}

/**
 * How many characters of lines are written at once. A chunk with a character
 * outside Latin-1 (the en dash of every period) takes two bytes a character:
 * at 64K characters each chunk was one of V8's large objects, and printing a
 * workspace full of conflicts added 40–60 MB to the peak of `polity check`.
 */
const CHUNK = 1 << 14;

/**
 * One line per item, written in chunks of about 16,000 characters, each `out` call one chunk:
 * a write per line is a system call per line (57,000 for a workspace full of
 * conflicts), and all lines at once would hold the whole output in memory.
 */
function writeLines<T>(items: T[], line: (item: T) => string, out: (text: string) => void): void {
    let chunk: string[] = [];
    let size = 0;
    for (const item of items) {
        const text = line(item);
        chunk.push(text);
        size += text.length + 1;
        if (size >= CHUNK) {
            out(chunk.join('\n'));
            chunk = [];
            size = 0;
        }
    }
    if (chunk.length > 0) out(chunk.join('\n'));
}

type Colours = Pick<typeof pc, 'red' | 'yellow' | 'cyan' | 'dim'>;

function severityColour(colours: Colours): Record<ReportedDiagnostic['severity'], (s: string) => string> {
    return { error: colours.red, warning: colours.yellow, information: colours.cyan, hint: colours.dim };
}

/** `path:line:col: severity [code] message`, 1-based like every compiler; one line whatever the model holds. */
export function formatLine(d: ReportedDiagnostic, colours: Colours = pc): string {
    return `${printedPlace(d)}: ${severityColour(colours)[d.severity](d.severity)} [${d.code}] ${printable(d.message)}`;
}
