import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'vitest';
import { startBundledServer, tempCopy, type LspSession, type SessionOptions } from './lsp-client.js';

export interface ServerPerTest {
    /** The bundled server, for this test only. */
    start(options?: Omit<SessionOptions, 'args'>): LspSession;
    /** A fresh temporary folder holding `files` (paths relative to it; folders are made as needed). */
    folder(files?: Record<string, string>): string;
    /** A copy of a folder of the repository (e.g. `examples/china-cyber`). */
    copy(folder: string): string;
}

/**
 * For tests that each start their own server: call it once where the tests
 * are declared. The servers a test starts are stopped after it, and its
 * folders removed, whether it passed or not.
 */
export function serverPerTest(): ServerPerTest {
    const sessions: LspSession[] = [];
    const removals: (() => void)[] = [];
    afterEach(async () => {
        for (const session of sessions.splice(0)) await session.stop();
        for (const remove of removals.splice(0)) remove();
    });
    return {
        start(options) {
            const session = startBundledServer(options);
            sessions.push(session);
            return session;
        },
        folder(files = {}) {
            const root = mkdtempSync(path.join(os.tmpdir(), 'polity-test-'));
            removals.push(() => rmSync(root, { recursive: true, force: true }));
            for (const [name, text] of Object.entries(files)) {
                mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
                writeFileSync(path.join(root, name), text);
            }
            return root;
        },
        copy(folder) {
            const { dir, remove } = tempCopy(folder);
            removals.push(remove);
            return dir;
        }
    };
}
