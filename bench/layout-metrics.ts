/**
 * How readable a layout is, in numbers: for the flagship's overview and a
 * view of a generated 300-institution model, drawn by the built CLI as JSON
 * with positions, the total length of the drawn edges, how often edges cross
 * (splines sampled into segments; edges that share an end are not counted),
 * the aspect ratio and the area. Run it before and after a layout change:
 *   npm run build && node scripts/run-ts.mjs bench/layout-metrics.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from './generate.js';
import { pairsApart } from '../src/model/lists.js';

interface Point { x: number; y: number }
interface Layout { width: number; height: number; edges: { from: string; to: string; points: Point[] }[] }

const ROOT = process.cwd();
const VIEW = 'model bench\n\nview everything "Every institution in 2020" {\n  include *\n  at 2020\n}\n';

function layoutOf(args: string[]): Layout {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/polity.js'), 'diagram', ...args, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as Layout;
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
            const t = step / 8, u = 1 - t;
            out.push({
                x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
                y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y
            });
        }
    }
    return out;
}

function crosses(a: Point, b: Point, c: Point, d: Point): boolean {
    const cross = (p: Point, q: Point, r: Point) => (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    const d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
    return d1 * d2 < 0 && d3 * d4 < 0;
}

function metrics(layout: Layout): Record<string, string> {
    const lines = layout.edges.filter(e => e.points.length > 0).map(e => ({ ...e, line: polyline(e.points) }));
    let length = 0;
    for (const { line } of lines) for (const [p, q] of pairsApart(line, 1)) length += Math.hypot(q.x - p.x, q.y - p.y);
    let crossings = 0;
    for (const [i, e] of lines.entries()) {
        for (const f of lines.slice(i + 1)) {
            if (e.from === f.from || e.from === f.to || e.to === f.from || e.to === f.to) continue;
            let found = false;
            const fSegments = pairsApart(f.line, 1);
            for (const [p, q] of pairsApart(e.line, 1)) {
                found = fSegments.some(([r, s]) => crosses(p, q, r, s));
                if (found) break;
            }
            if (found) crossings++;
        }
    }
    return {
        edges: String(lines.length),
        'edge length (pt)': Math.round(length).toLocaleString('en'),
        'crossing pairs': String(crossings),
        'width × height (pt)': `${Math.round(layout.width)} × ${Math.round(layout.height)}`,
        aspect: (layout.width / layout.height).toFixed(2),
        'area (Mpt²)': (layout.width * layout.height / 1e6).toFixed(2)
    };
}

const folder = mkdtempSync(path.join(os.tmpdir(), 'polity-layout-'));
try {
    for (const file of generateWorkspace({ institutions: 300, seed: 1 }).files) writeFileSync(path.join(folder, file.name), file.text);
    writeFileSync(path.join(folder, 'views.polity'), VIEW);
    const rows = [
        ['flagship overview', metrics(layoutOf(['examples/china-cyber', '--view', 'overview']))],
        ['300 generated', metrics(layoutOf([folder, '--view', 'everything']))]
    ] as const;
    const columns = Object.keys(rows[0][1]);
    console.log(`| view | ${columns.join(' | ')} |\n| --- | ${columns.map(() => '---').join(' | ')} |`);
    for (const [name, row] of rows) console.log(`| ${name} | ${columns.map(c => row[c]).join(' | ')} |`);
} finally {
    rmSync(folder, { recursive: true, force: true });
}
