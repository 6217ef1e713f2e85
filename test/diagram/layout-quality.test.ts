import { describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../bench/generate.js';
import { writeDiagram } from '../../src/diagram/diagram.js';
import { toDot } from '../../src/diagram/dot.js';
import { GraphvizRenderer } from '../../src/diagram/render.js';
import { graphFor } from '../../src/diagram/request.js';
import { layoutQuality, type LaidOut } from '../support/layout-quality.js';
import { exampleFiles, modelOf, TODAY } from './helpers.js';

/**
 * The figures bench/layout-metrics.ts prints, held to bounds: the flagship's
 * overview and a generated 300-institution view, laid out by Graphviz.
 */
interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}
interface Layout extends LaidOut {
    clusters: { id: string; parent?: string; box?: Box }[];
    nodes: { id: string; box: Box }[];
    edges: (LaidOut['edges'][number] & { id: string; kind?: string; category: string })[];
}

const renderer = new GraphvizRenderer();
const EVERYTHING = 'model bench\n\nview everything "Every institution in 2020" {\n  include *\n  at 2020\n}\n';

async function layoutOf(files: Record<string, string>, view: string, scope?: string): Promise<Layout> {
    const { model, conflicts } = await modelOf(files);
    const graph = graphFor(model, conflicts, { view, scope, today: TODAY });
    return JSON.parse(await writeDiagram(graph, 'json', renderer)) as Layout;
}

function generated(institutions: number): Record<string, string> {
    const files = Object.fromEntries(generateWorkspace({ institutions, seed: 1 }).files.map(f => [f.name, f.text]));
    return { ...files, 'views.polity': EVERYTHING };
}

const cluster = (layout: Layout, sphere: string) => layout.clusters.find(c => c.id === `cluster:sphere:${sphere}`)!.box!;

describe('the flagship overview reads', () => {
    it('is compact, with fewer crossings than 0.1 drew (285), and every superior above its subordinate', async () => {
        const layout = await layoutOf(exampleFiles('examples/china-cyber'), 'overview', 'china.cyber');
        const quality = layoutQuality(layout);
        // Before nodesep 0.15: 74,042 pt of edges and 4.59 Mpt²; after: 64,812 pt and 3.62 Mpt².
        expect(quality.length).toBeLessThan(70_000);
        expect(quality.area).toBeLessThan(4.1e6);
        expect(quality.crossings).toBeLessThan(200);
        expect(quality.aspect).toBeGreaterThan(0.5);
        expect(quality.aspect).toBeLessThan(2);
        const party = cluster(layout, 'party'),
            state = cluster(layout, 'state');
        expect(party.y + party.height).toBeLessThan(state.y);
        const box = new Map(layout.nodes.map(n => [n.id, n.box]));
        const hierarchy = layout.edges.filter(e => e.category === 'unit' || e.kind === 'oversees' || e.kind === 'part-of');
        expect(hierarchy.length).toBeGreaterThan(20);
        for (const edge of hierarchy) {
            const [superior, subordinate] = edge.kind === 'part-of' ? [edge.to, edge.from] : [edge.from, edge.to];
            expect(box.get(superior)!.y, `${edge.id}`).toBeLessThan(box.get(subordinate)!.y);
        }
    });
});

