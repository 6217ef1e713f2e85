/**
 * `npm run test:electron`: the editor scenarios in a downloaded desktop VS Code, through @vscode/test-electron,
 * with the extension under development and a copy of examples/china-cyber.
 *
 * Where VS Code cannot be downloaded (offline machines) or cannot show a window (no X display), it prints
 * one line "skipped: …" and exits 0; the code-server suite (npm run test:e2e) covers those machines.
 * Any other failure exits 1.
 *
 * Environment: POLITY_VSCODE_VERSION (default "stable"), POLITY_VSCODE_CACHE (default ~/.cache/polity-vscode-test).
 */
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH']);

/** True when the error (or one it wraps) says the network is not there, as opposed to a broken download. */
function isOffline(error: unknown): boolean {
    for (let e = error as { code?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
        if ((e.code && OFFLINE_CODES.has(e.code)) || /getaddrinfo|timed? ?out|socket hang up/i.test(e.message ?? '')) return true;
    }
    return false;
}

function firstLine(error: unknown): string {
    return (
        String(error instanceof Error ? error.message : error)
            .split('\n')
            .find(line => line.trim()) ?? 'unknown error'
    );
}

async function main(): Promise<number> {
    let vscodeExecutablePath: string;
    try {
        vscodeExecutablePath = await downloadAndUnzipVSCode({
            version: process.env.POLITY_VSCODE_VERSION ?? 'stable',
            cachePath: process.env.POLITY_VSCODE_CACHE ?? join(homedir(), '.cache', 'polity-vscode-test'),
            timeout: 30_000
        });
    } catch (error) {
        if (!isOffline(error)) throw error;
        console.log(`skipped: cannot download VS Code (offline): ${firstLine(error)}`);
        return 0;
    }
    if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
        console.log('skipped: VS Code needs a display (run under xvfb-run, or use npm run test:e2e)');
        return 0;
    }

    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    const temp = mkdtempSync(join(tmpdir(), 'polity-electron-'));
    try {
        const suite = join(temp, 'suite.cjs');
        await esbuild.build({
            entryPoints: [join(root, 'test', 'electron', 'suite.ts')],
            outfile: suite,
            bundle: true,
            platform: 'node',
            format: 'cjs',
            target: 'node20',
            external: ['vscode'],
            logLevel: 'warning'
        });
        const workspace = join(temp, 'china-cyber');
        cpSync(join(root, 'examples', 'china-cyber'), workspace, { recursive: true });
        await runTests({
            vscodeExecutablePath,
            extensionDevelopmentPath: root,
            extensionTestsPath: suite,
            launchArgs: [
                workspace,
                '--disable-extensions',
                '--disable-workspace-trust',
                '--skip-welcome',
                '--skip-release-notes',
                '--user-data-dir',
                join(temp, 'user-data'),
                '--extensions-dir',
                join(temp, 'extensions')
            ]
        });
        return 0;
    } finally {
        rmSync(temp, { recursive: true, force: true });
    }
}

main().then(
    code => {
        process.exitCode = code;
    },
    error => {
        console.error(`test:electron failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exitCode = 1;
    }
);
