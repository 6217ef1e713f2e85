/**
 * What the search box finds and what focusing on a node keeps in view: pure
 * functions over the names and links the diagram comes with, so the page and
 * a static site can share them.
 */
import type { DiagramLink } from '../diagram/diagram.js';

/** Lower case without accents, so "cyberspace" finds "Cyberspace" and "beijing" finds "Běijīng". */
export function folded(text: string): string {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The node ids any of whose names (name, title, former names) contain the query, in the order given. */
export function search(names: Record<string, readonly string[]>, query: string): string[] {
    const wanted = folded(query.trim());
    if (!wanted) return [];
    return Object.entries(names)
        .filter(([, all]) => all.some(name => folded(name).includes(wanted)))
        .map(([id]) => id);
}

export type FocusMode = 'neighbours' | 'upstream' | 'downstream';

/**
 * The nodes within `depth` steps of `start`: along any edge for its
 * neighbourhood, or along the hierarchy only, to its superiors (upstream) or
 * its subordinates (downstream). Infinity: as far as the edges go.
 */
export function neighbourhood(links: readonly DiagramLink[], start: string, mode: FocusMode, depth: number): Set<string> {
    const next = new Map<string, string[]>();
    const add = (from: string, to: string) => {
        const list = next.get(from);
        if (list) list.push(to);
        else next.set(from, [to]);
    };
    for (const link of links) {
        if (mode === 'neighbours') {
            add(link.from, link.to);
            add(link.to, link.from);
        } else if (link.hierarchy) {
            if (mode === 'downstream') add(link.from, link.to);
            else add(link.to, link.from);
        }
    }
    const reached = new Set([start]);
    let frontier = [start];
    for (let step = 0; step < depth && frontier.length > 0; step++) {
        frontier = frontier.flatMap(id => next.get(id) ?? []).filter(id => !reached.has(id) && reached.add(id));
    }
    return reached;
}
