import type { DiagramGraph, GraphEdge } from './graph-types.js';
import { pairsApart } from '../model/lists.js';

/** An invisible edge; weight 0 sets ranks without pulling the ends into line. */
type Link = [from: string, to: string, weight?: number];

/** The edge as superior → subordinate: an upward kind's edge (`part-of`) points the other way. */
export function rankLink(edge: GraphEdge): Link {
    return edge.upward ? [edge.to, edge.from] : [edge.from, edge.to];
}

/**
 * Measured with @viz-js/viz 3.31 on the generated workspaces: stacking 3,000
 * institutions took minutes, 300 about 0.1 s; folding 3,000 into a grid took
 * 45 s of CPU against 4 s without, as every long edge then crossed many more
 * ranks. Views of more than 150 nodes are packed instead (pack.ts); above
 * this many, their DOT export, laid out in one run, has its groups and their
 * pieces side by side.
 */
const STACK_LIMIT = 1000;

/**
 * A cluster's pieces stand in rows of √(n × this): in a whole view, and in
 * the first group of a packed layout (pack.ts), which has a row of its own
 * above the rest, 2 (rows wider than the columns are tall, as a screen is);
 * in the other pieces of a packed layout 1/3, which the packing then sets
 * side by side. Measured on
 * the 3,000-institution view, whose state group has 1,923 institutions: at 2
 * the drawing was 19,139 × 5,371 pt (aspect 3.6), at 1/3 11,613 × 11,408
 * (1.0), in the same CPU time.
 */
const VIEW_ROW = 2;
const PIECE_ROW = 1 / 3;

/** How a piece of a packed layout is folded: as wide as a whole view, or about square (see VIEW_ROW). */
export type PieceShape = 'wide' | 'square';

/**
 * How the picture is shaped beyond the edges drawn: invisible edges, and the
 * ids of hierarchy edges drawn without setting ranks (see looseEdges).
 */
export interface LayoutHints {
    links: Link[];
    loose: Set<string>;
}

/**
 * Invisible edges that give dot a readable shape. Only hierarchies set ranks,
 * so a mostly flat model would become one long strip: institutions outside
 * any hierarchy are stacked into a roughly square grid, group by group, and
 * sphere groups are stacked top to bottom in sphere order (party above state).
 * Stacking and the grid multiply the ranks that long edges cross, which dot
 * pays for dearly, so large diagrams do neither (see STACK_LIMIT), except
 * in the pieces of a packed layout (`piece`), which hold no such edges.
 */
export function layoutEdges(graph: DiagramGraph, piece?: PieceShape): LayoutHints {
    const small = piece !== undefined || graph.nodes.length <= STACK_LIMIT;
    const stack = small && graph.clusters.some(c => c.id.startsWith('cluster:sphere:'));
    const loose = stack ? looseEdges(graph) : new Set<string>();
    const ranking: Link[] = graph.edges.filter(e => e.ranks && !loose.has(e.id)).map(rankLink);
    const markers = new Set(graph.nodes.filter(n => n.category !== 'institution').map(n => n.id));
    const leaves = leafLinks(graph, ranking);
    const grid = [
        ...leaves,
        ...(small ? gridLinks(graph, [...ranking, ...leaves], markers, piece === 'square' ? PIECE_ROW : VIEW_ROW) : [])
    ];
    // A conflict marker sits just below the institutions that clash over its mandate, not at the top of the drawing.
    const claims: Link[] = graph.edges.filter(e => markers.has(e.to)).map(e => [e.from, e.to]);
    const stacked = stack ? stackLinks(graph, [...ranking, ...grid, ...claims]) : [];
    return { links: [...grid, ...claims, ...stacked], loose };
}

/**
 * Hierarchy edges from a later group up to an earlier one in sphere order (a
 * company's bureau of a state kind, a society body overseeing a party
 * office): drawn, but setting no rank. Ranking them would close a cycle with
 * the stacking, which dot breaks by turning edges around, and the groups
 * ended side by side in one strip as wide as all of them together.
 */
function looseEdges(graph: DiagramGraph): Set<string> {
    const order = new Map(graph.clusters.filter(c => c.parent === undefined).map((c, i) => [c.id, i]));
    const groupOf = new Map(graph.nodes.map(n => [n.id, order.get(topCluster(graph, n.cluster) ?? '') ?? -1]));
    return new Set(
        graph.edges
            .filter(edge => {
                const [superior, subordinate] = rankLink(edge);
                return edge.ranks && groupOf.get(superior)! > groupOf.get(subordinate)! && groupOf.get(subordinate)! >= 0;
            })
            .map(e => e.id)
    );
}

/**
 * A superior's subordinates that have none of their own (the bureaus of a
 * ministry, the working groups of a committee) would stand in one row as wide
 * as their number: like the unranked ones, they are wrapped into a roughly
 * square block under their superior, one block per superior and cluster.
 */
