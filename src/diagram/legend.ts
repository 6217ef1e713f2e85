import type { GraphEdge, GraphNode, LegendItem } from './graph-types.js';
import type { Selection } from './select.js';
import { capitalise } from '../text/capitalise.js';
import { compare } from './strings.js';
import {
    CONFLICT_EDGE,
    CONFLICT_MARKER,
    CONTEST_EDGE,
    DEFAULT_RELATION,
    DISPUTE_EDGE,
    DISPUTE_MARKER,
    PERSON_NODE,
    POST_EDGE,
    SPHERE_ORDER,
    sphereStyle,
    uncertainStyle,
    UNIT_EDGE,
    type EdgeStyle
} from './style.js';

/** Only what the picture uses: the spheres of its nodes (unless clusters name them), its kinds of line and of marker. */
export function legendFor(selection: Selection, nodes: GraphNode[], edges: GraphEdge[], markers: GraphNode[]): LegendItem[] {
    const items: LegendItem[] = [];
    if (selection.groupBy !== 'sphere') {
        const spheres = new Set(nodes.map(n => n.sphere).filter((s): s is string => s !== undefined));
        for (const sphere of [...spheres].sort((a, b) => sphereRank(a) - sphereRank(b) || compare(a, b))) {
            items.push({ label: capitalise(sphere), node: sphereStyle(sphere) });
        }
    }
    const seen = new Set<string>();
    const addEdge = (key: string, label: string, edge: EdgeStyle) => {
        if (seen.has(key)) return;
        seen.add(key);
        items.push({ label, edge });
    };
    // Every kind of line drawn, a model's own kinds too: their edges carry the name, but a reader scans the legend for it.
    const relations = edges.filter(e => e.category === 'relation').sort((a, b) => compare(a.kind!, b.kind!));
    for (const edge of relations) addEdge(`relation:${edge.kind}`, edge.kind!, edge.uncertain ? relationStyleOf(edges, edge) : edge.style);
    if (edges.some(e => e.category === 'unit')) addEdge('unit', 'unit of', UNIT_EDGE);
    if (edges.some(e => e.category === 'conflict')) addEdge('conflict', 'conflict (mandate)', CONFLICT_EDGE);
    if (edges.some(e => e.category === 'dispute')) addEdge('dispute', 'recorded dispute (mandate)', DISPUTE_EDGE);
    if (edges.some(e => e.category === 'contest')) addEdge('contest', 'contested (mandate): contester → holder', CONTEST_EDGE);
    if (edges.some(e => e.category === 'post')) addEdge('post', 'holds a post in (post)', POST_EDGE);
    if (edges.some(e => e.uncertain))
        addEdge('uncertain', 'reportedly, allegedly or uncertainly dated (?)', uncertainStyle(DEFAULT_RELATION));
    if (markers.some(m => m.category === 'conflict-marker')) items.push({ label: 'mandate in conflict', node: CONFLICT_MARKER });
    if (markers.some(m => m.category === 'dispute-marker')) items.push({ label: 'mandate in dispute', node: DISPUTE_MARKER });
    if (markers.some(m => m.category === 'person')) items.push({ label: 'person', node: PERSON_NODE });
    return items;
}

/** The plain style of an uncertain edge's kind, for the legend: from a certain edge of the kind, else undimmed. */
function relationStyleOf(edges: GraphEdge[], edge: GraphEdge): EdgeStyle {
    return edges.find(e => e.category === 'relation' && e.kind === edge.kind && !e.uncertain)?.style ?? edge.style;
}

function sphereRank(sphere: string): number {
    const index = SPHERE_ORDER.indexOf(sphere);
    return index < 0 ? SPHERE_ORDER.length : index;
}
