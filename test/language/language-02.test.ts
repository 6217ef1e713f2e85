import { describe, expect, it } from 'vitest';
import { checkText, TestWorkspace } from '../helpers.js';

/** Polity 0.2: each new construct and check, triggered and not triggered, at the edges that matter. */
const codes = async (text: string) => (await checkText(text)).codes;
/** The findings without `unused` hints, for models that declare more than they use. */
const findings = async (text: string) => (await codes(text)).filter(code => code !== 'unused');
const messages = async (text: string) => (await checkText(text)).diagnostics.map(d => String(d.message));

async function modelOf(text: string) {
    const ws = new TestWorkspace();
    await ws.open({ 'model.polity': text });
    return ws.Polity.polity.WorkspaceModel.snapshot.model;
}

describe('declared roles', () => {
    const roles = 'role regulates "Regulator" exclusive\nrole risk-manages "Sector risk management agency" exclusive\nmandate nuclear\n';

    it('a regulator and a risk-management agency on one mandate do not conflict; two regulators do', async () => {
        expect(
            await codes(`${roles}institution NRC { regulates nuclear since 1975 }\ninstitution CISA { risk-manages nuclear since 2018-11 }`)
        ).toEqual([]);
        const two = `${roles}institution NRC { regulates nuclear since 1975 }\ninstitution DOE { regulates nuclear since 2018 }\ninstitution CISA { risk-manages nuclear }`;
        expect(await codes(two)).toEqual(['conflict', 'conflict']);
        expect((await messages(two))[0]).toMatch(/^DOE and NRC both regulate 'nuclear' \(2018 – present\)\./);
    });

    it('a role that is not exclusive never conflicts; a model may make a prelude role exclusive', async () => {
        expect(await codes('role audits "Audits"\nmandate m\ninstitution A { audits m }\ninstitution B { audits m }')).toEqual([]);
        expect(await codes('mandate m\ninstitution A { coordinates m }\ninstitution B { coordinates m }')).toEqual([]);
        expect(
            await codes('role coordinates "Ours" exclusive\nmandate m\ninstitution A { coordinates m }\ninstitution B { coordinates m }')
        ).toEqual(['conflict', 'conflict']);
    });

    it('competences at the top level after the institution mean the same as in a body', async () => {
        const text =
            'role risk-manages "Sector risk management agency" exclusive\nmandate nuclear\ninstitution CISA\ninstitution DOE\nCISA risk-manages nuclear since 2013\nDOE risk-manages nuclear';
        expect(await codes(text)).toEqual(['conflict', 'conflict']);
        const model = await modelOf(text);
        expect(model.claims.map(c => [c.institution, c.role, c.mandate])).toEqual([
            ['CISA', 'risk-manages', 'nuclear'],
            ['DOE', 'risk-manages', 'nuclear']
        ]);
    });

    it("'with' names joint holders: no conflict either way; 'shares M with X' is 'leads M with X'", async () => {
        expect(await codes('mandate m\ninstitution A { leads m with B }\ninstitution B { leads m }')).toEqual([]);
        expect(await codes('mandate m\ninstitution A { leads m }\ninstitution B { leads m with A }')).toEqual([]);
        expect(await codes('mandate m\ninstitution A { shares m with B }\ninstitution B { leads m }')).toEqual([]);
        // A names C only and C names A only, so B conflicts with both.
        expect(
            await codes('mandate m\ninstitution A { shares m with C }\ninstitution B { leads m }\ninstitution C { leads m with A }')
        ).toEqual(['conflict', 'conflict', 'conflict', 'conflict']);
        // Two `shares` never conflict, as in 0.1, even when neither names the other.
        expect(
            await codes(
                'mandate m\ninstitution A { shares m with C }\ninstitution B { shares m with D }\ninstitution C { shares m with A }\ninstitution D { shares m with B }'
            )
        ).toEqual([]);
        const model = await modelOf('mandate m\ninstitution A { shares m with B }\ninstitution B { shares m with A }');
        expect(model.claims.map(c => [c.role, c.shared])).toEqual([
            ['polity.leads', true],
            ['polity.leads', true]
        ]);
    });

    it("'shares' claims the model's own 'leads' when it declares one", async () => {
        const model = await modelOf(
            'model x\nrole leads "Ours"\nmandate m\ninstitution A { shares m with B }\ninstitution B { shares m with A }'
        );
        expect(model.claims.map(c => c.role)).toEqual(['x.leads', 'x.leads']);
    });

    it("'with' and 'except' on a relation or a contest are misplaced", async () => {
        expect(await codes('institution A\ninstitution B { oversees A with A }')).toEqual(['misplaced']);
        expect(await codes('mandate m { mandate n }\ninstitution A { leads m }\ninstitution B { contests m except n }')).toEqual([
            'contest',
            'misplaced'
        ]);
    });

    it('an unknown verb is reported once, as a role or relation kind, with suggestions', async () => {
        const text = 'mandate cii\ninstitution A { laeds cii }';
        expect(await codes(text)).toEqual(['unresolved']);
        expect((await messages(text))[0]).toBe("Unknown role or relation kind 'laeds'. Did you mean 'leads'?");
        expect((await messages('mandate cii\ninstitution A { oversees cii }'))[0]).toBe(
            "Unknown institution 'cii'. Declare it, or check the spelling."
        );
    });
});

