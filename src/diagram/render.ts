import { instance, type Viz } from '@viz-js/viz';

/** `json0` is Graphviz's JSON without drawing operations (whose HTML-label text it garbles in 3.31). */
export type LayoutFormat = 'svg' | 'json0';

/** Graphviz rejected the input or aborted; the message is Graphviz's own. */
export class LayoutError extends Error {}

/**
 * Graphviz compiled to WebAssembly. Jobs run one at a time, in order, and
 * after any error the instance is dropped: an aborted WASM instance (as
 * `splines=ortho` once caused) is not safe to reuse.
 */
export class GraphvizRenderer {
    private viz: Promise<Viz> | undefined;
    private tail: Promise<unknown> = Promise.resolve();

    render(dot: string, formats: readonly LayoutFormat[]): Promise<Record<LayoutFormat, string>> {
        const job = this.tail.then(() => this.run(dot, formats));
        this.tail = job.catch(() => undefined);
        return job;
    }

    private async run(dot: string, formats: readonly LayoutFormat[]): Promise<Record<LayoutFormat, string>> {
        this.viz ??= instance();
        try {
            const viz = await this.viz;
            const result = viz.renderFormats(dot, [...formats], { engine: 'dot' });
            if (result.status !== 'success') {
                throw new LayoutError(result.errors.map(e => e.message.trim()).join('; ') || 'Graphviz could not lay out the diagram');
            }
            const output = result.output as Record<LayoutFormat, string>;
            if (output.svg !== undefined) output.svg = cleanSvg(output.svg);
            return output;
        } catch (error) {
            this.viz = undefined;
            throw error instanceof LayoutError ? error : new LayoutError(`Graphviz failed: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
}

/**
 * Graphviz writes its version into a comment, and names fonts only as
 * `Helvetica,sans-Serif`, which many systems replace with a wider font. The
 * version goes (same model, same bytes), and the fonts become a list of
 * faces with Helvetica's metrics.
 */
export function cleanSvg(svg: string): string {
    return svg
        .replace(/<!--[\s\S]*?-->\n?/g, '')
        .replace(/font-family="Helvetica,sans-Serif"/g, 'font-family="Helvetica,Arial,Liberation Sans,Nimbus Sans,sans-serif"');
}
