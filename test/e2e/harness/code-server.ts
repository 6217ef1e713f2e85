/**
 * code-server, the real VS Code, in a process group of its own with temporary folders for its
 * settings, extensions and workspace copy; the .vsix installed first.
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requirePrerequisites, type PrerequisitesResult } from './prerequisites.js';
import {
    cleanEnv,
    freePort,
    installExitHook,
    killGroup,
    liveStoppers,
    liveSyncKills,
    LogBuffer,
    processAlive,
    rmrf,
    sleep,
    waitFor
} from './processes.js';

/** User settings that keep the workbench quiet and deterministic (E2E-NOTES.md), merged under userSettings. */
export const DEFAULT_USER_SETTINGS: Record<string, unknown> = {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'files.autoSave': 'off',
    'editor.minimap.enabled': false,
    'window.restoreWindows': 'none',
    'git.enabled': false
};

export interface StartOptions {
    /** Folder to open. Copied into a temp dir first unless `copyWorkspace: false`. */
    workspaceFolder: string;
    /** .vsix file(s) to install before start (via code-server --install-extension). */
    vsixPath?: string | string[];
    /** Merged over DEFAULT_USER_SETTINGS into User/settings.json. */
    userSettings?: Record<string, unknown>;
    /** Copy the workspace into the temp dir so tests may edit/save files freely (default true). */
    copyWorkspace?: boolean;
    /** Bound for /healthz to answer (default 90 s). */
    startTimeout?: number;
    /** Bound for each --install-extension (default 120 s). */
    installTimeout?: number;
    /** Extra environment for code-server (and so the extension host). */
    env?: Record<string, string>;
    /** Extra code-server command-line arguments. */
    extraArgs?: string[];
    /** Keep the temp dirs after stop() (for debugging). Also: POLITY_E2E_KEEP=1. */
    keepTemp?: boolean;
    prerequisites?: PrerequisitesResult;
}

export interface CodeServerDirs {
    root: string;
    config: string;
    userData: string;
    extensions: string;
    tmp: string;
    xdgConfig: string;
    xdgData: string;
    home: string;
    workspace: string;
}

export interface CodeServer {
    port: number;
    /** http://127.0.0.1:PORT */
    url: string;
    /** URL that opens `workspaceFolder` in the workbench. */
    folderUrl: string;
    /** The folder code-server has open (the temp copy unless copyWorkspace: false). */
    workspaceFolder: string;
    dirs: CodeServerDirs;
    process: ChildProcess;
    /** ms: install of the vsix files, start until /healthz answered. */
    timings: { installMs: number; startMs: number };
    /** Everything code-server printed so far (bounded). */
    log(): string;
    /** Extension host / renderer logs written by VS Code under user-data/logs, concatenated (bounded). */
    vscodeLogs(): string;
    /** Kill code-server (whole process group) and remove the temp dirs. Idempotent, bounded (~10 s). */
    stop(): Promise<void>;
}

