import type { DiagramGraph } from './graph.js';

type Link = [from: string, to: string];

/** Measured with @viz-js/viz 3.31: stacking 3,000 institutions took minutes, 300 about 0.1 s. */
const STACK_LIMIT = 1000;

/**
 * Invisible edges that give dot a readable shape. Only hierarchies set ranks,
 * so a mostly flat model would become one long strip: institutions outside
 * any hierarchy are stacked into a roughly square grid, group by group, and
 * sphere groups are stacked top to bottom in sphere order (party above state).
 * Stacking multiplies the ranks that long edges cross, which dot pays for
 * dearly, so large diagrams leave the groups side by side.
 */
export function layoutEdges(graph: DiagramGraph): Link[] {
    const ranking: Link[] = graph.edges.filter(e => e.ranks).map(e => [e.from, e.to]);
    const markers = new Set(graph.nodes.filter(n => n.category !== 'institution').map(n => n.id));
    const grid = gridLinks(graph, new Set([...ranking.flat(), ...markers]));
    // A conflict marker sits just below the institutions that clash over its mandate, not at the top of the drawing.
    const claims: Link[] = graph.edges.filter(e => markers.has(e.to)).map(e => [e.from, e.to]);
    const stack = graph.nodes.length <= STACK_LIMIT && graph.clusters.some(c => c.id.startsWith('cluster:sphere:'));
    const stacked = stack ? stackLinks(graph, [...ranking, ...grid, ...claims]) : [];
    return [...grid, ...claims, ...stacked];
}

function gridLinks(graph: DiagramGraph, ranked: Set<string>): Link[] {
    const groups = new Map<string | undefined, string[]>();
    for (const node of graph.nodes.filter(n => !ranked.has(n.id))) {
        const group = groups.get(node.cluster);
        if (group) group.push(node.id); else groups.set(node.cluster, [node.id]);
    }
    const links: Link[] = [];
    for (const ids of groups.values()) {
        const width = Math.max(3, Math.ceil(Math.sqrt(ids.length * 2)));
        for (let i = width; i < ids.length; i++) links.push([ids[i - width], ids[i]]);
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
    const groups = graph.clusters.filter(c => c.parent === undefined)
        .map(c => graph.nodes.filter(n => groupOf.get(n.id) === c.id).map(n => n.id))
        .filter(ids => ids.length > 0);
    const rankedWithinGroup = new Set(base.filter(([from, to]) => groupOf.get(from) === groupOf.get(to)).map(([, to]) => to));
    const links: Link[] = [];
    for (let i = 1; i < groups.length; i++) {
        const ranks = rank(graph.nodes.map(n => n.id), [...base, ...links]);
        const above = groups[i - 1].reduce((deepest, id) => (ranks.get(id)! > ranks.get(deepest)! ? id : deepest));
        for (const top of groups[i].filter(id => !rankedWithinGroup.has(id))) links.push([above, top]);
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
        if (targets) targets.push(to); else out.set(from, [to]);
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
