import { labelText } from '../text/label.js';
import { xmlText } from '../text/xml.js';
import type { DiagramGraph, GraphCluster, GraphEdge, GraphNode, LegendItem } from './graph-types.js';
import { wrap } from './strings.js';
import { layoutEdges, rankLink, type PieceShape } from './layout-hints.js';
import type { Placement } from './pack.js';
import { hasWide, textWidth } from './measure.js';
import type { EdgeStyle } from './style.js';

/**
 * Graphviz sizes boxes with its own Helvetica metrics; the SVG names fonts
 * with the same metrics (see render.ts), so labels fit their boxes.
 */
export const FONT = 'Helvetica';

const TITLE_WIDTH = 26;

/**
 * Inches between neighbours in a rank. Every edge that spans ranks is a chain
 * of dot's virtual nodes, each this far from the next, so many long edges
 * side by side widen the picture by this much each: at 0.3 the 300-institution
 * view was twice as wide as its boxes needed; the boxes' own margins keep
 * their texts apart.
 */
const NODESEP = 0.15;

/**
 * Above this many institutions edge labels become `xlabel`s, placed after
 * layout: a real label is a node of its own in dot's ranks, and at 3,000
 * institutions those made the layout take minutes instead of seconds.
 */
const INLINE_LABEL_LIMIT = 150;

/**
 * Writes the graph as DOT. Every string is escaped (quoted strings for ids,
 * entities for the HTML-like labels), and every element carries an `id` that
 * the SVG keeps, so a click maps back to a declaration. Only oversight-like
 * (hierarchical) relations and units set ranks; everything else is drawn with
 * `constraint=false` and cannot pull the hierarchy out of shape.
 */
export function toDot(graph: DiagramGraph, options: DotOptions = {}): string {
    const { piece, placement } = options;
    const placed = (id: string) => placement?.attributes.get(id);
    const out: string[] = [];
    out.push('digraph "polity" {');
    out.push(
        `  graph [${attrs({
            id: 'diagram',
            fontname: FONT,
            fontsize: 12,
            rankdir: graph.direction === 'right' ? 'LR' : 'TB',
            nodesep: NODESEP,
            ranksep: 0.55,
            pad: 0.3,
            bgcolor: 'white',
            outputorder: 'edgesfirst',
            labelloc: 't',
            labeljust: 'l',
            label: piece
                ? undefined
                : html(
                      `<B>${text(graph.title)}</B><BR ALIGN="LEFT"/><FONT POINT-SIZE="11">${text(graph.subtitle)}</FONT><BR ALIGN="LEFT"/>`
                  ),
            ...(placement && { layout: 'nop2', bb: placement.bb })
        })}];`
    );
    out.push(
        `  node [${attrs({ fontname: FONT, fontsize: 11, shape: 'box', style: 'rounded,filled', margin: '0.14,0.06', penwidth: 1 })}];`
    );
    out.push(`  edge [${attrs({ fontname: FONT, fontsize: 9, arrowsize: 0.7 })}];`);
    writeClusters(out, graph, undefined, '  ', placed);
    for (const node of graph.nodes.filter(n => n.cluster === undefined)) out.push(`  ${nodeLine(node, placed(node.id))}`);
    const labelAttribute = (options.institutions ?? graph.nodes.length) > INLINE_LABEL_LIMIT ? 'xlabel' : 'label';
    // Packed pieces are shaped by their own hints already; the last run only draws them where they were packed.
    const hints = placement ? { links: [], loose: new Set<string>() } : layoutEdges(graph, piece);
    for (const edge of graph.edges) out.push(`  ${edgeLine(edge, labelAttribute, !hints.loose.has(edge.id), placed(edge.id))}`);
    hints.links.forEach(([from, to, weight], index) =>
        out.push(`  ${quote(from)} -> ${quote(to)} [${attrs({ id: `layout:${index}`, style: 'invis', weight })}];`)
    );
    if (graph.legend.length > 0) out.push(`  ${legendLine(graph.legend, placed('legend'))}`);
    out.push('}');
    return `${out.join('\n')}\n`;
}

