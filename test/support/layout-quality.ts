/**
 * How readable a laid-out diagram is, in numbers, from `polity diagram
 * --format json` (positions in points, y downwards): the total length of the
 * drawn edges, how many pairs of edges cross (splines sampled into segments;
 * pairs that share an end are not counted), the aspect ratio and the area.
 * Used by bench/layout-metrics.ts and by the layout tests.
 */
export interface Point { x: number; y: number }
export interface LaidOut { width: number; height: number; edges: { from: string; to: string; points: Point[] }[] }
export interface LayoutQuality { edges: number; length: number; crossings: number; width: number; height: number; aspect: number; area: number }

export function layoutQuality(layout: LaidOut): LayoutQuality {
    const lines = layout.edges.filter(e => e.points.length > 0).map(e => ({ ...e, line: polyline(e.points) }));
    let length = 0;
    for (const { line } of lines) for (let i = 1; i < line.length; i++) length += Math.hypot(line[i]!.x - line[i - 1]!.x, line[i]!.y - line[i - 1]!.y);
    let crossings = 0;
    for (let i = 0; i < lines.length; i++) {
        for (let j = i + 1; j < lines.length; j++) {
            const [e, f] = [lines[i]!, lines[j]!];
            if (e.from === f.from || e.from === f.to || e.to === f.from || e.to === f.to) continue;
            if (linesCross(e.line, f.line)) crossings++;
        }
    }
    return { edges: lines.length, length, crossings, width: layout.width, height: layout.height, aspect: layout.width / layout.height, area: layout.width * layout.height };
}

function linesCross(a: Point[], b: Point[]): boolean {
    for (let i = 1; i < a.length; i++) {
        for (let j = 1; j < b.length; j++) if (segmentsCross(a[i - 1]!, a[i]!, b[j - 1]!, b[j]!)) return true;
    }
    return false;
}

/** A cubic Bézier spline (1 + 3n control points) as a polyline. */
function polyline(points: Point[]): Point[] {
    if (points.length < 4) return points;
    const out: Point[] = [points[0]!];
    for (let i = 0; i + 3 < points.length; i += 3) {
        const [p0, p1, p2, p3] = [points[i]!, points[i + 1]!, points[i + 2]!, points[i + 3]!];
        for (let step = 1; step <= 8; step++) {
            const t = step / 8, u = 1 - t;
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
