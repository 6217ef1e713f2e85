import type { LayoutFormat, LayoutOutput, Renderer, RenderOptions } from './render.js';

/** About 64 MB of UTF-16: a few pictures of a large model, many of a small one. */
const DEFAULT_BUDGET = 32_000_000;

/**
 * Remembers the last layouts a renderer made, by their DOT: most edits
 * (a comment, a citation, a quick fix undoing a typo) leave the picture as it
 * was, and Graphviz need not lay it out again. The DOT is the whole input,
 * so the same text always gives the same picture. Oldest forgotten first,
 * within a budget of characters.
 */
export class RecentLayouts implements Renderer {
    private readonly recent = new Map<string, { output: LayoutOutput; size: number }>();
    private size = 0;

    constructor(
        private readonly inner: Renderer,
        private readonly budget = DEFAULT_BUDGET
    ) {}

    async render(dot: string, formats: readonly LayoutFormat[], options?: RenderOptions): Promise<LayoutOutput> {
        const key = `${formats.join(',')}\n${dot}`;
        const known = this.recent.get(key);
        if (known) {
            // Used again: the last to be forgotten.
            this.recent.delete(key);
            this.recent.set(key, known);
            return known.output;
        }
        const output = await this.inner.render(dot, formats, options);
        const size = key.length + Object.values(output).reduce((sum, text) => sum + text.length, 0);
        if (size > this.budget) return output;
        this.recent.set(key, { output, size });
        this.size += size;
        for (const [oldest, entry] of this.recent) {
            if (this.size <= this.budget) break;
            this.recent.delete(oldest);
            this.size -= entry.size;
        }
        return output;
    }
}
