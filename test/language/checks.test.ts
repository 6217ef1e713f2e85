import { describe, expect, it } from 'vitest';
import { checkText, TestWorkspace } from '../helpers.js';

/** Every check code: a model that triggers it and a near-identical one that must not. */
describe('checks', () => {
    const codes = async (text: string) => (await checkText(text)).codes;
    const messages = async (text: string) => (await checkText(text)).diagnostics.map(d => d.message);

    it('unresolved: suggests the closest names', async () => {
        const text = 'institution CAC {}\ninstitution TC260 {}\nCACC oversees TC260';
        expect(await codes(text)).toEqual(['unresolved']);
        expect((await messages(text))[0]).toBe("Unknown institution 'CACC'. Did you mean 'CAC'?");
        expect(await codes('institution CAC {}\ninstitution TC260 {}\nCAC oversees TC260')).toEqual([]);
    });

    it('unresolved: wrong type is not a match', async () => {
        expect(await codes('mandate cii\ninstitution A { kind cii }')).toEqual(['unresolved', 'unused']);
    });

    it('duplicate: across files of one model, with related information', async () => {
        const ws = new TestWorkspace();
        await ws.open({ 'a.polity': 'model m\ninstitution CAC', 'b.polity': 'model m\ninstitution CAC' });
        expect(ws.codes('a.polity')).toEqual(['duplicate']);
        const [d] = ws.diagnostics('b.polity');
        expect(d?.relatedInformation?.[0]?.location.uri).toBe(ws.uri('a.polity').toString());
        expect(d?.message).toContain("'CAC' is declared 2 times in model 'm'");
    });

    it('duplicate: many declarations of one name point to a few others, the later ones only to the first', async () => {
        const { diagnostics } = await checkText(Array.from({ length: 30 }, () => 'institution A').join('\n'));
        expect(diagnostics.map(d => d.relatedInformation?.length)).toEqual([10, ...Array<number>(29).fill(1)]);
        expect(diagnostics.slice(1).map(d => d.relatedInformation?.[0]?.location.range.start.line)).toEqual(Array<number>(29).fill(0));
        expect(diagnostics[0]?.message).toContain('and 19 more');
        expect(diagnostics[29]?.message).toBe(
            "'A' is declared 30 times in the default model (also at model.polity:1 and 28 more). Names are unique within a model: rename one or merge them."
        );
    });

    it('duplicate: not across models, and a model may redeclare a prelude name', async () => {
        const ws = new TestWorkspace();
        await ws.open({
            'a.polity': 'model m\ninstitution CAC',
            'b.polity': 'model n\ninstitution CAC\nkind ministry "Ministry (ours)" in state\ninstitution X { kind ministry }'
        });
        expect(ws.codes('a.polity')).toEqual([]);
        expect(ws.codes('b.polity')).toEqual([]);
    });

    it('cycle: hierarchical relations whose periods overlap', async () => {
        const base = 'institution A\ninstitution B\ninstitution C\nA oversees B\nB oversees C\n';
        expect(await codes(base + 'C oversees A')).toEqual(['cycle', 'cycle', 'cycle']);
        expect((await messages(base + 'C oversees A'))[0]).toContain('A → B → C → A');
        expect(await codes(base.replace('A oversees B', 'A oversees B until 2010') + 'C oversees A since 2010')).toEqual([]);
        expect(await codes(base + 'C advises A')).toEqual([]);
    });

    it('cycle: user-declared hierarchical relation kinds count, plain ones do not', async () => {
        expect(await codes('relation commands hierarchical\ninstitution A { commands B }\ninstitution B { commands A }')).toEqual([
            'cycle',
            'cycle'
        ]);
        expect(await codes('relation consults\ninstitution A { consults B }\ninstitution B { consults A }')).toEqual([]);
    });

    it('bad-period: end before start, dissolved before established', async () => {
        expect(await codes('mandate m\ninstitution A { leads m from 2016 to 2014 }')).toEqual(['bad-period']);
        expect(await codes('institution A {\n  established 2010\n  dissolved 2008\n}')).toEqual(['bad-period']);
        expect(await codes('mandate m\ninstitution A { leads m from 2014 to 2016 }')).toEqual([]);
        expect(await codes('mandate m\ninstitution A { leads m from 2014-06 to 2014-07 }')).toEqual([]);
    });

    it('bad-date: a month or day that does not exist', async () => {
        expect(await codes('institution A { established 2014-13 }')).toEqual(['bad-date']);
        expect(await codes('institution A { established 2015-02-29 }')).toEqual(['bad-date']);
        expect(await codes('institution A { established 2016-02-29 }')).toEqual([]);
    });

    describe('conflict', () => {
        it('same mandate, both lead: on both claims, naming both and the period', async () => {
            const { codes: c, diagnostics } = await checkText(
                'mandate cii\ninstitution CAC { leads cii since 2016 }\ninstitution MPS { leads cii }'
            );
            expect(c).toEqual(['conflict', 'conflict']);
            expect(diagnostics[0]?.message).toMatch(/^CAC and MPS both lead 'cii' \(2016 – present\)/);
            expect(diagnostics[0]?.relatedInformation).toHaveLength(1);
        });

        it('nested mandate conflicts with its parent', async () => {
            expect(
                await codes('mandate data { mandate personal }\ninstitution A { leads data }\ninstitution B { leads personal }')
            ).toEqual(['conflict', 'conflict']);
        });

        it('sibling mandates do not conflict', async () => {
            expect(
                await codes(
                    'mandate data { mandate personal mandate industrial }\ninstitution A { leads industrial }\ninstitution B { leads personal }'
                )
            ).toEqual([]);
        });

        it('a handover that touches does not overlap', async () => {
            expect(await codes('mandate m\ninstitution A { leads m until 2016 }\ninstitution B { leads m since 2016 }')).toEqual([]);
            expect(await codes('mandate m\ninstitution A { leads m until 2016-02 }\ninstitution B { leads m since 2016 }')).toEqual([
                'conflict',
                'conflict'
            ]);
        });

        it('shares … with: both ways is fine, one way naming the leader is fine, not naming it conflicts', async () => {
            expect(await codes('mandate m\ninstitution A { shares m with B }\ninstitution B { shares m with A }')).toEqual([]);
            expect(await codes('mandate m\ninstitution A { leads m }\ninstitution B { shares m with A }')).toEqual([]);
            expect(
                await codes('mandate m\ninstitution A { leads m }\ninstitution B { shares m with C }\ninstitution C { leads m }')
            ).toEqual(['conflict', 'conflict', 'conflict', 'conflict']);
        });

        it('supports and coordinates never conflict', async () => {
            expect(
                await codes('mandate m\ninstitution A { leads m }\ninstitution B { supports m }\ninstitution C { coordinates m }')
            ).toEqual([]);
        });

        it('units of one institution are exempt, also nested ones', async () => {
            expect(await codes('mandate m\ninstitution A {\n  leads m\n  unit U {\n    leads m\n    unit V { leads m }\n  }\n}')).toEqual(
                []
            );
        });

        it('lifetimes bound claims', async () => {
            expect(
                await codes('mandate m\ninstitution A {\n  dissolved 2014\n  leads m\n}\ninstitution B {\n  established 2014\n  leads m\n}')
            ).toEqual([]);
            expect(
                await codes('mandate m\ninstitution A {\n  dissolved 2015\n  leads m\n}\ninstitution B {\n  established 2014\n  leads m\n}')
            ).toEqual(['conflict', 'conflict']);
        });

        it('a second, separate overlap between the same two is its own finding', async () => {
            const text = 'mandate cii\ninstitution A {\n  leads cii until 2010\n  leads cii since 2015\n}\ninstitution B { leads cii }\n';
            expect(await codes(text)).toEqual(['conflict', 'conflict', 'conflict', 'conflict']);
            expect(await codes(text + 'dispute cii between A, B since 2016')).toEqual([
                'conflict',
                'conflict',
                'dispute',
                'dispute',
                'dispute'
            ]);
        });

        it('a claim repeated through a parent mandate is reported once', async () => {
            expect(
                await codes(
                    'mandate data { mandate personal }\ninstitution A {\n  leads data\n  leads personal\n}\ninstitution B { leads personal }'
                )
            ).toEqual(['conflict', 'conflict']);
        });
    });

    describe('dispute and stale-dispute', () => {
        const claims = 'mandate data { mandate personal }\ninstitution A { leads data }\ninstitution B { leads personal }\n';

        it('a matching dispute turns both warnings into information', async () => {
            expect(await codes(claims + 'dispute personal between A, B "x"')).toEqual(['dispute', 'dispute', 'dispute']);
        });

        it('a dispute on the enclosing mandate matches a conflict on a nested one', async () => {
            expect(await codes(claims + 'dispute data between B, A')).toEqual(['dispute', 'dispute', 'dispute']);
        });

        it('a dispute on a sibling part of the broader claim does not match', async () => {
            expect(
                await codes(
                    'mandate data {\n  mandate personal\n  mandate open\n}\ninstitution A { leads data }\ninstitution B { leads personal }\ndispute open between A, B'
                )
            ).toEqual(['conflict', 'conflict', 'stale-dispute']);
        });

        it('a dispute whose parties do not conflict is stale', async () => {
            expect(await codes(claims + 'institution C\ndispute data between A, C')).toEqual(['conflict', 'conflict', 'stale-dispute']);
        });

        it('a dispute whose period does not overlap the conflict is stale', async () => {
            expect(
                await codes(
                    'mandate m\ninstitution A { leads m since 2016 }\ninstitution B { leads m since 2016 }\ndispute m between A, B until 2015'
                )
            ).toEqual(['conflict', 'conflict', 'stale-dispute']);
        });
    });

    it('outside-lifetime: facts dated before establishment or after dissolution', async () => {
        expect(await codes('mandate m\ninstitution A {\n  established 2014\n  leads m since 2010\n}')).toEqual(['outside-lifetime']);
        expect(await codes('institution A {\n  dissolved 2014\n}\ninstitution B\nB oversees A since 2015')).toEqual(['outside-lifetime']);
        expect(await codes('mandate m\ninstitution A {\n  established 2014\n  leads m since 2014\n}')).toEqual([]);
        expect(await codes('mandate m\ninstitution A {\n  established 2014\n  leads m\n}')).toEqual([]);
    });

    it('one-sided-share: the partner claims nothing on the mandate', async () => {
        expect(await codes('mandate m\ninstitution A { shares m with B }\ninstitution B')).toEqual(['one-sided-share']);
        expect(await codes('mandate m\ninstitution A { shares m with B }\ninstitution B { supports m }')).toEqual([]);
    });

    it('self-relation', async () => {
        expect(await codes('institution A { advises A }')).toEqual(['self-relation']);
        expect(await codes('institution A\ninstitution B { advises A }')).toEqual([]);
    });

    it('unused: declared in the model and used by nothing; prelude declarations never', async () => {
        expect(await codes('mandate m\nsource s "S"\nkind k in state\nrelation r')).toEqual(['unused', 'unused', 'unused', 'unused']);
        expect(
            await codes(
                'mandate m { mandate n }\nsource s "S"\nkind k in state\nrelation r\ninstitution A {\n  kind k\n  leads n [s]\n  r B\n}\ninstitution B'
            )
        ).toEqual([]);
    });

    it('misplaced: one kind and one establishment per institution', async () => {
        expect(await codes('institution A {\n  kind ministry\n  kind bureau\n}')).toEqual(['misplaced']);
        expect(await codes('model polity\ninstitution A')).toEqual(['misplaced']);
        expect(await codes('model polity2\ninstitution A')).toEqual([]);
    });
});

