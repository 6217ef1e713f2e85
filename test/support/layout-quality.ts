/**
 * How readable a laid-out diagram is, in numbers, from `polity diagram
 * --format json` (positions in points, y downwards): the total length of the
 * drawn edges, how many pairs of edges cross (splines sampled into segments;
 * pairs that share an end are not counted), the aspect ratio and the area.
 * Used by bench/layout-metrics.ts and by the layout tests.
 */
import { pairsApart } from '../../src/model/lists.js';

export interface Point {
    x: number;
    y: number;
}
export interface LaidOut {
    width: number;
    height: number;
    edges: { from: string; to: string; points: Point[] }[];
}
export interface LayoutQuality {
    edges: number;
    length: number;
    crossings: number;
    width: number;
    height: number;
    aspect: number;
    area: number;
}

export function layoutQuality(layout: LaidOut): LayoutQuality {
    const lines = layout.edges
        .filter(e => e.points.length > 0)
        .map(e => ({ ...e, line: polyline(e.points) }))
        .map(e => ({ ...e, box: boxOf(e.line) }));
    let length = 0;
    for (const { line } of lines) for (const [p, q] of pairsApart(line, 1)) length += Math.hypot(q.x - p.x, q.y - p.y);
    let crossings = 0;
    for (const [i, e] of lines.entries()) {
        for (const f of lines.slice(i + 1)) {
            if (e.from === f.from || e.from === f.to || e.to === f.from || e.to === f.to) continue;
            // Lines whose boxes do not overlap cannot cross: at 3,000 institutions this skips nearly every pair.
            if (e.box.right < f.box.left || f.box.right < e.box.left || e.box.bottom < f.box.top || f.box.bottom < e.box.top) continue;
            if (linesCross(e.line, f.line)) crossings++;
        }
    }
    return {
        edges: lines.length,
        length,
        crossings,
        width: layout.width,
        height: layout.height,
        aspect: layout.width / layout.height,
        area: layout.width * layout.height
    };
}

function boxOf(line: Point[]): { left: number; right: number; top: number; bottom: number } {
    const xs = line.map(p => p.x),
        ys = line.map(p => p.y);
    return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

function linesCross(a: Point[], b: Point[]): boolean {
    const segments = pairsApart(b, 1);
    return pairsApart(a, 1).some(([p, q]) => segments.some(([r, s]) => segmentsCross(p, q, r, s)));
}

/** A cubic Bézier spline (1 + 3n control points) as a polyline. */
function polyline(points: Point[]): Point[] {
    const [start] = points;
    if (points.length < 4 || !start) return points;
    const out: Point[] = [start];
    for (let i = 0; i + 3 < points.length; i += 3) {
        const [p0, p1, p2, p3] = points.slice(i, i + 4);
        if (!p0 || !p1 || !p2 || !p3) break;
        for (let step = 1; step <= 8; step++) {
            const t = step / 8,
                u = 1 - t;
            out.push({
                x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
                y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y
            });
        }
    }
    return out;
}

function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
    const cross = (p: Point, q: Point, r: Point) => (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    return cross(c, d, a) * cross(c, d, b) < 0 && cross(a, b, c) * cross(a, b, d) < 0;
}