describe('except', () => {
    const tree = 'mandate privacy { mandate telecom-privacy { mandate sms } }\nmandate content\n';

    it('carves a part out of a claim: no conflict on it, conflicts on the rest', async () => {
        expect(
            await findings(`${tree}institution CAC { leads privacy except telecom-privacy }\ninstitution MIIT { leads telecom-privacy }`)
        ).toEqual([]);
        expect(await findings(`${tree}institution CAC { leads privacy except telecom-privacy }\ninstitution MIIT { leads sms }`)).toEqual(
            []
        );
        expect(await findings(`${tree}institution CAC { leads privacy except sms }\ninstitution MIIT { leads telecom-privacy }`)).toEqual([
            'conflict',
            'conflict'
        ]);
        expect(
            await findings(`${tree}institution CAC { leads privacy except telecom-privacy }\ninstitution MIIT { leads privacy }`)
        ).toEqual(['conflict', 'conflict']);
    });

    it('bad-except: a mandate that is not part of the claimed one, or the claimed one itself', async () => {
        const text = `${tree}institution CAC { leads content except privacy }`;
        expect(await findings(text)).toEqual(['bad-except']);
        expect((await messages(text))[0]).toContain("'privacy' is not part of 'content'");
        expect(await findings(`${tree}institution CAC { leads privacy except privacy }`)).toEqual(['bad-except']);
        expect(await findings(`${tree}institution CAC { leads privacy except sms }`)).toEqual([]);
    });
});

describe('mandates within several parents', () => {
    const tree = 'mandate energy\nmandate transport\nmandate pipelines within energy, transport\n';

    it('a claim on either parent meets a claim on the part', async () => {
        expect(await findings(`${tree}institution DOE { leads energy }\ninstitution TSA { leads pipelines }`)).toEqual([
            'conflict',
            'conflict'
        ]);
        expect(await findings(`${tree}institution DOT { leads transport }\ninstitution TSA { leads pipelines }`)).toEqual([
            'conflict',
            'conflict'
        ]);
        expect(await findings(`${tree}institution DOE { leads energy }\ninstitution DOT { leads transport }`)).toEqual([]);
    });

    it('the mandates may not loop', async () => {
        expect(await codes('mandate a within c\nmandate b within a\nmandate c within b')).toEqual(['cycle', 'cycle', 'cycle']);
        expect((await messages('mandate a within b\nmandate b within a'))[0]).toBe(
            "Cycle of mandates: a within b within a. A mandate cannot be part of itself: remove one of these 'within' parents."
        );
        expect(await codes('mandate a { mandate b }\nmandate c within a, b')).toEqual(['unused']);
    });
});

