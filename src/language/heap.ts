import { setFlagsFromString } from 'node:v8';

/**
 * The server's heap grows by at most a fifth over what survived the last full
 * collection, and shrinks soon after the edits stop. By default V8 lets a heap
 * of ~320 MB live data grow to 2–4× before it collects: each edit leaves ~15 MB
 * of old-space garbage (the workspace model it replaced), so 200 edits took the
 * server from 420 to 800–900 MB. A process-wide setting, so only the server
 * process sets it (at start-up, before any large heap exists); the CLI keeps
 * V8's defaults.
 */
export function keepHeapSmall(): void {
    setFlagsFromString('--heap-growing-percent=20');
    setFlagsFromString('--gc-memory-reducer-start-delay-ms=1000');
}
