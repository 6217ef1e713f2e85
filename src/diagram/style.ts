import type { Kind, RelationKind } from '../model/types.js';
import { hexColour, legibleOn, LINE_CONTRAST, mix, parseColour, type Rgb } from './contrast.js';

/**
 * How diagrams look, in one table shared by the DOT and Mermaid writers and
 * the legend: a colour per sphere, a line per relation kind.
 */
export interface NodeStyle {
    fill: string;
    border: string;
    /** Party commissions and leading groups stand out with a double border. */
    double: boolean;
}

export interface EdgeStyle {
    color: string;
    line: 'solid' | 'dashed' | 'dotted';
    width: number;
    /** Graphviz arrowhead name; 'none' for undirected edges such as conflicts. */
    arrow: 'normal' | 'vee' | 'empty' | 'odot' | 'diamond' | 'none';
}

export interface ClusterStyle {
    fill: string;
    border: string;
}

const SPHERE_STYLES: Record<string, { fill: string; border: string; cluster: string }> = {
    party: { fill: '#f6d3cf', border: '#a8453a', cluster: '#fcf0ee' },
    state: { fill: '#d4e3f6', border: '#3d6aa3', cluster: '#f0f5fc' },
    military: { fill: '#d6e8cc', border: '#4f7a3a', cluster: '#f1f7ee' },
    affiliated: { fill: '#f9e8b8', border: '#9a7a1c', cluster: '#fdf8ea' },
    society: { fill: '#e4d7f1', border: '#6e4f96', cluster: '#f6f1fb' },
    market: { fill: '#f9dcc0', border: '#a2622a', cluster: '#fdf3ea' },
    international: { fill: '#e2e2e2', border: '#666666', cluster: '#f5f5f5' }
};

const NO_SPHERE = { fill: '#ffffff', border: '#666666', cluster: '#fafafa' };

const DOUBLE_BORDER_KINDS = new Set(['party-commission', 'leading-group']);

export function nodeStyle(kind: Kind | undefined): NodeStyle {
    const double = kind !== undefined && kind.builtin && DOUBLE_BORDER_KINDS.has(kind.name);
    return { ...sphereStyle(kind?.sphere), double };
}

/** A sphere's plain node style, as the legend shows it. */
export function sphereStyle(sphere: string | undefined): NodeStyle {
    const colours = (sphere && SPHERE_STYLES[sphere]) || NO_SPHERE;
    return { fill: colours.fill, border: colours.border, double: false };
}

export function clusterStyle(sphere: string | undefined): ClusterStyle {
    const colours = (sphere && SPHERE_STYLES[sphere]) || NO_SPHERE;
    return { fill: colours.cluster, border: colours.border };
}

/** The grey of lines that should recede: as light as 3:1 on every ground (paper) allows. */
const QUIET = '#858585';

/** Line styles of the prelude's relation kinds; a model's own kinds get the default line and a label. */
const RELATION_STYLES: Record<string, EdgeStyle> = {
    oversees: { color: '#222222', line: 'solid', width: 1.8, arrow: 'normal' },
    guides: { color: '#2a7f8f', line: 'solid', width: 1.2, arrow: 'vee' },
    'office-of': { color: '#1f5fa8', line: 'solid', width: 1.8, arrow: 'odot' },
    advises: { color: '#4f7a3a', line: 'dotted', width: 1.4, arrow: 'vee' },
    'member-of': { color: QUIET, line: 'solid', width: 0.8, arrow: 'empty' },
    'affiliated-with': { color: QUIET, line: 'dashed', width: 1, arrow: 'none' },
    hosts: { color: '#9a7a1c', line: 'solid', width: 1.2, arrow: 'diamond' },
    'merged-into': { color: '#7b4a2a', line: 'dashed', width: 1.2, arrow: 'normal' }
};

export const DEFAULT_RELATION: EdgeStyle = { color: '#444444', line: 'solid', width: 1, arrow: 'normal' };
export const UNIT_EDGE: EdgeStyle = { color: QUIET, line: 'solid', width: 0.8, arrow: 'none' };
export const CONFLICT_EDGE: EdgeStyle = { color: '#d62728', line: 'dashed', width: 1.8, arrow: 'none' };
/** Its labels are text on paper: dark enough for 4.5:1 on the cluster tints too. */
export const DISPUTE_EDGE: EdgeStyle = { color: '#a65300', line: 'dashed', width: 1.8, arrow: 'none' };
/** A mandate that several institutions clash over: filled with the colour of its lines. */
export const CONFLICT_MARKER: NodeStyle = { fill: CONFLICT_EDGE.color, border: CONFLICT_EDGE.color, double: false };
export const DISPUTE_MARKER: NodeStyle = { fill: DISPUTE_EDGE.color, border: DISPUTE_EDGE.color, double: false };
/** A lost turf battle: from the institution that contested the mandate to the one that held it. */
export const CONTEST_EDGE: EdgeStyle = { color: '#7b3fa0', line: 'dashed', width: 1.4, arrow: 'vee' };

/** A person holding posts (`show people`): a small dark box, so the writers' marker shape and white text suit it. */
export const PERSON_NODE: NodeStyle = { fill: '#555555', border: '#555555', double: false };
/** A post held: from the person to the institution. */
export const POST_EDGE: EdgeStyle = { color: '#555555', line: 'solid', width: 0.8, arrow: 'none' };

/**
 * A body with a second plaque in another sphere ("one body, two plaques"):
 * its own sphere's fill inside the plaque's sphere's border, doubled.
 */
export function plaqueStyle(style: NodeStyle, sphere: string | undefined): NodeStyle {
    return sphere && SPHERE_STYLES[sphere] ? { ...style, border: SPHERE_STYLES[sphere].border, double: true } : style;
}

/** How a fact the source hedges (or dates uncertainly at the drawn date) is drawn: the same line, dotted and lighter. */
export function uncertainStyle(style: EdgeStyle): EdgeStyle {
    return { ...style, line: 'dotted', color: lighter(style.color) };
}

/** Halfway to white, or as near it as 3:1 on paper allows. */
function lighter(hex: string): string {
    const colour = parseColour(hex) ?? [0, 0, 0];
    return hexColour(legibleOn(mix(colour, [255, 255, 255], 0.5), PAPER, LINE_CONTRAST));
}

/** The prelude's style for a relation kind, if it has one. */
export function relationStyle(kind: RelationKind | undefined): EdgeStyle | undefined {
    return kind?.builtin ? RELATION_STYLES[kind.name] : undefined;
}

export const SPHERE_ORDER: readonly string[] = Object.keys(SPHERE_STYLES);

/**
 * The grounds the writers draw on: the page's white and every cluster's tint.
 * The palette reaches WCAG AA on each (test/diagram/contrast.test.ts); the
 * preview adjusts it to a dark theme's grounds (src/webview/contrast.ts).
 */
export const PAPER: readonly Rgb[] = ['#ffffff', NO_SPHERE.cluster, ...Object.values(SPHERE_STYLES).map(s => s.cluster)].map(
    hex => parseColour(hex) ?? [255, 255, 255]
);
