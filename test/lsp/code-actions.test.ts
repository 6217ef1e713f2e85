import type { CodeAction } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { codeOf, TestWorkspace } from '../helpers.js';
import { applyEdit } from './workspace-edits.js';

/** A workspace of `files`, and the quick fixes offered for the diagnostics of `code` in `name`. */
async function fixes(
    files: Record<string, string>,
    name: string,
    code: string,
    which = 0
): Promise<{ ws: TestWorkspace; actions: CodeAction[] }> {
    const ws = new TestWorkspace();
    await ws.open(files);
    const diagnostic = ws.diagnostics(name).filter(d => codeOf(d) === code)[which];
    if (!diagnostic) throw new Error(`no '${code}' diagnostic in ${name}: ${ws.codes(name).join(', ')}`);
    const document = ws.document(name);
    const actions = (await ws.Polity.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] }
    })) as CodeAction[];
    return { ws, actions };
}

/** Applies the action titled `title` and returns the edited texts. */
async function apply(ws: TestWorkspace, actions: CodeAction[], title: string): Promise<Record<string, string>> {
    const action = actions.find(a => a.title === title);
    if (!action) throw new Error(`no action '${title}' among: ${actions.map(a => a.title).join(' | ')}`);
    return applyEdit(ws, action.edit);
}

describe('quick fixes: unresolved', () => {
    const files = { 'model.polity': 'mandate cii\ninstitution CAC\ninstitution MPS {\n  leads ci\n  oversees CACC\n  kind ministri\n}\n' };

    it('replaces a misspelt name with a suggestion', async () => {
        const { ws, actions } = await fixes(files, 'model.polity', 'unresolved', 1);
        expect(actions.map(a => a.title)).toEqual(["Replace with 'CAC'", "Declare institution 'CACC'"]);
        expect(actions[0]?.isPreferred).toBe(true);
        const texts = await apply(ws, actions, "Replace with 'CAC'");
        expect(texts['model.polity']).toContain('  oversees CAC\n');
        // Left: the other two misspellings, and cii, which nothing uses until `ci` is fixed.
        expect(ws.codes('model.polity')).toEqual(['unresolved', 'unresolved', 'unused']);
    });

    it('declares a missing institution or mandate at the end of the file', async () => {
        const institution = await fixes(files, 'model.polity', 'unresolved', 1);
        const texts = await apply(institution.ws, institution.actions, "Declare institution 'CACC'");
        expect(texts['model.polity']?.endsWith('}\n\ninstitution CACC\n')).toBe(true);
        expect(institution.ws.codes('model.polity')).toEqual(['unresolved', 'unresolved', 'unused']);

        const mandate = await fixes(files, 'model.polity', 'unresolved', 0);
        expect(mandate.actions.map(a => a.title)).toEqual(["Replace with 'cii'", "Declare mandate 'ci'"]);
        await apply(mandate.ws, mandate.actions, "Declare mandate 'ci'");
        expect(mandate.ws.codes('model.polity')).toEqual(['unresolved', 'unresolved', 'unused']);
    });

    it('only suggests for a kind, which needs a sphere to be declared', async () => {
        const { actions } = await fixes(files, 'model.polity', 'unresolved', 2);
        expect(actions.map(a => a.title)).toEqual(["Replace with 'ministry'"]);
    });
});

