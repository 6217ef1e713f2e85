/**
 * The layout worker (dist/layout-worker.cjs): Graphviz on a thread of its
 * own, so that a layout of minutes never blocks the language server's
 * requests, and can be stopped by terminating the thread. Messages are
 * LayoutRequest in, LayoutReply out (worker-renderer.ts).
 */
import { parentPort } from 'node:worker_threads';
import { GraphvizRenderer } from './render.js';
import type { LayoutReply, LayoutRequest } from './worker-renderer.js';

const port = parentPort!;
const renderer = new GraphvizRenderer();

// Ready once Graphviz is loaded, so that the time budget counts layout only.
// If it does not load, the first job reports why.
void renderer
    .warm()
    .catch(() => undefined)
    .then(() => port.postMessage({ type: 'ready' } satisfies LayoutReply));

port.on('message', (request: LayoutRequest) => {
    renderer.render(request.dot, request.formats).then(
        output => port.postMessage({ type: 'done', id: request.id, output } satisfies LayoutReply),
        (error: unknown) =>
            port.postMessage({
                type: 'failed',
                id: request.id,
                message: error instanceof Error ? error.message : String(error)
            } satisfies LayoutReply)
    );
});
