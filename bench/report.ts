import type { WorkspaceStats } from './generate.js';
import type { Latency, ServerResults } from './lsp.js';
import type { DiagramRow } from './diagram.js';
import type { Phases } from './probe.js';

export interface CheckResult {
    name: string;
    stats: WorkspaceStats;
    runs: number;
    /** Medians over the runs: seconds and MB. */
    wall: number;
    cpu: number;
    rss: number;
    /** Nearest-rank p95 of the CPU time; the largest peak RSS of the runs. */
    cpuP95: number;
    rssMax: number;
    parseWall: number;
    parseCpu: number;
    parseRss: number;
    /** Median over the runs of check CPU ÷ parse-only CPU, each run's pair measured side by side. */
    ratio: number;
    /** One in-process run's build phases, in ms. */
    phases: Phases;
    findings: string;
}

export interface BenchResults {
    date: string;
    node: string;
    cpus: string;
    seed: number;
    /** The 1-minute load average when the run started: other work on the machine. */
    load: number;
    /** `polity --version`: the CLI's fixed cost (medians, s and MB). */
    startup?: { cpu: number; rss: number };
    checks: CheckResult[];
    /** The language server on the bench workload and on the conflict-heavy one. */
    servers?: (ServerResults & { workspace: string })[];
    diagram?: DiagramRow[] | string;
}

export interface Budget {
    what: string;
    limit: string;
    value: string;
    met: boolean;
}

const int = new Intl.NumberFormat('en-GB');
const s = (seconds: number) => `${seconds.toFixed(2)} s`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const mb = (value: number) => `${Math.round(value)} MB`;

/** The conflict-heavy workload's name: 10,000 institutions, two overlapping claims each. */
export const CONFLICTS = '10,000 with conflicts';
/** The language 0.2 workload's name: the bench workload with roles, hedges, contests, uncertain dates and people. */
export const LANGUAGE02 = '10,000 in language 0.2';

/**
 * The budgets of issue 16, judged on CPU time and on ratios measured in the
 * same run, never on wall time: the machine is shared.
 */
export function budgets(results: BenchResults): Budget[] {
    const find = (name: string) => results.checks.find(c => c.name === name);
    const list: Budget[] = [];
    const ten = find('10,000');
    const hundred = find('100,000');
    const single = find('10,000 in one file');
    for (const c of [ten, find(CONFLICTS), find(LANGUAGE02)]) {
        if (!c) continue;
        list.push({
            what: `check ${c.name}: CPU ÷ parse-only floor`,
            limit: '≤ 2.5×',
            value: `${c.ratio.toFixed(2)}×`,
            met: c.ratio <= 2.5
        });
        list.push({ what: `check ${c.name}: peak memory`, limit: '≤ 350 MB', value: mb(c.rss), met: c.rss <= 350 });
    }
    if (hundred) list.push({ what: 'check 100,000: peak memory', limit: '≤ 1.5 GB', value: mb(hundred.rss), met: hundred.rss <= 1536 });
    if (ten && hundred) {
        // Net of start-up (`polity --version`), which does not grow with the model.
        const fixed = results.startup?.cpu ?? 0;
        const exponent = Math.log((hundred.cpu - fixed) / (ten.cpu - fixed)) / Math.log(10);
        list.push({
            what: 'check 10,000 → 100,000: growth of CPU net of start-up',
            limit: 'exponent ≤ 1',
            value: `N^${exponent.toFixed(2)}`,
            met: exponent <= 1
        });
    }
    if (ten && single) {
        const ratio = single.cpu / ten.cpu;
        list.push({
            what: 'check 10,000 in one file ÷ in 101 files (CPU)',
            limit: '≤ 1.5×',
            value: `${ratio.toFixed(2)}×`,
            met: ratio <= 1.5
        });
    }
    for (const server of results.servers ?? []) list.push(...serverBudgets(server));
    const big = Array.isArray(results.diagram) ? results.diagram.find(r => r.size === 3000) : undefined;
    if (big) {
        list.push({
            what: 'diagram: a 3,000-institution view, first render (server CPU)',
            limit: '≤ 3 s',
            value: `${s(big.coldCpu / 1000)} (wall ${s(big.cold / 1000)})`,
            met: big.coldCpu <= 3000
        });
    }
    return list;
}

/**
 * The server's budgets on one workspace. Latencies are judged on the server's
 * own CPU time for the edit (until it has published everything the edit
 * changed), which the machine's load disturbs far less than wall time; the
 * wall time is shown beside it.
 */
