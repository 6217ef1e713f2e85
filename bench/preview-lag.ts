/**
 * What the preview's answer costs after an edit, on a copy of the flagship:
 * the language server's CPU time (its process, the layout thread included)
 * and wall time per `polity/diagram` request, and the answer's size by part.
 * Edits are interleaved (each round does each once, then undoes it), so the
 * load of a shared machine falls on every scenario alike.
 *
 *   node scripts/run-ts.mjs bench/preview-lag.ts -- [--rounds 5] [--charts always|never]
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DiagramParams, DiagramResult } from '../src/diagram/protocol.js';
import { DiagramRequest } from '../src/language/protocol.js';
import { fileDocument, startBundledServer, tempCopy } from '../test/support/lsp-client.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const rounds = Number(option('rounds', '5'));
const charts = option('charts', 'always') === 'always';

/** User + system CPU of a process, in ms, from /proc (Linux). */
function cpuOf(pid: number): number {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Each round's edits differ from the last round's, so no layout is remembered from before. */
const EDITS: Record<string, (round: number) => { from: string; to: string }> = {
    // A quick fix undoing a typo gives back the picture of before.
    'same picture': round => ({ from: '// ', to: `//${round} ` }),
    // A title's text changes, its length does not.
    'title text': round => ({ from: 'MPS "Ministry of Public Security"', to: `MPS "Ministry of Public Securit${'xyzw'[round % 4]}"` }),
    // A new institution: the picture's shape changes.
    'new institution': round => ({ from: 'institution MPS ', to: `institution Added${round} { }\ninstitution MPS ` })
};

async function main(): Promise<void> {
    const folder = tempCopy('examples/china-cyber');
    const session = startBundledServer();
    const pid = session.process.pid!;
    try {
        await session.initialize(folder.dir);
        const state = fileDocument(path.join(folder.dir, 'state.polity'));
        await session.open(state.uri, state.text);
        await session.nextDiagnostics(state.uri);
        let shown: string | undefined;
        const ask = async () => {
            const params: DiagramParams = { uri: state.uri, preview: 'bench', charts, shown };
            const cpu = cpuOf(pid);
            const start = performance.now();
            const result = await session.request<DiagramResult>(DiagramRequest.method, params, 120_000);
            const took = { cpu: cpuOf(pid) - cpu, wall: performance.now() - start };
            if ('digest' in result) shown = result.digest;
            return { result, ...took };
        };
        const first = await ask();
        console.log('answer size by part (characters of JSON):');
        for (const [part, value] of Object.entries(first.result)) console.log(`  ${part}: ${JSON.stringify(value).length}`);
        if ('charts' in first.result && first.result.charts)
            for (const [part, value] of Object.entries(first.result.charts))
                console.log(`    charts.${part}: ${JSON.stringify(value).length}`);
        const samples = new Map<string, { build: number; cpu: number; wall: number; size: number }[]>();
        for (let round = 0; round < rounds; round++) {
            for (const [name, edit] of Object.entries(EDITS)) {
                const { from, to } = edit(round);
                for (const text of [state.text.replace(from, to), state.text]) {
                    const before = cpuOf(pid);
                    await session.change(state.uri, text);
                    await session.nextDiagnostics(state.uri);
                    await session.settle(200);
                    // The update's CPU: parsing, linking and checking the edit, before the preview asks.
                    const build = cpuOf(pid) - before;
                    const { result, cpu, wall } = await ask();
                    if (text === state.text) continue;
                    const list = samples.get(name) ?? [];
                    list.push({ build, cpu, wall, size: JSON.stringify(result).length });
                    samples.set(name, list);
                }
            }
        }
        const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
        console.log(`\nper edit, ${rounds} rounds, charts ${charts ? 'always' : 'never'} (median; server CPU includes the layout thread):`);
        for (const [name, list] of samples)
            console.log(
                `  ${name.padEnd(16)} update CPU ${median(list.map(s => s.build)).toFixed(0)} ms, then the request: server CPU ${median(list.map(s => s.cpu)).toFixed(0)} ms, wall ${median(list.map(s => s.wall)).toFixed(0)} ms, answer ${median(list.map(s => s.size))} chars`
            );
    } finally {
        await session.stop();
        folder.remove();
    }
}

void main();
