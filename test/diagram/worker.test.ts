import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancellationTokenSource, HoverRequest, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { isDiagramFailure, type DiagramParams, type DiagramResult } from '../../src/diagram/protocol.js';
import { DiagramRequest } from '../../src/language/protocol.js';
import { runCli } from '../cli/run-cli.js';
import { LayoutCancelled, LayoutError } from '../../src/diagram/render.js';
import { WorkerRenderer } from '../../src/diagram/worker-renderer.js';
import { positionOf, REPO_ROOT, startBundledServer, type LspSession } from '../support/lsp-client.js';

/**
 * A model that is quick to check but slow to lay out: 150 institutions, each
 * advising 16 others (2,400 edges for Graphviz to route in one dot run), plus
 * a view of two institutions that lays out at once. No more institutions: a
 * larger view is packed (pack.ts), which draws relations outside the
 * hierarchy straight, and fast. Deterministic: no random numbers.
 */
function slowModel(): string {
    const count = 150;
    const institutions = Array.from({ length: count }, (_, i) => {
        const advised = Array.from({ length: 16 }, (_, k) => `  advises I${(i + 1 + ((k * 37 + i * 11) % (count - 1))) % count}`);
        return `institution I${i} "Institution ${i}" {\n  kind agency\n${[...new Set(advised)].join('\n')}\n}\n`;
    });
    return `model slow\n\nview small "Two institutions" {\n  include I0, I1\n}\n\n${institutions.join('')}`;
}

/** The error a request was answered with (a request answered with a result fails). */
function rejection(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
        value => {
            throw new Error(`answered with ${JSON.stringify(value).slice(0, 200)}`);
        },
        (error: unknown) => error
    );
}

/**
 * Dates whose whole picture no test has drawn yet: the server remembers the layouts it made (by their DOT, which
 * names the date), and a slow request must be a layout.
 */
const UNDRAWN = ['2001', '2002', '2003'];

function isCancelled(error: unknown): boolean {
    return error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled;
}

async function timed<T>(promise: Promise<T>): Promise<{ value: T; ms: number }> {
    const start = performance.now();
    const value = await promise;
    return { value, ms: performance.now() - start };
}