describe('quick fixes: conflict', () => {
    const files = {
        'mandates.polity': 'model m\nmandate cii\nmandate data\nsource s',
        'a.polity': 'model m\ninstitution A {\n  leads cii since 2016 [s "p. 1"]\n}\n',
        'b.polity': 'model m\ninstitution B {\n  leads cii\n}\n',
        'disputes.polity': 'model m\n// Recorded overlaps.\ndispute data between A, B\n  "Old finding."\n\n// End.\n',
        'more.polity': 'model m\ninstitution A2 { leads data }\ninstitution B2 { leads data }\ndispute data between A2, B2\n'
    };

    it('records the conflict as a dispute after the last one in the file with most disputes', async () => {
        const { ws, actions } = await fixes(files, 'a.polity', 'conflict');
        expect(actions.map(a => a.title)).toEqual([
            'Record as a dispute: dispute cii between A, B',
            "Make it 'shares cii with B'",
            "Mark it as reported: 'reportedly leads cii'"
        ]);
        const texts = await apply(ws, actions, 'Record as a dispute: dispute cii between A, B');
        expect(texts['disputes.polity']).toBe(
            'model m\n// Recorded overlaps.\ndispute data between A, B\n  "Old finding."\ndispute cii between A, B\n\n// End.\n'
        );
        expect(ws.codes('a.polity')).toEqual(['dispute']);
        expect(ws.codes('b.polity')).toEqual(['dispute']);
    });

    it("names joint holders with a role of the model's own, keeping its name, its hedge and its subject", async () => {
        const files = {
            'r.polity':
                'role regulates exclusive\nmandate m\ninstitution A\ninstitution B { regulates m }\nA reportedly regulates m since 2016\n'
        };
        const { ws, actions } = await fixes(files, 'r.polity', 'conflict', 0);
        expect(actions.map(a => a.title)).toEqual(['Record as a dispute: dispute m between A, B', "Make it 'regulates m with B'"]);
        const texts = await apply(ws, actions, "Make it 'regulates m with B'");
        expect(texts['r.polity']).toContain('\nA reportedly regulates m with B since 2016\n');
        expect(ws.codes('r.polity')).toEqual([]);
    });

    it('records a contest as a dispute', async () => {
        const files = { 'c.polity': 'mandate mlps\ninstitution MPS { leads mlps }\ninstitution CAC { contests mlps since 2014 }\n' };
        const { ws, actions } = await fixes(files, 'c.polity', 'contest');
        expect(actions.map(a => a.title)).toEqual(['Record as a dispute: dispute mlps between CAC, MPS']);
        await apply(ws, actions, 'Record as a dispute: dispute mlps between CAC, MPS');
        expect(ws.codes('c.polity')).toEqual(['dispute', 'dispute']);
    });

    it('records the dispute in the current file when the model has none', async () => {
        const { ws, actions } = await fixes(
            { 'one.polity': 'mandate cii\ninstitution A { leads cii }\ninstitution B { leads cii }' },
            'one.polity',
            'conflict',
            1
        );
        const texts = await apply(ws, actions, 'Record as a dispute: dispute cii between A, B');
        expect(texts['one.polity']).toBe(
            'mandate cii\ninstitution A { leads cii }\ninstitution B { leads cii }\n\ndispute cii between A, B\n'
        );
        expect(ws.codes('one.polity')).toEqual(['dispute', 'dispute', 'dispute']);
    });

    it('turns a leading claim into a share with the other side, keeping its period and citations', async () => {
        const { ws, actions } = await fixes(files, 'a.polity', 'conflict');
        const texts = await apply(ws, actions, "Make it 'shares cii with B'");
        expect(texts['a.polity']).toBe('model m\ninstitution A {\n  shares cii with B since 2016 [s "p. 1"]\n}\n');
        expect(ws.codes('a.polity')).toEqual([]);
        expect(ws.codes('b.polity')).toEqual([]);
    });

    it('splits the conflicting mandate out of a claim on several', async () => {
        const split = {
            'mandates.polity': files['mandates.polity'],
            'a.polity': 'model m\ninstitution A {\n  leads data, cii since 2016 [s "p. 1"]\n}\n',
            'b.polity': files['b.polity']
        };
        const { ws, actions } = await fixes(split, 'a.polity', 'conflict');
        const texts = await apply(ws, actions, "Make it 'shares cii with B'");
        expect(texts['a.polity']).toBe(
            'model m\ninstitution A {\n  leads data since 2016 [s "p. 1"]\n  shares cii with B since 2016 [s "p. 1"]\n}\n'
        );
        expect(ws.codes('a.polity')).toEqual([]);
        expect(ws.codes('b.polity')).toEqual([]);
    });

    it('adds the leader to a share that does not name it', async () => {
        const sharing = {
            'm.polity': 'mandate cii\ninstitution C\ninstitution A {\n  shares cii with C\n}\ninstitution B { leads cii }\n'
        };
        const { ws, actions } = await fixes(sharing, 'm.polity', 'conflict', 1);
        expect(actions.map(a => a.title)).toContain("Make it 'shares cii with B'");
        const texts = await apply(ws, actions, "Make it 'shares cii with B'");
        expect(texts['m.polity']).toContain('  shares cii with C, B\n');
        expect(ws.codes('m.polity')).toEqual(['one-sided-share']);
    });

    it('marks a claim the source only suggests as reported: the conflict stays, and says so', async () => {
        const hedged = {
            'h.polity':
                'mandate cii\ninstitution A { leads cii }\ninstitution B {\n  shares cii with C since 2016\n}\ninstitution C\nC leads cii\n'
        };
        const lines = hedged['h.polity'].split('\n');
        for (const [line, written, before, after] of [
            [1, 'leads cii', 'institution A { leads cii }', 'institution A { reportedly leads cii }'],
            [3, 'shares cii', '  shares cii with C since 2016', '  reportedly shares cii with C since 2016'],
            [6, 'leads cii', '\nC leads cii\n', '\nC reportedly leads cii\n']
        ] as const) {
            expect(lines[line]).toContain(before.trim());
            const probe = new TestWorkspace();
            await probe.open(hedged);
            const which = probe
                .diagnostics('h.polity')
                .filter(d => codeOf(d) === 'conflict')
                .findIndex(d => d.range.start.line === line);
            const { ws, actions } = await fixes(hedged, 'h.polity', 'conflict', which);
            const title = `Mark it as reported: 'reportedly ${written}'`;
            const texts = await apply(ws, actions, title);
            expect(texts['h.polity']).toBe(hedged['h.polity'].replace(before, after));
            // An uncertain fact still conflicts (LANGUAGE 0.2, section 3): the message now carries the hedge.
            expect(ws.codes('h.polity')).toContain('conflict');
            expect(
                ws
                    .diagnostics('h.polity')
                    .map(d => d.message)
                    .join('\n')
            ).toMatch(/reportedly (leads|shares)/);
        }
    });

    it('offers no hedge for a claim already reported', async () => {
        const { actions } = await fixes(
            { 'r.polity': 'mandate m\ninstitution A { allegedly leads m }\ninstitution B { leads m }\n' },
            'r.polity',
            'conflict',
            0
        );
        const offered = await fixes(
            { 'r.polity': 'mandate m\ninstitution A { allegedly leads m }\ninstitution B { leads m }\n' },
            'r.polity',
            'conflict',
            1
        );
        expect([actions, offered.actions].map(list => list.filter(a => a.title.startsWith('Mark it as reported')).length).sort()).toEqual([
            0, 1
        ]);
    });

    it('writes names qualified when they come from another model', async () => {
        const models = {
            'x.polity': 'model x\nmandate cii\ninstitution A { leads cii }',
            'y.polity': 'model y\ninstitution B { leads x.cii }'
        };
        const { ws, actions } = await fixes(models, 'y.polity', 'conflict');
        expect(actions.map(a => a.title)).toEqual([
            'Record as a dispute: dispute x.cii between x.A, B',
            "Make it 'shares x.cii with x.A'",
            "Mark it as reported: 'reportedly leads x.cii'"
        ]);
        await apply(ws, actions, "Make it 'shares x.cii with x.A'");
        expect(ws.codes('y.polity')).toEqual([]);
    });
});

