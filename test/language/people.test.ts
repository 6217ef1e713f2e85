import { describe, expect, it } from 'vitest';
import { concurrentPosts, holdersAt, institutionNameAt, personNameIn } from '../../src/model/people.js';
import { parseDate } from '../../src/model/dates.js';
import { expectSymbols } from 'langium/test';
import { SymbolKind } from 'vscode-languageserver';
import { checkText, createServices, TestWorkspace } from '../helpers.js';

/** Polity 0.2 §6–7: people, posts and names, through the language services. */
const codes = async (text: string) => (await checkText(text)).codes;
const messages = async (text: string) => (await checkText(text)).diagnostics.map(d => String(d.message));
const at = (text: string) => parseDate(text)!;

async function modelOf(text: string) {
    const ws = new TestWorkspace();
    await ws.open({ 'model.polity': text });
    return ws.Polity.polity.WorkspaceModel.snapshot.model;
}

const CAC = 'institution CAC "Cyberspace Administration of China"\ninstitution CPD "Propaganda Department"\n';

describe('posts and people', () => {
    it("the prelude's posts resolve; a person's posts are facts of the model", async () => {
        const text = `${CAC}person LuWei "Lu Wei" {\n  holds director of CAC from 2013-07 to 2016-06\n  reportedly holds vice-director of CPD from 2013-07 to 2016-06\n}`;
        expect(await codes(text)).toEqual([]);
        const model = await modelOf(text);
        expect(model.holdings.map(h => [h.person, h.post, h.institution, h.certainty])).toEqual([
            ['LuWei', 'polity.director', 'CAC', undefined],
            ['LuWei', 'polity.vice-director', 'CPD', 'reported']
        ]);
        expect(model.posts.get('polity.director')?.single).toBe(true);
        expect(model.posts.get('polity.vice-director')?.single).toBe(false);
    });

    it('a post of its own, single or not', async () => {
        const model = await modelOf(`post envoy "Special envoy" single\npost adviser\n${CAC}person A { holds envoy of CAC }`);
        expect(model.posts.get('envoy')).toMatchObject({ title: 'Special envoy', single: true });
        expect(model.posts.get('adviser')?.single).toBe(false);
    });

    it('unknown posts and institutions are unresolved, with suggestions', async () => {
        const text = `${CAC}person A { holds directr of CAK }`;
        expect(await codes(text)).toEqual(['unresolved', 'unresolved']);
        const said = await messages(text);
        expect(said).toContain("Unknown post 'directr'. Did you mean 'director'?");
        expect(said.find(m => m.startsWith("Unknown institution 'CAK'."))).toMatch(/Did you mean 'CAC'/);
    });
});

describe('double-holder', () => {
    const two = (a: string, b: string) =>
        `${CAC}person A "Ann" { holds director of CAC ${a} }\nperson B "Bo" { holds director of CAC ${b} }`;

    it('two holders of a single post at once: a warning on both', async () => {
        const text = two('from 2013 to 2016', 'from 2015 to 2018');
        expect(await codes(text)).toEqual(['double-holder', 'double-holder']);
        expect((await messages(text))[0]).toMatch(
            /^Ann and Bo both hold 'director' of CAC \(2015 – 2016\), a post with one holder at a time\./
        );
    });

    it('at the edge of a period: one leaves in the month the other arrives', async () => {
        expect(await codes(two('from 2013-07 to 2016-06', 'since 2016-06'))).toEqual([]);
        expect(await codes(two('from 2013-07 to 2016-07', 'since 2016-06'))).toEqual(['double-holder', 'double-holder']);
        expect(await codes(two('until 2016', 'since 2016'))).toEqual([]);
    });

    it('uncertain dates never raise it; what certainly held does', async () => {
        // A range may end as late as 2016's end, but certainly held only from its latest start.
        expect(await codes(two('from 2013 to 2015..2016', 'since 2015'))).toEqual([]);
        expect(await codes(two('by 2013', 'until 2013'))).toEqual([]);
        expect(await codes(two('from 2013..2014 to 2018', 'from 2016 to 2017'))).toEqual(['double-holder', 'double-holder']);
    });

    it('a post that is not single, one person twice, two institutions: no finding', async () => {
        expect(await codes(`${CAC}person A { holds vice-director of CAC }\nperson B { holds vice-director of CAC }`)).toEqual([]);
        expect(await codes(`${CAC}person A { holds director of CAC\n holds director of CAC since 2014 }`)).toEqual([]);
        expect(await codes(`${CAC}person A { holds director of CAC }\nperson B { holds director of CPD }`)).toEqual([]);
    });
});

