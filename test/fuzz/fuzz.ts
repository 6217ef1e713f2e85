import type { LangiumDocument } from 'langium';
import { CompletionRequest, HoverRequest, type Position } from 'vscode-languageserver-protocol';
import { cpuMs } from './budget.js';
import { LspSession } from '../support/lsp-client.js';
import { fuzzCases, type FuzzCase } from './mutate.js';
import { describe, InProcessStages } from './stages.js';

export interface FuzzOptions {
    seed: number;
    cases: number;
    /** Also feed every case to a running language server (slower). */
    server?: boolean;
    /**
     * Per case and stage, in ms of CPU time for the stages in this process;
     * the language server's answers are awaited as long on the clock, times
     * how much slower than their CPU time those stages ran (see {@link Clock}).
     */
    bound?: number;
    /** Only this case (to reproduce a failure). */
    only?: number;
    onCase?: (fuzzCase: FuzzCase, problems: string[]) => void;
}

export interface FuzzFailure {
    index: number;
    origin: string;
    problems: string[];
    text: string;
}

export interface FuzzReport {
    cases: number;
    failures: FuzzFailure[];
    seconds: number;
}

/**
 * Runs the fuzz cases through every stage: parse + link + validate, the
 * formatter and the diagram in process, then the language server over stdio
 * (open or change the file, then hover and completion must be answered and
 * the server must stay up). Nothing may throw and each stage has a time bound.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
    const start = performance.now();
    const bound = options.bound ?? 15_000;
    const stages = new InProcessStages();
    const clock = new Clock();
    const session = options.server === false ? undefined : LspSession.start();
    const failures: FuzzFailure[] = [];
    let count = 0;
    try {
        if (session) await session.initialize();
        const uri = 'file:///fuzz/open-in-editor.polity';
        let opened = false;
        for (const fuzzCase of fuzzCases(options.seed, options.only === undefined ? options.cases : options.only + 1)) {
            if (options.only !== undefined && fuzzCase.index !== options.only) continue;
            count++;
            const problems = await consoleErrors(async () => {
                let document: LangiumDocument | undefined;
                const found = await clock.cpuBounded('parse, link and validate', bound, async () => {
                    const checked = await stages.check(fuzzCase, bound);
                    document = checked.document;
                    return checked.problems;
                });
                if (document) {
                    const checked = document;
                    found.push(...(await clock.cpuBounded('format', bound, async () => stages.format(checked))));
                    found.push(...(await clock.cpuBounded('diagram', bound, () => stages.diagram(fuzzCase.index % 10 === 0))));
                    await stages.forget(checked);
                }
                return found;
            });
            if (session) {
                const wait = clock.scaled(bound);
                problems.push(
                    ...(await clock.wallBounded('language server', wait, async () => {
                        if (opened) await session.change(uri, fuzzCase.text);
                        else await session.open(uri, fuzzCase.text);
                        opened = true;
                        return serverProblems(session, uri, fuzzCase.text, wait);
                    }))
                );
            }
            options.onCase?.(fuzzCase, problems);
            if (problems.length > 0) failures.push({ index: fuzzCase.index, origin: fuzzCase.origin, problems, text: fuzzCase.text });
            if (session && !session.alive) break;
        }
    } finally {
        await session?.stop();
    }
    return { cases: count, failures, seconds: (performance.now() - start) / 1000 };
}

/** Diagnostics arrive, hover and completion are answered without error, nothing is logged as an error. */
async function serverProblems(session: LspSession, uri: string, text: string, bound: number): Promise<string[]> {
    const problems: string[] = [];
    const logged = session.errors.length;
    try {
        await session.nextDiagnostics(uri, bound);
        const textDocument = { uri };
        for (const position of [positionAt(text, Math.floor(text.length / 2)), positionAt(text, text.length)]) {
            await session.request(HoverRequest.method, { textDocument, position }, bound);
            await session.request(CompletionRequest.method, { textDocument, position }, bound);
        }
    } catch (error) {
        problems.push(`the server: ${describe(error)}`);
    }
    if (!session.alive) problems.push(`the server died: ${session.stderr.slice(-1000)}`);
    problems.push(...session.errors.slice(logged).map(e => `the server logged: ${e.slice(0, 500)}`));
    return problems;
}

/** The LSP position (UTF-16 line and character) of an offset. */
function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset);
    const line = before.split(/\r\n|\r|\n/).length - 1;
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    return { line, character: offset - lineStart };
}

/** Langium logs exceptions it catches with console.error: each one is a problem of the case. */
async function consoleErrors(run: () => Promise<string[]>): Promise<string[]> {
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => {
        logged.push(
            args
                .map(a => (a instanceof Error ? describe(a) : String(a)))
                .join(' ')
                .slice(0, 500)
        );
    };
    try {
        const problems = await run();
        return [...problems, ...logged.map(l => `logged an error: ${l}`)];
    } finally {
        console.error = original;
    }
}

/**
 * Time bounds for the stages. A stage in this process is bounded in CPU
 * time, which a loaded machine does not stretch (a 1 MB line took 15.1 s on
 * the clock on a busy 2-core machine, against a 15 s bound). The language
 * server runs in another process, so waits for it are on the clock, scaled by
 * how much longer than their CPU time the stages here have taken so far.
 */
class Clock {
    private wall = 0;
    private cpu = 0;

    /** `ms`, times the slowdown measured so far (at least 1). */
    scaled(ms: number): number {
        return ms * (this.cpu > 0 ? Math.max(1, this.wall / this.cpu) : 1);
    }

    /** Runs a stage in this process; a problem if it throws or uses more than `bound` ms of CPU time. */
    async cpuBounded(stage: string, bound: number, run: () => Promise<string[]>): Promise<string[]> {
        const wall = performance.now();
        const cpu = cpuMs();
        const problems = await attempt(stage, run);
        const used = cpuMs() - cpu;
        this.wall += performance.now() - wall;
        this.cpu += used;
        if (used > bound) problems.push(`${stage} took ${Math.round(used)} ms of CPU time (bound ${bound} ms)`);
        return problems;
    }

    /** Runs a stage that waits for another process; a problem if it throws or takes longer than `bound` ms on the clock. */
    async wallBounded(stage: string, bound: number, run: () => Promise<string[]>): Promise<string[]> {
        const start = performance.now();
        const problems = await attempt(stage, run);
        const ms = performance.now() - start;
        if (ms > bound) problems.push(`${stage} took ${Math.round(ms)} ms (bound ${Math.round(bound)} ms at the slowdown measured so far)`);
        return problems;
    }
}

async function attempt(stage: string, run: () => Promise<string[]>): Promise<string[]> {
    try {
        return await run();
    } catch (error) {
        return [`${stage} threw: ${describe(error)}`];
    }
}
