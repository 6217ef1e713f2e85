import { describe, expect, it } from 'vitest';
import { dateRange, findView, select, viewsOf } from '../../src/diagram/select.js';
import { displayName } from '../../src/model/model.js';
import { graphFor } from '../../src/diagram/request.js';
import { date, exampleFiles, modelOf, SMALL, TODAY } from './helpers.js';

const names = (selection: { institutions: { path: string }[] }) => selection.institutions.map(i => i.path);

describe('the default view: the whole model at a date', () => {
    it('shows institutions within their lifetime and the relations that hold then', async () => {
        const { model, conflicts } = await modelOf({ 'm.polity': SMALL });
        const early = select(model, { today: TODAY, at: date('2011'), conflicts });
        expect(names(early)).toEqual(['Min', 'Min.Lab', 'Old', 'Party', 'Think']);
        expect(early.relations.map(r => `${r.subject} ${r.kind} ${r.target}`)).toEqual(['t.Old polity.advises t.Min']);
        expect(early.conflicts).toEqual([]);

        const late = select(model, { today: TODAY, at: date('2020'), conflicts });
        expect(names(late)).toEqual(['Min', 'Min.Lab', 'Party', 'Reg', 'Think']);
        expect(late.relations.map(r => `${r.subject} ${r.kind} ${r.target}`)).toEqual(['t.Party polity.oversees t.Min']);
        expect(late.conflicts.map(c => [c.first.institution, c.second.institution, c.mandate])).toEqual([['t.Min', 't.Reg', 't.privacy']]);
    });

    it('honours half-open periods: a relation until 2012 is gone in 2012, a lifetime from 2015 has begun in 2015', async () => {
        const { model, conflicts } = await modelOf({ 'm.polity': SMALL });
        expect(select(model, { today: TODAY, at: date('2011-12-31'), conflicts }).relations).toHaveLength(1);
        expect(select(model, { today: TODAY, at: date('2012'), conflicts }).relations).toHaveLength(0);
        expect(names(select(model, { today: TODAY, at: date('2014-12'), conflicts }))).not.toContain('Reg');
        expect(names(select(model, { today: TODAY, at: date('2015'), conflicts }))).toContain('Reg');
    });

    it('draws today when neither the view nor the caller names a date, grouped by sphere, top down', async () => {
        const { model, conflicts } = await modelOf({ 'm.polity': SMALL });
        const selection = select(model, { today: TODAY, conflicts, scope: 't' });
        expect(selection.at.text).toBe('2025-06-01');
        expect(selection.title).toBe('t');
        expect([selection.groupBy, selection.direction]).toEqual(['sphere', 'down']);
    });

    it('keeps to one model when scoped, and shows every model otherwise', async () => {
        const { model, conflicts } = await modelOf({ 'm.polity': SMALL, 'other.polity': 'model o\ninstitution Far "Far away"\n' });
        expect(names(select(model, { today: TODAY, conflicts, scope: 't' }))).not.toContain('Far');
        expect(names(select(model, { today: TODAY, conflicts }))).toContain('Far');
    });
});

