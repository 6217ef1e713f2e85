import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/diagram/graph.js';
import { dateRange, findView, select } from '../../src/diagram/select.js';
import type { Conflict } from '../../src/model/conflicts.js';
import type { SemanticModel } from '../../src/model/model.js';
import { date, exampleFiles, modelOf, TODAY } from './helpers.js';

/** Diagrams of people, posts and names (Polity 0.2 §6–7), on the flagship. */
let flagship: { model: SemanticModel; conflicts: Conflict[] };
beforeAll(async () => {
    flagship = await modelOf(exampleFiles('examples/china-cyber'));
});

function graphOf(view: string, options: { at?: string; lang?: string } = {}) {
    const { model, conflicts } = flagship;
    const found = findView(model, view);
    if (!found) throw new Error(`no view ${view}`);
    return buildGraph(
        model,
        select(model, { view: found, today: TODAY, conflicts, at: options.at ? date(options.at) : undefined, lang: options.lang })
    );
}

const cac = 'institution:china.cyber.CAC';

describe("the flagship's CAC view at a date", () => {
    it('labels the body by the name in force then: the SIIO in 2012, the CAC in 2016', () => {
        expect(graphOf('cac', { at: '2012' }).nodes.find(n => n.id === cac)?.title).toBe('State Internet Information Office (SIIO)');
        const in2016 = graphOf('cac', { at: '2016' }).nodes.find(n => n.id === cac)!;
        expect(in2016.title).toBe(
            'Cyberspace Administration of China / Office of the Central Commission for Cybersecurity and Informatization'
        );
    });

    it("draws the second plaque in the party sphere's colour around the state sphere's fill", () => {
        const before = graphOf('cac', { at: '2013' }).nodes.find(n => n.id === cac)!;
        const after = graphOf('cac', { at: '2016' }).nodes.find(n => n.id === cac)!;
        expect(before.style).toMatchObject({ fill: '#d4e3f6', border: '#3d6aa3', double: false });
        expect(after.style).toMatchObject({ fill: '#d4e3f6', border: '#a8453a', double: true });
    });
});

describe('labels in a language', () => {
    it("a 'labels zh' view draws the Chinese names the model has, and the name at the date where it has none", () => {
        const titles = Object.fromEntries(graphOf('cac-zh').nodes.map(n => [n.key.slice('china.cyber.'.length), n.title]));
        expect(titles).toEqual({
            CAC: 'Cyberspace Administration of China / Office of the Central Commission for Cybersecurity and Informatization',
            CAICT: '中国信息通信研究院',
            CSAC: '中国网络空间安全协会',
            MIIT: '工信部',
            TC260: '全国信息安全标准化技术委员会'
        });
    });

    it('--lang overrides the view: the pinyin name of the CAC', () => {
        expect(graphOf('cac', { lang: 'zh-Latn-pinyin', at: '2016' }).nodes.find(n => n.id === cac)?.title).toBe(
            'Guojia hulianwang xinxi bangongshi / Office of the Central Commission for Cybersecurity and Informatization'
        );
    });
});

describe('show people', () => {
    const links = (graph: ReturnType<typeof graphOf>, person: string) =>
        graph.edges
            .filter(e => e.from === `person:china.cyber.${person}`)
            .map(e => `${e.label} ${e.to.slice('institution:china.cyber.'.length)}`)
            .sort();

    it('Lu Wei links the CAC and the Propaganda Department in 2014, and not in 2017', () => {
        const in2014 = graphOf('personnel-2014');
        expect(in2014.nodes.find(n => n.id === 'person:china.cyber.LuWei')).toMatchObject({ category: 'person', name: 'Lu Wei' });
        expect(links(in2014, 'LuWei')).toEqual(['director CAC', 'vice-director CPD']);
        const in2017 = graphOf('personnel-2014', { at: '2017' });
        expect(in2017.nodes.some(n => n.id === 'person:china.cyber.LuWei')).toBe(false);
        expect(links(in2017, 'LuWei')).toEqual([]);
    });

    it('the personnel view of 2020 shows who links the CAC, TC260, CSAC and CACS; uncertain posts are dotted', () => {
        const graph = graphOf('personnel');
        expect(links(graph, 'WangXiujun')).toEqual(['director CSAC', 'vice-director CAC']);
        expect(links(graph, 'LiYuxiao')).toEqual(['legal-representative CSAC', 'vice-director CACS']);
        // `by 2020-11`: possibly, not certainly, held at the start of 2020.
        expect(links(graph, 'ZhaoZeliang')).toEqual(['deputy-director? CAC', 'head? TC260']);
        expect(graph.legend.map(l => l.label)).toEqual(expect.arrayContaining(['person', 'holds a post in (post)']));
    });

    it('a view without show people draws no people', () => {
        expect(graphOf('cac', { at: '2014' }).nodes.filter(n => n.category === 'person')).toEqual([]);
    });
});

describe('the date range of the slider', () => {
    it("covers the dates of people's posts", async () => {
        const { model } = await modelOf({
            'm.polity': 'institution A { established 2010 }\nperson P { holds director of A from 2012 to 2030 }'
        });
        const range = dateRange(model);
        expect([range.min?.text, range.max?.text]).toEqual(['2010', '2030']);
    });
});
