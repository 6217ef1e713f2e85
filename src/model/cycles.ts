import { lifetimeOf, type SemanticModel } from './model.js';
import { certain, intersect, type Period } from './periods.js';
import type { DocumentFacts, Key, Location, RelationFact } from './types.js';

export interface Cycle {
    /** The relations around the cycle, in order. */
    edges: RelationFact[];
    /** The institutions around the cycle, each the superior of the next. */
    path: Key[];
    period: Period;
}

/** A hierarchical relation as an edge from the superior to the subordinate, whatever way it is written. */
export interface Edge {
    fact: RelationFact;
    from: Key;
    to: Key;
    period: Period;
}

/** The relations inside one strongly connected component of the hierarchy: a cycle lies within one. */
export interface HierarchyComponent {
    edges: Edge[];
    institutions: ReadonlySet<Key>;
}

/**
 * Cycles of hierarchical relations that hold at the same time are found in
 * two steps: here the strongly connected components of more than one
 * institution, in the order found (cheap, ignores time); then, inside each
 * component, the dates compared interval by interval (`componentCycles`).
 */
export function hierarchyComponents(
    model: SemanticModel,
    edges: readonly Edge[] = model.documents.flatMap(doc => hierarchyEdges(model, doc))
): HierarchyComponent[] {
    return stronglyConnected(edges).map(component => ({
        edges: edges.filter(e => component.has(e.from) && component.has(e.to)),
        institutions: component
    }));
}

/** The document's hierarchical relations as edges, for what certainly held of them and of both institutions. */
export function hierarchyEdges(model: SemanticModel, doc: DocumentFacts): Edge[] {
    const edges: Edge[] = [];
    for (const fact of doc.relations) {
        const kind = model.relationKinds.get(fact.kind);
        if (fact.subject === fact.target || !kind?.hierarchical) continue;
        // What certainly held: an uncertain date never makes a cycle.
        const lifetimes = intersect(certain(lifetimeOf(model, fact.subject)), certain(lifetimeOf(model, fact.target)));
        const period = lifetimes && intersect(certain(fact.period.period), lifetimes);
        const [from, to] = kind.upward ? [fact.target, fact.subject] : [fact.subject, fact.target];
        if (period) edges.push({ fact, from, to, period });
    }
    return edges;
}

/** The cycles within one component, each once. */
export function componentCycles(component: HierarchyComponent): Cycle[] {
    const inside = component.edges;
    const cycles: Cycle[] = [];
    const seen = new Set<string>();
    for (const interval of elementaryIntervals(inside)) {
        const active = inside.filter(e => intersect(e.period, interval));
        const cycle = findCycle(active);
        if (!cycle) continue;
        const id = cycle
            .map(e => `${e.fact.loc.uri}:${e.fact.loc.range.start.line}:${e.fact.loc.range.start.character}`)
            .sort()
            .join('|');
        if (seen.has(id)) continue;
        seen.add(id);
        const period = cycle.reduce<Period | undefined>((p, e) => p && intersect(p, e.period), {}) ?? interval;
        cycles.push({ edges: cycle.map(e => e.fact), path: cycle.map(e => e.from), period });
    }
    return cycles;
}

function stronglyConnected(edges: readonly Edge[]): Set<Key>[] {
    const next = new Map<Key, Key[]>();
    for (const e of edges) {
        const targets = next.get(e.from);
        if (targets) targets.push(e.to);
        else next.set(e.from, [e.to]);
    }
    let counter = 0;
    const index = new Map<Key, number>();
    const low = new Map<Key, number>();
    const stack: Key[] = [];
    const onStack = new Set<Key>();
    const result: Set<Key>[] = [];
    // Iterative Tarjan: a 1,000-long chain must not overflow the call stack.
    for (const root of next.keys()) {
        if (index.has(root)) continue;
        const work: { node: Key; i: number }[] = [{ node: root, i: 0 }];
        index.set(root, counter);
        low.set(root, counter);
        counter++;
        stack.push(root);
        onStack.add(root);
        for (let frame = work.at(-1); frame; frame = work.at(-1)) {
            const target = next.get(frame.node)?.[frame.i];
            if (target !== undefined) {
                frame.i++;
                if (!index.has(target)) {
                    index.set(target, counter);
                    low.set(target, counter);
                    counter++;
                    stack.push(target);
                    onStack.add(target);
                    work.push({ node: target, i: 0 });
                } else if (onStack.has(target)) {
                    low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
                }
                continue;
            }
            work.pop();
            const parent = work.at(-1)?.node;
            if (parent !== undefined) low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
            if (low.get(frame.node) === index.get(frame.node)) {
                const component = new Set<Key>();
                // The frame's node is on the stack, so the loop ends there.
                for (let member = stack.pop(); member !== undefined; member = member === frame.node ? undefined : stack.pop()) {
                    onStack.delete(member);
                    component.add(member);
                }
                if (component.size > 1) result.push(component);
            }
        }
    }
    return result;
}