describe('views', () => {
    const withViews = (views: string) => modelOf({ 'm.polity': SMALL, 'views.polity': `model t\n${views}` });

    it('include mandate: the institutions with a claim on it or a sub-mandate, and only its conflicts', async () => {
        const { model, conflicts } = await withViews(`
view data-map "Data" { include mandate data
  at 2020 }
view security-map { include mandate security }
`);
        const data = select(model, { view: findView(model, 'data-map', 't'), today: TODAY, conflicts });
        expect(names(data)).toEqual(['Min', 'Reg', 'Think']);
        expect(data.conflicts.map(c => c.mandate)).toEqual(['t.privacy']);
        expect(data.title).toBe('Data');
        const security = select(model, { view: findView(model, 'security-map', 't'), today: TODAY, at: date('2020'), conflicts });
        expect(names(security)).toEqual(['Min.Lab']);
        expect(security.conflicts).toEqual([]);
    });

    it('rules read like .gitignore: the last matching rule decides; without includes, everything is in', async () => {
        const { model, conflicts } = await withViews(`
view no-agencies { exclude kind agency
  at 2020 }
view party-and-reg { include *
  exclude sphere state
  include Reg
  at 2020
  group by kind
  direction right }
`);
        const noAgencies = select(model, { view: findView(model, 'no-agencies', 't'), today: TODAY, conflicts });
        expect(names(noAgencies)).toEqual(['Min', 'Min.Lab', 'Party', 'Think']);
        const partyAndReg = select(model, { view: findView(model, 'party-and-reg', 't'), today: TODAY, conflicts });
        // Min.Lab has no kind of its own: it takes the ministry's sphere and leaves with it.
        expect(names(partyAndReg)).toEqual(['Party', 'Reg', 'Think']);
        expect([partyAndReg.groupBy, partyAndReg.direction]).toEqual(['kind', 'right']);
    });

    it("kinds, spheres and mandates in one model's view stay in that model; a named institution may come from another", async () => {
        const { model, conflicts } = await modelOf({
            'm.polity': SMALL,
            'views.polity':
                'model t\nview state-only { include sphere state\n  include mandate privacy\n  at 2020 }\nview named { include Min, o.Far\n  at 2020 }\n',
            'other.polity': 'model o\nmandate privacy "Privacy"\ninstitution Far "Far Ministry" {\n  kind ministry\n  leads privacy\n}\n'
        });
        expect(names(select(model, { view: findView(model, 'state-only', 't'), today: TODAY, conflicts }))).toEqual([
            'Min',
            'Min.Lab',
            'Reg',
            'Think'
        ]);
        expect(names(select(model, { view: findView(model, 'named', 't'), today: TODAY, conflicts }))).toEqual(['Far', 'Min']);
    });

    it("a caller's date overrides the view's", async () => {
        const { model, conflicts } = await withViews('view v { include *\n at 2020 }\n');
        const selection = select(model, { view: findView(model, 'v', 't'), at: date('2011'), today: TODAY, conflicts });
        expect(selection.at.text).toBe('2011');
        expect(names(selection)).toContain('Old');
    });

    it('finds views by name within a model or by key, and calls a name shared by two models ambiguous', async () => {
        const { model } = await modelOf({
            'a.polity': 'model a\ninstitution A\nview overview { include * }\n',
            'b.polity': 'model b\ninstitution B\nview overview { include * }\nview only-b { include * }\n'
        });
        expect(viewsOf(model).map(v => v.key)).toEqual(['a.overview', 'b.overview', 'b.only-b']);
        expect(findView(model, 'overview')).toBeUndefined();
        expect(findView(model, 'overview', 'b')?.key).toBe('b.overview');
        expect(findView(model, 'a.overview')?.key).toBe('a.overview');
        expect(findView(model, 'only-b')?.key).toBe('b.only-b');
        expect(findView(model, 'missing', 'a')).toBeUndefined();
    });
});

describe('dateRange', () => {
    it('spans the earliest to the latest date written in the model', async () => {
        const { model } = await modelOf({ 'm.polity': SMALL });
        const range = dateRange(model, 't');
        expect([range.min?.text, range.max?.text]).toEqual(['2000', '2016']);
        expect(dateRange(model, 'nothing-here')).toEqual({});
    });
});

describe('the flagship example through time', () => {
    it('at 2013: CNCERT/CC under MIIT, CNNIC under CAS, no CAC oversight of CNNIC yet; from 2018 CNCERT/CC under the CAC', async () => {
        const { model, conflicts } = await modelOf(exampleFiles('examples/china-cyber'));
        const oversight = (at: string) =>
            select(model, { today: TODAY, at: date(at), conflicts, scope: 'china.cyber' })
                .relations.filter(r => r.kind === 'polity.oversees')
                .map(r => `${displayName(model, r.subject)} > ${displayName(model, r.target)}`);
        const in2013 = oversight('2013');
        expect(in2013).toEqual(expect.arrayContaining(['MIIT > CNCERT', 'CAS > CNNIC', 'MIIT > TC260']));
        expect(in2013).not.toContain('CAC > CNNIC');
        const in2019 = oversight('2019');
        expect(in2019).toEqual(expect.arrayContaining(['CAC > CNCERT', 'CAC > CNNIC', 'CAC > TC260']));
        expect(in2019).not.toContain('MIIT > CNCERT');
    });
});

describe('a diagram at a date', () => {
    it("draws the title an institution had then (its former name), and keeps the view's own title beside the date", async () => {
        const { model, conflicts } = await modelOf(exampleFiles('examples/china-cyber'));
        const cac = (at: string) =>
            graphFor(model, conflicts, { view: 'overview', at, scope: 'china.cyber', today: TODAY }).nodes.find(
                n => n.id === 'institution:china.cyber.CAC'
            )!;
        expect(cac('2013').title).toBe('State Internet Information Office (SIIO)');
        expect(cac('2013').detail.heading).toBe('CAC — State Internet Information Office (SIIO)');
        expect(cac('2014').title).toBe('Cyberspace Administration of China');
        const graph = graphFor(model, conflicts, { view: 'overview', at: '2013', scope: 'china.cyber', today: TODAY });
        expect([graph.title, graph.subtitle]).toEqual(["China's cyber governance system in 2020", 'as of 2013']);
    });

    it("lists in the legend every kind of line drawn, a model's own kinds too (seat-on in the overview)", async () => {
        const { model, conflicts } = await modelOf(exampleFiles('examples/china-cyber'));
        const graph = graphFor(model, conflicts, { view: 'overview', scope: 'china.cyber', today: TODAY });
        const drawn = new Set(graph.edges.filter(e => e.category === 'relation').map(e => e.kind));
        expect(drawn).toContain('seat-on');
        const listed = graph.legend.map(item => item.label);
        for (const kind of drawn) expect(listed).toContain(kind);
    });
});