describe('a generated 300-institution view reads', () => {
    it('is packed: the party group above the rest in sphere order, within 1:3, with fewer crossings and a third of the area', async () => {
        const layout = await layoutOf(generated(300), 'everything', 'bench');
        const quality = layoutQuality(layout);
        // Before packing: 7,140 × 2,771 pt (aspect 2.58, 19.8 Mpt²), 26,800 crossing pairs, 1.5 M pt of edges, the groups
        // in a staircase with long edges looping outside; packed: 2,279 × 3,252 (7.4 Mpt²), 16,025 crossings, 0.56 M pt.
        expect(quality.aspect).toBeLessThan(3);
        expect(quality.aspect).toBeGreaterThan(1 / 3);
        expect(quality.crossings).toBeLessThan(20_000);
        expect(quality.area).toBeLessThan(10e6);
        expect(quality.length).toBeLessThan(800_000);
        const order = ['party', 'state', 'military', 'affiliated', 'society', 'market', 'international'];
        const boxes = order.map(sphere => cluster(layout, sphere));
        const [party, ...rest] = boxes;
        for (const [i, box] of rest.entries()) expect(party!.y + party!.height, order[i + 1]).toBeLessThan(box.y);
        // In reading order: each group right of the one before it, or in a row below it.
        for (let i = 1; i < boxes.length; i++) {
            const [before, box] = [boxes[i - 1]!, boxes[i]!];
            expect(box.x >= before.x + before.width || box.y >= before.y + before.height, order[i]).toBe(true);
        }
    }, 120_000);
});

describe('a generated 3,000-institution view', () => {
    /** The layout's CPU time in seconds (DOT, every Graphviz run, the packing), and what it drew. */
    async function timed(run: () => Promise<string>): Promise<{ seconds: number; output: string }> {
        const start = process.cpuUsage();
        const output = await run();
        const used = process.cpuUsage(start);
        return { seconds: (used.user + used.system) / 1e6, output };
    }

    it('is packed into a picture within 1:2, each group whole, its hierarchy top-down, in less CPU than one run of the whole', async () => {
        const { model, conflicts } = await modelOf(generated(3000));
        const graph = graphFor(model, conflicts, { view: 'everything', scope: 'bench', today: TODAY });
        const packed = await timed(() => writeDiagram(graph, 'json', renderer));
        const layout = JSON.parse(packed.output) as Layout;
        const quality = layoutQuality(layout);
        // Before packing: one run, every group side by side, 218,040 × 898 pt (aspect 243); packed: 13,884 × 9,512.
        expect(quality.aspect).toBeLessThan(2);
        expect(quality.aspect).toBeGreaterThan(1 / 2);
        expect(quality.edges).toBe(graph.edges.length);
        // Each group's box holds its institutions and no other group's box overlaps it.
        const boxes = layout.clusters.filter(c => c.parent === undefined);
        expect(boxes.length).toBe(7);
        const inside = (b: Box, a: Box) => a.x <= b.x && a.y <= b.y && b.x + b.width <= a.x + a.width && b.y + b.height <= a.y + a.height;
        const apart = (a: Box, b: Box) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        for (const [i, a] of boxes.entries())
            for (const b of boxes.slice(i + 1)) expect(apart(a.box!, b.box!), `${a.id} ${b.id}`).toBe(true);
        const groupOf = new Map(graph.nodes.map(n => [n.id, n.sphere]));
        for (const node of layout.nodes.filter(n => groupOf.get(n.id))) {
            expect(inside(node.box, cluster(layout, groupOf.get(node.id)!)), node.id).toBe(true);
        }
        // Within a group the superior stands above its subordinate.
        const box = new Map(layout.nodes.map(n => [n.id, n.box]));
        const hierarchy = graph.edges.filter(e => e.ranks && groupOf.get(e.from) === groupOf.get(e.to));
        expect(hierarchy.length).toBeGreaterThan(1000);
        for (const edge of hierarchy) {
            const [superior, subordinate] = edge.upward ? [edge.to, edge.from] : [edge.from, edge.to];
            expect(box.get(superior)!.y, edge.id).toBeLessThan(box.get(subordinate)!.y);
        }
        // The same view in one Graphviz run, as before packing (measured: 2.0 s against 1.1 s packed).
        const whole = await timed(async () => (await renderer.render(toDot(graph), ['json0'])).json0);
        expect(packed.seconds, `packed ${packed.seconds.toFixed(2)} s, one run ${whole.seconds.toFixed(2)} s`).toBeLessThan(whole.seconds);
    }, 600_000);
});
