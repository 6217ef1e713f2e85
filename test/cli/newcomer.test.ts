import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MISTAKES, NEWCOMER_WORKSPACE } from '../language/newcomer-workspace.js';
import { scaledTimeout } from '../fuzz/budget.js';
import { runCli } from './run-cli.js';

/**
 * `polity check` on a workspace where each of a newcomer's mistakes is in a
 * file of its own (issue 12): one line per mistake, in words, at the file,
 * line and column of the mistake, and nothing about the correct files.
 */
describe("polity check on a newcomer's mistakes", () => {
    it(
        'prints one finding per mistake and nothing about the correct files',
        () => {
            const dir = mkdtempSync(path.join(tmpdir(), 'polity-newcomer-'));
            const files: Record<string, string> = { ...NEWCOMER_WORKSPACE };
            MISTAKES.forEach((m, i) => {
                const folder = `mistake-${String(i).padStart(2, '0')}`;
                files[`${folder}/x.polity`] = m.text;
                for (const [name, text] of Object.entries(m.also ?? {})) files[`${folder}/${name}`] = text;
            });
            for (const [name, text] of Object.entries(files)) {
                mkdirSync(path.dirname(path.join(dir, 'ws', name)), { recursive: true });
                writeFileSync(path.join(dir, 'ws', name), text);
            }
            // Each mistake's file declares NCIJTF, which tasks.polity uses, so each is checked with the correct files alone.
            for (const [i, mistake] of MISTAKES.entries()) {
                const folder = `mistake-${String(i).padStart(2, '0')}`;
                const r = runCli(['check', ...Object.keys(NEWCOMER_WORKSPACE), folder], { cwd: path.join(dir, 'ws') });
                const [position, code, ...words] = mistake.finding.split(' ');
                const severity = code === 'unresolved' || code === 'syntax' || code === 'bad-date' ? 'error' : 'warning';
                expect(r.stdout.trim().split('\n'), mistake.name).toEqual([
                    `${folder}/x.polity:${position}: ${severity} [${code}] ${words.join(' ')}`,
                    `1 error, 0 warnings, 0 infos in ${Object.keys({ ...NEWCOMER_WORKSPACE, ...mistake.also }).length + 1} files`
                ]);
                expect(r.status).toBe(1);
            }
        },
        scaledTimeout(600_000)
    );
});
