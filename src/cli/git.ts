import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { UsageError } from './errors.js';
import { decodeModelText } from './read-model.js';
import type { ModelText } from './workspace.js';

/** Runs git in the working folder; a failure becomes a one-line usage error with git's own reason. */
export async function git(args: string[]): Promise<string> {
    return (await gitBytes(args)).toString('utf8');
}

/** Like `git`, but what git wrote as it wrote it, for file contents that must be checked before they count as text. */
function gitBytes(args: string[]): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        execFile('git', args, { maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' }, (error, stdout, stderr) => {
            if (!error) return resolve(stdout);
            const reason = (stderr.toString('utf8') || error.message).trim().split('\n')[0];
            const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
            reject(new UsageError(missing ? 'git is not installed or not on PATH' : `git ${args[0]} failed: ${reason}`));
        });
    });
}

export async function repositoryRoot(): Promise<string> {
    const root = await git(['rev-parse', '--show-toplevel']).catch((error: Error) => {
        throw new UsageError(`${process.cwd()} is not in a git repository (${error.message})`);
    });
    return root.trim();
}

export async function verifyRevision(rev: string): Promise<void> {
    await git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).catch(() => {
        throw new UsageError(`${rev}: not a commit in this repository (try HEAD, HEAD~1, a branch or a tag)`);
    });
}

/** Repository-relative paths of the `.polity` files under the pathspecs (relative to the working folder) at `rev`. */
export async function modelFilesAt(rev: string, pathspecs: string[]): Promise<string[]> {
    const listing = await git(['ls-tree', '-r', '-z', '--name-only', '--full-name', rev, '--', ...pathspecs]);
    return polityPaths(listing);
}

/**
 * The `.polity` files in the working tree that git sees (tracked or new, not
 * ignored) under the pathspecs; tracked files deleted from disk are gone.
 */
export async function workingTreeModelFiles(root: string, pathspecs: string[]): Promise<string[]> {
    const listing = await git(['ls-files', '-z', '--full-name', '--cached', '--others', '--exclude-standard', '--', ...pathspecs]);
    return [...new Set(polityPaths(listing))].map(p => path.join(root, p)).filter(file => existsSync(file));
}

function polityPaths(listing: string): string[] {
    return listing
        .split('\0')
        .filter(p => p.endsWith('.polity'))
        .sort();
}

/** How many `git show` run at once: one per file at once ran out of file descriptors on large models. */
const PARALLEL_GIT = 8;

/** The files as they were at `rev`, known by their working-tree URIs so that names and messages match. */
export async function textsAt(rev: string, root: string, paths: string[]): Promise<ModelText[]> {
    const texts: ModelText[] = new Array(paths.length);
    let next = 0;
    const worker = async () => {
        for (let i = next++, file = paths[i]; file !== undefined; i = next++, file = paths[i]) {
            const name = `${rev}:${file}`;
            texts[i] = { uri: URI.file(path.join(root, file)), text: decodeModelText(await gitBytes(['show', name]), name) };
        }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_GIT, paths.length) }, worker));
    return texts;
}
