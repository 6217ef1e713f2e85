/**
 * `npm run bench`: generates the workspaces, measures `polity check` and the
 * language server (on the bench workload and the conflict-heavy one), prints a
 * Markdown table with the budgets, and writes
 * bench/results/latest.json and latest.md.
 *
 * Options: --sizes 1000,10000,100000  --runs 7  --seed 1  --quick (1,000 and 10,000, 3 runs)
 *          --no-server  --no-diagram  --server-only (no `polity check` runs)
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DiagramRow } from './diagram.js';
import { generateWorkspace, type GenerateOptions } from './generate.js';
import { benchServer } from './lsp.js';
import { BENCH_DIR, measureProcess, median, percentile, ROOT, type ProcessSample } from './measure.js';
import type { Phases } from './probe.js';
import { budgets, CONFLICTS, LANGUAGE02, markdown, type BenchResults, type CheckResult } from './report.js';

const RESULTS = path.join(BENCH_DIR, 'results');
const CLI = path.join(ROOT, 'bin', 'polity.js');
// scripts/run-ts.mjs bundles probe.ts and diagram.ts next to this file.
const BUNDLED = path.dirname(fileURLToPath(import.meta.url));
const PROBE = path.join(BUNDLED, 'probe.mjs');
const DIAGRAM = path.join(BUNDLED, 'diagram.mjs');

interface Workload {
    name: string;
    options: GenerateOptions;
    runs: number;
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            sizes: { type: 'string' },
            runs: { type: 'string' },
            seed: { type: 'string', default: '1' },
            'no-server': { type: 'boolean', default: false },
            'no-diagram': { type: 'boolean', default: false },
            'server-only': { type: 'boolean', default: false },
            quick: { type: 'boolean', default: false }
        }
    });
    const seed = Number(values.seed);
    const sizes = (values.sizes ?? (values.quick ? '1000,10000' : '1000,10000,100000')).split(',').map(Number);
    const runs = Number(values.runs ?? (values.quick ? 3 : 7));
    for (const file of [path.join(ROOT, 'dist', 'cli.js'), path.join(ROOT, 'dist', 'server.cjs'), PROBE]) {
        if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run bench\`, which builds and bundles first`);
    }

    const workloads: Workload[] = sizes.map(n => ({
        name: n.toLocaleString('en-GB'),
        options: { institutions: n, seed },
        runs: n >= 100_000 ? Math.min(runs, 3) : runs
    }));
    if (sizes.includes(10_000)) {
        const more: Workload[] = [
            { name: '10,000 in one file', options: { institutions: 10_000, seed, singleFile: true }, runs },
            { name: CONFLICTS, options: { institutions: 10_000, seed, conflicts: true }, runs },
            { name: LANGUAGE02, options: { institutions: 10_000, seed, language02: true }, runs }
        ];
        // The conflict-heavy workspace is one of the server's two workloads: --server-only needs it too.
        workloads.push(...more.filter(w => !values['server-only'] || w.options.conflicts));
    }

    const results: BenchResults = {
        date: new Date().toISOString().slice(0, 10),
        node: process.versions.node,
        cpus: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
        seed,
        checks: [],
        load: os.loadavg()[0] ?? 0
    };
    if (!values['server-only']) {
        // The CLI's fixed cost, taken out of the growth exponent: start-up says nothing about how checking scales.
        const version = [];
        for (let i = 0; i < runs; i++) version.push(await measureProcess([CLI, '--version']));
        results.startup = { cpu: median(version.map(v => v.cpu)), rss: median(version.map(v => v.rss)) };
        log(`polity --version: ${results.startup.cpu.toFixed(2)} s CPU`);
    }
    // The server is measured on the 10,000 workspace (or the largest below it when that size is not run) and on
    // the conflict-heavy one: the budgets hold whatever the number of findings.
    type Folder = { name: string; folder: string; files: string[]; size: number };
    let plainServer: Folder | undefined;
    let conflictServer: Folder | undefined;
    for (const workload of workloads) {
        const generated = generateWorkspace(workload.options);
        const folder = path.join(RESULTS, 'workspaces', workload.name.replace(/\W+/g, '-'));
        rmSync(folder, { recursive: true, force: true });
        mkdirSync(folder, { recursive: true });
        const files = generated.files.map(f => {
            const file = path.join(folder, f.name);
            writeFileSync(file, f.text);
            return file;
        });
        const size = workload.options.institutions;
        const plain = !workload.options.singleFile && !workload.options.conflicts && !workload.options.language02;
        if (plain && size <= 10_000 && size > (plainServer?.size ?? 0)) plainServer = { name: workload.name, folder, files, size };
        if (workload.options.conflicts) conflictServer = { name: workload.name, folder, files, size };

        if (values['server-only']) continue;
        log(`check ${workload.name} institutions (${generated.stats.files} files, ${generated.stats.lines} lines), ${workload.runs} runs`);
        const check: ProcessSample[] = [];
        const parse: ProcessSample[] = [];
        // Interleaved, so that a change in the machine's load falls on both alike.
        for (let i = 0; i < workload.runs; i++) {
            check.push(await measureProcess([CLI, 'check', folder]));
            parse.push(await measureProcess([PROBE, 'parse', folder]));
        }
        const failed = check.find(c => c.code !== 0 && c.code !== 1);
        if (failed) throw new Error(`polity check failed (exit ${failed.code}): ${failed.stderr}`);
        const phases = await measureProcess([PROBE, 'phases', folder]);
        const result: CheckResult = {
            name: workload.name,
            stats: generated.stats,
            runs: workload.runs,
            wall: median(check.map(c => c.wall)),
            cpu: median(check.map(c => c.cpu)),
            rss: median(check.map(c => c.rss)),
            cpuP95: percentile(
                check.map(c => c.cpu),
                95
            ),
            rssMax: Math.max(...check.map(c => c.rss)),
            parseWall: median(parse.map(c => c.wall)),
            parseCpu: median(parse.map(c => c.cpu)),
            parseRss: median(parse.map(c => c.rss)),
            // The ratio run by run (check and floor side by side), then its median: steadier than a ratio of medians.
            ratio: median(
                check.flatMap((c, i) => {
                    const floor = parse[i];
                    return floor ? [c.cpu / floor.cpu] : [];
                })
            ),
            phases: JSON.parse(phases.stdout) as Phases,
            findings: check[0]?.stdout.trim().split('\n').pop() ?? ''
        };
        results.checks.push(result);
        log(
            `  ${result.cpu.toFixed(2)} s CPU, ${Math.round(result.rss)} MB (parse only ${result.parseCpu.toFixed(2)} s CPU, ${result.ratio.toFixed(2)}×)`
        );
    }

    if (!values['no-server']) {
        results.servers = [];
        for (const server of [plainServer, conflictServer]) {
            if (!server) continue;
            log(`language server on the ${server.name} workspace`);
            results.servers.push({ workspace: server.name, ...(await benchServer(server.folder, server.files, Math.max(10, runs * 4))) });
        }
    }
    if (existsSync(DIAGRAM) && !values['no-diagram']) {
        log('diagrams (bench/diagram.ts)');
        const diagram = await measureProcess([DIAGRAM]);
        results.diagram =
            diagram.code === 0
                ? (JSON.parse(diagram.stdout) as DiagramRow[])
                : `bench/diagram.ts failed (exit ${diagram.code}): ${diagram.stderr.trim()}`;
    }

    const table = markdown(results);
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify({ ...results, budgets: budgets(results) }, null, 2)}\n`);
    writeFileSync(path.join(RESULTS, 'latest.md'), table);
    process.stdout.write(`\n${table}`);
    for (const b of budgets(results)) log(`${b.met ? 'pass' : 'FAIL'}  ${b.what}: ${b.value} (budget ${b.limit})`);
}

function log(text: string): void {
    process.stderr.write(`bench: ${text}\n`);
}

await main();
