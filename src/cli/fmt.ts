import { formatText } from '../language/format/text.js';
import { displayFile } from './diagnostics.js';
import { EXIT, UsageError } from './errors.js';
import { readModelFile } from './read-model.js';
import { printable } from '../text/terminal.js';
import { findModelFiles } from './workspace.js';
import { rewriteFile } from './write-file.js';

export interface FmtOptions {
    /** List the files that are not formatted instead of formatting them; write nothing. */
    check?: boolean;
}

type Report = (text: string) => void;

/**
 * `polity fmt`: formats each `.polity` file on its own, exactly as the editor does, and writes
 * only the files whose text changes. Exit 1 when `--check` finds unformatted files or a file
 * cannot be formatted (a syntax error); 2 when a file cannot be read or written.
 */
export async function fmt(inputs: string[], options: FmtOptions, out: Report, err: Report): Promise<number> {
    const files = await findModelFiles(inputs);
    let status: number = EXIT.ok;
    let failed = 0;
    const fail = (code: number) => {
        status = Math.max(status, code);
        failed++;
    };
    // A file that cannot be read or written is reported and skipped; the others are still formatted.
    const refused = (error: unknown): undefined => {
        if (!(error instanceof UsageError)) throw error;
        err(printable(error.message));
        fail(EXIT.usage);
        return undefined;
    };
    let changed = 0;
    for (const file of files) {
        const name = displayFile(file);
        const read = await readModelFile(file, name).catch(refused);
        if (!read) continue;
        const outcome = formatText(read.text);
        if (!outcome.ok) {
            const { kind, message, position } = outcome.problem;
            err(
                printable(
                    `${name}:${position.line + 1}:${position.character + 1}: ${kind === 'syntax' ? 'syntax error' : 'cannot format safely'}: ${message.replace(/\.$/, '')}, not formatted`
                )
            );
            fail(EXIT.findings);
            continue;
        }
        if (!outcome.changed) continue;
        if (!options.check && !(await rewriteFile(file, read, outcome.text, name).then(() => true, refused))) continue;
        changed++;
        out(printable(name));
    }
    const count = `${files.length} file${files.length === 1 ? '' : 's'}`;
    if (!options.check) {
        out(`${changed} of ${count} reformatted`);
        return status;
    }
    if (changed > 0) status = Math.max(status, EXIT.findings);
    // A file that could not be read or parsed is not "already formatted".
    const unchecked = failed > 0 ? `, ${failed} cannot be formatted` : '';
    out(changed === 0 && failed === 0 ? `${count} already formatted` : `${changed} of ${count} would be reformatted${unchecked}`);
    return status;
}
