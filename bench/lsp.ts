import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
    CompletionRequest,
    DefinitionRequest,
    HoverRequest,
    ReferencesRequest,
    type Diagnostic,
    type Position
} from 'vscode-languageserver-protocol';
import { LspSession, SERVER_PATH } from '../test/support/lsp-client.js';
import { generateWorkspace } from './generate.js';
import { median, percentile, processCpuMs, processRssMb, usageProbe } from './measure.js';

/**
 * How long the server must publish nothing to count as done with an edit: the
 * next edit would otherwise cancel a rebuild still running (Langium links the
 * files that reference the edited one without publishing anything meanwhile).
 */
const QUIET = 1_000;

export interface Latency {
    median: number;
    p95: number;
    samples: number;
}

export interface ServerResults {
    /** Spawn to diagnostics published for every file, in ms. */
    startup: number;
    /** didOpen to the opened file's diagnostics. */
    open: number;
    /** An edit inside an institution (exported names unchanged) until the file's new diagnostics. */
    bodyEdit: Latency;
    /** The same edit until another file's diagnostics show the new cross-file conflict. */
    crossFile: Latency;
    /** The same edit until the last diagnostics the update publishes (every file it changed is fresh). */
    settled: Latency;
    /** An edit that declares a new institution (exported names change) until the file's new diagnostics. */
    declarationEdit: Latency;
    /** Renaming an institution another file refers to, until that file shows the name unresolved (and back). */
    renameEdit: Latency;
    /** The server's CPU time (ms) for a body edit, from the change until it publishes nothing for a while. */
    editCpu: Latency;
    /** The same for the edits that declare an institution (and take it out again). */
    declarationCpu: Latency;
    /** The same for the edits that rename an institution (and back). */
    renameCpu: Latency;
    /** The server's CPU time (ms) from spawn to every file's diagnostics: a full build. */
    buildCpu: number;
    /** The server's RSS (MB) before and after `edits` body edits in a row, each awaited, and its CPU time (ms) for them. */
    memory: { before: number; after: number; edits: number; cpu: number };
    completion: Latency;
    hover: Latency;
    definition: Latency;
    references: Latency;
    /** Peak RSS of the server over the whole session, in MB. */
    rss: number;
}

/**
 * Drives the bundled language server over stdio like an editor on a generated
 * workspace: start-up until every file has diagnostics, edits until their
 * diagnostics arrive, and the latency of the everyday requests.
 */
