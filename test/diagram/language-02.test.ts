import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/diagram/graph.js';
import { select } from '../../src/diagram/select.js';
import { CONTEST_EDGE } from '../../src/diagram/style.js';
import { date, modelOf, TODAY } from './helpers.js';

/** Diagrams of 0.2 facts: hedged and uncertainly dated facts, contests, kinds that change. */
const MODEL = `model t
mandate mlps
institution MPS { kind ministry
  leads mlps since 2007 }
institution CAC { kind administration
  contests mlps from 2014 to 2016 }
institution CCCI {
  kind leading-group until 2018-03
  kind party-commission since 2018-03
}
institution APT10 { kind enterprise }
institution MSS { kind ministry }
APT10 allegedly affiliated-with MSS
CCCI oversees CAC since 2013..2015
CCCI oversees MPS
`;

async function graphAt(at: string) {
    const { model, conflicts } = await modelOf({ 'm.polity': MODEL });
    return buildGraph(model, select(model, { today: TODAY, at: date(at), conflicts }));
}

describe('diagrams of 0.2 facts', () => {
    it('draw a hedged relation dotted and lighter, with a ? after its label, and say so in the legend', async () => {
        const graph = await graphAt('2020');
        const hedged = graph.edges.find(e => e.id === 'relation:t.APT10:polity.affiliated-with:t.MSS')!;
        const plain = graph.edges.find(e => e.id === 'relation:t.CCCI:polity.oversees:t.MPS')!;
        expect(hedged).toMatchObject({ uncertain: true, label: '?', style: { line: 'dotted' } });
        expect(plain.uncertain).toBe(false);
        expect(plain.label).toBeUndefined();
        expect(graph.legend.map(l => l.label)).toContain('reportedly, allegedly or uncertainly dated (?)');
    });

    it('draw a fact as uncertain at dates inside its uncertain range, and as certain after', async () => {
        const during = (await graphAt('2014')).edges.find(e => e.id === 'relation:t.CCCI:polity.oversees:t.CAC');
        expect(during).toMatchObject({ uncertain: true, label: '?', style: { line: 'dotted' } });
        const after = (await graphAt('2016')).edges.find(e => e.id === 'relation:t.CCCI:polity.oversees:t.CAC');
        expect(after).toMatchObject({ uncertain: false, style: { line: 'solid' } });
        expect((await graphAt('2012')).edges.some(e => e.id === 'relation:t.CCCI:polity.oversees:t.CAC')).toBe(false);
    });

    it('draw a contest as its own edge, contester to holder, in the legend, while it held', async () => {
        const graph = await graphAt('2015');
        const contest = graph.edges.find(e => e.category === 'contest')!;
        expect(contest).toMatchObject({ from: 'institution:t.CAC', to: 'institution:t.MPS', label: 'mlps', style: CONTEST_EDGE });
        expect(contest.detail.lines).toEqual(["CAC contested MPS's lead on 'mlps' (2014 – 2016)"]);
        expect(graph.legend.map(l => l.label)).toContain('contested (mandate): contester → holder');
        expect((await graphAt('2017')).edges.some(e => e.category === 'contest')).toBe(false);
    });

    it('use the kind of the drawn date for the node and its sphere', async () => {
        const before = (await graphAt('2017')).nodes.find(n => n.key === 't.CCCI')!;
        const after = (await graphAt('2019')).nodes.find(n => n.key === 't.CCCI')!;
        expect([before.kind, before.sphere, before.style.double]).toEqual(['leading-group', 'party', true]);
        expect([after.kind, after.sphere, after.style.double]).toEqual(['party-commission', 'party', true]);
    });

    it("group by parent puts a body inside what it is part of on the view's date", async () => {
        const text =
            'model g\ninstitution Treasury\ninstitution DHS\ninstitution USSS\nUSSS part-of Treasury until 2003-03\nUSSS part-of DHS since 2003-03\n' +
            'view v { include * group by parent }';
        const { model, conflicts } = await modelOf({ 'g.polity': text });
        const cluster = (at: string) => {
            const graph = buildGraph(model, select(model, { today: TODAY, at: date(at), conflicts, view: model.views.get('g.v') }));
            return graph.nodes.find(n => n.key === 'g.USSS')!.cluster;
        };
        expect(cluster('2000')).toBe('cluster:parent:g.Treasury');
        expect(cluster('2010')).toBe('cluster:parent:g.DHS');
    });
});
