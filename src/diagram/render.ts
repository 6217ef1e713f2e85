import type { Viz } from '@viz-js/viz';
import { FONT_STACK } from './fonts.js';
import { centreWideLines } from './svg-text.js';

/** `json0` is Graphviz's JSON without drawing operations (whose HTML-label text it garbles in 3.31). */
export type LayoutFormat = 'svg' | 'json0';

export type LayoutOutput = Record<LayoutFormat, string>;

export interface RenderOptions {
    /** Aborting drops the job (queued or running) and rejects it with LayoutCancelled. */
    signal?: AbortSignal;
}

/** Lays out DOT; GraphvizRenderer on the calling thread, WorkerRenderer (worker-renderer.ts) off it. */
export interface Renderer {
    render(dot: string, formats: readonly LayoutFormat[], options?: RenderOptions): Promise<LayoutOutput>;
}

/** Graphviz rejected the input or aborted; the message is Graphviz's own. */
export class LayoutError extends Error {}

/** Layout took longer than its time budget and was stopped. */
export class LayoutTimeout extends LayoutError {
    constructor(readonly seconds: number) {
        super(`layout took longer than ${seconds} s`);
    }
}

/** The caller no longer wants the layout (a newer request superseded it, or the client cancelled it). */
export class LayoutCancelled extends Error {
    constructor() {
        super('layout cancelled');
    }
}

/**
 * Graphviz compiled to WebAssembly, on the calling thread: a layout blocks it
 * until done, so the language server and the CLI use it only inside the
 * layout worker. Jobs run one at a time, in order, and after any error the
 * instance is dropped: an aborted WASM instance (as `splines=ortho` once
 * caused) is not safe to reuse.
 */
export class GraphvizRenderer implements Renderer {
    private viz: Promise<Viz> | undefined;
    private tail: Promise<unknown> = Promise.resolve();

    render(dot: string, formats: readonly LayoutFormat[]): Promise<LayoutOutput> {
        const job = this.tail.then(() => this.run(dot, formats));
        this.tail = job.catch(() => undefined);
        return job;
    }

    /** Loads Graphviz now rather than on the first job. */
    async warm(): Promise<void> {
        // Graphviz (a large WASM module) is loaded on first use: `polity check` and the language server's start need none of it.
        this.viz ??= import('@viz-js/viz').then(viz => viz.instance());
        await this.viz;
    }

    private async run(dot: string, formats: readonly LayoutFormat[]): Promise<LayoutOutput> {
        this.viz ??= import('@viz-js/viz').then(viz => viz.instance());
        try {
            const viz = await this.viz;
            const result = viz.renderFormats(dot, [...formats], { engine: 'dot' });
            if (result.status !== 'success') {
                throw new LayoutError(result.errors.map(e => e.message.trim()).join('; ') || 'Graphviz could not lay out the diagram');
            }
            const output = result.output as LayoutOutput;
            if (output.svg !== undefined) output.svg = centreWideLines(cleanSvg(output.svg));
            return output;
        } catch (error) {
            this.viz = undefined;
            throw error instanceof LayoutError
                ? error
                : new LayoutError(`Graphviz failed: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
}

/**
 * Graphviz writes its version into a comment, and names fonts only as
 * `Helvetica,sans-Serif`, which many systems replace with a wider font. The
 * version goes (same model, same bytes), and the fonts become a list of
 * faces with Helvetica's metrics, then CJK faces for Chinese names.
 */
export function cleanSvg(svg: string): string {
    return svg.replace(/<!--[\s\S]*?-->\n?/g, '').replace(/font-family="Helvetica,sans-Serif"/g, `font-family="${FONT_STACK}"`);
}
