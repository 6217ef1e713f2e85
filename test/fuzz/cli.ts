/**
 * `npm run fuzz -- --cases 2000 --seed 7` runs the fuzzer; `--case N` runs
 * one case again; `--no-server` skips the language server; `--soups N` sets
 * how many random token soups test the nesting limit (test/fuzz/nesting.ts,
 * 0 to skip). Then `--output-cases N` (default 300) models full of odd Unicode
 * go through every output format (test/fuzz/outputs.ts), and `--sessions N`
 * editor sessions of `--steps M` steps each run against the language server
 * (see lsp-sessions.ts; `--sessions 0` skips them). Failing cases are written
 * to test-results/fuzz/ for inspection. Exit 1 when any case or session fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { GraphvizRenderer } from '../../src/diagram/render.js';
import { runFuzz } from './fuzz.js';
import { outputCases, outputProblems } from './outputs.js';
import { runNestingFuzz } from './nesting.js';
import { runSessionFuzz } from './lsp-sessions.js';
import { REPO_ROOT } from '../support/lsp-client.js';

const { values } = parseArgs({
    options: {
        cases: { type: 'string', default: '1000' },
        seed: { type: 'string', default: '1' },
        case: { type: 'string' },
        bound: { type: 'string', default: '15000' },
        'no-server': { type: 'boolean', default: false },
        'output-cases': { type: 'string', default: '300' },
        soups: { type: 'string', default: '5000' },
        sessions: { type: 'string', default: '20' },
        steps: { type: 'string', default: '80' }
    }
});
const seed = Number(values.seed);
const report = await runFuzz({
    seed,
    cases: Number(values.cases),
    bound: Number(values.bound),
    server: !values['no-server'],
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
process.stdout.write(
    `fuzz: ${report.cases} cases, seed ${seed}, ${report.failures.length} failing, ${report.seconds.toFixed(1)} s${report.failures.length > 0 ? `; inputs in ${path.relative(process.cwd(), folder)}/` : ''}\n`
);
const soups =
    values.case === undefined && Number(values.soups) > 0 ? await runNestingFuzz({ seed, cases: Number(values.soups) }) : undefined;
if (soups?.failure) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `seed-${seed}-soup.polity`), soups.failure.text);
    process.stderr.write(`token soup ${JSON.stringify(soups.failure.text)}:\n  ${soups.failure.problems.join('\n  ')}\n`);
}
if (soups)
    process.stdout.write(
        `fuzz: ${soups.cases} token soups against the nesting limit, seed ${seed}, ${soups.failure ? '1 failing (shrunk)' : '0 failing'}, ${soups.seconds.toFixed(1)} s\n`
    );

const renderer = new GraphvizRenderer();
const start = performance.now();
let outputFailures = 0;
for (const fuzzCase of outputCases(seed, Number(values['output-cases']))) {
    const problems = await outputProblems(fuzzCase, renderer);
    if (problems.length === 0) continue;
    outputFailures++;
    process.stderr.write(`output case ${fuzzCase.index}:\n  ${problems.join('\n  ')}\n`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `seed-${seed}-output-${fuzzCase.index}-old.polity`), fuzzCase.old);
    writeFileSync(path.join(folder, `seed-${seed}-output-${fuzzCase.index}-new.polity`), fuzzCase.new);
}
process.stdout.write(
    `fuzz outputs: ${values['output-cases']} cases, seed ${seed}, ${outputFailures} failing, ${((performance.now() - start) / 1000).toFixed(1)} s\n`
);
const sessions =
    values['no-server'] || values.case !== undefined
        ? undefined
        : await runSessionFuzz({
              seed,
              sessions: Number(values.sessions),
              steps: Number(values.steps),
              onSession: (index, problems) => {
                  if (problems.length > 0) process.stderr.write(`session ${index}:\n  ${problems.join('\n  ')}\n`);
              }
          });
for (const failure of sessions?.failures ?? []) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(
        path.join(folder, `seed-${seed}-session-${failure.session}.txt`),
        `${failure.problems.join('\n')}\n\nsteps:\n${failure.log.join('\n')}\n`
    );
}
if (sessions) {
    process.stdout.write(
        `sessions: ${sessions.sessions}, ${sessions.formats.checked} formatting answers (${sessions.formats.withdrawn} withdrawn), ${sessions.failures.length} failing, ${sessions.seconds.toFixed(1)} s\n`
    );
}
process.exitCode = report.failures.length > 0 || soups?.failure || outputFailures > 0 || (sessions?.failures.length ?? 0) > 0 ? 1 : 0;