describe('quick fixes: unused, stale dispute, one-sided share', () => {
    it('removes an unused declaration with its doc comment, whole lines', async () => {
        const files = {
            'm.polity': 'mandate cii\n/**\n * Never claimed.\n */\nmandate orphan "Orphan" // note\ninstitution A { leads cii }\n'
        };
        const { ws, actions } = await fixes(files, 'm.polity', 'unused');
        expect(actions.map(a => a.title)).toEqual(['Remove the unused declaration']);
        const texts = await apply(ws, actions, 'Remove the unused declaration');
        expect(texts['m.polity']).toBe('mandate cii\ninstitution A { leads cii }\n');
        expect(ws.codes('m.polity')).toEqual([]);
    });

    it('removes only the declaration when it shares its line', async () => {
        const files = { 'm.polity': 'mandate data { mandate orphan }\ninstitution A { leads data }\n' };
        const { ws, actions } = await fixes(files, 'm.polity', 'unused');
        const texts = await apply(ws, actions, 'Remove the unused declaration');
        expect(texts['m.polity']).toBe('mandate data {  }\ninstitution A { leads data }\n');
        expect(ws.codes('m.polity')).toEqual([]);
    });

    it('removes a stale dispute', async () => {
        const files = {
            'm.polity':
                'mandate cii\ninstitution A { leads cii }\ninstitution B { supports cii }\ndispute cii between A, B\n  "Settled long ago."\n'
        };
        const { ws, actions } = await fixes(files, 'm.polity', 'stale-dispute');
        const texts = await apply(ws, actions, 'Remove the stale dispute');
        expect(texts['m.polity']).toBe('mandate cii\ninstitution A { leads cii }\ninstitution B { supports cii }\n');
        expect(ws.codes('m.polity')).toEqual([]);
    });

    it('adds the missing claim to the partner of a share, in its own file', async () => {
        const shapes: [string, string][] = [
            ['institution B {\n  kind ministry\n}\n', 'institution B {\n  kind ministry\n  shares cii with A\n}\n'],
            ['institution B { kind ministry }\n', 'institution B { kind ministry shares cii with A }\n'],
            ['  institution B "Bee"\n', '  institution B "Bee" {\n    shares cii with A\n  }\n']
        ];
        for (const [before, after] of shapes) {
            const files = { 'a.polity': 'model m\nmandate cii\ninstitution A { shares cii with B }', 'b.polity': `model m\n${before}` };
            const { ws, actions } = await fixes(files, 'a.polity', 'one-sided-share');
            const texts = await apply(ws, actions, "Add 'shares cii with A' to B");
            expect(texts['b.polity']).toBe(`model m\n${after}`);
            expect(ws.codes('a.polity')).toEqual([]);
            expect(ws.codes('b.polity')).toEqual([]);
        }
    });
});
