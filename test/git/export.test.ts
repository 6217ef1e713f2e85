import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelExport } from '../../src/model/export.js';
import { REPO, runCli } from '../cli/run-cli.js';
import { TempDir } from './repo.js';
import { modelSchema } from './schema.js';

const TUTORIAL = 'examples/tutorial';
const FLAGSHIP = 'examples/china-cyber';

function exported(...args: string[]): string {
    const r = runCli(['export', ...args], { cwd: REPO });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return r.stdout;
}

const exportedData = (...args: string[]) => JSON.parse(exported(...args)) as ModelExport;

/** The source line a location names, so a test can see that it points at the fact. */
function lineAt(place: { file: string; line: number }): string {
    return readFileSync(path.join(REPO, place.file), 'utf8').split('\n')[place.line - 1] ?? '';
}

describe('polity export --format json', () => {
    const validate = modelSchema();

    it('is valid against docs/model.schema.json, and the schema rejects what it should', () => {
        for (const input of [TUTORIAL, FLAGSHIP]) {
            expect(validate(exportedData(input, '--format', 'json'))).toEqual([]);
            expect(validate(exportedData(input, '--at', '2015'))).toEqual([]);
        }
        const data = exportedData(TUTORIAL);
        expect(data.schema).toBe('polity/model@2');
        expect(validate({ ...data, schema: 'polity/model@1' })).not.toEqual([]);
        // An asserted fact has no certainty: the field is absent, not 'asserted'.
        expect(validate({ ...data, competences: [{ ...data.competences[0], certainty: 'asserted' }] })).not.toEqual([]);
        expect(
            validate({ ...data, competences: [{ ...data.competences[0], period: { start: '2014', end: null, by: false } }] })
        ).not.toEqual([]);
        expect(validate({ ...data, institutions: [{ ...data.institutions[0], location: { file: 'a.polity', line: 0 } }] })).not.toEqual([]);
    });

    it('carries 0.2 facts: roles, contests, certainty, carve-outs, several parents, dated kinds and uncertain dates as shown', () => {
        const folder = new TempDir();
        try {
            folder.write({
                'm.polity': [
                    'role regulates "Regulator" exclusive',
                    'mandate energy',
                    'mandate transport',
                    'mandate pipelines within energy, transport { mandate valves }',
                    'institution CCCI {',
                    '  kind leading-group until 2018-03',
                    '  kind party-commission since 2018-03',
                    '}',
                    'institution DOE {',
                    '  established 1999..2001',
                    '  regulates pipelines except valves by 2003',
                    '}',
                    'institution DOT {',
                    '  established circa 1967',
                    '  allegedly contests pipelines',
                    '}',
                    'DOT reportedly part-of DOE'
                ].join('\n')
            });
            const data = exportedData(folder.dir);
            expect(validate(data)).toEqual([]);
            expect(data.roles).toEqual([expect.objectContaining({ key: 'regulates', exclusive: true, builtin: false })]);
            expect(data.competences).toEqual([
                expect.objectContaining({
                    role: 'regulates',
                    verb: 'regulates',
                    except: ['valves'],
                    period: { start: expect.objectContaining({ text: '2003' }), end: null, by: true }
                })
            ]);
            expect(data.competences[0]).not.toHaveProperty('certainty');
            expect(data.contests).toEqual([
                expect.objectContaining({ id: 'contest-1', institution: 'DOT', mandate: 'pipelines', certainty: 'alleged' })
            ]);
            expect(data.relations).toEqual([
                expect.objectContaining({ kind: 'polity.part-of', hierarchical: true, upward: true, certainty: 'reported' })
            ]);
            expect(data.mandates.find(m => m.key === 'pipelines')).toMatchObject({ parent: 'energy', parents: ['energy', 'transport'] });
            const [ccci, doe, dot] = data.institutions;
            expect(ccci).toMatchObject({
                kind: 'polity.party-commission',
                sphere: 'party',
                kinds: [
                    { kind: 'polity.leading-group', period: { start: null, end: { text: '2018-03' }, by: false } },
                    { kind: 'polity.party-commission', period: { start: { text: '2018-03' }, end: null, by: false } }
                ]
            });
            expect([doe?.lifetime.start?.text, dot?.lifetime.start?.text]).toEqual(['1999–2001', 'c. 1967']);
            expect(exportedData(folder.dir, '--at', '2017').institutions[0]).toMatchObject({ kind: 'polity.leading-group' });
        } finally {
            folder.dispose();
        }
    });

    it('round-trips: parsing and writing it again gives the same bytes, and every reference resolves within it', () => {
        const text = exported(FLAGSHIP);
        const data = JSON.parse(text) as ModelExport;
        expect(`${JSON.stringify(data, null, 2)}\n`).toBe(text);
        const keys = new Set(
            [...data.institutions, ...data.mandates, ...data.sources, ...data.kinds, ...data.roles, ...data.relationKinds].map(d => d.key)
        );
        const competences = new Map(data.competences.map(c => [c.id, c]));
        const disputes = new Set(data.disputes.map(d => d.id));
        for (const c of data.competences)
            expect([c.institution, c.mandate, c.role, ...c.with, ...c.except].filter(k => !keys.has(k))).toEqual([]);
        for (const r of data.relations) expect([r.subject, r.kind, r.target].filter(k => !keys.has(k))).toEqual([]);
        for (const conflict of data.conflicts) {
            const [a, b] = conflict.competences.map(id => competences.get(id)!);
            expect([a?.institution, b?.institution]).toEqual(conflict.institutions);
            expect(conflict.disputes.every(id => disputes.has(id))).toBe(true);
        }
        expect(
            data.conflicts.some(
                c => c.description === "CAC leads 'cii' and MPS reportedly leads it (2020 – present)" && c.disputes.length > 0
            )
        ).toBe(true);
    });

    it('gives each fact the file and line where it is written', () => {
        const data = exportedData(TUTORIAL);
        const dpa = data.institutions.find(i => i.key === 'tutorial.DPA')!;
        expect(dpa).toMatchObject({
            name: 'DPA',
            path: 'DPA',
            model: 'tutorial',
            title: 'Data Protection Authority',
            kind: 'tutorial.regulator',
            sphere: 'state',
            parent: null,
            lifetime: { start: { text: '2018', earliest: '2018-01-01', latest: '2018-01-01', circa: false }, end: null, by: false },
            location: { file: 'examples/tutorial/tutorial.polity' }
        });
        expect(lineAt(dpa.location)).toMatch(/^institution DPA /);
        for (const c of data.competences) expect(lineAt(c.location)).toContain(c.verb);
        for (const d of data.disputes) expect(lineAt(d.location)).toMatch(/^dispute /);
        const police = data.competences.find(c => c.institution === 'tutorial.Police')!;
        expect(police).toMatchObject({
            role: 'polity.leads',
            verb: 'leads',
            mandate: 'tutorial.privacy',
            period: { start: { text: '2020' }, end: { text: '2024' }, by: false },
            effective: { start: { text: '2020' }, end: { text: '2024' } }
        });
        expect('certainty' in police).toBe(false);
        expect(police.citations).toEqual([{ source: 'tutorial.whitepaper', name: 'whitepaper', locator: 'Chapter 6' }]);
    });

    it('keeps only the facts holding on the --at date', () => {
        const before = exportedData(TUTORIAL, '--at', '2017');
        expect(before.at).toBe('2017');
        expect(before.institutions.map(i => i.name)).toEqual(['MDA', 'CERT', 'STAT', 'Police', 'Council']);
        expect(before.competences.some(c => c.institution === 'tutorial.Police')).toBe(false);
        expect(before.conflicts).toEqual([]);
        const during = exportedData(TUTORIAL, '--at', '2021-06');
        expect(during.conflicts.map(c => c.description)).toEqual(["DPA and Police both lead 'privacy' (2020 – 2024)"]);
        expect(during.relations.map(r => `${r.subject} ${r.kind} ${r.target}`)).toEqual(['tutorial.MDA tutorial.funds tutorial.DPA']);
    });
});

