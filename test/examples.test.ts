import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestWorkspace, codeOf } from './helpers.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../examples');

async function load(folder: string, transform: (name: string, text: string) => string = (_, t) => t): Promise<TestWorkspace> {
    const files: Record<string, string> = {};
    for (const name of readdirSync(path.join(EXAMPLES, folder)).filter(n => n.endsWith('.polity'))) {
        files[name] = transform(name, readFileSync(path.join(EXAMPLES, folder, name), 'utf8'));
    }
    const ws = new TestWorkspace();
    await ws.open(files);
    return ws;
}

function allCodes(ws: TestWorkspace): string[] {
    return ws.services.shared.workspace.LangiumDocuments.all.filter(d => d.uri.scheme === 'file')
        .flatMap(d => ws.codes(d.uri.path.slice('/ws/'.length))).toArray();
}

describe('the flagship example', () => {
    it('checks clean: only the recorded disputes, as information', async () => {
        const ws = await load('china-cyber');
        const codes = allCodes(ws);
        expect(codes.length).toBeGreaterThan(0);
        expect(new Set(codes)).toEqual(new Set(['dispute']));
        const disputes = ws.Polity.references.WorkspaceModel.snapshot.model.disputes;
        const cii = disputes.find(d => d.mandate === 'china.cyber.cii');
        expect(cii?.parties.sort()).toEqual(['china.cyber.CAC', 'china.cyber.MPS']);
    });

    it('without its dispute lines, every recorded overlap is a conflict warning on both claims or a contest warning', async () => {
        const ws = await load('china-cyber', (name, text) => name === 'disputes.polity' ? 'model china.cyber\n' : text);
        const snapshot = ws.Polity.references.WorkspaceModel.snapshot;
        const conflicts = snapshot.findings.filter(f => f.code === 'conflict');
        const contests = snapshot.findings.filter(f => f.code === 'contest');
        // Five overlaps of two leads (CII; MIIT against the CAC on content and data, against the MPS on data and cybercrime).
        expect(conflicts.length).toBeGreaterThanOrEqual(2 * 5);
        expect(snapshot.findings.filter(f => f.code === 'dispute')).toEqual([]);
        expect(conflicts.some(f => /^CAC leads 'cii' and MPS reportedly leads it/.test(f.message))).toBe(true);
        // Every contest of the CAC's (data protection, the MLPS twice, cyber diplomacy) finds its holder.
        const contested = new Set(contests.map(f => `${f.loc.uri}:${f.loc.range.start.line}`));
        expect(contested.size).toBe(snapshot.model.contests.length);
        expect(contests.some(f => /^CAC contested MFA's lead on 'cyber-diplomacy'/.test(f.message))).toBe(true);
    });

    it('without the disputes over the MLPS, the CAC\'s lost bids for it are contest warnings on the contests', async () => {
        const mlpsDisputes = /^dispute mlps [^\n]*\n {2}"[^\n]*"\n/gm;
        const disputes = readFileSync(path.join(EXAMPLES, 'china-cyber', 'disputes.polity'), 'utf8');
        expect(disputes.match(mlpsDisputes)).toHaveLength(2);
        const ws = await load('china-cyber', (name, text) => name === 'disputes.polity' ? text.replace(mlpsDisputes, '') : text);
        const state = ws.document('state.polity').textDocument;
        const contests = ws.diagnostics('state.polity').filter(d => codeOf(d) === 'contest');
        const lines = contests.map(d => state.getText({ start: { line: d.range.start.line, character: 0 }, end: { line: d.range.start.line + 1, character: 0 } }).trim());
        expect(lines).toEqual(expect.arrayContaining([
            expect.stringMatching(/^contests mlps from 2014 to 2016 /),
            expect.stringMatching(/^allegedly contests mlps /)
        ]));
        expect(contests.every(d => d.severity === 2 && /^CAC .*contested MPS's lead on 'mlps'/.test(String(d.message)))).toBe(true);
        expect(allCodes(ws).filter(c => c !== 'dispute' && c !== 'contest')).toEqual([]);
    });

    it('every fact cites the report', async () => {
        const ws = await load('china-cyber');
        const { model } = ws.Polity.references.WorkspaceModel.snapshot;
        const uncited = [...model.claims, ...model.contests, ...model.relations, ...model.disputes].filter(f => f.citations.length === 0);
        expect(uncited.map(f => JSON.stringify(f.loc))).toEqual([]);
    });
});

describe('the tutorial', () => {
    it('teaches every construct and checks with exactly one recorded dispute', async () => {
        const ws = await load('tutorial');
        const { model } = ws.Polity.references.WorkspaceModel.snapshot;
        expect(model.disputes).toHaveLength(1);
        expect(allCodes(ws).filter(c => c !== 'dispute')).toEqual([]);
        expect(new Set(model.claims.map(c => c.role))).toEqual(new Set(['leads', 'shares', 'supports', 'coordinates']));
    });
});
