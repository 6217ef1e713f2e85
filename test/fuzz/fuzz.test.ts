import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scaledTimeout } from './budget.js';
import { runFuzz } from './fuzz.js';
import { SERVER_PATH } from '../support/lsp-client.js';

/**
 * A short fuzz run on every `npm test`: the special inputs (1 MB lines,
 * 10,000-deep nesting, control and bidi characters, …) and mutants of the
 * examples, through parse + checks, the formatter, the diagram and the
 * bundled language server. `npm run fuzz` runs longer (see test/fuzz/cli.ts).
 * Each stage is bounded in CPU time, the wait for the server and the test's
 * timeout by the clock scaled to the machine's load (see test/fuzz/budget.ts).
 */
describe('fuzz', () => {
    it(
        'survives 300 mutated models in every stage',
        async () => {
            expect(existsSync(SERVER_PATH), `${SERVER_PATH} is missing: run \`npm run build\` first`).toBe(true);
            const report = await runFuzz({ seed: 1, cases: 300 });
            console.log(`fuzz: ${report.cases} cases (seed 1) in ${report.seconds.toFixed(1)} s, ${report.failures.length} failing`);
            expect(report.failures.map(f => `case ${f.index} (${f.origin}): ${f.problems.join('; ')}`)).toEqual([]);
            expect(report.cases).toBe(300);
        },
        scaledTimeout(120_000)
    );
});