describe('contests', () => {
    const base = 'mandate data { mandate mlps }\ninstitution MPS { leads mlps since 2007 }\n';

    it('a contest against a holder is a warning on the contest, naming the holder and the time', async () => {
        const text = `${base}institution CAC { contests mlps from 2014 to 2016 }`;
        const { diagnostics } = await checkText(text);
        expect(diagnostics.map(d => d.code)).toEqual(['contest']);
        expect(diagnostics[0]?.message).toMatch(/^CAC contested MPS's lead on 'mlps' \(2014 – 2016\)\./);
        expect(diagnostics[0]?.range.start).toEqual({ line: 2, character: 27 });
        expect(diagnostics[0]?.relatedInformation?.[0]?.location.range.start).toEqual({ line: 1, character: 24 });
    });

    it('meets holders of the mandate, of a part of it and of an area containing it; not of other roles', async () => {
        expect(await codes(`${base}institution CAC { contests data since 2014 }`)).toEqual(['contest']);
        expect(await codes('mandate data { mandate mlps }\ninstitution MPS { leads data }\nCAC contests mlps\ninstitution CAC')).toEqual([
            'contest'
        ]);
        expect(await codes('mandate mlps\ninstitution MPS { supports mlps }\ninstitution CAC { contests mlps }')).toEqual([
            'empty-contest'
        ]);
    });

    it('a matching dispute turns it into information; a dispute that matches neither a conflict nor a contest is stale', async () => {
        expect(await codes(`${base}institution CAC { contests mlps from 2014 to 2016 }\ndispute mlps between CAC, MPS`)).toEqual([
            'dispute',
            'dispute'
        ]);
        expect(await codes(`${base}institution CAC { contests mlps from 2014 to 2016 }\ndispute data between MPS, CAC since 2015`)).toEqual(
            ['dispute', 'dispute']
        );
        expect(await codes(`${base}institution CAC { contests mlps from 2014 to 2016 }\ndispute mlps between CAC, MPS since 2016`)).toEqual(
            ['contest', 'stale-dispute']
        );
    });

    it('empty-contest: nobody holds it in the period; a holder that possibly held it is enough', async () => {
        expect(await codes(`${base}institution CAC { contests mlps until 2007 }`)).toEqual(['empty-contest']);
        expect(await codes(`${base}institution CAC { contests mlps until 2005..2008 }`)).toEqual([]);
        expect(
            await codes('mandate mlps\ninstitution MPS { leads mlps since 2006..2008 }\ninstitution CAC { contests mlps until 2007 }')
        ).toEqual([]);
    });

    it('a body does not contest its own parent', async () => {
        expect(await codes('mandate m\ninstitution MPS { leads m\n  unit B11 { contests m } }')).toEqual(['empty-contest']);
    });
});

describe('disputes with periods', () => {
    it('match only the overlaps within their period', async () => {
        const claims = 'mandate cii\ninstitution CAC { leads cii since 2016 }\ninstitution MPS { leads cii }\n';
        expect(await codes(`${claims}dispute cii between CAC, MPS since 2020`)).toEqual(['dispute', 'dispute', 'dispute']);
        expect(await codes(`${claims}dispute cii between CAC, MPS until 2016`)).toEqual(['conflict', 'conflict', 'stale-dispute']);
    });
});

describe('how sure a fact is', () => {
    it('reportedly and allegedly are carried into messages and the model', async () => {
        const text =
            'mandate cii\ninstitution CAC { leads cii since 2016 }\ninstitution MPS { reportedly leads cii since 2020 }\ninstitution MSS\ninstitution APT10\nAPT10 allegedly affiliated-with MSS';
        const found = await messages(text);
        expect(found).toHaveLength(2);
        expect(found[0]).toMatch(/^CAC leads 'cii' and MPS reportedly leads it \(2020 – present\)\./);
        const model = await modelOf(text);
        expect(model.claims.map(c => c.certainty)).toEqual([undefined, 'reported']);
        expect(model.relations.map(r => r.certainty)).toEqual(['alleged']);
    });

    it('on contests and top-level competences too', async () => {
        const text = 'mandate m\ninstitution A { leads m }\ninstitution B { allegedly contests m }\nB reportedly supports m';
        expect((await messages(text))[0]).toMatch(/^B allegedly contested A's lead on 'm'/);
        const model = await modelOf(text);
        expect(model.contests.map(c => c.certainty)).toEqual(['alleged']);
        expect(model.claims.map(c => c.certainty)).toEqual([undefined, 'reported']);
    });
});

describe('uncertain dates', () => {
    it('a conflict that is possible but not certain is not reported', async () => {
        const a = 'mandate m\ninstitution A { leads m until 2001..2003 }\n';
        expect(await codes(`${a}institution B { leads m since 2002 }`)).toEqual([]);
        expect(await codes(`${a}institution B { leads m since 2000 }`)).toEqual(['conflict', 'conflict']);
        expect((await messages(`${a}institution B { leads m since 2000 }`))[0]).toContain('(2000 – 2001–2003)');
        // `by D`: certainly from D on.
        expect(await codes('mandate m\ninstitution A { leads m until 2003 }\ninstitution B { leads m by 2003 }')).toEqual([]);
        expect(await codes('mandate m\ninstitution A { leads m until 2004 }\ninstitution B { leads m by 2003 }')).toEqual([
            'conflict',
            'conflict'
        ]);
        // Lifetimes: established some time in 1999–2001, so certainly only from 2002.
        expect(await codes('mandate m\ninstitution A { leads m until 2002 }\ninstitution B { established 1999..2001\n leads m }')).toEqual(
            []
        );
        expect(
            await codes('mandate m\ninstitution A { leads m until 2002-02 }\ninstitution B { established 1999..2001\n leads m }')
        ).toEqual(['conflict', 'conflict']);
    });

    it('a lifetime that possibly covers a fact is not outside-lifetime', async () => {
        expect(await codes('mandate m\ninstitution A { established 1999..2001\n  leads m since 1999 }')).toEqual([]);
        expect(await codes('mandate m\ninstitution A { established 1999..2001\n  leads m since 1998 }')).toEqual(['outside-lifetime']);
        expect(await codes('mandate m\ninstitution A { dissolved 2010..2012\n  leads m until 2012 }')).toEqual([]);
        expect(await codes('mandate m\ninstitution A { dissolved 2010..2012\n  leads m until 2013-02 }')).toEqual(['outside-lifetime']);
        expect(await codes('mandate m\ninstitution A { established 2000\n  leads m since 1998..2001 }')).toEqual([]);
        expect(await codes('mandate m\ninstitution A { established 2003\n  leads m by 2004 }')).toEqual([]);
    });

    it('bad-period uses what possibly held', async () => {
        expect(await codes('mandate m\ninstitution A { leads m from 2001..2003 to 2002 }')).toEqual([]);
        expect(await codes('mandate m\ninstitution A { leads m from 2003 to 2001..2002 }')).toEqual(['bad-period']);
        expect(await codes('institution A { established 2010..2012\n  dissolved 2011 }')).toEqual([]);
        expect(await codes('institution A { established 2012\n  dissolved 2010..2011 }')).toEqual(['bad-period']);
    });

    it('cycles use what certainly held', async () => {
        const text = 'institution A\ninstitution B\nA oversees B until 2001..2003\nB oversees A since 2002';
        expect(await codes(text)).toEqual([]);
        expect(await codes(text.replace('since 2002', 'since 2000'))).toEqual(['cycle', 'cycle']);
    });

    it('circa counts as the date; ranges must be real dates in order', async () => {
        expect(await codes('mandate m\ninstitution A { leads m until circa 2011 }\ninstitution B { leads m since 2011 }')).toEqual([]);
        expect(await codes('institution A { established 2014-13..2015 }')).toEqual(['bad-date']);
        expect(await codes('institution A { established 2016..2014 }')).toEqual(['bad-date']);
        expect(await codes('institution A { established 2014..2014-06 }')).toEqual([]);
    });

    it('are shown as written', async () => {
        const model = await modelOf('mandate m\ninstitution A { established circa 2011\n  dissolved 1999..2001\n  leads m by 2003 }');
        const a = model.institutions.get('A')!;
        expect([a.established?.date.text, a.dissolved?.date.text]).toEqual(['c. 2011', '1999–2001']);
        // Certainly held from 2003 on, before the institution existed.
        expect((await messages('mandate m\ninstitution A { established 2005\n  leads m by 2003 }'))[0]).toContain(
            'is dated by 2003, outside the lifetime of A (2005 – present)'
        );
        expect((await messages('mandate m\ninstitution A { established 2005\n  leads m since 2001..2003 }'))[0]).toContain(
            'is dated 2001–2003 – present'
        );
    });
});

describe('structure over time', () => {
    it('dated kind lines: the kind of today; overlapping-kinds when two hold at once', async () => {
        const text = 'institution CCCI {\n  kind leading-group until 2018-03\n  kind party-commission since 2018-03\n}';
        expect(await codes(text)).toEqual([]);
        expect((await modelOf(text)).institutions.get('CCCI')!.kind).toBe('polity.party-commission');
        expect(await codes(text.replace('until 2018-03', 'until 2018-06'))).toEqual(['overlapping-kinds']);
        expect(await codes('institution A {\n  kind ministry\n  kind agency since 2018\n}')).toEqual(['overlapping-kinds']);
        expect(await codes('institution A {\n  kind ministry\n  kind agency\n}')).toEqual(['misplaced']);
        // What certainly held: an uncertain handover is not an overlap.
        expect(await codes('institution A {\n  kind ministry until 2018..2019\n  kind agency since 2018\n}')).toEqual([]);
    });

    it('part-of changing parent mid-period: no conflict before the move, a conflict after', async () => {
        const text =
            'mandate m\ninstitution Treasury { leads m }\ninstitution DHS { leads m }\ninstitution USSS { leads m }\nUSSS part-of Treasury until 2003-03\nUSSS part-of DHS since 2003-03';
        const found = await messages(text);
        expect(found.filter(m => m.startsWith('Treasury and USSS'))).toEqual([
            expect.stringMatching(/^Treasury and USSS both lead 'm' \(2003-03 – present\)/),
            expect.stringMatching(/^Treasury and USSS both lead 'm' \(2003-03 – present\)/)
        ]);
        expect(found.filter(m => m.startsWith('DHS and USSS'))).toEqual([
            expect.stringMatching(/^DHS and USSS both lead 'm' \(until 2003-03\)/),
            expect.stringMatching(/^DHS and USSS both lead 'm' \(until 2003-03\)/)
        ]);
    });

    it('containment is transitive, through units and part-of', async () => {
        expect(
            await codes('mandate m\ninstitution DHS { leads m }\ninstitution USSS { unit Office { leads m } }\nUSSS part-of DHS')
        ).toEqual([]);
        expect(
            await codes(
                'mandate m\ninstitution A { leads m }\ninstitution B\ninstitution C { leads m }\nC part-of B\nB part-of A since 2010'
            )
        ).toEqual(['conflict', 'conflict']);
    });

    it('cycles follow the superior → subordinate direction whatever way a relation is written', async () => {
        expect(await codes('institution DHS\ninstitution CISA\nDHS oversees CISA\nCISA part-of DHS')).toEqual([]);
        expect(await codes('institution DHS\ninstitution CISA\nCISA oversees DHS\nCISA part-of DHS')).toEqual(['cycle', 'cycle']);
        const upward = 'relation reports-to "reports to" hierarchical upward\ninstitution A\ninstitution B\nA reports-to B\n';
        expect(await codes(`${upward}B oversees A`)).toEqual([]);
        expect(await codes(`${upward}A oversees B`)).toEqual(['cycle', 'cycle']);
        expect((await messages(`${upward}A oversees B`))[0]).toContain('B → A → B');
    });
});

describe('names', () => {
    it('any Unicode letter may start or continue a name; keywords stay keywords', async () => {
        expect(await codes('institution Présidence "Présidence de la République"\ninstitution 网信办\nPrésidence oversees 网信办')).toEqual(
            []
        );
        expect(await codes('mandate data { mandate personal }\ninstitution A { leads personal }')).toEqual([]);
        expect(await codes('institution role')).toContain('syntax');
    });

    it('keywords may be segments of a model name, across two models with qualified references', async () => {
        const ws = new TestWorkspace();
        await ws.open({
            'state.polity': 'model china.state\nmandate cii\ninstitution MPS { leads cii }',
            'party.polity':
                'model eu.party\ninstitution CCAC { coordinates china.state.cii }\nCCAC oversees china.state.MPS\ndispute china.state.cii between CCAC, china.state.MPS'
        });
        expect(ws.codes('state.polity')).toEqual([]);
        expect(ws.codes('party.polity')).toEqual(['stale-dispute']);
        const model = ws.Polity.polity.WorkspaceModel.snapshot.model;
        expect(model.relations.map(r => [r.subject, r.kind, r.target])).toEqual([['eu.party.CCAC', 'polity.oversees', 'china.state.MPS']]);
    });
});
