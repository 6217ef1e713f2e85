import { describe, expect, it } from 'vitest';
import type { Latency, ServerResults } from '../../bench/lsp.js';
import { budgets, CONFLICTS, type BenchResults } from '../../bench/report.js';

const latency = (median: number, p95: number): Latency => ({ median, p95, samples: 20 });

/** A server run whose figures all meet their budgets; each test spoils one. */
function server(workspace: string, change: Partial<ServerResults> = {}): ServerResults & { workspace: string } {
    return {
        workspace,
        startup: 9_000,
        open: 40,
        bodyEdit: latency(90, 120),
        crossFile: latency(95, 125),
        settled: latency(100, 130),
        declarationEdit: latency(110, 140),
        renameEdit: latency(150, 200),
        editCpu: latency(80, 140),
        declarationCpu: latency(100, 200),
        renameCpu: latency(120, 240),
        buildCpu: 8_000,
        memory: { before: 500, after: 520, edits: 200, cpu: 20_000 },
        completion: latency(10, 20),
        hover: latency(1, 2),
        definition: latency(1, 2),
        references: latency(1, 2),
        rss: 900,
        ...change
    };
}

function results(servers: BenchResults['servers']): BenchResults {
    return { date: '2026-12-02', node: '22', cpus: '2 × test', seed: 1, load: 0, checks: [], servers };
}

const failed = (r: BenchResults) =>
    budgets(r)
        .filter(b => !b.met)
        .map(b => b.what);

describe('the bench judges the server on both workloads, on its CPU time', () => {
    it('lists every server budget for each workload, all met by figures within them', () => {
        const list = budgets(results([server('10,000'), server(CONFLICTS)]));
        expect(list.filter(b => b.what.startsWith('server, 10,000:'))).toHaveLength(7);
        expect(list.filter(b => b.what.startsWith(`server, ${CONFLICTS}:`))).toHaveLength(7);
        expect(list.every(b => b.met)).toBe(true);
    });

    it('fails the edit latency on the CPU p95, whatever the wall time says', () => {
        const slow = server(CONFLICTS, { editCpu: latency(80, 151), bodyEdit: latency(50, 60) });
        expect(failed(results([server('10,000'), slow]))).toEqual([
            `server, ${CONFLICTS}: edit → its file's diagnostics (p95 of the server's CPU)`
        ]);
        const loaded = server('10,000', { bodyEdit: latency(900, 2_000) });
        expect(failed(results([loaded]))).toEqual([]);
    });

    it('fails an edit that costs more than a tenth of a full build', () => {
        expect(failed(results([server('10,000', { editCpu: latency(801, 140), buildCpu: 8_000 })]))).toEqual([
            "server, 10,000: edit ÷ full build, the server's CPU (medians)"
        ]);
    });

    it('fails memory that grows over the edits, or ends above 600 MB', () => {
        expect(failed(results([server('10,000', { memory: { before: 300, after: 400, edits: 200, cpu: 20_000 } })]))).toHaveLength(1);
        expect(failed(results([server('10,000', { memory: { before: 610, after: 610, edits: 200, cpu: 20_000 } })]))).toHaveLength(1);
    });

    it('judges declaring and renaming on 250 ms', () => {
        const list = failed(results([server('10,000', { declarationCpu: latency(100, 251), renameCpu: latency(100, 251) })]));
        expect(list).toEqual([
            "server, 10,000: edit declaring an institution (p95 of the server's CPU)",
            "server, 10,000: renaming an institution another file names (p95 of the server's CPU)"
        ]);
    });

    it('judges the 3,000-institution view on the CPU of its first render', () => {
        const row = { size: 3000, nodes: 3000, edges: 4582, svgKB: 6000, cold: 9_000, warm: 2_000, notified: 100, debounce: 300 };
        expect(failed({ ...results([]), diagram: [{ ...row, coldCpu: 2_900 }] })).toEqual([]);
        expect(failed({ ...results([]), diagram: [{ ...row, coldCpu: 3_100 }] })).toEqual([
            'diagram: a 3,000-institution view, first render (server CPU)'
        ]);
    });
});
