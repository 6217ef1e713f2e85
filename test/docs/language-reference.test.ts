import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { codeOf, TestWorkspace } from '../helpers.js';

/**
 * The examples of the normative language reference (LANGUAGE.md), kept as our
 * own fixtures so the suite runs without it: each parses, and gives exactly the
 * diagnostics the reference specifies.
 */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const FIRST = fixture('first-model.polity');

/** Where `word` is written on the first line of `text` that contains `line`. */
function positionOf(text: string, line: string, word: string): { line: number; character: number } {
    const lines = text.split('\n');
    const index = lines.findIndex(l => l.includes(line));
    if (index < 0) throw new Error(`no line contains '${line}'`);
    const found = lines[index] ?? '';
    return { line: index, character: found.indexOf(word, found.indexOf(line)) };
}

const CAC_CII = positionOf(FIRST, 'leads cii since 2016', 'cii');
const MPS_CII = positionOf(FIRST, 'leads cii                       //', 'cii');
const DISPUTE = positionOf(FIRST, 'dispute cii between CAC, MPS', 'dispute');

const at = (d: Diagnostic) => d.range.start;
const relatedStarts = (d: Diagnostic) => (d.relatedInformation ?? []).map(r => r.location.range.start);

let ws: TestWorkspace;
afterEach(async () => {
    await ws.dispose();
});

async function open(files: Record<string, string>): Promise<TestWorkspace> {
    ws = new TestWorkspace();
    await ws.open(files);
    return ws;
}

describe('the first model of the language reference', () => {
    it('records the CAC–MPS overlap on cii as a dispute: information on both claims and the dispute, nothing else', async () => {
        const diagnostics = (await open({ 'first.polity': FIRST })).diagnostics('first.polity');
        expect(diagnostics.map(codeOf)).toEqual(['dispute', 'dispute', 'dispute']);
        expect(diagnostics.map(at)).toEqual(expect.arrayContaining([CAC_CII, MPS_CII, DISPUTE]));
        for (const claim of diagnostics.filter(d => at(d).line !== DISPUTE.line)) {
            expect(claim.message).toMatch(/^CAC and MPS both lead 'cii' \(2016 – present\): recorded as a dispute/);
            const other = at(claim).line === CAC_CII.line ? MPS_CII : CAC_CII;
            expect(relatedStarts(claim)).toEqual([other, DISPUTE]);
        }
    });

    it('turns into a conflict warning on both claims when the dispute is deleted', async () => {
        const withoutDispute = FIRST.slice(0, FIRST.indexOf('\ndispute cii'));
        const diagnostics = (await open({ 'first.polity': withoutDispute })).diagnostics('first.polity');
        expect(diagnostics.map(codeOf)).toEqual(['conflict', 'conflict']);
        expect(diagnostics.map(at)).toEqual(expect.arrayContaining([CAC_CII, MPS_CII]));
        for (const claim of diagnostics) {
            expect(claim.message).toMatch(/^CAC and MPS both lead 'cii' \(2016 – present\)\./);
            expect(relatedStarts(claim)).toEqual([at(claim).line === CAC_CII.line ? MPS_CII : CAC_CII]);
        }
    });
});

describe('the other examples of the language reference, as files of the first model', () => {
    const files = {
        'first.polity': FIRST,
        'views.polity': fixture('views.polity'),
        'person.polity': fixture('person.polity'),
        'lexical.polity': fixture('lexical.polity')
    };

    it('parse and link without any finding, leaving the first model as it was', async () => {
        await open(files);
        expect(ws.codes('first.polity')).toEqual(['dispute', 'dispute', 'dispute']);
        for (const name of ['views.polity', 'person.polity', 'lexical.polity']) {
            expect(ws.diagnostics(name).map(d => `${name}:${at(d).line + 1} [${codeOf(d)}] ${d.message}`)).toEqual([]);
        }
    });

    it('read doc comments, escaped Unicode strings, dates and qualified names as the reference says', async () => {
        await open(files);
        const model = ws.Polity.polity.WorkspaceModel.snapshot.model;
        const ccac = model.institutions.get('reference.lexical.CCAC')!;
        expect(ccac.doc).toContain('The Central Cyberspace Affairs Commission, under its Chinese name.');
        expect(ccac.title).toBe('中央网络安全和信息化委员会');
        expect(ccac.formerNames.map(f => [f.name, f.until?.date.text])).toEqual([
            ['Central "Leading Group" for Cybersecurity and Informatization \\ CLGCI', '2018-03-21']
        ]);
        expect(ccac.lifetime.start?.text).toBe('2018-03');
        expect(model.institutions.get('china.cyber.MPS.Bureau11')?.parent).toBe('china.cyber.MPS');
        const lexicalRelations = model.relations.filter(r => r.loc.uri.endsWith('lexical.polity'));
        expect(lexicalRelations.map(r => [r.subject, r.kind, r.target])).toEqual([
            ['reference.lexical.CCAC', 'polity.guides', 'china.cyber.MPS.Bureau11'],
            ['china.cyber.CAC', 'polity.office-of', 'reference.lexical.CCAC'],
            ['china.cyber.CAC', 'polity.oversees', 'china.cyber.TC260']
        ]);
    });
});