describe("diagram layout off the server's thread", () => {
    let session: LspSession;
    let dir: string;
    const text = slowModel();
    let uri: string;
    /** How long the whole-model diagram takes from request to answer. */
    let full = 0;

    const diagram = (params: Omit<DiagramParams, 'uri'>, timeout = 240_000) =>
        session.request<DiagramResult>(DiagramRequest.method, { uri, ...params }, timeout);
    const hover = () =>
        session.request(HoverRequest.method, {
            textDocument: { uri },
            position: positionOf(text, 'institution I7', 'institution '.length)
        });

    beforeAll(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'polity-worker-'));
        const file = path.join(dir, 'slow.polity');
        writeFileSync(file, text);
        uri = pathToFileURL(file).toString();
        session = startBundledServer();
        await session.initialize(dir);
        await session.open(uri, text);
        await session.nextDiagnostics(uri, 120_000);
        // Warm: the first hover and the first (small) layout load what they need.
        await hover();
        expect(isDiagramFailure(await diagram({ view: 'small' }))).toBe(false);
        const whole = await timed(diagram({}));
        expect(isDiagramFailure(whole.value), JSON.stringify(whole.value).slice(0, 300)).toBe(false);
        full = whole.ms;
    }, 240_000);

    afterAll(async () => {
        await session?.stop();
        rmSync(dir, { recursive: true, force: true });
    });

    it('answers a hover sent right after a slow diagram request long before the diagram', async () => {
        const alone: number[] = [];
        for (let i = 0; i < 3; i++) alone.push((await timed(hover())).ms);
        const slow = timed(diagram({ at: UNDRAWN[0] }));
        const hoverAfter = await timed(hover());
        const drawn = await slow;
        expect(isDiagramFailure(drawn.value), JSON.stringify(drawn.value).slice(0, 300)).toBe(false);
        // Blocked, the hover would wait for the whole layout; off the thread it waits only for the
        // graph to be built. Both sides are measured here, so the bound scales with the machine.
        expect(
            hoverAfter.ms,
            `hover alone ${Math.min(...alone).toFixed(0)} ms, after the request ${hoverAfter.ms.toFixed(0)} ms, diagram ${drawn.ms.toFixed(0)} ms`
        ).toBeLessThan(drawn.ms / 5);
    }, 240_000);

    it('stops a layout that a newer request for the same preview supersedes, and answers the newer one at once', async () => {
        const superseded = rejection(diagram({ at: UNDRAWN[1], preview: 'p' }));
        const newer = await timed(diagram({ view: 'small', preview: 'p' }));
        expect(isDiagramFailure(newer.value)).toBe(false);
        expect(newer.ms, `newer ${newer.ms.toFixed(0)} ms, a whole layout ${full.toFixed(0)} ms`).toBeLessThan(full / 5);
        expect(isCancelled(await superseded)).toBe(true);
    }, 240_000);

    it('stops a layout the client cancels, and the next request does not wait for it', async () => {
        const source = new CancellationTokenSource();
        const cancelled = rejection(
            session.connection.sendRequest<DiagramResult>(DiagramRequest.method, { uri, at: UNDRAWN[2] }, source.token)
        );
        // Let the layout start, then cancel it.
        await new Promise(resolve => setTimeout(resolve, Math.min(500, full / 10)));
        source.cancel();
        const next = await timed(diagram({ view: 'small' }));
        expect(isDiagramFailure(next.value)).toBe(false);
        expect(next.ms, `next ${next.ms.toFixed(0)} ms, a whole layout ${full.toFixed(0)} ms`).toBeLessThan(full / 5);
        expect(isCancelled(await cancelled)).toBe(true);
    }, 240_000);

    it('answers a layout over its time budget with what makes the view big and how to narrow it (CLI)', () => {
        const result = runCli(['diagram', dir], { env: { POLITY_LAYOUT_BUDGET: '0.5' } });
        expect(result.status).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(
            'polity: cannot draw the model: the diagram has 150 institutions and 2,400 edges; ' +
                'layout took longer than 0.5 s — narrow the view with include/exclude\n'
        );
    }, 240_000);
});

describe('WorkerRenderer', () => {
    const script = path.join(REPO_ROOT, 'dist', 'layout-worker.cjs');

    it('reports a Graphviz error for its job only, keeps jobs in order, and drops an aborted job', async () => {
        const renderer = new WorkerRenderer({ script });
        try {
            const abort = new AbortController();
            const bad = rejection(renderer.render('digraph { a -> }', ['svg']));
            const good = renderer.render('digraph { a -> b }', ['svg']);
            const dropped = rejection(renderer.render('digraph { c }', ['svg'], { signal: abort.signal }));
            abort.abort();
            expect(await bad).toBeInstanceOf(LayoutError);
            expect((await good).svg).toContain('<g id="node2" class="node">');
            expect(await dropped).toBeInstanceOf(LayoutCancelled);
            expect((await renderer.render('digraph { d }', ['svg'])).svg).toContain('<title>d</title>');
        } finally {
            await renderer.close();
        }
    });

    it('fails each job with a clear error when the worker cannot start, and never hangs', async () => {
        // A missing file fails in the thread; a malformed path already when the thread is created.
        const cases = [
            [path.join(REPO_ROOT, 'dist', 'no-such-worker.cjs'), /^Graphviz stopped: Cannot find module .*no-such-worker\.cjs/],
            ['no-such-worker.cjs', /^cannot start Graphviz: The worker script .* must be an absolute path/]
        ] as const;
        for (const [script, message] of cases) {
            const renderer = new WorkerRenderer({ script });
            for (let i = 0; i < 2; i++) {
                const error = await rejection(renderer.render('digraph { a }', ['svg']));
                expect(error).toBeInstanceOf(LayoutError);
                expect((error as Error).message).toMatch(message);
            }
        }
    });
});
