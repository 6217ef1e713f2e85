/**
 * `npm run fuzz -- --cases 2000 --seed 7` runs the fuzzer; `--case N` runs
 * one case again; `--no-server` skips the language server. Then
 * `--sessions N` editor sessions of `--steps M` steps each run against the
 * language server (see lsp-sessions.ts; `--sessions 0` skips them). Failing
 * cases are written to test-results/fuzz/ for inspection. Exit 1 when any
 * case or session fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runFuzz } from './fuzz.js';
import { runSessionFuzz } from './lsp-sessions.js';
import { REPO_ROOT } from './lsp-session.js';

const { values } = parseArgs({
    options: {
        cases: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, case: { type: 'string' },
        bound: { type: 'string', default: '15000' }, 'no-server': { type: 'boolean', default: false },
        sessions: { type: 'string', default: '20' }, steps: { type: 'string', default: '80' }
    }
});
const seed = Number(values.seed);
const report = await runFuzz({
    seed, cases: Number(values.cases), bound: Number(values.bound), server: !values['no-server'],
    only: values.case === undefined ? undefined : Number(values.case),
    onCase: (c, problems) => {
        if (problems.length > 0) process.stderr.write(`case ${c.index} (${c.origin}):\n  ${problems.join('\n  ')}\n`);
        else if (c.index % 100 === 0) process.stderr.write(`case ${c.index} ok\n`);
    }
});
const folder = path.join(REPO_ROOT, 'test-results', 'fuzz');
for (const failure of report.failures) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `seed-${seed}-case-${failure.index}.polity`), failure.text);
}
process.stdout.write(`fuzz: ${report.cases} cases, seed ${seed}, ${report.failures.length} failing, ${report.seconds.toFixed(1)} s${report.failures.length > 0 ? `; inputs in ${path.relative(process.cwd(), folder)}/` : ''}\n`);
const sessions = values['no-server'] || values.case !== undefined ? undefined : await runSessionFuzz({
    seed, sessions: Number(values.sessions), steps: Number(values.steps),
    onSession: (index, problems) => {
        if (problems.length > 0) process.stderr.write(`session ${index}:\n  ${problems.join('\n  ')}\n`);
    }
});
for (const failure of sessions?.failures ?? []) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `seed-${seed}-session-${failure.session}.txt`), `${failure.problems.join('\n')}\n\nsteps:\n${failure.log.join('\n')}\n`);
}
if (sessions) {
    process.stdout.write(`sessions: ${sessions.sessions}, ${sessions.formats.checked} formatting answers (${sessions.formats.withdrawn} withdrawn), ${sessions.failures.length} failing, ${sessions.seconds.toFixed(1)} s\n`);
}
process.exitCode = report.failures.length > 0 || (sessions?.failures.length ?? 0) > 0 ? 1 : 0;
