import * as esbuild from 'esbuild';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './lsp-client.js';

/**
 * Bundles test/support/faulty-server.ts like the shipped server (CommonJS for
 * Node, on stdio) into a temporary folder and returns the script's path. The
 * bundle finds the layout worker in dist/, beside the shipped server.
 */
export async function bundleFaultyServer(): Promise<string> {
    const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'polity-faulty-server-')), 'faulty-server.cjs');
    await esbuild.build({
        entryPoints: [path.join(REPO_ROOT, 'test', 'support', 'faulty-server.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node22',
        logLevel: 'warning',
        define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'dist', 'server.cjs')).href) }
    });
    return outfile;
}
