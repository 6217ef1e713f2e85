import type { WorkspaceStats } from './generate.js';
import type { Latency, ServerResults } from './lsp.js';
import type { Phases } from './probe.js';

export interface CheckResult {
    name: string;
    stats: WorkspaceStats;
    runs: number;
    /** Medians over the runs: seconds and MB. */
    wall: number;
    cpu: number;
    rss: number;
    parseWall: number;
    parseRss: number;
    /** One in-process run's build phases, in ms. */
    phases: Phases;
    findings: string;
}

export interface BenchResults {
    date: string;
    node: string;
    cpus: string;
    seed: number;
    checks: CheckResult[];
    server?: ServerResults & { workspace: string };
    diagram?: string;
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

/** The budgets of issue 6, judged against the measurements that exist. */
export function budgets(results: BenchResults): Budget[] {
    const find = (name: string) => results.checks.find(c => c.name === name);
    const list: Budget[] = [];
    const ten = find('10,000');
    const hundred = find('100,000');
    const single = find('10,000 in one file');
    if (ten) {
        list.push({ what: 'check 10,000: wall', limit: '< 3 s', value: s(ten.wall), met: ten.wall < 3 });
        list.push({ what: 'check 10,000: peak memory', limit: '< 400 MB', value: mb(ten.rss), met: ten.rss < 400 });
    }
    if (hundred) list.push({ what: 'check 100,000: wall', limit: '< 30 s', value: s(hundred.wall), met: hundred.wall < 30 });
    if (ten && hundred) {
        const exponent = Math.log(hundred.wall / ten.wall) / Math.log(10);
        list.push({ what: 'check 10,000 → 100,000: growth', limit: 'no worse than linear (exponent ≤ 1)', value: `N^${exponent.toFixed(2)}`, met: exponent <= 1 });
    }
    if (ten && single) {
        const ratio = single.wall / ten.wall;
        list.push({ what: 'check 10,000 in one file vs 101 files', limit: 'near-linear (≤ 1.5×)', value: `${ratio.toFixed(2)}×`, met: ratio <= 1.5 });
    }
    const server = results.server;
    if (server?.workspace === '10,000') {
        list.push({ what: 'server: re-check after a one-file edit (p95)', limit: '< 150 ms', value: ms(server.bodyEdit.p95), met: server.bodyEdit.p95 < 150 });
        list.push({ what: 'server: re-check after an edit that declares a name (p95)', limit: '< 150 ms', value: ms(server.declarationEdit.p95), met: server.declarationEdit.p95 < 150 });
        list.push({ what: 'server: completion p95', limit: '< 50 ms', value: ms(server.completion.p95), met: server.completion.p95 < 50 });
        list.push({ what: 'server: hover p95', limit: '< 50 ms', value: ms(server.hover.p95), met: server.hover.p95 < 50 });
    }
    return list;
}

export function markdown(results: BenchResults): string {
    const lines: string[] = [
        `Measured ${results.date} with Node ${results.node} on ${results.cpus}; seed ${results.seed}. Medians of the runs shown.`,
        '',
        '### `polity check` (a process: start-up, read, parse, link, check, print)',
        '',
        '| institutions | files | lines | runs | wall | CPU | peak RSS | parse-only floor | check ÷ floor | findings |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |'
    ];
    for (const c of results.checks) {
        lines.push(`| ${c.name} | ${int.format(c.stats.files)} | ${int.format(c.stats.lines)} | ${c.runs} | ${s(c.wall)} | ${s(c.cpu)} | ${mb(c.rss)} | ${s(c.parseWall)}, ${mb(c.parseRss)} | ${(c.wall / c.parseWall).toFixed(1)}× | ${c.findings} |`);
    }
    lines.push('', '### Build phases in process (one run)', '', '| institutions | read | parse | index + scopes | link | validate + checks | total |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const c of results.checks) {
        const p = c.phases;
        lines.push(`| ${c.name} | ${ms(p.read)} | ${ms(p.parse)} | ${ms(p.index)} | ${ms(p.link)} | ${ms(p.validate)} | ${ms(p.total)} |`);
    }
    const server = results.server;
    if (server) {
        const row = (what: string, l: Latency) => `| ${what} | ${ms(l.median)} | ${ms(l.p95)} | ${l.samples} |`;
        lines.push('', `### Language server on the ${server.workspace} workspace (stdio, like an editor)`, '',
            `Start-up (spawn → diagnostics for every file): ${s(server.startup / 1000)}; didOpen → diagnostics: ${ms(server.open)}; peak RSS ${mb(server.rss)}.`, '',
            '| measure | median | p95 | samples |', '| --- | ---: | ---: | ---: |',
            row('edit inside an institution → its file\'s diagnostics', server.bodyEdit),
            row('same edit → the other file\'s cross-file conflict', server.crossFile),
            row('same edit → the update\'s last diagnostics (all files fresh)', server.settled),
            row('edit declaring an institution → its file\'s diagnostics', server.declarationEdit),
            row('completion', server.completion),
            row('hover', server.hover),
            row('definition', server.definition),
            row('references', server.references));
    }
    if (results.diagram) lines.push('', '### Diagrams', '', results.diagram.trim());
    lines.push('', '### Budgets (issue 6)', '', '| budget | limit | measured | |', '| --- | --- | ---: | --- |');
    for (const b of budgets(results)) lines.push(`| ${b.what} | ${b.limit} | ${b.value} | ${b.met ? 'met' : '**missed**'} |`);
    return `${lines.join('\n')}\n`;
}
