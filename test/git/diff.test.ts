import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli, type CliResult } from '../cli/run-cli.js';
import { TempDir, TempRepo } from './repo.js';
import { STEPS } from './scenario.js';
import { defined } from '../helpers.js';

interface StepOutput {
    text: CliResult;
    markdown: CliResult;
    json: CliResult;
}

let repo: TempRepo;
/** What `polity diff --git HEAD` said about each step's change, before it was committed. */
const outputs = new Map<string, StepOutput>();

const diffAt = (rev: string, format: string, ...rest: string[]) =>
    runCli(['diff', '--git', rev, '--format', format, ...rest], { cwd: repo.dir });
const json = (r: CliResult) => JSON.parse(r.stdout) as { summary: unknown; changes: Record<string, unknown>[] };

beforeAll(() => {
    repo = new TempRepo();
    const first = defined(STEPS[0], 'the first step');
    repo.write(first.files);
    repo.commit(first.message);
    for (const step of STEPS.slice(1)) {
        repo.write(step.files);
        outputs.set(step.message, { text: diffAt('HEAD', 'text'), markdown: diffAt('HEAD', 'markdown'), json: diffAt('HEAD', 'json') });
        repo.commit(step.message);
    }
}, 120_000);

afterAll(() => repo.dispose());

function step(message: string): StepOutput {
    const output = outputs.get(message)!;
    for (const r of Object.values(output)) {
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
    }
    return output;
}

