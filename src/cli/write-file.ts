import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { displayFile } from './diagnostics.js';
import { errorCode, UsageError } from './errors.js';
import { kindOf, type ReadFile } from './read-model.js';

/**
 * Refuses an output path (`-o`) that is a symbolic link, not a regular file, or
 * one of the files the command reads (whatever path leads to it). Separate from
 * the write, so that a command writing several files can refuse before writing any.
 */
export async function checkOutput(target: string, inputs: string[]): Promise<void> {
    const name = displayFile(target);
    const stat = await fs.lstat(target).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw new UsageError(`${name}: cannot write (${errorCode(error)})`);
    });
    if (!stat) return;
    if (stat.isSymbolicLink())
        throw new UsageError(`${name}: a symbolic link; polity writes no file through a link (remove it, or choose another name)`);
    if (!stat.isFile()) throw new UsageError(`${name}: not a regular file (${kindOf(stat)}); name a file to write`);
    for (const input of inputs) {
        if (sameFile(stat, await fs.stat(input)))
            throw new UsageError(`${name}: is one of the model files read; choose another output file`);
    }
}

/** Writes an output file after `checkOutput`, atomically: a reader sees the old file or the new one, never half of one. */
export async function writeOutput(target: string, text: string | Uint8Array, inputs: string[]): Promise<void> {
    await checkOutput(target, inputs);
    const existing = await fs.stat(target).catch(() => undefined);
    await replaceWith(target, text, existing?.mode).catch(error => {
        throw new UsageError(`${displayFile(target)}: cannot write (${errorCode(error)})`);
    });
}

/**
 * Gives a file that was read (as `read`) new text, keeping what it is: the
 * same file for its other hard links, its owner, group and mode. A read-only
 * file is refused, and so is one that changed since it was read. When a
 * replacement would be indistinguishable (one link, owned by this user, the
 * same group), the text is written beside it and renamed over it, so that no
 * reader sees half a file; otherwise the file is written in place.
 */
export async function rewriteFile(file: string, { stat: read, text: original }: ReadFile, text: string, name: string): Promise<void> {
    // Through a symbolic link, the file it points to is rewritten, not the link.
    const target = await fs.realpath(file);
    // Root may write any file: a file with no write permission at all is read-only for it too.
    if ((read.mode & 0o222) === 0) throw readOnly(name);
    const handle = await fs.open(target, constants.O_RDWR | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'EACCES' || error.code === 'EPERM' || error.code === 'EROFS' ? readOnly(name) : cannotWrite(name, error);
    });
    try {
        const now = await handle.stat();
        if (!sameFile(now, read) || now.size !== read.size || now.mtimeMs !== read.mtimeMs) {
            throw new UsageError(`${name}: changed on disk while it was being formatted; left as it was (run polity fmt again)`);
        }
        const data = Buffer.from(text);
        const replaced =
            now.nlink === 1 &&
            now.uid === process.getuid?.() &&
            (await replaceWith(target, data, now.mode, now.gid).catch(error => {
                throw cannotWrite(name, error);
            }));
        if (replaced) return;
        await writeAt(handle, data).catch(async error => {
            // The original fits where it was (it did before), so a write that failed part way is undone.
            await writeAt(handle, Buffer.from(original));
            throw cannotWrite(name, error);
        });
    } finally {
        await handle.close();
    }
}

/**
 * Writes a temporary file in the target's folder and renames it over the
 * target. With `gid`, gives up (false, nothing changed) when the new file
 * would not get that group.
 */
async function replaceWith(target: string, data: string | Uint8Array, mode?: number, gid?: number): Promise<boolean> {
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
        // `wx`: created here, never an existing file or link of that name.
        await fs.writeFile(temp, data, { flag: 'wx' });
        if (mode !== undefined) await fs.chmod(temp, mode & 0o7777);
        if (gid !== undefined && (await fs.stat(temp)).gid !== gid) {
            await fs.rm(temp, { force: true });
            return false;
        }
        await fs.rename(temp, target);
        return true;
    } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
    }
}

async function writeAt(handle: FileHandle, data: Buffer): Promise<void> {
    await handle.write(data, 0, data.length, 0);
    await handle.truncate(data.length);
}

function sameFile(a: Stats, b: Stats): boolean {
    return a.dev === b.dev && a.ino === b.ino;
}

function readOnly(name: string): UsageError {
    return new UsageError(`${name}: read-only, not formatted (make it writable to format it)`);
}

function cannotWrite(name: string, error: unknown): UsageError {
    return error instanceof UsageError ? error : new UsageError(`${name}: cannot write file (${errorCode(error)}), left as it was`);
}
