import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { scaledTimeout } from '../fuzz/budget.js';

export const REPO = path.resolve(import.meta.dirname, '../..');

export interface CliResult {
    status: number | null;
    stdout: string;
    stderr: string;
}

export interface CliOptions {
    cwd?: string;
    input?: string;
    /** Where standard output goes instead of a pipe to the test: an open file descriptor. */
    stdout?: number;
    /** The most files the process may have open (`ulimit -n`). */
    openFiles?: number;
    env?: NodeJS.ProcessEnv;
    /** Runs the CLI as another user (a root test process can only be refused a file as someone else). */
    user?: { uid: number; gid: number };
}

/** Runs the built CLI as a user would, with the same Node that runs the tests. */
export function runCli(args: string[], options: CliOptions = {}): CliResult {
    const command = [process.execPath, path.join(REPO, 'bin/polity.js'), ...args];
    const [file = process.execPath, ...argv] =
        options.openFiles === undefined ? command : ['sh', '-c', `ulimit -n ${options.openFiles} && exec "$@"`, 'sh', ...command];
    const result = spawnSync(file, argv, {
        cwd: options.cwd ?? REPO,
        encoding: 'utf8',
        input: options.input,
        timeout: scaledTimeout(60_000),
        // Room for every finding of a crowded model (160,000 lines), not Node's default 1 MB.
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['pipe', options.stdout ?? 'pipe', 'pipe'],
        uid: options.user?.uid,
        gid: options.user?.gid,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env }
    });
    return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr };
}