export async function startCodeServer(opts: StartOptions): Promise<CodeServer> {
    const pre = requirePrerequisites(opts.prerequisites);
    installExitHook();
    const keep = opts.keepTemp ?? process.env.POLITY_E2E_KEEP === '1';
    const srcFolder = path.resolve(opts.workspaceFolder);
    if (!fs.statSync(srcFolder, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`workspaceFolder is not a folder: ${srcFolder}`);
    const vsixes = (opts.vsixPath === undefined ? [] : Array.isArray(opts.vsixPath) ? opts.vsixPath : [opts.vsixPath]).map(v =>
        path.resolve(v)
    );
    for (const v of vsixes) if (!fs.existsSync(v)) throw new Error(`vsix not found: ${v}`);

    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'polity-e2e-'));
    const dirs: CodeServerDirs = {
        root,
        config: path.join(root, 'config.yaml'),
        userData: path.join(root, 'user-data'),
        extensions: path.join(root, 'extensions'),
        tmp: path.join(root, 'tmp'),
        xdgConfig: path.join(root, 'xdg-config'),
        xdgData: path.join(root, 'xdg-data'),
        home: path.join(root, 'home'),
        workspace: opts.copyWorkspace === false ? srcFolder : path.join(root, 'workspace', path.basename(srcFolder))
    };
    const cleanup = () => {
        if (!keep) rmrf(root);
    };
    try {
        for (const d of [dirs.userData, dirs.extensions, dirs.tmp, dirs.xdgConfig, dirs.xdgData, dirs.home])
            fs.mkdirSync(d, { recursive: true });
        if (opts.copyWorkspace !== false) fs.cpSync(srcFolder, dirs.workspace, { recursive: true });
        fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
        fs.writeFileSync(
            path.join(dirs.userData, 'User', 'settings.json'),
            JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...(opts.userSettings ?? {}) }, null, 2)
        );
    } catch (e) {
        cleanup();
        throw e;
    }

    const port = await freePort();
    fs.writeFileSync(dirs.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const env = cleanEnv({
        TMPDIR: dirs.tmp,
        XDG_CONFIG_HOME: dirs.xdgConfig,
        XDG_DATA_HOME: dirs.xdgData,
        XDG_CACHE_HOME: path.join(dirs.tmp, 'cache'),
        HOME: dirs.home,
        PATH: `${path.dirname(pre.node24)}:${process.env.PATH ?? ''}`,
        ...(opts.env ?? {})
    });
    const common = ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

    // 1. install the extension(s)
    const t0 = Date.now();
    for (const v of vsixes) {
        const r = spawnSync(pre.node24, [pre.codeServerEntry, ...common, '--install-extension', v, '--force'], {
            env,
            encoding: 'utf8',
            timeout: opts.installTimeout ?? 120_000,
            killSignal: 'SIGKILL'
        });
        const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
        if (r.error || r.status !== 0 || !/successfully installed/i.test(out)) {
            cleanup();
            throw new Error(
                `code-server --install-extension ${v} failed (status ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${out.slice(-3000)}`
            );
        }
    }
    const installMs = Date.now() - t0;

    // 2. start code-server in its own process group
    const t1 = Date.now();
    const log = new LogBuffer();
    const child = spawn(
        pre.node24,
        [
            pre.codeServerEntry,
            ...common,
            '--disable-telemetry',
            '--disable-update-check',
            '--disable-workspace-trust',
            '--disable-getting-started-override',
            ...(opts.extraArgs ?? []),
            dirs.workspace
        ],
        { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    child.stdout!.setEncoding('utf8').on('data', (d: string) => log.push(d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => log.push(d));
    let exited: string | undefined;
    child.on('exit', (code, sig) => {
        exited = `code-server exited (code ${code}, signal ${sig})`;
    });
    child.on('error', e => {
        exited = `code-server failed to spawn: ${e.message}`;
    });
    const pid = child.pid;
    const syncKill = () => {
        killGroup(pid, 'SIGKILL');
        cleanup();
    };
    liveSyncKills.add(syncKill);

    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> => {
        stopped ??= (async () => {
            liveStoppers.delete(stop);
            if (processAlive(pid)) {
                killGroup(pid, 'SIGTERM');
                const deadline = Date.now() + 5000;
                while (processAlive(pid) && Date.now() < deadline) await sleep(100);
                if (processAlive(pid)) killGroup(pid, 'SIGKILL');
                const deadline2 = Date.now() + 3000;
                while (processAlive(pid) && Date.now() < deadline2) await sleep(100);
            }
            liveSyncKills.delete(syncKill);
            cleanup();
        })();
        return stopped;
    };
    liveStoppers.add(stop);

    const url = `http://127.0.0.1:${port}`;
    const startTimeout = opts.startTimeout ?? 90_000;
    try {
        await waitFor(
            async () => {
                if (exited) throw new Error(exited);
                const ok = await healthz(url);
                if (exited) throw new Error(exited);
                return ok;
            },
            { timeout: startTimeout, interval: 250, message: `code-server /healthz on ${url}` }
        ).catch((e: Error) => {
            if (exited) throw new Error(`${exited} before answering /healthz\n${log.tail()}`);
            throw new Error(`${e.message}\n--- code-server output ---\n${log.tail()}`);
        });
    } catch (e) {
        await stop();
        throw e;
    }
    const startMs = Date.now() - t1;

    return {
        port,
        url,
        folderUrl: `${url}/?folder=${encodeURIComponent(dirs.workspace)}`,
        workspaceFolder: dirs.workspace,
        dirs,
        process: child,
        timings: { installMs, startMs },
        log: () => log.text(),
        vscodeLogs: () => readLogs(path.join(dirs.userData, 'logs')),
        stop
    };
}

async function healthz(url: string): Promise<boolean> {
    const ac = new AbortController();
    const t = setTimeout(() => ac.abort(), 2000);
    try {
        const r = await fetch(`${url}/healthz`, { signal: ac.signal });
        await r.text();
        return r.ok;
    } catch {
        return false;
    } finally {
        clearTimeout(t);
    }
}

function readLogs(dir: string, max = 400_000): string {
    const out: string[] = [];
    let size = 0;
    const walk = (d: string) => {
        let entries: fs.Dirent[];
        try {
            entries = fs.readdirSync(d, { withFileTypes: true });
        } catch {
            return;
        }
        for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) walk(p);
            else if (e.name.endsWith('.log') && size < max) {
                try {
                    const t = fs.readFileSync(p, 'utf8');
                    const s = `===== ${path.relative(dir, p)}\n${t}\n`;
                    out.push(s);
                    size += s.length;
                } catch {
                    /* ignore */
                }
            }
        }
    };
    walk(dir);
    return out.join('');
}