export async function benchServer(folder: string, files: string[], samples: number, server = SERVER_PATH): Promise<ServerResults> {
    const usage = usageProbe();
    const start = performance.now();
    const session = LspSession.start({ nodeArgs: usage.nodeArgs, env: usage.env, args: [server, '--stdio'] });
    try {
        const pending = new Set(files.map(file => path.resolve(file)));
        const everyFile = session.waitFor(
            params => {
                if (params.uri.startsWith('file:')) pending.delete(fileURLToPath(params.uri));
                return pending.size === 0 ? true : undefined;
            },
            300_000,
            'the server did not publish diagnostics for every file'
        );
        await session.initialize(folder);
        await everyFile;
        const startup = performance.now() - start;
        const buildCpu = processCpuMs(session.process.pid);
        await session.settle(QUIET);

        const edited = files.find(f => path.basename(f) === 'part-0001.polity') ?? files.at(-1);
        const other = files.find(f => path.basename(f) === 'part-0000.polity') ?? files[0];
        if (!edited || !other) throw new Error('the generated workspace has no files');
        const uri = pathToFileURL(edited).toString();
        const otherUri = pathToFileURL(other).toString();
        const original = readFileSync(edited, 'utf8');
        const { mandate, institution } = editTargets(original, readFileSync(other, 'utf8'));

        let t = performance.now();
        const opened = session.nextDiagnostics(uri);
        await session.open(uri, original);
        await opened;
        const open = performance.now() - t;
        await session.settle(QUIET);

        // A new `leads` line in the first institution: a conflict with a leader in another file.
        const bodyEdited = original.replace(/^(institution \S+ "[^"]*" \{\n)/m, `$1  leads ${mandate}\n`);
        const mentions = (d: Diagnostic[], name: string) => d.map(messageOf).some(m => m.includes(name) && m.includes(mandate));
        const bodyEdit: number[] = [];
        const crossFile: number[] = [];
        const settled: number[] = [];
        const editCpu: number[] = [];
        for (let i = 0; i < samples; i++) {
            for (const [text, present] of [
                [bodyEdited, true],
                [original, false]
            ] as const) {
                t = performance.now();
                const cpu = processCpuMs(session.process.pid);
                const own = session.nextDiagnostics(uri, 30_000, d => mentions(d, institution) === present);
                const far = session.nextDiagnostics(otherUri, 30_000, d => mentions(d, institution) === present);
                await session.change(uri, text);
                await own;
                if (present) bodyEdit.push(performance.now() - t);
                await far;
                if (present) crossFile.push(performance.now() - t);
                const last = await session.settle(QUIET);
                if (present && last !== undefined) settled.push(last - t);
                editCpu.push(processCpuMs(session.process.pid) - cpu);
            }
        }

        // A new institution at the end of the file: its exported names change.
        const declared = `${original}\ninstitution BenchNew "Added by the benchmark" {\n  leads ${mandate}\n}\n`;
        const declarationEdit: number[] = [];
        const declarationCpu: number[] = [];
        for (let i = 0; i < samples; i++) {
            for (const [text, present] of [
                [declared, true],
                [original, false]
            ] as const) {
                t = performance.now();
                const cpu = processCpuMs(session.process.pid);
                const own = session.nextDiagnostics(uri, 30_000, d => mentions(d, 'BenchNew') === present);
                await session.change(uri, text);
                await own;
                if (present) declarationEdit.push(performance.now() - t);
                await session.settle(QUIET);
                declarationCpu.push(processCpuMs(session.process.pid) - cpu);
            }
        }

        // An institution of the edited file that another file refers to, renamed: that file links again and shows it unresolved.
        const target = renameTarget(
            original,
            files.filter(f => f !== edited)
        );
        const renameEdit: number[] = [];
        const renameCpu: number[] = [];
        if (target) {
            const renamed = original.replace(new RegExp(`^institution ${target.name} `, 'm'), `institution ${target.name}Renamed `);
            const referrer = pathToFileURL(target.file).toString();
            const unresolved = (d: Diagnostic[]) => d.some(x => x.code === 'unresolved' && messageOf(x).includes(`'${target.name}'`));
            for (let i = 0; i < samples; i++) {
                for (const [text, present] of [
                    [renamed, true],
                    [original, false]
                ] as const) {
                    t = performance.now();
                    const cpu = processCpuMs(session.process.pid);
                    const far = session.nextDiagnostics(referrer, 120_000, d => unresolved(d) === present);
                    await session.change(uri, text);
                    await far;
                    renameEdit.push(performance.now() - t);
                    await session.settle(QUIET);
                    renameCpu.push(processCpuMs(session.process.pid) - cpu);
                }
            }
        }

        // Memory over many edits in a row, as a user typing: each waits for its file's diagnostics only.
        const edits = 200;
        const before = processRssMb(session.process.pid);
        const editsCpu = processCpuMs(session.process.pid);
        for (let i = 0; i < edits; i++) {
            const present = i % 2 === 0;
            const own = session.nextDiagnostics(uri, 120_000, d => mentions(d, institution) === present);
            await session.change(uri, present ? bodyEdited : original);
            await own;
        }
        await session.settle(QUIET);
        const memory = { before, after: processRssMb(session.process.pid), edits, cpu: processCpuMs(session.process.pid) - editsCpu };

        const at = (pattern: RegExp, group = 1): Position => positionOf(original, pattern, group);
        const textDocument = { uri };
        const reference = at(/^\s+oversees (\S+)/m);
        const requests = {
            completion: () => session.request(CompletionRequest.method, { textDocument, position: at(/^\s+leads ()/m) }),
            hover: () => session.request(HoverRequest.method, { textDocument, position: reference }),
            definition: () => session.request(DefinitionRequest.method, { textDocument, position: reference }),
            references: () =>
                session.request(ReferencesRequest.method, {
                    textDocument,
                    position: at(/^institution (\S+)/m),
                    context: { includeDeclaration: true }
                })
        };
        const latencies: Record<keyof typeof requests, number[]> = { completion: [], hover: [], definition: [], references: [] };
        for (let i = 0; i < samples * 3; i++) {
            for (const [name, send] of Object.entries(requests) as [keyof typeof requests, () => Promise<unknown>][]) {
                t = performance.now();
                const answer = await send();
                latencies[name].push(performance.now() - t);
                if (answer === null || answer === undefined) throw new Error(`the server gave no ${name} at the probed position`);
            }
        }
        await session.stop();
        return {
            startup,
            open,
            bodyEdit: summary(bodyEdit),
            crossFile: summary(crossFile),
            settled: summary(settled),
            declarationEdit: summary(declarationEdit),
            renameEdit: summary(renameEdit),
            editCpu: summary(editCpu),
            declarationCpu: summary(declarationCpu),
            renameCpu: summary(renameCpu),
            buildCpu,
            memory,
            completion: summary(latencies.completion),
            hover: summary(latencies.hover),
            definition: summary(latencies.definition),
            references: summary(latencies.references),
            rss: usage.read().rss
        };
    } finally {
        if (session.alive) session.process.kill('SIGKILL');
        usage.dispose();
    }
}

function summary(values: number[]): Latency {
    return { median: median(values), p95: percentile(values, 95), samples: values.length };
}

function messageOf(d: Diagnostic): string {
    return typeof d.message === 'string' ? d.message : d.message.value;
}

/** A top-level institution of the edited text that one of the other files names. */
function renameTarget(edited: string, others: string[]): { name: string; file: string } | undefined {
    const names = [...edited.matchAll(/^institution (\S+) /gm)].map(m => m[1]!);
    for (const file of others) {
        const text = readFileSync(file, 'utf8');
        const name = names.find(n => new RegExp(`^\\s+[a-z-]+ ${n}(\\s|$)`, 'm').test(text));
        if (name) return { name, file };
    }
    return undefined;
}

/** A mandate led in the other file, and the institution the edit adds a claim to. */
function editTargets(edited: string, other: string): { mandate: string; institution: string } {
    const mandate = /^\s+leads (\S+)/m.exec(other)?.[1];
    const institution = /^institution (\S+)/m.exec(edited)?.[1];
    if (!mandate || !institution) throw new Error('the generated files do not have the expected shape');
    return { mandate, institution };
}

/** The position of a regular expression group's start in the text. */
function positionOf(text: string, pattern: RegExp, group: number): Position {
    const match = new RegExp(pattern.source, `${pattern.flags}d`).exec(text);
    if (!match) throw new Error(`no ${pattern} in the edited file`);
    const offset = match.indices![group]![0];
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - before.lastIndexOf('\n') - 1 };
}

/**
 * Standalone: `node scripts/run-ts.mjs bench/lsp.ts -- [--conflicts] [--samples N] [--server dist/server.cjs]`
 * measures one server (another checkout's bundle with --server) on the
 * 10,000-institution bench workload, or the conflict-heavy one, and prints the results as JSON.
 */
if (process.argv[1]?.endsWith(`${path.sep}lsp.mjs`)) {
    const { values } = parseArgs({
        options: { conflicts: { type: 'boolean', default: false }, samples: { type: 'string', default: '10' }, server: { type: 'string' } }
    });
    const folder = mkdtempSync(path.join(os.tmpdir(), 'polity-bench-lsp-'));
    try {
        const generated = generateWorkspace({ institutions: 10_000, seed: 1, conflicts: values.conflicts });
        const files = generated.files.map(f => path.join(folder, f.name));
        generated.files.forEach((f, i) => writeFileSync(files[i]!, f.text));
        const results = await benchServer(folder, files, Number(values.samples), values.server ? path.resolve(values.server) : SERVER_PATH);
        process.stdout.write(
            `${JSON.stringify({ workload: values.conflicts ? 'conflicts' : 'bench', load: os.loadavg()[0], ...results }, null, 2)}\n`
        );
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}