function leafLinks(graph: DiagramGraph, ranking: Link[]): Link[] {
    const superiors = new Set(ranking.map(([from]) => from));
    const clusterOf = new Map(graph.nodes.map(n => [n.id, n.cluster]));
    const placed = new Set<string>();
    const blocks = new Map<string, string[]>();
    for (const [from, to] of ranking) {
        if (superiors.has(to) || placed.has(to)) continue;
        placed.add(to);
        const block = `${from}\u0000${clusterOf.get(to) ?? ''}`;
        const ids = blocks.get(block);
        if (ids) ids.push(to);
        else blocks.set(block, [to]);
    }
    return [...blocks.values()].flatMap(wrapped);
}

/** Links that fold a row of nodes into lines of about √(2n): each node below the one a line earlier. */
function wrapped(ids: string[]): Link[] {
    const width = Math.max(3, Math.ceil(Math.sqrt(ids.length * 2)));
    return pairsApart(ids, width);
}

/**
 * The pieces of each cluster (a hierarchy within it, or one institution
 * outside any) laid out in rows: a piece stands below the one a row earlier,
 * its tops linked to that piece's deepest institution, so many small trees
 * make a block rather than one strip. Markers keep their own place.
 */
function gridLinks(graph: DiagramGraph, ranking: Link[], markers: Set<string>, perRow: number): Link[] {
    const nodes = graph.nodes.filter(n => !markers.has(n.id));
    const clusterOf = new Map(nodes.map(n => [n.id, n.cluster]));
    const inside = ranking.filter(([from, to]) => clusterOf.has(from) && clusterOf.has(to) && clusterOf.get(from) === clusterOf.get(to));
    const root = new Map(nodes.map(n => [n.id, n.id]));
    const find = (id: string): string => {
        let r = id;
        while (root.get(r) !== r) r = root.get(r)!;
        root.set(id, r);
        return r;
    };
    for (const [from, to] of inside) root.set(find(to), find(from));
    const ranks = rank(
        nodes.map(n => n.id),
        inside
    );
    const below = new Set(inside.map(([, to]) => to));
    const pieces = new Map<string, { cluster: string | undefined; tops: string[]; deepest: string }>();
    for (const node of nodes) {
        const id = find(node.id);
        const piece = pieces.get(id) ?? { cluster: node.cluster, tops: [], deepest: node.id };
        if (!below.has(node.id)) piece.tops.push(node.id);
        if (ranks.get(node.id)! > ranks.get(piece.deepest)!) piece.deepest = node.id;
        pieces.set(id, piece);
    }
    const byCluster = new Map<string | undefined, { tops: string[]; deepest: string }[]>();
    for (const piece of pieces.values()) byCluster.set(piece.cluster, [...(byCluster.get(piece.cluster) ?? []), piece]);
    const links: Link[] = [];
    for (const row of byCluster.values()) {
        const width = Math.max(3, Math.ceil(Math.sqrt(row.length * perRow)));
        for (const [above, piece] of pairsApart(row, width)) piece.tops.forEach(top => links.push([above.deepest, top]));
    }
    return links;
}

/**
 * Links the deepest institution of each top-level group to every institution
 * of the next group that nothing in that group ranks below, so each group
 * lies wholly below the previous one.
 */
function stackLinks(graph: DiagramGraph, base: Link[]): Link[] {
    const groupOf = new Map(graph.nodes.map(n => [n.id, topCluster(graph, n.cluster)]));
    const groups = graph.clusters
        .filter(c => c.parent === undefined)
        .map(c => graph.nodes.filter(n => groupOf.get(n.id) === c.id).map(n => n.id))
        .filter(ids => ids.length > 0);
    const rankedWithinGroup = new Set(base.filter(([from, to]) => groupOf.get(from) === groupOf.get(to)).map(([, to]) => to));
    const links: Link[] = [];
    for (const [previous, group] of pairsApart(groups, 1)) {
        const ranks = rank(
            graph.nodes.map(n => n.id),
            [...base, ...links]
        );
        const above = previous.reduce((deepest, id) => (ranks.get(id)! > ranks.get(deepest)! ? id : deepest));
        for (const top of group.filter(id => !rankedWithinGroup.has(id))) links.push([above, top]);
    }
    return links;
}

function topCluster(graph: DiagramGraph, id: string | undefined): string | undefined {
    let cluster = graph.clusters.find(c => c.id === id);
    while (cluster?.parent) cluster = graph.clusters.find(c => c.id === cluster!.parent);
    return cluster?.id;
}

/** Longest-path ranks (0 at the top). Nodes on a cycle, which a checked model has none of, keep rank 0. */
function rank(nodes: string[], links: Link[]): Map<string, number> {
    const ranks = new Map(nodes.map(id => [id, 0]));
    const indegree = new Map(nodes.map(id => [id, 0]));
    const out = new Map<string, string[]>();
    for (const [from, to] of links) {
        indegree.set(to, (indegree.get(to) ?? 0) + 1);
        const targets = out.get(from);
        if (targets) targets.push(to);
        else out.set(from, [to]);
    }
    const queue = nodes.filter(id => indegree.get(id) === 0);
    while (queue.length > 0) {
        const id = queue.pop()!;
        for (const next of out.get(id) ?? []) {
            ranks.set(next, Math.max(ranks.get(next)!, ranks.get(id)! + 1));
            indegree.set(next, indegree.get(next)! - 1);
            if (indegree.get(next) === 0) queue.push(next);
        }
    }
    return ranks;
}
