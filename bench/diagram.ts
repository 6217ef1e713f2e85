/**
 * The diagram benchmark (run by `npm run bench`, or alone: bundle it as
 * bench/index.mjs does and run the result). For generated models of 300 and
 * 3,000 institutions it starts the bundled language server on a folder,
 * then measures `polity/diagram` for a view of every institution, from
 * request to SVG: the first (cold) request and the median of warm ones. It
 * also times an edit until the server's `polity/modelChanged`, which with the
 * preview's 300 ms debounce and a warm request gives the update after an edit.
 * Prints its rows as JSON on stdout (bench/report.ts makes the table).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDiagramFailure, isDiagramUnchanged, type DiagramParams, type DiagramResult } from '../src/diagram/protocol.js';
import { DiagramRequest, ModelChangedNotification } from '../src/language/protocol.js';
import { LspSession } from '../test/support/lsp-client.js';
import { generateWorkspace } from './generate.js';
import { median, processCpuMs } from './measure.js';

const SIZES = [300, 3000];
const WARM_RUNS = 5;
const PREVIEW_DEBOUNCE_MS = 300;
const VIEW = 'model bench\n\nview everything "Every institution in 2020" {\n  include *\n  at 2020\n}\n';

export interface DiagramRow {
    size: number;
    nodes: number;
    edges: number;
    svgKB: number;
    /** The first request, in ms: wall time, and the server's CPU time (Graphviz's worker included). */
    cold: number;
    coldCpu: number;
    warm: number;
    notified: number;
    /** The preview's debounce before it asks again after a change, in ms. */
    debounce: number;
}

async function measure(size: number): Promise<DiagramRow> {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'polity-bench-diagram-'));
    const session = LspSession.start();
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
        const cpu = processCpuMs(session.process.pid);
        const first = await request();
        const coldCpu = processCpuMs(session.process.pid) - cpu;
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
            coldCpu,
            warm: median(warm),
            notified,
            debounce: PREVIEW_DEBOUNCE_MS
        };
    } finally {
        await session.stop();
        rmSync(folder, { recursive: true, force: true });
    }
}

async function main(): Promise<void> {
    const rows: DiagramRow[] = [];
    for (const size of SIZES) rows.push(await measure(size));
    process.stdout.write(`${JSON.stringify(rows)}\n`);
}

main().catch(error => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
});
