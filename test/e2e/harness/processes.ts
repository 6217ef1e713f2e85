/**
 * Bounded waits, and the child processes the harness starts (code-server, Chromium): their
 * environment, their output, and the registry that kills whatever is still running when the
 * tests end, by `stopAll()` or on exit.
 */

import * as fs from 'node:fs';
import * as net from 'node:net';

/** Default bound for a single UI wait (ms). Override with POLITY_E2E_TIMEOUT_MS. */
export const UI_TIMEOUT = Number(process.env.POLITY_E2E_TIMEOUT_MS ?? 30_000);

export function sleep(ms: number): Promise<void> {
    return new Promise(r => setTimeout(r, ms));
}

/** Polls `fn` until it returns a truthy value (returned) or `timeout` ms pass (throws with `message`). */
export async function waitFor<T>(
    fn: () => T | Promise<T>,
    opts: { timeout?: number; interval?: number; message?: string } = {}
): Promise<NonNullable<T>> {
    const timeout = opts.timeout ?? UI_TIMEOUT;
    const deadline = Date.now() + timeout;
    let lastError: unknown;
    for (;;) {
        try {
            const v = await fn();
            if (v) return v as NonNullable<T>;
        } catch (e) {
            lastError = e;
        }
        if (Date.now() > deadline) {
            const why = lastError instanceof Error ? ` (last error: ${lastError.message.split('\n')[0]})` : '';
            throw new Error(`timed out after ${timeout} ms: ${opts.message ?? 'condition'}${why}`);
        }
        await sleep(opts.interval ?? 200);
    }
}

/** Rejects after `ms` with `what` in the message if `p` has not settled. */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
    let t: NodeJS.Timeout | undefined;
    try {
        return await Promise.race([
            p,
            new Promise<never>((_, rej) => {
                t = setTimeout(() => rej(new Error(`timed out after ${ms} ms: ${what}`)), ms);
            })
        ]);
    } finally {
        clearTimeout(t);
    }
}

/** A free TCP port on 127.0.0.1 (listen on port 0, read it, close). */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.unref();
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const addr = srv.address();
            const port = typeof addr === 'object' && addr ? addr.port : 0;
            srv.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
        });
    });
}

export function rmrf(p: string): void {
    try {
        fs.rmSync(p, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
    } catch {
        /* best effort */
    }
}

/** Environment for children: ours minus anything that would make Node/VS Code behave differently. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (/^(VSCODE_|ELECTRON_|NODE_OPTIONS$|NODE_PATH$|npm_|VITEST|CODE_SERVER_|PASSWORD$|HASHED_PASSWORD$)/.test(k)) continue;
        env[k] = v;
    }
    return { ...env, ...extra };
}

export class LogBuffer {
    private chunks: string[] = [];
    private size = 0;
    constructor(private readonly max = 512 * 1024) {}
    push(s: string): void {
        this.chunks.push(s);
        this.size += s.length;
        while (this.size > this.max && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
    }
    text(): string {
        return this.chunks.join('');
    }
    tail(n = 3000): string {
        const t = this.text();
        return t.length > n ? '…' + t.slice(-n) : t;
    }
}

export const liveStoppers = new Set<() => Promise<void>>();
export const liveSyncKills = new Set<() => void>();
let exitHookInstalled = false;

function killAllSync(): void {
    for (const k of [...liveSyncKills]) {
        try {
            k();
        } catch {
            /* best effort */
        }
    }
}

export function installExitHook(): void {
    if (exitHookInstalled) return;
    exitHookInstalled = true;
    // Last resort when the test process ends without stop()/stopAll(): kill the process groups and remove the
    // temp dirs synchronously. 'exit' does not run on signals, so SIGINT/SIGTERM/SIGHUP are handled too, and the
    // process then exits as the signal would have made it (a listener, e.g. Playwright's own SIGTERM one, would
    // otherwise keep it alive); other listeners get 500 ms first.
    process.on('exit', killAllSync);
    for (const [sig, code] of [
        ['SIGINT', 130],
        ['SIGTERM', 143],
        ['SIGHUP', 129]
    ] as const) {
        process.on(sig, () => {
            killAllSync();
            setTimeout(() => process.exit(code), 500);
        });
    }
}

/** Stops every code-server and browser started by this module that is still running. */
export async function stopAll(): Promise<void> {
    const all = [...liveStoppers];
    await Promise.allSettled(all.map(s => s()));
}

export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
    if (!pid) return;
    try {
        process.kill(-pid, signal);
    } catch {
        try {
            process.kill(pid, signal);
        } catch {
            /* gone */
        }
    }
}

export function processAlive(pid: number | undefined): boolean {
    if (!pid) return false;
    try {
        process.kill(-pid, 0);
        return true;
    } catch {
        return false;
    }
}
