// Bundles the CLI, the language server and the VS Code extension.
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
    { ...common, entryPoints: { cli: 'src/cli/index.ts' }, outdir: 'dist', format: 'esm',
      banner: { js: "import { createRequire as __polityRequire } from 'node:module'; const require = __polityRequire(import.meta.url);" } },
    { ...common, entryPoints: { server: 'src/language/server.ts' }, outdir: 'dist', format: 'cjs', outExtension: { '.js': '.cjs' } }
];

for (const options of builds) {
    if (watch) {
        const context = await esbuild.context(options);
        await context.watch();
    } else {
        await esbuild.build(options);
    }
}
