import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { scaledTimeout } from '../fuzz/budget.js';

export const REPO = path.resolve(import.meta.dirname, '../..');

export interface CliResult { status: number | null; stdout: string; stderr: string }

/** Runs the built CLI as a user would, with the same Node that runs the tests. */
export function runCli(args: string[], options: { cwd?: string; input?: string } = {}): CliResult {
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin/polity.js'), ...args], {
        cwd: options.cwd ?? REPO, encoding: 'utf8', input: options.input, timeout: scaledTimeout(60_000),
        // Room for every finding of a crowded model (160,000 lines), not Node's default 1 MB.
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
