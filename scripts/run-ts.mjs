// Runs a TypeScript entry point (the benchmark, the fuzzer) on the project's Node without a
// TypeScript loader: esbuild bundles it, and any companion entries it starts as processes, into
// node_modules/.cache/polity-run/<main>/, then the first one runs with the arguments after `--`.
// Usage: node scripts/run-ts.mjs main.ts [companion.ts …] [-- arguments]
import * as esbuild from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const split = process.argv.indexOf('--');
const entries = process.argv.slice(2, split < 0 ? undefined : split);
const args = split < 0 ? [] : process.argv.slice(split + 1);
// Companions are optional (bench/diagram.ts is measured only when it exists).
const present = entries.filter((entry, i) => i === 0 || existsSync(path.resolve(root, entry)));
const entryPoints = Object.fromEntries(present.map(entry => [path.basename(entry, '.ts'), path.resolve(root, entry)]));
// One folder per main entry, emptied first: no companion left over from an earlier run is started.
const outdir = path.join(root, 'node_modules', '.cache', 'polity-run', Object.keys(entryPoints)[0]);
rmSync(outdir, { recursive: true, force: true });

await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'inline',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __runRequire } from 'node:module'; const require = __runRequire(import.meta.url);" }
});
process.argv = [process.argv[0], path.join(outdir, `${Object.keys(entryPoints)[0]}.mjs`), ...args];
await import(pathToFileURL(process.argv[1]).href);
