// Bundles the CLI, the language server, the layout worker, the VS Code extension and the preview page.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
    // Split at the CLI's dynamic imports, so that `polity --version` reads only the argument parsing
    // (src/cli/main.ts); chunks sit beside cli.js, where the layout worker is looked for.
    // resvg is a native module and PDFKit reads its font files beside itself: both stay in node_modules.
    {
        ...common,
        entryPoints: { cli: 'src/cli/index.ts' },
        outdir: 'dist',
        format: 'esm',
        splitting: true,
        chunkNames: 'cli-[hash]',
        external: ['@resvg/resvg-js', 'pdfkit', 'svg-to-pdfkit'],
        banner: { js: "import { createRequire as __polityRequire } from 'node:module'; const require = __polityRequire(import.meta.url);" }
    },
    // CommonJS has no import.meta.url, by which the server finds the layout worker beside itself.
    {
        ...common,
        entryPoints: { server: 'src/language/server.ts' },
        outdir: 'dist',
        format: 'cjs',
        outExtension: { '.js': '.cjs' },
        banner: { js: "const __polityModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
        define: { ...common.define, 'import.meta.url': '__polityModuleUrl' }
    },
    // Graphviz on a thread of its own, for the CLI and the server (src/diagram/worker-renderer.ts).
    {
        ...common,
        entryPoints: { 'layout-worker': 'src/diagram/layout-worker.ts' },
        outdir: 'dist',
        format: 'cjs',
        outExtension: { '.js': '.cjs' }
    },
    // The extension runs in VS Code's extension host (Node 20 in VS Code 1.91), which provides `vscode`.
    {
        ...common,
        entryPoints: { extension: 'src/extension/extension.ts' },
        outdir: 'dist',
        format: 'cjs',
        outExtension: { '.js': '.cjs' },
        target: 'node20',
        external: ['vscode']
    },
    // The preview page: a browser script and its stylesheet, dist/webview.js and dist/webview.css.
    {
        bundle: true,
        sourcemap: true,
        logLevel: 'warning',
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
        outdir: 'dist',
        entryPoints: [
            { in: 'src/webview/preview.ts', out: 'webview' },
            { in: 'src/webview/preview.css', out: 'webview' }
        ]
    },
    // The static site's (polity build): the preview page's host, and the stylesheet of the other pages.
    {
        bundle: true,
        logLevel: 'warning',
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
        outdir: 'dist',
        entryPoints: [
            { in: 'src/webview/site-host.ts', out: 'site-host' },
            { in: 'src/publish/site.css', out: 'site' }
        ]
    }
];

// The CLI's chunks are named by their content: those of an earlier build would pile up in dist/ and in the package.
for (const name of existsSync('dist') ? readdirSync('dist') : []) {
    if (/^cli-.*\.js(\.map)?$/.test(name)) rmSync(`dist/${name}`);
}

// The faces the preview and the site draw labels in, so that what is drawn is what the boxes were
// sized for: Arimo (Arial's and so Helvetica's metrics, by which Graphviz measures) and Noto Sans SC
// (Chinese, a full em per character, as src/diagram/measure.ts counts). Fontsource's subsets by
// unicode-range, woff2 only (every browser the preview and the site run in reads it), into dist/fonts/,
// named by dist/fonts.css, one @font-face a line (src/publish/fonts.ts picks a site's lines from it).
const FONT_FACES = ['@fontsource/arimo/400.css', '@fontsource/noto-sans-sc/400.css'];
rmSync('dist/fonts', { recursive: true, force: true });
mkdirSync('dist/fonts', { recursive: true });
const faces = FONT_FACES.flatMap(name => {
    const css = createRequire(import.meta.url).resolve(name);
    return [...readFileSync(css, 'utf8').matchAll(/@font-face\s*{([^}]*)}/g)].map(([, body]) => {
        const file = /url\(\.\/files\/([\w.-]+\.woff2)\)/.exec(body)[1];
        copyFileSync(join(dirname(css), 'files', file), join('dist/fonts', file));
        const rules = body
            .split(';')
            .map(rule => rule.trim())
            .filter(Boolean)
            .map(rule => (rule.startsWith('src:') ? `src: url(fonts/${file}) format('woff2')` : rule));
        return `@font-face { ${rules.join('; ')}; }`;
    });
});
writeFileSync('dist/fonts.css', `/* Generated by esbuild.mjs from ${FONT_FACES.join(', ')}. */\n${faces.join('\n')}\n`);

for (const options of builds) {
    if (watch) {
        const context = await esbuild.context(options);
        await context.watch();
    } else {
        await esbuild.build(options);
    }
}