/** The intervals between consecutive period bounds: within each, every edge is wholly active or not. */
function elementaryIntervals(edges: Edge[]): Period[] {
    const bounds = new Map<number, NonNullable<Period['start']>>();
    for (const e of edges) {
        if (e.period.start) bounds.set(e.period.start.ordinal, e.period.start);
        if (e.period.end) bounds.set(e.period.end.ordinal, e.period.end);
    }
    const sorted = [...bounds.values()].sort((a, b) => a.ordinal - b.ordinal);
    // Before the first bound, between each two, and after the last.
    return [{ end: sorted[0] }, ...sorted.map((start, i) => ({ start, end: sorted[i + 1] }))];
}

function findCycle(edges: Edge[]): Edge[] | undefined {
    const out = new Map<Key, Edge[]>();
    for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
    const state = new Map<Key, 'open' | 'done'>();
    for (const start of out.keys()) {
        if (state.has(start)) continue;
        const path: Edge[] = [];
        const work: { node: Key; i: number }[] = [{ node: start, i: 0 }];
        state.set(start, 'open');
        for (let frame = work.at(-1); frame; frame = work.at(-1)) {
            const edge = out.get(frame.node)?.[frame.i];
            if (edge) {
                frame.i++;
                const target = edge.to;
                if (state.get(target) === 'open') {
                    const from = path.findIndex(e => e.from === target);
                    return [...path.slice(from === -1 ? path.length : from), edge];
                }
                if (!state.has(target)) {
                    state.set(target, 'open');
                    path.push(edge);
                    work.push({ node: target, i: 0 });
                }
                continue;
            }
            state.set(frame.node, 'done');
            work.pop();
            path.pop();
        }
    }
    return undefined;
}

/** One link of a mandate cycle: the mandate, and where its parent is written. */
export interface MandateLink {
    mandate: Key;
    parent: Key;
    loc: Location;
}

/**
 * Cycles of `within` (and nesting) links between mandates. Each cycle is
 * reported once, by a depth-first walk over the parent links.
 */
export function findMandateCycles(model: SemanticModel): MandateLink[][] {
    const state = new Map<Key, 'open' | 'done'>();
    const cycles: MandateLink[][] = [];
    const linksOf = (key: Key): MandateLink[] => {
        const mandate = model.mandates.get(key);
        if (!mandate) return [];
        return mandate.parents.map(parent => ({
            mandate: key,
            parent,
            loc: mandate.within.find(w => w.key === parent)?.loc ?? mandate.loc
        }));
    };
    for (const start of model.mandates.keys()) {
        if (state.has(start)) continue;
        const path: MandateLink[] = [];
        const work: { key: Key; links: MandateLink[]; i: number }[] = [{ key: start, links: linksOf(start), i: 0 }];
        state.set(start, 'open');
        for (let frame = work.at(-1); frame; frame = work.at(-1)) {
            const link = frame.links[frame.i];
            if (link) {
                frame.i++;
                if (state.get(link.parent) === 'open') {
                    const from = path.findIndex(l => l.mandate === link.parent);
                    cycles.push([...path.slice(from === -1 ? path.length : from), link]);
                } else if (!state.has(link.parent) && model.mandates.has(link.parent)) {
                    state.set(link.parent, 'open');
                    path.push(link);
                    work.push({ key: link.parent, links: linksOf(link.parent), i: 0 });
                }
                continue;
            }
            state.set(frame.key, 'done');
            work.pop();
            path.pop();
        }
    }
    return cycles;
}
