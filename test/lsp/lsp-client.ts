import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Position } from 'vscode-languageserver-protocol';
import { LspSession, REPO_ROOT, SERVER_PATH } from '../fuzz/lsp-session.js';
import { offsetOf } from './fixtures.js';

/**
 * A real LSP client for the language server over stdio, for tests of the
 * server as editors see it (`LspSession` does the talking; every wait is bounded).
 */
export { LspSession, REPO_ROOT, SERVER_PATH };

/** The bundled server, `dist/server.cjs`; fails clearly when it has not been built. */
export function startBundledServer(): LspSession {
    if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run \`npm run build\` first.`);
    return LspSession.start();
}

/** The same server through the CLI: `polity lsp`. */
export function startCliServer(): LspSession {
    if (!existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first.');
    return LspSession.start({ args: [path.join(REPO_ROOT, 'bin', 'polity.js'), 'lsp'] });
}

/** A copy of a folder of the repository (e.g. `examples/china-cyber`) in a fresh temporary folder. */
export function tempCopy(folder: string): { dir: string; remove: () => void } {
    const root = mkdtempSync(path.join(os.tmpdir(), 'polity-lsp-'));
    const dir = path.join(root, path.basename(folder));
    cpSync(path.join(REPO_ROOT, folder), dir, { recursive: true });
    return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A file's URI and text, ready for `didOpen`. */
export function fileDocument(file: string): { uri: string; text: string } {
    return { uri: pathToFileURL(file).toString(), text: readFileSync(file, 'utf8') };
}

/** The position `offset` characters into the `occurrence`-th (0-based) `needle` in `text`. */
export function positionOf(text: string, needle: string, offset = 0, occurrence = 0): Position {
    const before = text.slice(0, offsetOf(text, needle, occurrence) + offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}
