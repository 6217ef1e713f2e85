import { describe, expect, it } from 'vitest';
import { writeDiagram } from '../../src/diagram/diagram.js';
import { toMermaid } from '../../src/diagram/mermaid.js';
import { GraphvizRenderer } from '../../src/diagram/render.js';
import { graphFor } from '../../src/diagram/request.js';
import { modelOf, SMALL, TODAY } from './helpers.js';

describe('Mermaid', () => {
    it('is a flowchart with a subgraph per cluster, styled edges and the conflict dashed red', async () => {
        const { model, conflicts } = await modelOf({ 'm.polity': SMALL });
        const text = toMermaid(graphFor(model, conflicts, { at: '2020', scope: 't', today: TODAY }));
        const lines = text.split('\n');
        expect(lines.slice(0, 4)).toEqual(['---', 'title: "t (as of 2020)"', '---', 'flowchart TD']);
        expect(lines).toContain('  subgraph g0["Party"]');
        expect(lines).toContain('    n2["Party<br/>Party Commission<br/>#171;party-commission#187;"]');
        expect(lines).toContain('  n2 --> n0');
        const conflict = lines.indexOf('  n0 -.-|"privacy"| n3');
        expect(conflict).toBeGreaterThan(0);
        const index = lines.filter(l => / (-->|---|-\.->|-\.-)/.test(l)).indexOf(lines[conflict] ?? '');
        expect(lines).toContain(`  linkStyle ${index} stroke:#d62728,stroke-width:1.8px,stroke-dasharray:6 4`);
    });

    it('writes markup, quotes and entity starts in labels as Mermaid codes', async () => {
        const { model, conflicts } = await modelOf({
            'm.polity': 'model x\ninstitution A "<script>x</script> \\"q\\" & #1;" { kind ministry }\n'
        });
        const text = toMermaid(graphFor(model, conflicts, { scope: 'x', today: TODAY }));
        expect(text).toContain('["A<br/>#60;script#62;x#60;/script#62; #34;q#34; #38; #35;1;<br/>#171;ministry#187;"]');
        expect(text).not.toContain('<script');
    });
});

describe('JSON with positions', () => {
    it('gives every node a box inside the drawing and every edge its points, in the graph order', async () => {
        const { model, conflicts } = await modelOf({ 'm.polity': SMALL });
        const graph = graphFor(model, conflicts, { at: '2020', scope: 't', today: TODAY });
        const json = JSON.parse(await writeDiagram(graph, 'json', new GraphvizRenderer(), uri => uri.replace('file:///ws/', ''))) as {
            width: number;
            height: number;
            nodes: { id: string; box: { x: number; y: number; width: number; height: number }; source: { file: string } }[];
            edges: { id: string; points: { x: number; y: number }[] }[];
        };
        expect(json.nodes.map(n => n.id)).toEqual(graph.nodes.map(n => n.id));
        for (const { box } of json.nodes) {
            expect(box.width).toBeGreaterThan(20);
            expect(box.x).toBeGreaterThanOrEqual(0);
            expect(box.y).toBeGreaterThanOrEqual(0);
            expect(box.x + box.width).toBeLessThanOrEqual(json.width);
            expect(box.y + box.height).toBeLessThanOrEqual(json.height);
        }
        expect(json.nodes[0]?.source.file).toBe('m.polity');
        expect(json.edges.map(e => e.id)).toEqual(graph.edges.map(e => e.id));
        expect(json.edges.every(e => e.points.length >= 2)).toBe(true);
        // Oversight runs top down: the superior's box is above the subordinate's.
        const box = (id: string) => json.nodes.find(n => n.id === id)!.box;
        expect(box('institution:t.Party').y + box('institution:t.Party').height).toBeLessThan(box('institution:t.Min').y);
    });
});