/** Every 0.2 construct an export carries: roles, with/except, several parents, dated kinds, uncertain dates, certainty, contests, part-of. */
const MODEL_02 = `model demo
source s "Report"
role regulates "Makes the rules" exclusive
mandate e "Energy"
mandate t "Transport"
mandate p "Pipelines" within e, t
mandate q "Pipeline privacy" within p
institution A "Agency" {
  kind agency until 2003
  kind ministry since 2003
  established 1999..2001
  regulates p except q since 2005 [s "p. 1"]
  leads e with B
}
institution B "Bureau" {
  established circa 2002
  reportedly regulates p by 2010
  leads e
}
institution C "Commission" {
  contests p from 2011 to 2013 [s "p. 2"]
}
dispute p between A, B since 2010
C allegedly part-of A since 2014
`;

describe('polity export of a 0.2 model', () => {
    const validate = modelSchema();
    let folder: TempDir;
    beforeAll(() => {
        folder = new TempDir();
        folder.write({ 'm.polity': MODEL_02 });
    });
    afterAll(() => folder.dispose());
    const run = (...args: string[]) => {
        const r = runCli(['export', '.', ...args], { cwd: folder.dir });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        return r.stdout;
    };
    const data = (...args: string[]) => JSON.parse(run('--format', 'json', ...args)) as ModelExport;

    it('carries roles, certainty, with/except, parents, dated kinds, uncertain dates, contests and part-of, valid against the schema', () => {
        const all = data();
        expect(validate(all)).toEqual([]);
        expect(all.roles).toEqual([
            {
                key: 'demo.regulates',
                name: 'regulates',
                model: 'demo',
                title: 'Makes the rules',
                exclusive: true,
                builtin: false,
                location: { file: 'm.polity', line: 3 }
            },
            {
                key: 'polity.leads',
                name: 'leads',
                model: 'polity',
                title: expect.any(String),
                exclusive: true,
                builtin: true,
                location: null
            }
        ]);
        expect(all.relationKinds).toEqual([
            expect.objectContaining({ key: 'polity.part-of', hierarchical: true, upward: true, containment: true, builtin: true })
        ]);
        expect(all.mandates.find(m => m.name === 'p')).toMatchObject({ parent: 'demo.e', parents: ['demo.e', 'demo.t'] });
        const a = all.institutions.find(i => i.name === 'A')!;
        expect(a.kinds).toEqual([
            {
                kind: 'polity.agency',
                period: { start: null, end: { text: '2003', earliest: '2003-01-01', latest: '2003-01-01', circa: false }, by: false }
            },
            {
                kind: 'polity.ministry',
                period: { start: { text: '2003', earliest: '2003-01-01', latest: '2003-01-01', circa: false }, end: null, by: false }
            }
        ]);
        expect(a.lifetime.start).toEqual({ text: '1999–2001', earliest: '1999-01-01', latest: '2001-12-31', circa: false });
        expect(all.institutions.find(i => i.name === 'B')!.lifetime.start).toEqual({
            text: 'c. 2002',
            earliest: '2002-01-01',
            latest: '2002-01-01',
            circa: true
        });
        const [regulates, leadsWith, reported] = all.competences;
        expect(regulates).toMatchObject({
            institution: 'demo.A',
            role: 'demo.regulates',
            verb: 'regulates',
            mandate: 'demo.p',
            with: [],
            except: ['demo.q']
        });
        expect(regulates).not.toHaveProperty('certainty');
        expect(leadsWith).toMatchObject({ role: 'polity.leads', verb: 'leads', with: ['demo.B'], except: [] });
        expect(reported).toMatchObject({
            institution: 'demo.B',
            certainty: 'reported',
            period: { start: { text: '2010' }, end: null, by: true },
            effective: { start: { text: '2010' }, end: null, by: true }
        });
        expect(all.contests).toEqual([
            expect.objectContaining({
                id: 'contest-1',
                institution: 'demo.C',
                mandate: 'demo.p',
                holders: [
                    expect.objectContaining({
                        competence: regulates?.id,
                        institution: 'demo.A',
                        description: "C contested A's 'regulates' role on 'p' (2011 – 2013)",
                        disputes: []
                    }),
                    expect.objectContaining({
                        competence: reported?.id,
                        institution: 'demo.B',
                        description: "C contested B's reported 'regulates' role on 'p' (2011 – 2013)",
                        disputes: []
                    })
                ],
                citations: [{ source: 'demo.s', name: 's', locator: 'p. 2' }]
            })
        ]);
        expect(all.relations).toEqual([
            expect.objectContaining({
                subject: 'demo.C',
                kind: 'polity.part-of',
                target: 'demo.A',
                certainty: 'alleged',
                hierarchical: true,
                upward: true
            })
        ]);
        expect(all.conflicts.map(c => [c.description, c.disputes])).toEqual([
            ["A regulates 'p' and B reportedly regulates it (2010 – present)", ['dispute-1']]
        ]);
    });

    it('gives the kind of the --at date, and keeps what possibly held then', () => {
        const early = data('--at', '2002');
        expect(validate(early)).toEqual([]);
        expect(early.institutions.find(i => i.name === 'A')).toMatchObject({ kind: 'polity.agency', sphere: 'state' });
        // B's claim started by 2010, at some unknown time: in 2008 it possibly held.
        expect(data('--at', '2008').competences.map(c => `${c.institution} ${c.verb} ${c.mandate}`)).toContain('demo.B regulates demo.p');
        expect(data('--at', '2010').institutions.find(i => i.name === 'A')).toMatchObject({ kind: 'polity.ministry' });
    });

    it('shows roles, certainty, with/except, contests and dates as written in the Markdown report and CSV matrix', () => {
        const report = run('--format', 'markdown');
        const cells = (start: string) =>
            report
                .split('\n')
                .find(line => line.startsWith(`| ${start} |`))!
                .slice(2, -2)
                .split(' | ');
        const header = cells('Mandate');
        const cell = (label: string, institution: string) => cells(label)[header.indexOf(institution)];
        expect(cell('e, t › p', 'A')).toBe('regulates except q (2005 – present) ⚠⚑');
        expect(cell('e, t › p', 'B')).toBe('reportedly regulates (by 2010) ⚠⚑');
        expect(cell('e, t › p', 'C')).toBe('contests (2011 – 2013) ⚠');
        expect(cell('e', 'A')).toBe('leads with B (1999–2001 – present)');
        expect(cell('e', 'B')).toBe('leads (c. 2002 – present)');
        expect(report).toContain('| **A** | Agency | agency (until 2003); ministry (2003 – present) | state |');
        expect(report).toContain(
            '## Contests\n\n- **C contests p** (2011 – 2013) (`m.polity:21`): s, p. 2\n' +
                "  - C contested A's 'regulates' role on 'p' (2011 – 2013) — ⚠ undeclared\n" +
                "  - C contested B's reported 'regulates' role on 'p' (2011 – 2013) — ⚠ undeclared\n"
        );
        expect(report).toContain('  - B reportedly regulates p (`m.polity:17`)');
        const csv = run('--format', 'csv').split('\r\n');
        expect(csv[0]).toBe('mandate,parent,A,B,C');
        expect(csv).toContain('p,"e, t",regulates except q (2005 – present) ⚠⚑,reportedly regulates (by 2010) ⚠⚑,contests (2011 – 2013) ⚠');
    });
});

