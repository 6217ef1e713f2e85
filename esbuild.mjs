// Bundles the CLI, the language server, the layout worker, the VS Code extension and the preview page.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');

const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
    define: { 'process.env.POLITY_VERSION': JSON.stringify(version) }
};

const builds = [
    // Split: each command's modules are a chunk of their own, read only when the command runs (src/cli/main.ts).
    // The chunks sit beside cli.js, so that import.meta.url finds the layout worker from any of them.
    { ...common, entryPoints: { cli: 'src/cli/index.ts' }, outdir: 'dist', format: 'esm', splitting: true, chunkNames: 'cli-chunk-[hash]',
      banner: { js: "import { createRequire as __polityRequire } from 'node:module'; const require = __polityRequire(import.meta.url);" } },
    // CommonJS has no import.meta.url, by which the server finds the layout worker beside itself.
    { ...common, entryPoints: { server: 'src/language/server.ts' }, outdir: 'dist', format: 'cjs', outExtension: { '.js': '.cjs' },
      banner: { js: "const __polityModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
      define: { ...common.define, 'import.meta.url': '__polityModuleUrl' } },
    // Graphviz on a thread of its own, for the CLI and the server (src/diagram/worker-renderer.ts).
    { ...common, entryPoints: { 'layout-worker': 'src/diagram/layout-worker.ts' }, outdir: 'dist', format: 'cjs', outExtension: { '.js': '.cjs' } },
    // The extension runs in VS Code's extension host (Node 20 in VS Code 1.91), which provides `vscode`.
    { ...common, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', format: 'cjs', outExtension: { '.js': '.cjs' },
      target: 'node20', external: ['vscode'] },
    // The preview page: a browser script and its stylesheet, dist/webview.js and dist/webview.css.
    { bundle: true, sourcemap: true, logLevel: 'warning', platform: 'browser', format: 'iife', target: 'es2022', outdir: 'dist',
      entryPoints: [{ in: 'src/webview/preview.ts', out: 'webview' }, { in: 'src/webview/preview.css', out: 'webview' }] }
];

for (const options of builds) {
    if (watch) {
        const context = await esbuild.context(options);
        await context.watch();
    } else {
        await esbuild.build(options);
    }
}
