import { describe, expect, it } from 'vitest';
import { writeDiagram } from '../../src/diagram/diagram.js';
import { GraphvizRenderer } from '../../src/diagram/render.js';
import { graphFor } from '../../src/diagram/request.js';
import { modelOf, TODAY } from './helpers.js';

/** Layouts as Graphviz draws them (JSON with positions): the hierarchy shapes the picture, and large rows fold into blocks. */
interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}
interface Layout {
    width: number;
    height: number;
    nodes: { id: string; box: Box }[];
    edges: { id: string }[];
    legend?: unknown;
}

const renderer = new GraphvizRenderer();

async function layoutOf(text: string, view?: string): Promise<Layout & { box: (key: string) => Box }> {
    const { model, conflicts } = await modelOf({ 'm.polity': text });
    const graph = graphFor(model, conflicts, { view, scope: 'm', today: TODAY });
    const layout = JSON.parse(await writeDiagram(graph, 'json', renderer)) as Layout;
    return { ...layout, box: key => layout.nodes.find(n => n.id === `institution:m.${key}`)!.box };
}

const rows = (boxes: Box[]) => new Set(boxes.map(b => Math.round(b.y))).size;

describe('layouts that read', () => {
    it('a `part-of` puts the whole above its part, as `oversees` puts the superior above', async () => {
        const layout = await layoutOf(`model m
institution Whole "The whole" { kind ministry }
institution Part "The part" { kind agency }
Part part-of Whole
`);
        expect(layout.box('Whole').y + layout.box('Whole').height).toBeLessThan(layout.box('Part').y);
    });

    it('a superior with many subordinates of their own has them in a block, not one row', async () => {
        const bureaus = Array.from({ length: 16 }, (_, i) => `institution B${i} "Bureau ${i}" { kind agency }\nMin oversees B${i}`).join(
            '\n'
        );
        const layout = await layoutOf(`model m\ninstitution Min "Ministry" { kind ministry }\n${bureaus}\n`);
        const boxes = Array.from({ length: 16 }, (_, i) => layout.box(`B${i}`));
        expect(rows(boxes)).toBeGreaterThanOrEqual(3);
        boxes.forEach(box => expect(box.y).toBeGreaterThan(layout.box('Min').y));
        expect(layout.width / layout.height).toBeLessThan(3);
    });

    it('many small hierarchies in one sphere fold into rows rather than one strip', async () => {
        const pairs = Array.from(
            { length: 18 },
            (_, i) =>
                `institution M${i} "Ministry ${i}" { kind ministry }\ninstitution A${i} "Agency ${i}" { kind agency }\nM${i} oversees A${i}`
        ).join('\n');
        const layout = await layoutOf(`model m\n${pairs}\n`);
        const tops = Array.from({ length: 18 }, (_, i) => layout.box(`M${i}`));
        expect(rows(tops)).toBeGreaterThanOrEqual(3);
        for (let i = 0; i < 18; i++) expect(layout.box(`M${i}`).y).toBeLessThan(layout.box(`A${i}`).y);
        expect(layout.width / layout.height).toBeLessThan(3);
    });
});

describe('hide and show relation kinds in a view', () => {
    const MODEL = `model m
institution Min "Ministry" { kind ministry }
institution Lab "Laboratory" { kind agency }
institution Club "Club" { kind association }
Min oversees Lab
Club advises Min
Club member-of Min
view calm "Without advice" { hide advises, member-of }
view again "Advice again" {
  hide advises, member-of
  show advises
}
`;

    it('leaves the hidden kinds out of the picture and the legend; a later show brings one back', async () => {
        const { model, conflicts } = await modelOf({ 'm.polity': MODEL });
        const kinds = (view: string) => {
            const graph = graphFor(model, conflicts, { view, scope: 'm', today: TODAY });
            return { edges: graph.edges.map(e => e.kind), legend: graph.legend.map(l => l.label) };
        };
        expect(kinds('calm').edges).toEqual(['oversees']);
        expect(kinds('calm').legend).not.toContain('advises');
        expect(kinds('again').edges.sort()).toEqual(['advises', 'oversees']);
        expect(kinds('again').legend).toContain('advises');
        expect(kinds('again').legend).not.toContain('member-of');
    });

    it('a kind that does not exist is an error at its name', async () => {
        await expect(modelOf({ 'm.polity': 'model m\nview v { hide adviser }\n' })).rejects.toThrow(/2: .*adviser/);
    });
});