export interface DotOptions {
    /** A piece of a packed layout (pack.ts): no title, and folded as a small diagram is, whatever its size. */
    piece?: PieceShape;
    /** The last run of a packed layout: every piece where it was packed, hints left out. */
    placement?: Placement;
    /** The whole view's number of nodes, where the graph is a piece of it: labels are written as the whole view's are. */
    institutions?: number;
}

type Placed = (id: string) => Record<string, string> | undefined;

function writeClusters(out: string[], graph: DiagramGraph, parent: string | undefined, indent: string, placed: Placed): void {
    for (const cluster of graph.clusters.filter(c => c.parent === parent)) {
        out.push(`${indent}subgraph ${quote(cluster.id)} {`);
        out.push(`${indent}  graph [${clusterAttrs(cluster, placed(cluster.id))}];`);
        writeClusters(out, graph, cluster.id, `${indent}  `, placed);
        for (const node of graph.nodes.filter(n => n.cluster === cluster.id)) out.push(`${indent}  ${nodeLine(node, placed(node.id))}`);
        out.push(`${indent}}`);
    }
}

function clusterAttrs(cluster: GraphCluster, position: Record<string, string> | undefined): string {
    return attrs({
        ...position,
        id: cluster.id,
        class: 'cluster-group',
        label: cluster.label,
        fontsize: 12,
        labeljust: 'l',
        style: 'rounded,filled',
        fillcolor: cluster.style.fill,
        color: cluster.style.border,
        penwidth: 0.8
    });
}

function nodeLine(node: GraphNode, position: Record<string, string> | undefined): string {
    if (node.category !== 'institution') return markerLine(node, position);
    const titles = wrap(node.title ?? '', TITLE_WIDTH);
    const lines = [`<B>${text(node.name)}</B>`, ...titles.map(text)];
    if (node.kind) lines.push(`<FONT POINT-SIZE="9" COLOR="#555555">${text(node.kind)}</FONT>`);
    return `${quote(node.id)} [${attrs({
        id: node.id,
        class: classes('institution', node.sphere && `sphere-${node.sphere}`, node.kind && `kind-${node.kind}`),
        label: html(lines.join('<BR/>')),
        width: wideWidth([[node.name, BOLD * NODE_FONT], ...titles.map((t): [string, number] => [t, NODE_FONT])]),
        fillcolor: node.style.fill,
        color: node.style.border,
        peripheries: node.style.double ? 2 : undefined,
        ...position
    })}];`;
}

const NODE_FONT = 11;
/** Bold text is about this much wider than regular. */
const BOLD = 1.1;
/** The node's margin on both sides (0.14 in each) and a little room, in points. */
const NODE_PADDING = 24;

/**
 * Graphviz (compiled without fonts) estimates wide characters (Chinese,
 * Japanese, Korean, fullwidth forms) narrower than any CJK face draws them,
 * so their text ran out of its box. A label holding them gets a minimum width
 * from our own estimate of a full em per wide character; other labels keep
 * Graphviz's sizing.
 */
function wideWidth(lines: [text: string, size: number][]): string | undefined {
    if (!lines.some(([line]) => hasWide(line))) return undefined;
    const points = Math.max(...lines.map(([line, size]) => textWidth(line, size))) + NODE_PADDING;
    return (points / 72).toFixed(2);
}

/** A small filled box with the mandate's name in white: the eye finds it among the institutions. */
function markerLine(node: GraphNode, position: Record<string, string> | undefined): string {
    return `${quote(node.id)} [${attrs({
        id: node.id,
        class: node.category,
        label: html(`<B>${text(node.name)}</B>`),
        fontsize: 9,
        fontcolor: 'white',
        margin: '0.06,0.02',
        height: 0.2,
        fillcolor: node.style.fill,
        color: node.style.border,
        ...position
    })}];`;
}

