import { Worker } from 'node:worker_threads';
import {
    LayoutCancelled,
    LayoutError,
    LayoutTimeout,
    type LayoutFormat,
    type LayoutOutput,
    type Renderer,
    type RenderOptions
} from './render.js';

export interface LayoutRequest {
    id: number;
    dot: string;
    formats: LayoutFormat[];
}

export type LayoutReply =
    { type: 'ready' } | { type: 'done'; id: number; output: LayoutOutput } | { type: 'failed'; id: number; message: string };

/** The worker bundle, next to the bundle (dist/cli.js, dist/server.cjs) that this module is part of. */
export const LAYOUT_WORKER = new URL('./layout-worker.cjs', import.meta.url);

/**
 * How long one layout may take, in seconds. At 3,000 institutions a view
 * takes about 2 s; one that needs more than this is too big to read anyway.
 */
export const DEFAULT_BUDGET_SECONDS = 30;

/** POLITY_LAYOUT_BUDGET (seconds) overrides the default budget. */
export function layoutBudget(env: NodeJS.ProcessEnv = process.env): number {
    const seconds = Number(env.POLITY_LAYOUT_BUDGET);
    return Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_BUDGET_SECONDS;
}

interface Job {
    id: number;
    dot: string;
    formats: LayoutFormat[];
    resolve: (output: LayoutOutput) => void;
    reject: (error: Error) => void;
    /** Stops listening to the job's abort signal. */
    release: () => void;
    timer?: NodeJS.Timeout;
}

/** A worker thread and whether Graphviz has loaded in it. */
interface Thread {
    worker: Worker;
    ready: boolean;
}

/**
 * Graphviz in a worker thread (layout-worker.ts), one job at a time, in
 * order. A job that is aborted or runs over its time budget is stopped by
 * terminating the thread; the next job starts a fresh one. While no job runs,
 * the thread does not keep the process alive.
 */
export class WorkerRenderer implements Renderer {
    private thread: Thread | undefined;
    private readonly queue: Job[] = [];
    private running: Job | undefined;
    private nextId = 1;
    private readonly script: URL | string;
    private readonly budgetSeconds: number;

    constructor(options: { script?: URL | string; budgetSeconds?: number } = {}) {
        this.script = options.script ?? LAYOUT_WORKER;
        this.budgetSeconds = options.budgetSeconds ?? layoutBudget();
    }

    render(dot: string, formats: readonly LayoutFormat[], options: RenderOptions = {}): Promise<LayoutOutput> {
        const { signal } = options;
        if (signal?.aborted) return Promise.reject(new LayoutCancelled());
        return new Promise<LayoutOutput>((resolve, reject) => {
            const abort = () => this.cancel(job);
            const job: Job = {
                id: this.nextId++,
                dot,
                formats: [...formats],
                resolve,
                reject,
                release: () => signal?.removeEventListener('abort', abort)
            };
            signal?.addEventListener('abort', abort, { once: true });
            this.queue.push(job);
            this.next();
        });
    }

    /** Stops the thread and cancels every job. */
    async close(): Promise<void> {
        for (const job of this.queue.splice(0)) this.settle(job, new LayoutCancelled());
        if (this.running) this.settle(this.running, new LayoutCancelled());
        this.running = undefined;
        await this.stopThread();
    }

    private next(): void {
        if (this.running || this.queue.length === 0) return;
        const job = this.queue.shift()!;
        let thread: Thread;
        try {
            thread = this.thread ?? this.startThread();
        } catch (error) {
            this.settle(job, new LayoutError(`cannot start Graphviz: ${error instanceof Error ? error.message : String(error)}`));
            return this.next();
        }
        this.running = job;
        thread.worker.ref();
        if (thread.ready) this.send(thread, job);
    }

    private startThread(): Thread {
        const worker = new Worker(this.script);
        const thread: Thread = { worker, ready: false };
        this.thread = thread;
        worker.on('message', (reply: LayoutReply) => {
            if (this.thread !== thread) return;
            if (reply.type === 'ready') {
                thread.ready = true;
                if (this.running) this.send(thread, this.running);
                return;
            }
            const job = this.running;
            if (!job || job.id !== reply.id) return;
            this.running = undefined;
            if (reply.type === 'done') this.settle(job, undefined, reply.output);
            else this.settle(job, new LayoutError(reply.message));
            if (this.queue.length === 0) worker.unref();
            this.next();
        });
        const lost = (reason: string) => {
            if (this.thread !== thread) return;
            this.thread = undefined;
            const job = this.running;
            this.running = undefined;
            if (job) this.settle(job, new LayoutError(`Graphviz stopped: ${reason}`));
            this.next();
        };
        worker.on('error', error => lost(error.message));
        worker.on('exit', code => lost(`the layout thread exited (code ${code})`));
        return thread;
    }

    private send(thread: Thread, job: Job): void {
        job.timer = setTimeout(() => this.stop(job, new LayoutTimeout(this.budgetSeconds)), this.budgetSeconds * 1000);
        thread.worker.postMessage({ id: job.id, dot: job.dot, formats: job.formats } satisfies LayoutRequest);
    }

    private cancel(job: Job): void {
        const queued = this.queue.indexOf(job);
        if (queued >= 0) {
            this.queue.splice(queued, 1);
            this.settle(job, new LayoutCancelled());
        } else if (this.running === job) {
            this.stop(job, new LayoutCancelled());
        }
    }

    /** Ends the running job by ending its thread: a WebAssembly call cannot be interrupted otherwise. */
    private stop(job: Job, error: Error): void {
        if (this.running !== job) return;
        this.running = undefined;
        this.settle(job, error);
        void this.stopThread();
        if (this.queue.length > 0) return this.next();
        // The request that superseded this one is still building its graph: a fresh thread loads Graphviz meanwhile.
        try {
            this.startThread().worker.unref();
        } catch {
            // The next job reports why the thread cannot start.
        }
    }

    private async stopThread(): Promise<void> {
        const thread = this.thread;
        this.thread = undefined;
        await thread?.worker.terminate();
    }

    private settle(job: Job, error: Error | undefined, output?: LayoutOutput): void {
        clearTimeout(job.timer);
        job.release();
        if (error) job.reject(error);
        else job.resolve(output!);
    }
}