describe('polity diff --git', () => {
    it('reports an added institution with its claim and the conflict it brings', () => {
        const { text, markdown, json: j } = step('add MIIT');
        expect(text.stdout.split('\n')).toEqual([
            'Semantic diff: HEAD → working tree',
            '',
            'Institutions',
            '  added       MIIT  title "Ministry of Industry and Information Technology"; kind ministry; established 2008  (models/miit.polity:3)',
            '',
            'Competences',
            '  added       MIIT leads cii  period 2019 – present  (models/miit.polity:6)',
            '',
            'Conflicts',
            "  appeared    MIIT and MPS both lead 'cii'  period 2019 – present; dispute not recorded  (models/miit.polity:6)",
            '',
            '2 added; 1 conflict appeared',
            ''
        ]);
        expect(markdown.stdout).toContain('**2 added; 1 conflict appeared**');
        expect(markdown.stdout).toContain(
            '### Institutions\n\n| Change | Institution | Details | Where |\n| --- | --- | --- | --- |\n' +
                '| added | MIIT | title "Ministry of Industry and Information Technology"<br>kind ministry<br>established 2008 | `models/miit.polity:3` |'
        );
        expect(markdown.stdout).toContain(
            "| ⚠ appeared | MIIT and MPS both lead 'cii' | period 2019 – present<br>dispute not recorded | `models/miit.polity:6` |"
        );
        expect(json(j).changes.map(c => [c.category, c.change, c.id])).toEqual([
            ['institutions', 'added', 'demo.MIIT'],
            ['competences', 'added', 'demo.MIIT leads demo.cii'],
            ['conflicts', 'added', 'demo.cii between demo.MIIT, demo.MPS']
        ]);
    });

    it('reports a competence moved to another institution as a move, and the conflicts that swap', () => {
        const { text, markdown, json: j } = step('move cii from MPS to CAC');
        const lines = text.stdout.split('\n');
        expect(lines).toContain('  moved       CAC leads cii  institution MPS → CAC  (models/state.polity:7)');
        expect(lines).toContain(
            "  appeared    CAC and MIIT both lead 'cii'  period 2019 – present; dispute not recorded  (models/state.polity:7)"
        );
        // A removed fact points at the old text, in the form `git show` takes.
        expect(lines).toContain(
            "  disappeared MIIT and MPS both lead 'cii'  period 2019 – present; dispute not recorded  (HEAD:models/miit.polity:6)"
        );
        expect(lines.at(-2)).toBe('1 moved; 1 conflict appeared, 1 conflict disappeared');
        expect(markdown.stdout).toContain('| moved | CAC leads cii | institution MPS → CAC | `models/state.polity:7` |');
        expect(markdown.stdout).toContain("| disappeared | MIIT and MPS both lead 'cii' |");
        const moved = json(j).changes.find(c => c.change === 'moved')!;
        expect(moved).toEqual({
            category: 'competences',
            change: 'moved',
            id: 'demo.CAC leads demo.cii',
            label: 'CAC leads cii',
            fields: [{ field: 'institution', old: 'MPS', new: 'CAC' }],
            old: { file: 'HEAD:models/state.polity', line: 11 },
            new: { file: 'models/state.polity', line: 7 }
        });
        expect(json(j).summary).toEqual({
            added: 0,
            removed: 0,
            renamed: 0,
            moved: 1,
            changed: 0,
            conflicts: { appeared: 1, disappeared: 1, changed: 0 }
        });
    });

    it('reports a recorded dispute, and the conflict it documents as now recorded', () => {
        const { text, markdown, json: j } = step('record the data dispute');
        expect(text.stdout).toContain(`Disputes
  added       'data' between CAC, MPS  period always; finding "Both claim personal data."; citations report "p. 12"  (models/disputes.polity:3)

Conflicts
  changed     CAC leads 'data' and MPS leads 'privacy' ('privacy' is part of 'data')  dispute not recorded → recorded  (models/state.polity:6)`);
        expect(markdown.stdout).toContain('### Disputes\n\n| Change | Dispute | Details | Where |');
        expect(markdown.stdout).toContain(
            "| changed | CAC leads 'data' and MPS leads 'privacy' ('privacy' is part of 'data') | dispute not recorded → recorded |"
        );
        expect(json(j).changes.map(c => [c.category, c.change, c.id])).toEqual([
            ['disputes', 'added', 'demo.data between demo.CAC, demo.MPS'],
            ['conflicts', 'changed', 'demo.privacy between demo.CAC, demo.MPS']
        ]);
    });

    it('reports a rename as one rename: the claims, unit, relation and dispute follow it unchanged', () => {
        const { text, markdown, json: j } = step('rename MPS');
        expect(text.stdout).toBe(
            'Semantic diff: HEAD → working tree\n\nInstitutions\n  renamed     MinPS  name MPS → MinPS  (models/state.polity:10)\n\n1 renamed\n'
        );
        expect(markdown.stdout).toBe(
            '## Semantic diff: `HEAD` → `working tree`\n\n**1 renamed**\n\n### Institutions\n\n' +
                '| Change | Institution | Details | Where |\n| --- | --- | --- | --- |\n| renamed | MinPS | name MPS → MinPS | `models/state.polity:10` |\n'
        );
        expect(json(j).changes).toEqual([
            {
                category: 'institutions',
                change: 'renamed',
                id: 'demo.MinPS',
                label: 'MinPS',
                fields: [{ field: 'name', old: 'MPS', new: 'MinPS' }],
                old: { file: 'HEAD:models/state.polity', line: 10 },
                new: { file: 'models/state.polity', line: 10 }
            }
        ]);
    });

    it('sums up several commits, and exits 1 with --exit-code only when something changed', () => {
        const all = diffAt('HEAD~4', 'json', '--exit-code');
        expect(all.status).toBe(1);
        expect(json(all).summary).toEqual({
            added: 4,
            removed: 1,
            renamed: 1,
            moved: 0,
            changed: 0,
            conflicts: { appeared: 1, disappeared: 0, changed: 1 }
        });
        // Two institutions gained `leads cii` while one lost it: no single move to report.
        expect(
            json(all)
                .changes.filter(c => c.category === 'competences')
                .map(c => `${c.change} ${c.label}`)
        ).toEqual(['added CAC leads cii', 'added MIIT leads cii', 'removed MinPS leads cii']);
        expect(diffAt('HEAD', 'text', '--exit-code')).toMatchObject({ status: 0, stdout: expect.stringContaining('no semantic changes') });
    });

    it('limits the comparison to the given paths', () => {
        const r = runCli(['diff', '--git', 'HEAD~4', '--format', 'json', 'models/state.polity', 'models/mandates.polity'], {
            cwd: repo.dir
        });
        // Without MIIT's claim on cii in view, the claim that left MinPS and reached CAC is a move again.
        expect(json(r).changes.map(c => `${c.change} ${c.id}`)).toEqual(['renamed demo.MinPS', 'moved demo.CAC leads demo.cii']);
    });

    it('is byte-identical across runs', () => {
        expect(diffAt('HEAD~4', 'json').stdout).toBe(diffAt('HEAD~4', 'json').stdout);
        expect(diffAt('HEAD~4', 'markdown').stdout).toBe(diffAt('HEAD~4', 'markdown').stdout);
    });

    it("serves as git's external diff driver, with the other files of the folder as context", () => {
        repo.write({ '.gitattributes': '*.polity diff=polity\n' });
        repo.git('config', 'diff.polity.command', `"${process.execPath}" "${path.join(REPO, 'bin/polity.js')}" diff --git-external`);
        const rename = repo.git('diff', 'HEAD~1', 'HEAD', '--', 'models/state.polity');
        expect(rename).toContain('Semantic diff: a/models/state.polity → b/models/state.polity');
        expect(rename).toContain('  renamed     MinPS  name MPS → MinPS  (b/models/state.polity:10)');
        // A new file: git passes /dev/null as the old side.
        const added = repo.git('diff', 'HEAD~4', 'HEAD~3');
        expect(added).toContain('Semantic diff: a/models/miit.polity → b/models/miit.polity');
        expect(added).toContain(
            '  added       MIIT  title "Ministry of Industry and Information Technology"; kind ministry; established 2008  (b/models/miit.polity:3)'
        );
        expect(added).toContain('  added       MIIT leads cii  period 2019 – present  (b/models/miit.polity:6)');
        // A change that only touches layout and comments is not a change of the model.
        repo.write({ 'models/miit.polity': `// reformatted\n${repo.git('show', 'HEAD:models/miit.polity').replace(/\n\n/g, '\n')}` });
        expect(repo.git('diff', '--', 'models/miit.polity')).toContain('no semantic changes');
        repo.git('checkout', '--', 'models/miit.polity');
        repo.remove('.gitattributes');
    });
});