/**
 * An upward kind's edge (`part-of`) is written superior → subordinate with
 * `dir=back`, so dot ranks the whole above its part while the arrow still
 * points at the whole. An edge outside the hierarchy, or a hierarchy edge
 * the layout hints leave loose (`ranks` false), has weight 0 as well as
 * `constraint=false`: it neither sets ranks nor pulls its ends together.
 */
function edgeLine(
    edge: GraphEdge,
    labelAttribute: 'label' | 'xlabel',
    ranks: boolean,
    position: Record<string, string> | undefined
): string {
    const [from, to] = rankLink(edge);
    return `${quote(from)} -> ${quote(to)} [${attrs({
        id: edge.id,
        class: classes(edge.category, edge.kind && `relation-${edge.kind}`),
        [labelAttribute]: edge.label,
        constraint: edge.ranks && ranks ? undefined : false,
        weight: edge.ranks && ranks ? undefined : 0,
        dir: edge.upward ? 'back' : undefined,
        fontcolor: edge.category === 'conflict' || edge.category === 'dispute' ? edge.style.color : undefined,
        ...edgeStyleAttrs(edge.style, edge.upward ? 'arrowtail' : 'arrowhead'),
        ...position
    })}];`;
}

function edgeStyleAttrs(style: EdgeStyle, arrowEnd: 'arrowhead' | 'arrowtail'): Record<string, string | number | undefined> {
    return {
        color: style.color,
        style: style.line === 'solid' ? undefined : style.line,
        penwidth: style.width,
        [arrowEnd]: style.arrow === 'normal' ? undefined : style.arrow
    };
}

/** The legend is one table, so it adds no ranks or edges: a line sample (a bordered cell) or a colour swatch per row. */
function legendLine(items: LegendItem[], position: Record<string, string> | undefined): string {
    const rows = items.map(item => {
        const sample = item.edge
            ? `<TD WIDTH="36" HEIGHT="10" FIXEDSIZE="TRUE" SIDES="B" BORDER="${Math.max(1, Math.round(item.edge.width))}" COLOR="${item.edge.color}"${item.edge.line === 'solid' ? '' : ` STYLE="${item.edge.line}"`}></TD>`
            : `<TD WIDTH="36" HEIGHT="14" FIXEDSIZE="TRUE" BORDER="1" COLOR="${item.node!.border}" BGCOLOR="${item.node!.fill}"></TD>`;
        return `<TR>${sample}<TD ALIGN="LEFT">${text(item.label)}</TD></TR>`;
    });
    const table = `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="1"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>${rows.join('')}</TABLE>`;
    return `"legend" [${attrs({ id: 'legend', class: 'legend', shape: 'box', style: 'rounded', color: '#bbbbbb', fontsize: 10, margin: '0.05,0.05', label: html(table), ...position })}];`;
}

/** An HTML-like label, written `<…>` in DOT rather than quoted. */
interface Html {
    html: string;
}

function html(markup: string): Html {
    return { html: markup };
}

function attrs(values: Record<string, string | number | boolean | Html | undefined>): string {
    return Object.entries(values)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => `${name}=${formatValue(value!)}`)
        .join(', ');
}

function formatValue(value: string | number | boolean | Html): string {
    if (typeof value === 'object') return `<${value.html}>`;
    if (typeof value === 'number') return String(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return quote(value);
}

function classes(...names: (string | undefined | false)[]): string {
    return names
        .filter((n): n is string => Boolean(n))
        .map(n => n.replace(/[^\w-]/g, '_'))
        .join(' ');
}

/**
 * A DOT quoted string. Backslashes would start Graphviz escapes (`\N` is the
 * node's name) and `&` an entity, so both are neutralised; the text itself is
 * a label's (see `labelText`).
 */
export function quote(value: string): string {
    const escaped = labelText(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/&/g, '&amp;');
    return `"${escaped}"`;
}

/** Text inside an HTML-like label, whose attributes are all double-quoted. */
function text(value: string): string {
    return xmlText(value, { apostrophe: false });
}
