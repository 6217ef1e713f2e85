import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../cli/run-cli.js';
import { TempRepo } from './repo.js';
import { STEPS } from './scenario.js';
import { defined } from '../helpers.js';

/** The workflow's `run:` lines that call polity, as the runner's bash would run them. */
const RUNS = readFileSync(path.join(REPO, 'docs/ci/polity.yml'), 'utf8')
    .split('\n')
    .map(line => /^\s+run: (npx polity .*)$/.exec(line)?.[1])
    .filter((line): line is string => line !== undefined);

let origin: TempRepo;
let clone: TempRepo;

/** A pull request's checkout: a clone of a repository whose main branch has the base model, with the change on top. */
beforeAll(() => {
    origin = new TempRepo();
    origin.write(defined(STEPS[0], 'the base step').files);
    origin.commit('base');
    clone = new TempRepo();
    clone.git('remote', 'add', 'origin', origin.dir);
    clone.git('fetch', '-q', 'origin');
    clone.git('checkout', '-q', '-b', 'change', 'origin/main');
    clone.write(defined(STEPS[1], 'the change step').files);
    clone.commit('add MIIT');
});

afterAll(() => {
    origin.dispose();
    clone.dispose();
});

function runStep(command: string): { status: number | null; stdout: string; stderr: string; summary: string } {
    const summary = path.join(clone.dir, '.summary.md');
    const result = spawnSync('bash', ['-c', command.replace(/^npx polity/, '"$NODE" "$POLITY"')], {
        cwd: clone.dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
            ...process.env,
            NO_COLOR: '1',
            MODELS: 'models',
            BASE_REF: 'main',
            GITHUB_STEP_SUMMARY: summary,
            NODE: process.execPath,
            POLITY: path.join(REPO, 'bin/polity.js')
        }
    });
    return {
        status: result.status,
        stdout: result.stdout,
        stderr: result.stderr,
        summary: existsSync(summary) ? readFileSync(summary, 'utf8') : ''
    };
}

describe('docs/ci/polity.yml', () => {
    it('runs check, fmt --check and diff on the pull request', () => {
        expect(RUNS.map(run => run.split(' ').slice(0, 3).join(' '))).toEqual(['npx polity check', 'npx polity fmt', 'npx polity diff']);
    });

    it('annotates the findings', () => {
        const check = runStep(defined(RUNS[0], 'the check step'));
        expect(check.status).toBe(0);
        expect(check.stdout).toContain(
            "::warning file=models/miit.polity,line=6,col=9,endLine=6,endColumn=12,title=polity [conflict]::MIIT and MPS both lead 'cii'"
        );
    });

    it('checks the formatting with options the CLI knows', () => {
        const fmt = runStep(defined(RUNS[1], 'the fmt step'));
        expect(fmt.stderr).not.toMatch(/unknown|error/i);
        expect([0, 1]).toContain(fmt.status);
    });

    it('writes the semantic diff against the base branch to the run summary', () => {
        const diff = runStep(defined(RUNS[2], 'the diff step'));
        expect(diff).toMatchObject({ status: 0, stdout: '', stderr: '' });
        expect(diff.summary).toContain('## Semantic diff: `origin/main` → `working tree`\n\n**2 added; 1 conflict appeared**');
        expect(diff.summary).toContain('| added | MIIT leads cii | period 2019 – present | `models/miit.polity:6` |');
    });
});
