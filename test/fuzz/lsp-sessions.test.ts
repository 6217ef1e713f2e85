import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_PATH } from '../support/lsp-client.js';
import { runSessionFuzz } from './lsp-sessions.js';

/**
 * A short run of the editor-session fuzzer on every `npm test` (see
 * lsp-sessions.ts); `npm run fuzz -- --sessions 50` runs more and longer ones.
 */
describe('editor sessions with the language server', () => {
    it('format exactly what polity fmt formats, and end with the diagnostics of a fresh check', async () => {
        expect(existsSync(SERVER_PATH), `${SERVER_PATH} is missing: run \`npm run build\` first`).toBe(true);
        const report = await runSessionFuzz({ seed: 1, sessions: 2, steps: 40 });
        console.log(
            `sessions: ${report.sessions} (seed 1), ${report.formats.checked} formatting answers (${report.formats.withdrawn} withdrawn) in ${report.seconds.toFixed(1)} s, ${report.failures.length} failing`
        );
        expect(report.formats.checked).toBeGreaterThan(5);
        expect(report.failures.map(f => `session ${f.session}: ${f.problems.join('; ')}\n  steps: ${f.log.join('; ')}`)).toEqual([]);
    }, 120_000);
});