function serverBudgets(server: ServerResults & { workspace: string }): Budget[] {
    const on = (what: string) => `server, ${server.workspace}: ${what}`;
    const share = server.editCpu.median / server.buildCpu;
    const latency = (what: string, cpu: Latency, wall: Latency, limit: number): Budget => ({
        what: on(`${what} (p95 of the server's CPU)`),
        limit: `≤ ${limit} ms`,
        value: `${ms(cpu.p95)} (wall p95 ${ms(wall.p95)})`,
        met: cpu.p95 <= limit
    });
    const { before, after, edits } = server.memory;
    return [
        latency("edit → its file's diagnostics", server.editCpu, server.bodyEdit, 150),
        {
            what: on("edit ÷ full build, the server's CPU (medians)"),
            limit: '≤ 10 %',
            value: `${(100 * share).toFixed(1)} % (${ms(server.editCpu.median)} of ${s(server.buildCpu / 1000)})`,
            met: share <= 0.1
        },
        latency('edit declaring an institution', server.declarationCpu, server.declarationEdit, 250),
        latency('renaming an institution another file names', server.renameCpu, server.renameEdit, 250),
        {
            what: on(`memory over ${edits} edits: flat (within 10 %) and ≤ 600 MB`),
            limit: '≤ 600 MB',
            value: `${mb(before)} → ${mb(after)}`,
            met: after <= 600 && after <= before * 1.1
        },
        { what: on('completion p95'), limit: '≤ 50 ms', value: ms(server.completion.p95), met: server.completion.p95 <= 50 },
        { what: on('hover p95'), limit: '≤ 50 ms', value: ms(server.hover.p95), met: server.hover.p95 <= 50 }
    ];
}

export function markdown(results: BenchResults): string {
    const lines: string[] = [
        `Measured ${results.date} with Node ${results.node} on ${results.cpus}; load average ${results.load.toFixed(1)} at the start; seed ${results.seed}. Medians of the runs shown.`,
        '',
        ...(results.startup
            ? [`\`polity --version\` (the CLI's fixed cost): ${s(results.startup.cpu)} CPU, ${mb(results.startup.rss)}.`, '']
            : []),
        '### `polity check` (a process: start-up, read, parse, link, check, print)',
        '',
        '| institutions | files | lines | runs | CPU | CPU p95 | peak RSS (max) | wall | parse-only floor (CPU, RSS) | check ÷ floor (CPU) | findings |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |'
    ];
    for (const c of results.checks) {
        lines.push(
            `| ${c.name} | ${int.format(c.stats.files)} | ${int.format(c.stats.lines)} | ${c.runs} | ${s(c.cpu)} | ${s(c.cpuP95)} | ${mb(c.rss)} (${mb(c.rssMax)}) | ${s(c.wall)} | ${s(c.parseCpu)}, ${mb(c.parseRss)} | ${c.ratio.toFixed(2)}× | ${c.findings} |`
        );
    }
    lines.push(
        '',
        '### Build phases in process (one run)',
        '',
        '| institutions | read | parse | index + scopes | link | validate + checks | total |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'
    );
    for (const c of results.checks) {
        const p = c.phases;
        lines.push(`| ${c.name} | ${ms(p.read)} | ${ms(p.parse)} | ${ms(p.index)} | ${ms(p.link)} | ${ms(p.validate)} | ${ms(p.total)} |`);
    }
    for (const server of results.servers ?? []) {
        const row = (what: string, l: Latency, cpu?: Latency) =>
            `| ${what} | ${ms(l.median)} | ${ms(l.p95)} | ${cpu ? `${ms(cpu.median)} / ${ms(cpu.p95)}` : ''} | ${l.samples} |`;
        lines.push(
            '',
            `### Language server on the ${server.workspace} workspace (stdio, like an editor)`,
            '',
            `Start-up (spawn → diagnostics for every file): ${s(server.startup / 1000)}, ${s(server.buildCpu / 1000)} of the server's CPU; ` +
                `didOpen → diagnostics: ${ms(server.open)}; RSS before and after ${server.memory.edits} edits ${mb(server.memory.before)} → ${mb(server.memory.after)}; peak RSS ${mb(server.rss)}.`,
            '',
            "| measure | median | p95 | the server's CPU per edit (median / p95) | samples |",
            '| --- | ---: | ---: | ---: | ---: |',
            row("edit inside an institution → its file's diagnostics", server.bodyEdit, server.editCpu),
            row("same edit → the other file's cross-file conflict", server.crossFile),
            row("same edit → the update's last diagnostics (all files fresh)", server.settled),
            row("edit declaring an institution → its file's diagnostics", server.declarationEdit, server.declarationCpu),
            row('renaming an institution → the referring file shows it unresolved', server.renameEdit, server.renameCpu),
            row('completion', server.completion),
            row('hover', server.hover),
            row('definition', server.definition),
            row('references', server.references)
        );
    }
    if (results.diagram) lines.push('', '### Diagrams', '', diagramTable(results.diagram));
    lines.push('', '### Budgets (issue 16)', '', '| budget | limit | measured | |', '| --- | --- | ---: | --- |');
    for (const b of budgets(results)) lines.push(`| ${b.what} | ${b.limit} | ${b.value} | ${b.met ? 'pass' : '**FAIL**'} |`);
    return `${lines.join('\n')}\n`;
}

function diagramTable(diagram: DiagramRow[] | string): string {
    if (typeof diagram === 'string') return diagram.trim();
    return [
        '| view of | drawn nodes / edges | SVG | request → SVG, first (server CPU) | request → SVG, warm (median of 5) | edit → modelChanged | edit → new SVG (+ 300 ms debounce) |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...diagram.map(
            r =>
                `| ${int.format(r.size)} institutions | ${r.nodes} / ${r.edges} | ${r.svgKB} KB | ${s(r.cold / 1000)} (${s(r.coldCpu / 1000)}) | ${s(r.warm / 1000)} | ${s(r.notified / 1000)} | ${s((r.notified + r.debounce + r.warm) / 1000)} |`
        )
    ].join('\n');
}
