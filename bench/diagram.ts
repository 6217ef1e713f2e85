/**
 * The diagram benchmark (run by `npm run bench`, or alone: bundle it as
 * bench/index.mjs does and run the result). For generated models of 300 and
 * 3,000 institutions it starts the bundled language server on a folder,
 * then measures `polity/diagram` for a view of every institution, from
 * request to SVG: the first (cold) request and the median of warm ones. It
 * also times an edit until the server's `polity/modelChanged`, which with the
 * preview's 300 ms debounce and a warm request gives the update after an edit.
 * The first request's figures are from the server's start: wall time, and the
 * server's CPU time (all its threads, from /proc) until the answer. Prints a
 * Markdown table on stdout. `--server FILE` measures another build's
 * server.cjs, `--sizes 3000` only that size.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isDiagramFailure, isDiagramUnchanged, type DiagramParams, type DiagramResult } from '../src/diagram/protocol.js';
import { DiagramRequest, ModelChangedNotification } from '../src/language/protocol.js';
import { LspSession } from '../test/support/lsp-client.js';
import { generateWorkspace } from './generate.js';
import { cpuOf, median } from './measure.js';

const { values: options } = parseArgs({ options: { server: { type: 'string' }, sizes: { type: 'string', default: '300,3000' } } });
const SIZES = options.sizes.split(',').map(Number);
const WARM_RUNS = 5;
const PREVIEW_DEBOUNCE_MS = 300;
const VIEW = 'model bench\n\nview everything "Every institution in 2020" {\n  include *\n  at 2020\n}\n';

interface Row {
    size: number;
    nodes: number;
    edges: number;
    svgKB: number;
    cold: number;
    /** From the server's start to the first answer: wall and CPU. */
    firstWall: number;
    firstCpu: number;
    warm: number;
    notified: number;
}

async function measure(size: number): Promise<Row> {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'polity-bench-diagram-'));
    const started = performance.now();
    const session = LspSession.start(options.server ? { args: [path.resolve(options.server), '--stdio'] } : {});
    try {
        const { files } = generateWorkspace({ institutions: size, seed: 1 });
        for (const file of files) writeFileSync(path.join(folder, file.name), file.text);
        const viewFile = path.join(folder, 'views.polity');
        writeFileSync(viewFile, VIEW);
        const uri = pathToFileURL(viewFile).toString();
        let changes = 0;
        session.connection.onNotification(ModelChangedNotification, () => {
            changes++;
        });
        await session.initialize(folder);
        await session.open(uri, VIEW);
        const edited = files[0];
        if (!edited) throw new Error('the generated workspace has no files');
        const editedUri = pathToFileURL(path.join(folder, edited.name)).toString();
        await session.open(editedUri, edited.text);

        const params: DiagramParams = { uri, view: 'everything' };
        const request = async () => {
            const start = performance.now();
            const result = await session.request<DiagramResult>(DiagramRequest.method, params, 120_000);
            const ms = performance.now() - start;
            if (isDiagramFailure(result)) throw new Error(`${size} institutions: ${result.error}`);
            if (isDiagramUnchanged(result)) throw new Error(`${size} institutions: "unchanged", though no picture was named`);
            return { ms, result };
        };
        const first = await request();
        const firstWall = performance.now() - started;
        const firstCpu = cpuOf(session);
        const warm: number[] = [];
        for (let i = 0; i < WARM_RUNS; i++) warm.push((await request()).ms);

        // An edit of a model file that adds an institution, until the server says the model changed.
        const seen = changes;
        const start = performance.now();
        await session.change(editedUri, `${edited.text}\ninstitution Added "Added while typing" { kind agency }\n`);
        while (changes === seen) await new Promise(resolve => setTimeout(resolve, 5));
        const notified = performance.now() - start;

        const ids = Object.keys(first.result.sources);
        return {
            size,
            nodes: ids.filter(id => id.startsWith('institution:')).length,
            edges: ids.filter(id => !id.startsWith('institution:') && !id.startsWith('cluster:')).length,
            svgKB: Math.round(first.result.svg.length / 1024),
            cold: first.ms,
            firstWall,
            firstCpu,
            warm: median(warm),
            notified
        };
    } finally {
        await session.stop();
        rmSync(folder, { recursive: true, force: true });
    }
}

async function main(): Promise<void> {
    const rows: Row[] = [];
    for (const size of SIZES) rows.push(await measure(size));
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const lines = [
        `Load average ${os.loadavg()[0]!.toFixed(1)} at the end.`,
        '| view of | drawn nodes / edges | SVG | request → SVG, first | server start → first SVG, wall / server CPU | request → SVG, warm (median of 5) | edit → modelChanged | edit → new SVG (+ 300 ms debounce) |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        ...rows.map(
            r =>
                `| ${r.size.toLocaleString('en-GB')} institutions | ${r.nodes} / ${r.edges} | ${r.svgKB} KB | ${s(r.cold)} | ${s(r.firstWall)} / ${s(r.firstCpu)} | ${s(r.warm)} | ${s(r.notified)} | ${s(r.notified + PREVIEW_DEBOUNCE_MS + r.warm)} |`
        )
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch(error => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
});