describe('polity diff OLD NEW', () => {
    it('reports role, certainty and date-precision changes as changes, and contests as they appear and disappear', () => {
        const folders = new TempDir();
        folders.write({
            'a/m.polity':
                'mandate m\nmandate n\ninstitution A { leads m since 2010 }\ninstitution B { leads n since 2014 }\ninstitution C { established 2005 }\n',
            'b/m.polity':
                'mandate m\nmandate n\nrole regulates "Makes the rules" exclusive\ninstitution A { supports m since 2010 }\n' +
                'institution B { reportedly leads n since 2014-03 }\ninstitution C {\n  established 1999..2001\n  contests n from 2015 to 2016\n}\n'
        });
        const forward = runCli(['diff', 'a', 'b'], { cwd: folders.dir });
        expect(forward.stderr).toBe('');
        expect(forward.stdout.split('\n')).toEqual([
            'Semantic diff: a → b',
            '',
            'Institutions',
            '  changed     C  established 2005 → 1999–2001  (b/m.polity:6)',
            '',
            'Roles',
            '  added       regulates  title "Makes the rules"; exclusive yes  (b/m.polity:3)',
            '',
            'Competences',
            '  changed     A supports m  role leads → supports  (b/m.polity:4)',
            '  changed     B reportedly leads n  certainty asserted → reportedly; period 2014 – present → 2014-03 – present  (b/m.polity:5)',
            '',
            'Contests',
            '  added       C contests n  period 2015 – 2016  (b/m.polity:8)',
            '',
            'Conflicts',
            "  appeared    C contested B's reported lead on 'n'  period 2015 – 2016; dispute not recorded  (b/m.polity:8)",
            '',
            '2 added, 3 changed; 1 conflict appeared',
            ''
        ]);
        const back = runCli(['diff', 'b', 'a', '--format', 'json'], { cwd: folders.dir });
        const changes = (JSON.parse(back.stdout) as { changes: { category: string; change: string; id: string; fields: unknown[] }[] })
            .changes;
        expect(changes.filter(c => ['contests', 'conflicts'].includes(c.category)).map(c => `${c.change} ${c.category} ${c.id}`)).toEqual([
            'removed contests C contests n',
            'removed conflicts n contested by C from B'
        ]);
        expect(changes.find(c => c.id === 'B leads n')!.fields).toEqual([
            { field: 'certainty', old: 'reportedly', new: 'asserted' },
            { field: 'period', old: '2014-03 – present', new: '2014 – present' }
        ]);
        folders.dispose();
    });

    it('compares two folders and warns, with file:line:col, about text it could not read', () => {
        const folders = new TempDir();
        folders.write({
            'a/m.polity': 'mandate cii\ninstitution A "Agency" { leads cii }\n',
            'b/m.polity': 'mandate cii\ninstitution A "Agency" { leads cii since 2020 }\ninstitution B {\n'
        });
        const r = runCli(['diff', 'a', 'b'], { cwd: folders.dir });
        expect(r.status).toBe(0);
        expect(r.stdout).toContain('  changed     A leads cii  period always → 2020 – present  (b/m.polity:2)');
        expect(r.stderr).toMatch(
            /^polity: warning: b has 1 syntax error\(s\) or unresolved name\(s\); the facts written there are left out:\n {2}b\/m\.polity:3:16: \[syntax\] /
        );
        folders.dispose();
    });

    it('refuses bad calls with exit 2 and one line', () => {
        const one = runCli(['diff', 'only-one'], { cwd: REPO });
        expect(one).toMatchObject({ status: 2, stdout: '' });
        expect(one.stderr).toMatch(/^polity: compare two files or folders .*; got 1 path\(s\)\n$/);
        expect(runCli(['diff', '--git', 'no-such-rev'], { cwd: repo.dir })).toMatchObject({
            status: 2,
            stderr: 'polity: no-such-rev: not a commit in this repository (try HEAD, HEAD~1, a branch or a tag)\n'
        });
        const plain = new TempDir();
        const outside = runCli(['diff', '--git', 'HEAD'], { cwd: plain.dir });
        expect(outside.status).toBe(2);
        expect(outside.stderr).toMatch(/^polity: .* is not in a git repository \(git rev-parse failed: fatal: not a git repository/);
        plain.dispose();
        expect(runCli(['diff', '--git-external', 'a', 'b'], { cwd: repo.dir })).toMatchObject({ status: 2 });
    });
});
