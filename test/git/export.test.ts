import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
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
    return readFileSync(path.join(REPO, place.file), 'utf8').split('\n')[place.line - 1];
}

describe('polity export --format json', () => {
    const validate = modelSchema();

    it('is valid against docs/model.schema.json, and the schema rejects what it should', () => {
        for (const input of [TUTORIAL, FLAGSHIP]) {
            expect(validate(exportedData(input, '--format', 'json'))).toEqual([]);
            expect(validate(exportedData(input, '--at', '2015'))).toEqual([]);
        }
        const data = exportedData(TUTORIAL);
        expect(validate({ ...data, schema: 'polity/model@2' })).not.toEqual([]);
        expect(validate({ ...data, competences: [{ ...data.competences[0], role: 'owns' }] })).not.toEqual([]);
        expect(validate({ ...data, institutions: [{ ...data.institutions[0], location: { file: 'a.polity', line: 0 } }] })).not.toEqual([]);
    });

    it('round-trips: parsing and writing it again gives the same bytes, and every reference resolves within it', () => {
        const text = exported(FLAGSHIP);
        const data = JSON.parse(text) as ModelExport;
        expect(`${JSON.stringify(data, null, 2)}\n`).toBe(text);
        const keys = new Set([...data.institutions, ...data.mandates, ...data.sources, ...data.kinds].map(d => d.key));
        const competences = new Map(data.competences.map(c => [c.id, c]));
        const disputes = new Set(data.disputes.map(d => d.id));
        for (const c of data.competences) expect([c.institution, c.mandate, ...c.partners].filter(k => !keys.has(k))).toEqual([]);
        for (const r of data.relations) expect([r.subject, r.target].filter(k => !keys.has(k))).toEqual([]);
        for (const conflict of data.conflicts) {
            const [a, b] = conflict.competences.map(id => competences.get(id)!);
            expect([a.institution, b.institution]).toEqual(conflict.institutions);
            expect(conflict.disputes.every(id => disputes.has(id))).toBe(true);
        }
        expect(data.conflicts.some(c => c.description === "CAC leads 'cii' and MPS reportedly leads it (2020 – present)" && c.disputes.length > 0)).toBe(true);
    });

    it('gives each fact the file and line where it is written', () => {
        const data = exportedData(TUTORIAL);
        const dpa = data.institutions.find(i => i.key === 'tutorial.DPA')!;
        expect(dpa).toMatchObject({
            name: 'DPA', path: 'DPA', model: 'tutorial', title: 'Data Protection Authority', kind: 'tutorial.regulator', sphere: 'state',
            parent: null, lifetime: { start: '2018', end: null }, location: { file: 'examples/tutorial/tutorial.polity' }
        });
        expect(lineAt(dpa.location)).toMatch(/^institution DPA /);
        for (const c of data.competences) expect(lineAt(c.location)).toContain(c.role);
        for (const d of data.disputes) expect(lineAt(d.location)).toMatch(/^dispute /);
        const police = data.competences.find(c => c.institution === 'tutorial.Police')!;
        expect(police).toMatchObject({ role: 'leads', mandate: 'tutorial.privacy', period: { start: '2020', end: '2024' }, effective: { start: '2020', end: '2024' } });
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

describe('polity export --format markdown and csv', () => {
    it('pins the tutorial report and competence matrix', async () => {
        await expect(exported(TUTORIAL, '--format', 'markdown')).toMatchFileSnapshot('fixtures/tutorial-report.md');
        await expect(exported(TUTORIAL, '--format', 'csv')).toMatchFileSnapshot('fixtures/tutorial-matrix.csv');
    });

    it('writes RFC 4180 CSV: CRLF records, quotes only where needed, doubled inside', () => {
        const folder = new TempDir();
        folder.write({ 'm.polity': 'mandate m "M"\ninstitution A { shares m with B, C }\ninstitution B { leads m }\ninstitution C { leads m }\n' });
        const r = runCli(['export', '.', '--format', 'csv'], { cwd: folder.dir });
        folder.dispose();
        expect(r.stdout).toBe('mandate,parent,A,B,C\r\nm,,"shares with B, C (always)",leads (always) ⚠,leads (always) ⚠\r\n');
    });

    it('marks the CAC–MPS overlaps in the flagship matrix as recorded disputes', () => {
        const report = exported(FLAGSHIP, '--format', 'markdown');
        const header = report.split('\n').find(line => line.startsWith('| Mandate |'))!.split(' | ');
        const row = report.split('\n').find(line => line.startsWith('| cybersecurity › cii |'))!.split(' | ');
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
            status: 2, stdout: '', stderr: 'polity: --at 2014-13: not a date; write YYYY, YYYY-MM or YYYY-MM-DD\n'
        });
    });
});