describe('scoping', () => {
    it('qualified names reach other models; short names do not', async () => {
        const ws = new TestWorkspace();
        await ws.open({
            'a.polity': 'model china.cyber\ninstitution CAC\ninstitution MPS { unit Bureau11 }',
            'b.polity': 'model other\ninstitution X {\n  advises china.cyber.CAC\n  advises china.cyber.MPS.Bureau11\n}',
            'c.polity': 'model other2\ninstitution Y { advises CAC }'
        });
        expect(ws.codes('b.polity')).toEqual([]);
        expect(ws.codes('c.polity')).toEqual(['unresolved']);
    });

    it('units are reachable as Parent.Unit, and by their own name inside the parent', async () => {
        expect(
            (
                await checkText(
                    'institution MPS {\n  unit Bureau11\n  unit B2 { advises Bureau11 }\n}\ninstitution X { advises MPS.Bureau11 }'
                )
            ).codes
        ).toEqual([]);
        expect((await checkText('institution MPS { unit Bureau11 }\ninstitution X { advises Bureau11 }')).codes).toEqual(['unresolved']);
    });

    it("a model's own declaration wins over the prelude's", async () => {
        const ws = new TestWorkspace();
        await ws.open({ 'a.polity': 'model m\nrelation oversees "commands" hierarchical\ninstitution A { oversees B }\ninstitution B' });
        const snapshot = ws.Polity.polity.WorkspaceModel.snapshot;
        expect(snapshot.model.relations[0]?.kind).toBe('m.oversees');
    });

    it('the default model and named models are separate', async () => {
        const ws = new TestWorkspace();
        await ws.open({ 'a.polity': 'institution A', 'b.polity': 'model m\ninstitution B { advises A }' });
        expect(ws.codes('b.polity')).toEqual(['unresolved']);
    });
});

