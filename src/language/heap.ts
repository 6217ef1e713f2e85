import { setFlagsFromString } from 'node:v8';

/**
 * The server's heap grows by at most half over what survived the last full
 * collection, and shrinks soon after the edits stop. By default V8 lets a heap
 * of ~320 MB live data grow to 2–4× before it collects: each edit leaves ~15 MB
 * of old-space garbage (the workspace model it replaced), so 200 edits took the
 * server from 420 to 800–950 MB; with 50 % it stays at 370–400 MB. The price is
 * more full collections: a fifth (20 %) doubled the CPU of 200 edits in a row,
 * a half costs +30–60 %, 100 % ~+20 % but ends near 500 MB. A process-wide setting,
 * so only the server process sets it, at start-up; the CLI keeps V8's defaults.
 */
export function keepHeapSmall(): void {
    setFlagsFromString('--heap-growing-percent=50');
    setFlagsFromString('--gc-memory-reducer-start-delay-ms=1000');
}
