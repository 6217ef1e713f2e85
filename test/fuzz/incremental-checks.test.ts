import { DocumentState } from 'langium';
import { describe, expect, it } from 'vitest';
import { generateWorkspace, seededRandom } from '../../bench/generate.js';
import type { PolityAstType } from '../../src/language/generated/ast.js';
import { runChecks } from '../../src/model/checks/index.js';
import { buildModel } from '../../src/model/model.js';
import type { Finding } from '../../src/model/types.js';
import { codeOf, TestWorkspace } from '../helpers.js';
import { scaledTimeout } from './budget.js';

/**
 * The server updates the workspace-wide findings after an edit instead of
 * computing them again (src/model/incremental.ts): conflicts are found again
 * only on the mandates the edit touched. These tests hold it to a fresh
 * build: after every edit, the findings equal, in the same order, those of
 * the batch checks on the same documents, and every file's diagnostics equal
 * a fresh workspace's.
 */

type Files = Record<string, string>;

function text(findings: readonly Finding[]): string[] {
    return findings.map(
        f =>
            `${f.loc.uri}:${f.loc.range.start.line}:${f.loc.range.start.character} ${f.severity} ${f.code} ${f.message} ${JSON.stringify(f.related)} ${JSON.stringify(f.data ?? null)}`
    );
}

function diagnostics(ws: TestWorkspace, files: Files): Record<string, string[]> {
    return Object.fromEntries(
        Object.keys(files).map(name => [
            name,
            ws
                .diagnostics(name)
                .map(d => `${codeOf(d)} ${JSON.stringify(d.range)} ${d.message} ${JSON.stringify(d.relatedInformation ?? [])}`)
        ])
    );
}

async function expectFresh(ws: TestWorkspace, files: Files, step: string): Promise<void> {
    const snapshot = ws.Polity.polity.WorkspaceModel.snapshot;
    expect(text(snapshot.findings), `${step}: findings`).toEqual(text(runChecks(buildModel(snapshot.model.documents))));
    const fresh = new TestWorkspace();
    await fresh.open(files);
    expect(diagnostics(ws, files), `${step}: diagnostics`).toEqual(diagnostics(fresh, files));
}

const mentions = (ws: TestWorkspace, name: string, code: string, what: string) =>
    ws.diagnostics(name).some(d => codeOf(d) === code && String(d.message).includes(what));