describe('outside-lifetime for posts', () => {
    it("a post dated outside the institution's lifetime", async () => {
        const text = 'institution SIIO { established 2011-05 }\nperson A "Ann" { holds director of SIIO since 2010 }';
        expect(await codes(text)).toEqual(['outside-lifetime']);
        expect((await messages(text))[0]).toMatch(/^Ann holds director of SIIO is dated 2010 – present, outside the lifetime of SIIO/);
        expect(await codes('institution SIIO { established 2011-05 }\nperson A { holds director of SIIO since 2011-05 }')).toEqual([]);
    });
});

describe('concurrent posts', () => {
    it("are derived from one person's posts overlapping in two institutions", async () => {
        const model = await modelOf(
            `${CAC}person LuWei "Lu Wei" {\n  holds director of CAC from 2013-07 to 2016-06\n  holds vice-director of CPD from 2014 to 2017\n}\nperson X { holds director of CPD until 2013 }`
        );
        const found = concurrentPosts(model);
        expect(found.map(c => [c.person, c.first.institution, c.second.institution, c.period.start?.text, c.period.end?.text])).toEqual([
            ['LuWei', 'CAC', 'CPD', '2014', '2016-06']
        ]);
        expect(holdersAt(model, 'CAC', at('2014')).map(h => h.person)).toEqual(['LuWei']);
        expect(holdersAt(model, 'CAC', at('2017')).map(h => h.person)).toEqual([]);
    });
});

describe('names', () => {
    const cac = `institution CAC "Cyberspace Administration of China" {\n  name zh "国家互联网信息办公室"\n  name en "SIIO" until 2014\n  formerly "State Internet Information Office" until 2014\n  plaque "Office of the Central Cyberspace Affairs Commission" in party since 2014-02\n  id wikidata "Q5200003"\n  has rank "ministerial" since 2014\n  has headcount 12000\n}`;

    it('parse with their meaning: names by language, plaques, identifiers, facets', async () => {
        expect(await codes(cac)).toEqual([]);
        const model = await modelOf(cac);
        const institution = model.institutions.get('CAC')!;
        expect(institution.names.map(n => [n.lang, n.value])).toEqual([
            ['zh', '国家互联网信息办公室'],
            ['en', 'SIIO']
        ]);
        expect(institution.plaques.map(p => [p.name, p.sphere, p.period.period.start?.text])).toEqual([
            ['Office of the Central Cyberspace Affairs Commission', 'party', '2014-02']
        ]);
        expect(institution.ids).toMatchObject([{ scheme: 'wikidata', value: 'Q5200003' }]);
        expect(institution.facets.map(f => [f.key, f.value])).toEqual([
            ['rank', 'ministerial'],
            ['headcount', 12000]
        ]);
    });

    it('the name in force at a date, in a language, falling back to the title', async () => {
        const institution = (await modelOf(cac)).institutions.get('CAC')!;
        expect(institutionNameAt(institution, at('2012'))).toBe('State Internet Information Office');
        expect(institutionNameAt(institution, at('2016'))).toBe('Cyberspace Administration of China');
        expect(institutionNameAt(institution)).toBe('Cyberspace Administration of China');
        expect(institutionNameAt(institution, at('2016'), 'zh')).toBe('国家互联网信息办公室');
        expect(institutionNameAt(institution, at('2012'), 'en')).toBe('SIIO');
        expect(institutionNameAt(institution, at('2016'), 'en')).toBe('Cyberspace Administration of China');
        expect(institutionNameAt(institution, at('2016'), 'fr')).toBe('Cyberspace Administration of China');
    });

    it('people have names in other languages too; a tag is matched exactly, case-blind', async () => {
        const person = (await modelOf('person LuWei "Lu Wei" {\n  name zh "鲁炜"\n  name zh-Latn-pinyin "Lǔ Wěi"\n}')).people.get('LuWei')!;
        expect(personNameIn(person, 'zh')).toBe('鲁炜');
        expect(personNameIn(person, 'ZH-latn-PINYIN')).toBe('Lǔ Wěi');
        expect(personNameIn(person, 'fr')).toBe('Lu Wei');
    });
});

describe('people and posts in the outline', () => {
    it('lists posts and people with their titles', async () => {
        const { Polity } = createServices();
        await expectSymbols(Polity)({
            text: `${CAC}post envoy "Special envoy" single\nperson LuWei "Lu Wei" { holds envoy of CAC }`,
            disposeAfterCheck: true,
            assert: symbols =>
                expect(symbols.map(s => [s.name, s.detail, s.kind])).toEqual([
                    ['CAC', 'Cyberspace Administration of China', SymbolKind.Class],
                    ['CPD', 'Propaganda Department', SymbolKind.Class],
                    ['envoy', 'Special envoy', SymbolKind.Property],
                    ['LuWei', 'Lu Wei', SymbolKind.Variable]
                ])
        });
    });
});