describe('polity export --format markdown and csv', () => {
    it('pins the tutorial report and competence matrix', async () => {
        await expect(exported(TUTORIAL, '--format', 'markdown')).toMatchFileSnapshot('fixtures/tutorial-report.md');
        await expect(exported(TUTORIAL, '--format', 'csv')).toMatchFileSnapshot('fixtures/tutorial-matrix.csv');
    });

    it('writes RFC 4180 CSV: CRLF records, quotes only where needed, doubled inside', () => {
        const folder = new TempDir();
        folder.write({
            'm.polity': 'mandate m "M"\ninstitution A { shares m with B, C }\ninstitution B { leads m }\ninstitution C { leads m }\n'
        });
        const r = runCli(['export', '.', '--format', 'csv'], { cwd: folder.dir });
        folder.dispose();
        expect(r.stdout).toBe('mandate,parent,A,B,C\r\nm,,"shares with B, C (always)",leads (always) ⚠,leads (always) ⚠\r\n');
    });

    it('marks the CAC–MPS overlaps in the flagship matrix as recorded disputes', () => {
        const report = exported(FLAGSHIP, '--format', 'markdown');
        const header = report
            .split('\n')
            .find(line => line.startsWith('| Mandate |'))!
            .split(' | ');
        const row = report
            .split('\n')
            .find(line => line.startsWith('| cybersecurity › cii |'))!
            .split(' | ');
        expect(row[header.indexOf('CAC')]).toBe('leads (2016 – present) ⚑');
        // The MPS's claim is hedged and dated as the report has it: `reportedly leads cii by 2020`.
        expect(row[header.indexOf('MPS')]).toMatch(/^(?=.*(reportedly|\?))(?=.*by 2020).* ⚑$/);
    });

    it('gives the same bytes on every run, to stdout or to a file', () => {
        const folder = new TempDir();
        for (const format of ['json', 'markdown', 'csv']) {
            const first = exported(FLAGSHIP, '--format', format);
            expect(exported(FLAGSHIP, '--format', format)).toBe(first);
            const file = path.join(folder.dir, `out.${format}`);
            expect(runCli(['export', FLAGSHIP, '--format', format, '-o', file], { cwd: REPO })).toMatchObject({ status: 0, stdout: '' });
            expect(readFileSync(file, 'utf8')).toBe(first);
        }
        folder.dispose();
    });

    it('refuses a date that does not exist', () => {
        expect(runCli(['export', TUTORIAL, '--at', '2014-13'], { cwd: REPO })).toMatchObject({
            status: 2,
            stdout: '',
            stderr: 'polity: --at 2014-13: not a date; write YYYY, YYYY-MM or YYYY-MM-DD\n'
        });
    });
});