describe('cross-file findings stay fresh', () => {
    it('a conflict between two files disappears and reappears in both as either is edited', async () => {
        const ws = new TestWorkspace();
        await ws.open({
            'm.polity': 'model x\nmandate cii',
            'a.polity': 'model x\ninstitution A { leads cii }',
            'b.polity': 'model x\ninstitution B { leads cii }'
        });
        expect([ws.codes('a.polity'), ws.codes('b.polity')]).toEqual([['conflict'], ['conflict']]);
        await ws.edit('a.polity', 'model x\ninstitution A { supports cii }');
        expect([ws.codes('a.polity'), ws.codes('b.polity')]).toEqual([[], []]);
        await ws.edit('b.polity', 'model x\ninstitution B { supports cii }');
        await ws.edit('a.polity', 'model x\ninstitution A { leads cii }');
        await ws.edit('b.polity', 'model x\ninstitution B { leads cii }');
        expect([ws.codes('a.polity'), ws.codes('b.polity')]).toEqual([['conflict'], ['conflict']]);
    });

    it('a duplicate appears and disappears in both files', async () => {
        const ws = new TestWorkspace();
        await ws.open({ 'a.polity': 'model m\ninstitution A', 'b.polity': 'model m\ninstitution B' });
        await ws.edit('b.polity', 'model m\ninstitution A');
        expect(ws.codes('a.polity')).toEqual(['duplicate']);
        expect(ws.codes('b.polity')).toEqual(['duplicate']);
        await ws.edit('b.polity', 'model m\ninstitution B');
        expect(ws.codes('a.polity')).toEqual([]);
    });

    it('recording a dispute in a third file turns the warnings in two others into information', async () => {
        const ws = new TestWorkspace();
        await ws.open({
            'm.polity': 'model m\nmandate cii',
            'a.polity': 'model m\ninstitution A { leads cii }',
            'b.polity': 'model m\ninstitution B { leads cii }',
            'd.polity': 'model m\n'
        });
        expect(ws.codes('a.polity')).toEqual(['conflict']);
        await ws.edit('d.polity', 'model m\ndispute cii between A, B');
        expect(ws.codes('a.polity')).toEqual(['dispute']);
        expect(ws.codes('b.polity')).toEqual(['dispute']);
        expect(ws.codes('d.polity')).toEqual(['dispute']);
    });

    it('documents whose findings do not change are not validated again', async () => {
        const ws = new TestWorkspace();
        await ws.open({
            'm.polity': 'model m\nmandate cii\nmandate other',
            'a.polity': 'model m\ninstitution A { leads cii }',
            'b.polity': 'model m\ninstitution B { leads cii }',
            'c.polity': 'model m\ninstitution C { leads other }'
        });
        const validated: string[] = [];
        ws.services.shared.workspace.DocumentBuilder.onDocumentPhase(6 /* Validated */, doc => {
            validated.push(doc.uri.path);
        });
        await ws.edit('a.polity', 'model m\ninstitution A { supports cii }');
        expect(validated.sort()).toEqual(['/ws/a.polity', '/ws/b.polity']);
    });
});
