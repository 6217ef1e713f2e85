// `npm run bench` (after `npm run build`): bundles the TypeScript benchmark with
// esbuild, so it runs on the project's Node without a TypeScript loader.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bench = fileURLToPath(new URL('.', import.meta.url));
const outdir = `${bench}results/.build`;
const entryPoints = { run: `${bench}run.ts`, probe: `${bench}probe.ts` };
// bench/diagram.ts (the diagram benchmark) is measured when it exists.
if (existsSync(`${bench}diagram.ts`)) entryPoints.diagram = `${bench}diagram.ts`;

await esbuild.build({
    entryPoints, outdir, bundle: true, platform: 'node', format: 'esm', target: 'node22', outExtension: { '.js': '.mjs' },
    logLevel: 'warning', banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" }
});
await import(pathToFileURL(`${outdir}/run.mjs`).href);
