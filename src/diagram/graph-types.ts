import type { Key, Location } from '../model/types.js';
import type { Direction } from './select.js';
import type { ClusterStyle, EdgeStyle, NodeStyle } from './style.js';

/** What hovering an element shows: plain text, never markup. */
export interface Detail {
    heading: string;
    lines: string[];
}

export interface GraphNode {
    /** Also the element id in the SVG: `institution:<key>`, or `conflict-marker:<mandate>` / `dispute-marker:<mandate>`. */
    id: string;
    /**
     * An institution, or the marker of a mandate that several institutions
     * clash over, which each of them is linked to (see conflictEdges).
     */
    category: 'institution' | 'conflict-marker' | 'dispute-marker' | 'person';
    /** The institution's key, the marker's mandate, or the person's key (`show people`). */
    key: Key;
    name: string;
    /** The title on the drawn date. */
    title?: string;
    /** The other names it is known by (its title as declared, former names), for search. */
    aliases: string[];
    /** The kind's name (`unit` for a unit without a kind of its own), shown small under the title. */
    kind?: string;
    sphere?: string;
    cluster?: string;
    style: NodeStyle;
    source: Location;
    detail: Detail;
}

export type EdgeCategory = 'relation' | 'unit' | 'conflict' | 'dispute' | 'contest' | 'post';

export interface GraphEdge {
    id: string;
    from: string;
    to: string;
    category: EdgeCategory;
    /** The relation kind's name, for classes and the legend. */
    kind?: string;
    label?: string;
    /** Oversight, `part-of` and units rank superior above subordinate; everything else follows the ranks. */
    ranks: boolean;
    /** A kind marked `upward` (`part-of`): the subject (`from`) is the subordinate, so the layers put `to` above it. */
    upward?: boolean;
    /** Hedged (`reportedly`, `allegedly`) or dated uncertainly around the drawn date: dotted, lighter, `?` after the label. */
    uncertain?: boolean;
    style: EdgeStyle;
    source: Location;
    detail: Detail;
}

export interface GraphCluster {
    id: string;
    label: string;
    parent?: string;
    style: ClusterStyle;
    source?: Location;
}

export interface LegendItem {
    label: string;
    edge?: EdgeStyle;
    node?: NodeStyle;
}

export interface DiagramGraph {
    title: string;
    subtitle: string;
    /** The date drawn, as written (`2020`) or today's (`2026-11-26`). */
    at: string;
    direction: Direction;
    nodes: GraphNode[];
    edges: GraphEdge[];
    /** Parents before their children. */
    clusters: GraphCluster[];
    legend: LegendItem[];
}

export function nodeId(key: Key): string {
    return `institution:${key}`;
}
