/**
 * How readable a layout is, and what it costs, in numbers: for the flagship's
 * overview and views of generated 300- and 3,000-institution models, drawn by
 * the built CLI as JSON with positions, the figures of
 * test/support/layout-quality.ts (the total length of the drawn edges, how
 * often edges cross, the aspect ratio and the area); the CLI's CPU and wall
 * time for the whole run (the first render: load, check, layout); and the
 * layout's own CPU time (DOT, Graphviz, packing), in this process. Run it before
 * and after a layout change (`--cli DIR/bin/polity.js` measures another
 * build, `--runs N` takes medians, `--no-3000` skips the largest view):
 *   npm run build && node scripts/run-ts.mjs bench/layout-metrics.ts -- --runs 3
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadErrorFreeModel } from '../src/cli/error-free-model.js';
import { findModelFiles } from '../src/cli/workspace.js';
import { writeDiagram } from '../src/diagram/diagram.js';
import { GraphvizRenderer } from '../src/diagram/render.js';
import { graphFor } from '../src/diagram/request.js';
import { today } from '../src/model/dates.js';
import { layoutQuality, type LaidOut } from '../test/support/layout-quality.js';
import { generateWorkspace } from './generate.js';
import { measureProcess, median, ROOT } from './measure.js';

const VIEW = 'model bench\n\nview everything "Every institution in 2020" {\n  include *\n  at 2020\n}\n';

const { values: options } = parseArgs({
    options: {
        cli: { type: 'string', default: path.join(ROOT, 'bin/polity.js') },
        runs: { type: 'string', default: '1' },
        'no-3000': { type: 'boolean', default: false }
    }
});
const runs = Math.max(1, Number(options.runs));
const renderer = new GraphvizRenderer();

async function cli(args: string[]) {
    const sample = await measureProcess([path.resolve(options.cli), 'diagram', ...args, '--format', 'json']);
    if (sample.code !== 0) throw new Error(sample.stderr);
    return sample;
}

/** The layout's CPU time in seconds, in this process: DOT, every Graphviz run (the worker's share of a render), the packing. */
async function layoutSeconds(folder: string, view: string): Promise<number> {
    const loaded = await loadErrorFreeModel(await findModelFiles([folder]), 'no layout', message => console.error(message));
    if (!loaded) throw new Error(`${folder}: the model has errors`);
    const graph = graphFor(loaded.model, loaded.conflicts, { view, scope: loaded.scope, today: today() });
    const start = process.cpuUsage();
    await writeDiagram(graph, 'svg', renderer);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
}

async function metrics(folder: string, view: string): Promise<Record<string, string>> {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await cli([folder, '--view', view]));
    const q = layoutQuality(JSON.parse(samples[0]!.stdout) as LaidOut);
    const layout = [];
    for (let i = 0; i < runs; i++) layout.push(await layoutSeconds(folder, view));
    const s = (seconds: number) => `${seconds.toFixed(2)} s`;
    return {
        edges: String(q.edges),
        'edge length (pt)': Math.round(q.length).toLocaleString('en'),
        'crossing pairs': q.crossings.toLocaleString('en'),
        'width × height (pt)': `${Math.round(q.width).toLocaleString('en')} × ${Math.round(q.height).toLocaleString('en')}`,
        aspect: q.aspect.toFixed(2),
        'area (Mpt²)': (q.area / 1e6).toFixed(2),
        'layout CPU': s(median(layout)),
        'CLI CPU': s(median(samples.map(sample => sample.cpu))),
        'CLI wall': s(median(samples.map(sample => sample.wall)))
    };
}

await renderer.warm();
const folders: string[] = [];
try {
    const generated = async (institutions: number) => {
        const folder = mkdtempSync(path.join(os.tmpdir(), 'polity-layout-'));
        folders.push(folder);
        for (const file of generateWorkspace({ institutions, seed: 1 }).files) writeFileSync(path.join(folder, file.name), file.text);
        writeFileSync(path.join(folder, 'views.polity'), VIEW);
        return metrics(folder, 'everything');
    };
    const rows: [string, Record<string, string>][] = [
        ['flagship overview', await metrics(path.join(ROOT, 'examples/china-cyber'), 'overview')],
        ['300 generated', await generated(300)]
    ];
    if (!options['no-3000']) rows.push(['3,000 generated', await generated(3000)]);
    const columns = Object.keys(rows[0]![1]);
    console.log(`Load average ${os.loadavg()[0]!.toFixed(1)} at the end; medians of ${runs} run(s).`);
    console.log(`| view | ${columns.join(' | ')} |\n| --- | ${columns.map(() => '---').join(' | ')} |`);
    for (const [name, row] of rows) console.log(`| ${name} | ${columns.map(c => row[c]).join(' | ')} |`);
} finally {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}
