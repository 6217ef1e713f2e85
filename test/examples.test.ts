import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayName } from '../src/model/model.js';
import { TestWorkspace } from './helpers.js';

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

    it('without its dispute lines, every recorded overlap is a conflict warning on both claims', async () => {
        const ws = await load('china-cyber', (name, text) => name === 'disputes.polity' ? 'model china.cyber\n' : text);
        const snapshot = ws.Polity.references.WorkspaceModel.snapshot;
        const conflicts = snapshot.findings.filter(f => f.code === 'conflict');
        expect(conflicts.length).toBeGreaterThanOrEqual(2 * 7);
        expect(snapshot.findings.filter(f => f.code === 'dispute')).toEqual([]);
        expect(conflicts.some(f => /^CAC and MPS both lead 'cii'/.test(f.message) || /^MPS and CAC both lead 'cii'/.test(f.message))).toBe(true);
    });

    it('every fact cites the report', async () => {
        const ws = await load('china-cyber');
        const { model } = ws.Polity.references.WorkspaceModel.snapshot;
        const uncited = [...model.claims, ...model.relations, ...model.disputes].filter(f => f.citations.length === 0);
        expect(uncited.map(f => JSON.stringify(f.loc))).toEqual([]);
    });
});

describe('the tutorial', () => {
    it('teaches every construct and checks with exactly one recorded dispute', async () => {
        const ws = await load('tutorial');
        const { model } = ws.Polity.references.WorkspaceModel.snapshot;
        expect(model.disputes).toHaveLength(1);
        expect(allCodes(ws).filter(c => c !== 'dispute')).toEqual([]);
        expect(new Set(model.claims.map(c => c.shared ? 'shares' : displayName(model, c.role)))).toEqual(new Set(['leads', 'shares', 'supports', 'coordinates']));
    });
});