describe('incremental checks after an edit', () => {
    const BASE = {
        'mandates.polity': 'model x\nmandate data {\n  mandate privacy\n}\nmandate cii\nmandate energy',
        'a.polity': 'model x\ninstitution A {\n  leads privacy since 2010\n}',
        'b.polity': 'model x\ninstitution B {\n  leads energy since 2012\n}',
        'c.polity': 'model x\ninstitution C {\n  leads cii\n}'
    };

    it('shows a cross-file conflict in a file the edit did not touch, and takes it away again', async () => {
        const ws = new TestWorkspace();
        await ws.open(BASE);
        const files = { ...BASE, 'b.polity': BASE['b.polity'].replace('leads energy', 'leads data') };
        await ws.edit('b.polity', files['b.polity']);
        expect(mentions(ws, 'a.polity', 'conflict', "A leads 'privacy' and B leads 'data'")).toBe(true);
        await expectFresh(ws, files, 'conflict through the parent mandate');
        await ws.edit('b.polity', BASE['b.polity']);
        expect(ws.codes('a.polity')).toEqual([]);
        await expectFresh(ws, BASE, 'conflict gone');
    });

    it('finds the conflicts a change of the mandate tree makes, in files that were not edited', async () => {
        const ws = new TestWorkspace();
        await ws.open(BASE);
        const files = { ...BASE, 'mandates.polity': BASE['mandates.polity'].replace('mandate cii', 'mandate cii within energy') };
        await ws.edit('mandates.polity', files['mandates.polity']);
        expect(mentions(ws, 'c.polity', 'conflict', "'cii' is part of 'energy'")).toBe(true);
        expect(mentions(ws, 'b.polity', 'conflict', "'cii' is part of 'energy'")).toBe(true);
        await expectFresh(ws, files, 'cii within energy');
    });

    it('turns conflicts into disputes when a third file records one, and back when it goes', async () => {
        const conflicting = { ...BASE, 'c.polity': 'model x\ninstitution C {\n  leads privacy\n}' };
        const ws = new TestWorkspace();
        await ws.open(conflicting);
        expect(ws.codes('a.polity')).toEqual(['conflict']);
        const files = { ...conflicting, 'd.polity': 'model x\n' };
        await ws.open({ 'd.polity': files['d.polity'] });
        files['d.polity'] = 'model x\ndispute privacy between A, C';
        await ws.edit('d.polity', files['d.polity']);
        expect(ws.codes('a.polity')).toEqual(['dispute']);
        await expectFresh(ws, files, 'dispute recorded');
        files['d.polity'] = 'model x\n';
        await ws.edit('d.polity', files['d.polity']);
        expect(ws.codes('a.polity')).toEqual(['conflict']);
        await expectFresh(ws, files, 'dispute removed');
    });

    it('drops a conflict when an edit elsewhere makes one claimant part of the other, or ends its life', async () => {
        const conflicting = { ...BASE, 'c.polity': 'model x\ninstitution C {\n  leads privacy\n}' };
        const ws = new TestWorkspace();
        await ws.open(conflicting);
        const files = { ...conflicting, 'b.polity': `${BASE['b.polity']}\nA part-of C` };
        await ws.edit('b.polity', files['b.polity']);
        expect(ws.codes('a.polity')).toEqual([]);
        await expectFresh(ws, files, 'A part-of C');
        files['b.polity'] = BASE['b.polity'];
        files['c.polity'] = 'model x\ninstitution C {\n  established 1990\n  dissolved 2005\n  leads privacy\n}';
        await ws.edit('b.polity', files['b.polity']);
        await ws.edit('c.polity', files['c.polity']);
        expect(ws.codes('a.polity')).toEqual([]);
        await expectFresh(ws, files, 'C dissolved before A leads');
    });

    it('drops the conflict of a unit whose parent an edit elsewhere made part of the other claimant', async () => {
        const files: Files = {
            ...BASE,
            'a.polity': 'model x\ninstitution A {\n  leads privacy since 2010\n  unit U {\n    leads cii\n  }\n}'
        };
        const ws = new TestWorkspace();
        await ws.open(files);
        expect(mentions(ws, 'a.polity', 'conflict', "A.U and C both lead 'cii'")).toBe(true);
        files['b.polity'] = `${BASE['b.polity']}\nA part-of C`;
        await ws.edit('b.polity', files['b.polity']);
        expect(ws.codes('a.polity')).toEqual([]);
        await expectFresh(ws, files, 'A (and so A.U) part-of C');
    });

    it('shows the claim written first when two claims of one institution meet the same conflict and the edit swaps them', async () => {
        const claims = ['leads privacy', 'leads privacy since 2000'];
        const files = {
            ...BASE,
            'a.polity': `model x\ninstitution A {\n  ${claims.join('\n  ')}\n}`,
            'c.polity': 'model x\ninstitution C {\n  leads privacy since 2010\n}'
        };
        const ws = new TestWorkspace();
        await ws.open(files);
        files['a.polity'] = `model x\ninstitution A {\n  ${claims.reverse().join('\n  ')}\n}`;
        await ws.edit('a.polity', files['a.polity']);
        await expectFresh(ws, files, 'claims swapped');
    });

    it('moves the related locations in other files without validating those files again', async () => {
        const files: Files = {
            ...BASE,
            'c.polity': 'model x\ninstitution C {\n  leads privacy\n}',
            'd.polity': 'model x\ninstitution D {\n  leads privacy since 2015\n}'
        };
        const ws = new TestWorkspace();
        await ws.open(files);
        // Counted through public hooks: a check on every document's root, and the phase the server publishes on.
        const validated: string[] = [];
        const published: string[] = [];
        ws.Polity.validation.ValidationRegistry.register<PolityAstType>({
            Document: node => void validated.push(node.$document!.uri.path)
        });
        ws.services.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, doc => void published.push(doc.uri.path));
        const relatedLines = (name: string) =>
            ws
                .diagnostics(name)
                .flatMap(d =>
                    (d.relatedInformation ?? []).filter(r => r.location.uri.endsWith('/a.polity')).map(r => r.location.range.start.line)
                );
        expect(relatedLines('c.polity')).toEqual([2]);
        // Two lines above A's claim: C's and D's findings now point two lines lower in a.polity.
        files['a.polity'] = files['a.polity']!.replace('model x\n', 'model x\n// moved\n\n');
        await ws.edit('a.polity', files['a.polity']);
        expect(relatedLines('c.polity')).toEqual([4]);
        expect(relatedLines('d.polity')).toEqual([4]);
        expect(validated).toEqual(['/ws/a.polity']);
        expect(published.sort()).toEqual(['/ws/a.polity', '/ws/c.polity', '/ws/d.polity']);
        await expectFresh(ws, files, 'lines moved above a conflicting claim');
    });

    it('keeps the findings of the checks an edit did not touch as they were, and makes again those it did', async () => {
        const files: Files = {
            ...BASE,
            'c.polity': 'model x\ninstitution C {\n  leads cii\n}\ninstitution E\nC oversees E\nE oversees C',
            'd.polity':
                'model x\nmandate water\nmandate spare\ninstitution D {\n  established 2000\n  leads water since 1990\n  shares water with B\n}'
        };
        const ws = new TestWorkspace();
        await ws.open(files);
        const found = () => ws.Polity.polity.WorkspaceModel.snapshot.findings.filter(f => !f.loc.uri.endsWith('/a.polity'));
        const before = found();
        expect(before.map(f => f.code).sort()).toEqual(['cycle', 'cycle', 'one-sided-share', 'outside-lifetime', 'unused']);
        // An edit that names none of C, D, E, nor uses 'spare': their findings are the same objects, kept.
        files['a.polity'] = files['a.polity']!.replace('since 2010', 'since 2011');
        await ws.edit('a.polity', files['a.polity']);
        const after = found();
        expect(after).toHaveLength(before.length);
        after.forEach((f, i) => expect(f, f.code).toBe(before[i]));
        await expectFresh(ws, files, 'edit elsewhere');
        // An edit of what they read: D's lifetime, E's declaration; those are made again.
        files['d.polity'] = files['d.polity']!.replace('established 2000', 'established 1995');
        files['c.polity'] = files['c.polity']!.replace('institution E', 'institution E "Renamed"');
        await ws.edit('d.polity', files['d.polity']);
        await ws.edit('c.polity', files['c.polity']);
        expect(found().filter(f => before.includes(f))).toEqual([]);
        await expectFresh(ws, files, 'what the checks read changed');
    });

    it(
        'stays equal to a fresh build through random edits of a workspace full of conflicts',
        async () => {
            const { files: generated } = generateWorkspace({ institutions: 300, seed: 5, conflicts: true });
            const original: Files = Object.fromEntries(generated.map(f => [f.name, f.text]));
            const files: Files = { ...original };
            const names = Object.keys(files);
            const random = seededRandom(17);
            const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
            const all = (pattern: RegExp) => Object.values(files).flatMap(t => [...t.matchAll(pattern)].map(m => m[1]!));
            const mandates = () => all(/^\s*mandate (\S+)/gm);
            const institutions = () => all(/^institution (\S+)/gm);
            const year = () => 1985 + Math.floor(random() * 40);
            const period = () =>
                pick(['', ` since ${year()}`, ` until ${year()}`, ` from ${year()} to ${year() + 1 + Math.floor(random() * 10)}`]);
            /** A line added at the top of a random institution's block. */
            const inBlock = (text: string, line: string) => {
                const blocks = [...text.matchAll(/^institution \S+[^\n]*\{\n/gm)];
                if (blocks.length === 0) return text;
                const at = pick(blocks);
                const end = at.index + at[0].length;
                return `${text.slice(0, end)}  ${line}\n${text.slice(end)}`;
            };
            const lines = (text: string, change: (lines: string[], i: number) => void) => {
                const list = text.split('\n');
                change(list, 1 + Math.floor(random() * (list.length - 1)));
                return list.join('\n');
            };
            const mutations: [string, (text: string, name: string) => string][] = [
                ['add a claim', text => inBlock(text, `leads ${pick(mandates())}${period()}`)],
                ['add a shared claim', text => inBlock(text, `shares ${pick(mandates())} with ${pick(institutions())}${period()}`)],
                ['add a claim with except', text => inBlock(text, `leads ${pick(mandates())} except ${pick(mandates())}`)],
                ['add a contest', text => inBlock(text, `contests ${pick(mandates())}${period()}`)],
                ['change a lifetime', text => text.replace(/established \d{4}/, `established ${year()}`)],
                ['dissolve an institution', text => inBlock(text, `dissolved ${year()}`)],
                ['delete a line', text => lines(text, (list, i) => list.splice(i, 1))],
                // Every claim of the file moves: the related locations of findings in other files with it.
                ['add lines above everything', text => text.replace('\n', '\n// moved\n\n')],
                ['duplicate a line', text => lines(text, (list, i) => list.splice(i, 0, list[i]!))],
                [
                    'swap two lines',
                    text =>
                        lines(text, (list, i) => {
                            if (i + 1 < list.length) [list[i], list[i + 1]] = [list[i + 1]!, list[i]!];
                        })
                ],
                [
                    'record a dispute',
                    text => `${text}\ndispute ${pick(mandates())} between ${pick(institutions())}, ${pick(institutions())}${period()}\n`
                ],
                ['make one part of another', text => `${text}\n${pick(institutions())} part-of ${pick(institutions())}${period()}\n`],
                [
                    'put a mandate within another',
                    () => {
                        const mandate = pick(mandates());
                        files['common.polity'] = files['common.polity']!.replace(
                            new RegExp(`^(\\s*mandate ${mandate} "[^"]*")`, 'm'),
                            `$1 within ${pick(mandates())}`
                        );
                        return files['common.polity'];
                    }
                ],
                ['rename an institution', text => text.replace(/^institution (\S+) /m, 'institution $1x ')],
                [
                    'declare an institution',
                    text => `${text}\ninstitution New${Math.floor(random() * 1000)} {\n  leads ${pick(mandates())}${period()}\n}\n`
                ],
                // Hierarchy cycles (kept per component): a relation back up an existing `oversees` closes a loop.
                [
                    'close a hierarchy loop',
                    text => {
                        const [, a = pick(institutions()), b = pick(institutions())] = /^(\S+) oversees (\S+)/m.exec(text) ?? [];
                        return `${text}\n${b} oversees ${a}${period()}\n`;
                    }
                ],
                ['add an oversight', text => `${text}\n${pick(institutions())} oversees ${pick(institutions())}${period()}\n`],
                // People and posts: two holders of a single post at once, and holdings outside a lifetime.
                [
                    'declare a person holding a post',
                    text =>
                        `${text}\nperson Q${Math.floor(random() * 1000)} "Q" {\n  holds ${pick(['director', 'chair', 'deputy-director'])} of ${pick(institutions())}${period()}\n}\n`
                ],
                // Unused declarations: a mandate nothing claims yet, which later claims may use.
                ['declare a mandate', text => `${text}\nmandate extra${Math.floor(random() * 1000)} "Extra"\n`],
                ['undo', (_, name) => original[name]!]
            ];
            const ws = new TestWorkspace();
            await ws.open(files);
            for (let step = 0; step < 45; step++) {
                const [what, mutate] = pick(mutations);
                const name = what === 'put a mandate within another' ? 'common.polity' : pick(names);
                files[name] = mutate(files[name]!, name);
                await ws.edit(name, files[name]!);
                await expectFresh(ws, files, `step ${step}: ${what} in ${name}`);
            }
        },
        scaledTimeout(300_000)
    );
});
