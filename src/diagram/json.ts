import type { Location } from '../model/types.js';
import type { DiagramGraph } from './graph-types.js';

interface GvObject {
    id?: string;
    pos?: string;
    width?: string;
    height?: string;
    bb?: string;
    _gvid: number;
}
interface GvEdge {
    id?: string;
    pos?: string;
    lp?: string;
}
interface GvGraph {
    bb: string;
    objects?: GvObject[];
    edges?: GvEdge[];
}

const POINTS_PER_INCH = 72;

/**
 * The graph with Graphviz's positions, for tools that draw it themselves.
 * Coordinates are points with the origin at the top left of the drawing, like
 * the SVG; Graphviz's own JSON counts y upwards. Sources name files through
 * `fileOf`, so that the output does not depend on where the model lies.
 */
export function toJson(graph: DiagramGraph, layout: string, fileOf: (uri: string) => string): string {
    const gv = JSON.parse(layout) as GvGraph;
    const [, , width, height] = rectangle(gv.bb);
    const flip = (x: number, y: number) => ({ x: round(x), y: round(height - y) });
    const objects = new Map((gv.objects ?? []).filter(o => o.id).map(o => [o.id!, o]));
    const edges = new Map((gv.edges ?? []).filter(e => e.id).map(e => [e.id!, e]));
    const box = (bb: string | undefined) => {
        if (!bb) return undefined;
        const [x1, y1, x2, y2] = rectangle(bb);
        return { ...flip(x1, y2), width: round(x2 - x1), height: round(y2 - y1) };
    };
    const source = (loc: Location | undefined) => loc && { file: fileOf(loc.uri), range: loc.range };
    const result = {
        title: graph.title,
        subtitle: graph.subtitle,
        direction: graph.direction,
        width: round(width),
        height: round(height),
        clusters: graph.clusters.map(cluster => ({
            id: cluster.id,
            label: cluster.label,
            parent: cluster.parent,
            source: source(cluster.source),
            box: box(objects.get(cluster.id)?.bb)
        })),
        nodes: graph.nodes.map(node => {
            const gv = objects.get(node.id);
            const [x, y] = point(gv?.pos ?? '0,0');
            const w = Number(gv?.width ?? 0) * POINTS_PER_INCH;
            const h = Number(gv?.height ?? 0) * POINTS_PER_INCH;
            return {
                id: node.id,
                category: node.category,
                key: node.key,
                name: node.name,
                title: node.title,
                kind: node.kind,
                sphere: node.sphere,
                cluster: node.cluster,
                source: source(node.source),
                box: { ...flip(x - w / 2, y + h / 2), width: round(w), height: round(h) }
            };
        }),
        edges: graph.edges.map(edge => {
            const gv = edges.get(edge.id);
            return {
                id: edge.id,
                from: edge.from,
                to: edge.to,
                category: edge.category,
                kind: edge.kind,
                label: edge.label,
                source: source(edge.source),
                points: splinePoints(gv?.pos).map(([x, y]) => flip(x, y)),
                labelAt: gv?.lp ? flip(...point(gv.lp)) : undefined
            };
        })
    };
    return `${JSON.stringify(result, null, 2)}\n`;
}

/** `e,x,y s,x,y x,y x,y …`: the control points, without the arrowhead markers. */
function splinePoints(pos: string | undefined): [number, number][] {
    if (!pos) return [];
    return pos
        .split(/\s+/)
        .filter(part => !/^[es],/.test(part))
        .map(part => numbers(part) as [number, number]);
}

function numbers(text: string): number[] {
    return text.split(',').map(Number);
}

/** Graphviz's `x,y`; a part it left out counts as 0, as a missing position does. */
function point(text: string): [number, number] {
    const [x = 0, y = 0] = numbers(text);
    return [x, y];
}

/** Graphviz's bounding box `x1,y1,x2,y2`. */
function rectangle(text: string): [number, number, number, number] {
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = numbers(text);
    return [x1, y1, x2, y2];
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}
