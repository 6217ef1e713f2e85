/**
 * Large views are laid out in pieces and packed. One dot run over 3,000
 * institutions put every top-level group side by side (a strip 218,000 pt
 * wide, aspect 243), and folding it into rows made every long edge cross many
 * more ranks (18–85 s of CPU instead of 2 s). Instead each top-level group
 * (and the institutions outside any, and the legend) is laid out alone with
 * its own hierarchy, the pieces are packed into rows of about the same width
 * as the rows are tall together, and a last Graphviz run (`nop2`: positions
 * kept) draws every piece where it was packed and routes the edges between
 * pieces and the relations outside the hierarchy.
 */
import { toDot } from './dot.js';
import type { DiagramGraph } from './graph-types.js';
import type { LayoutFormat, LayoutOutput, Renderer } from './render.js';

/** Points between packed pieces, and above them for the title. */
const GAP = 36;
const TITLE_HEIGHT = 48;

/** Where the packed layout puts things: Graphviz attributes per element id, and the whole drawing's box. */
export interface Placement {
    bb: string;
    /** Node `pos`, cluster `bb`, edge `pos` and label positions (`lp`, `xlp`), by element id. */
    attributes: Map<string, Record<string, string>>;
}

/**
 * Views of more nodes than this are packed. Measured: the 300-institution
 * view packed has 16,025 crossing pairs instead of 26,800, and about a third
 * of the area and of the edge length; the flagship overview (60 nodes) packed had
 * 220 crossings instead of 166, as one run of dot routes its few relations
 * around the groups better than the straight lines between pieces.
 */
const PACK_LIMIT = 150;

export function packs(graph: DiagramGraph): boolean {
    return graph.nodes.length > PACK_LIMIT;
}

/** The packed layout: each piece laid out (one job after another, as the renderer runs them anyway), then the whole. */
export async function packedLayout(
    graph: DiagramGraph,
    renderer: Renderer,
    formats: LayoutFormat[],
    signal?: AbortSignal
): Promise<LayoutOutput> {
    const layouts: string[] = [];
    for (const [index, piece] of piecesOf(graph).entries()) {
        const dot = toDot(piece, { piece: index === 0 ? 'wide' : 'square', institutions: graph.nodes.length });
        layouts.push((await renderer.render(dot, ['json0'], { signal })).json0);
    }
    return renderer.render(toDot(graph, { placement: place(layouts) }), formats, { signal });
}

/**
 * The pieces laid out alone: each top-level group with the clusters inside it
 * and the hierarchy edges within it; the institutions outside every group;
 * the legend. Edges between pieces and edges outside the hierarchy are left
 * to the last run, so no piece's ranks are stretched by another's.
 */
export function piecesOf(graph: DiagramGraph): DiagramGraph[] {
    const parents = new Map(graph.clusters.map(c => [c.id, c.parent]));
    const top = (id: string | undefined): string | undefined => {
        let cluster = id;
        while (cluster !== undefined && parents.get(cluster) !== undefined) cluster = parents.get(cluster);
        return cluster;
    };
    const pieceOf = new Map(graph.nodes.map(n => [n.id, top(n.cluster) ?? '']));
    const groups = [...graph.clusters.filter(c => c.parent === undefined).map(c => c.id), ''];
    const empty = { ...graph, title: '', subtitle: '', nodes: [], edges: [], clusters: [], legend: [] };
    const pieces: DiagramGraph[] = groups.map(group => ({
        ...empty,
        nodes: graph.nodes.filter(n => pieceOf.get(n.id) === group),
        clusters: graph.clusters.filter(c => group !== '' && top(c.id) === group),
        edges: graph.edges.filter(e => e.ranks && pieceOf.get(e.from) === group && pieceOf.get(e.to) === group)
    }));
    if (graph.legend.length > 0) pieces.push({ ...empty, legend: graph.legend });
    return pieces.filter(piece => piece.nodes.length > 0 || piece.legend.length > 0);
}

/** What the placement needs from a piece's layout (Graphviz's json0). */
interface GvLayout {
    bb: string;
    objects?: { id?: string; pos?: string; bb?: string }[];
    edges?: { id?: string; pos?: string; lp?: string; xlp?: string }[];
}

/**
 * Packs the laid-out pieces into rows (in the order given: the groups in
 * sphere order, the legend last), each row as wide as the square root of the
 * pieces' total area allows, or the widest piece, and says where everything
 * in them now is. The first group has the first row to itself, so it stands
 * above the others (the party above the state). The title keeps a band
 * above the first row.
 */
export function place(layouts: string[]): Placement {
    const pieces = layouts.map(text => {
        const gv = JSON.parse(text) as GvLayout;
        const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = numbers(gv.bb);
        return { gv, x1, y1, width: x2 - x1, height: y2 - y1 };
    });
    const area = pieces.reduce((sum, p) => sum + (p.width + GAP) * (p.height + GAP), 0);
    const rowWidth = Math.max(Math.sqrt(area), ...pieces.map(p => p.width));
    // Top-down placement first (rows of pieces under the title), then Graphviz's y, which counts upwards.
    const placed: { piece: (typeof pieces)[number]; left: number; top: number }[] = [];
    let left = 0,
        top = TITLE_HEIGHT,
        rowHeight = 0,
        width = 0;
    for (const [index, piece] of pieces.entries()) {
        if (index === 1 || (left > 0 && left + piece.width > rowWidth)) {
            left = 0;
            top += rowHeight + GAP;
            rowHeight = 0;
        }
        placed.push({ piece, left, top });
        left += piece.width + GAP;
        width = Math.max(width, left - GAP);
        rowHeight = Math.max(rowHeight, piece.height);
    }
    const height = top + rowHeight;
    const attributes = new Map<string, Record<string, string>>();
    for (const { piece, left, top } of placed) {
        const dx = left - piece.x1,
            dy = height - top - piece.height - piece.y1;
        const shift = (text: string) => shifted(text, dx, dy);
        for (const object of piece.gv.objects ?? []) {
            if (!object.id) continue;
            if (object.bb) attributes.set(object.id, { bb: shift(object.bb) });
            else if (object.pos) attributes.set(object.id, { pos: shift(object.pos) });
        }
        for (const edge of piece.gv.edges ?? []) {
            if (!edge.id || !edge.pos) continue;
            const labels = Object.fromEntries((['lp', 'xlp'] as const).flatMap(name => (edge[name] ? [[name, shift(edge[name])]] : [])));
            attributes.set(edge.id, { pos: shift(edge.pos), ...labels });
        }
    }
    return { bb: `0,0,${round(width)},${round(height)}`, attributes };
}

/** Every `x,y` pair in a Graphviz position (`e,x,y x,y …`, `x1,y1,x2,y2`) moved by dx, dy. */
function shifted(text: string, dx: number, dy: number): string {
    return text
        .split(' ')
        .map(part => {
            const marker = /^[es],/.test(part) ? part.slice(0, 2) : '';
            const values = numbers(part.slice(marker.length));
            return marker + values.map((value, i) => round(value + (i % 2 === 0 ? dx : dy))).join(',');
        })
        .join(' ');
}

function numbers(text: string): number[] {
    return text.split(',').map(Number);
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}
