/**
 * How readable a layout is, in numbers: for the flagship's overview and a
 * view of a generated 300-institution model, drawn by the built CLI as JSON
 * with positions, the figures of test/support/layout-quality.ts: the total
 * length of the drawn edges, how often edges cross, the aspect ratio and the
 * area. Run it before and after a layout change:
 *   npm run build && node scripts/run-ts.mjs bench/layout-metrics.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { layoutQuality, type LaidOut } from '../test/support/layout-quality.js';
import { generateWorkspace } from './generate.js';

const ROOT = process.cwd();
const VIEW = 'model bench\n\nview everything "Every institution in 2020" {\n  include *\n  at 2020\n}\n';

function layoutOf(args: string[]): LaidOut {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/polity.js'), 'diagram', ...args, '--format', 'json'], {
        encoding: 'utf8',
        maxBuffer: 1 << 28
    });
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as LaidOut;
}

function metrics(layout: LaidOut): Record<string, string> {
    const q = layoutQuality(layout);
    return {
        edges: String(q.edges),
        'edge length (pt)': Math.round(q.length).toLocaleString('en'),
        'crossing pairs': String(q.crossings),
        'width × height (pt)': `${Math.round(q.width)} × ${Math.round(q.height)}`,
        aspect: q.aspect.toFixed(2),
        'area (Mpt²)': (q.area / 1e6).toFixed(2)
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
