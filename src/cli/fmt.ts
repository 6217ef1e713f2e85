import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { formatText } from '../language/format-text.js';
import { displayPath } from './diagnostics.js';
import { errorCode, EXIT } from './errors.js';
import { findModelFiles } from './workspace.js';

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
    let changed = 0;
    for (const file of files) {
        const name = displayPath(URI.file(file).toString());
        const text = await fs.readFile(file, 'utf8').catch((error: unknown) => {
            err(`${name}: cannot read file (${errorCode(error)})`);
            fail(EXIT.usage);
        });
        if (text === undefined) continue;
        const outcome = formatText(text);
        if (!outcome.ok) {
            const { kind, message, position } = outcome.problem;
            err(`${name}:${position.line + 1}:${position.character + 1}: ${kind === 'syntax' ? 'syntax error' : 'cannot format safely'}: ${message.replace(/\.$/, '')}, not formatted`);
            fail(EXIT.findings);
            continue;
        }
        if (!outcome.changed) continue;
        if (!options.check) {
            const written = await writeAtomically(file, outcome.text).then(() => true, (error: unknown) => {
                err(`${name}: cannot write file (${errorCode(error)}), left as it was`);
                fail(EXIT.usage);
                return false;
            });
            if (!written) continue;
        }
        changed++;
        out(name);
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

/** Written beside the file and renamed over it, so that a reader never sees half a file. */
async function writeAtomically(file: string, text: string): Promise<void> {
    // Through a symbolic link, the file it points to is replaced, not the link.
    const target = await fs.realpath(file);
    const { mode } = await fs.stat(target);
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
    try {
        await fs.writeFile(temp, text, { flag: 'wx' });
        await fs.chmod(temp, mode & 0o7777);
        await fs.rename(temp, target);
    } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
    }
}
