/**
 * End-to-end harness: a real VS Code (code-server) in headless Chromium, driven by playwright-core.
 *
 * Generic: knows nothing about the extension under test. Parameterised by a .vsix and a workspace folder.
 * Needs the cache that `scripts/e2e-setup.sh` installs (Node 24, code-server, playwright-core) and
 * Debian's /usr/bin/chromium. Call `findPrerequisites()` first and skip with its `reason` when it is not ok.
 *
 * Every wait is bounded; every process started here is killed by `stop()` / `stopAll()` (and on exit).
 * See test/e2e/README.md.
 */

export * from './harness/prerequisites.js';
export * from './harness/code-server.js';
export * from './harness/workbench.js';
export { freePort, sleep, stopAll, UI_TIMEOUT, waitFor, withTimeout } from './harness/processes.js';
