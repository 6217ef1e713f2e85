import { describe, expect, it } from 'vitest';
import { RecentLayouts } from '../../src/diagram/recent-layouts.js';
import type { LayoutFormat, LayoutOutput, Renderer } from '../../src/diagram/render.js';

/** A renderer that counts its layouts and answers with the DOT it was given. */
function counting(): Renderer & { calls: string[] } {
    const calls: string[] = [];
    return {
        calls,
        render: (dot: string, formats: readonly LayoutFormat[]) => {
            calls.push(dot);
            return Promise.resolve(Object.fromEntries(formats.map(f => [f, `<${f}>${dot}`])) as LayoutOutput);
        }
    };
}

describe("recent layouts (the language server's diagrams)", () => {
    it('lays out a DOT it has just laid out only once: an edit that leaves the picture as it was needs no Graphviz', async () => {
        const inner = counting();
        const layouts = new RecentLayouts(inner);
        const first = await layouts.render('digraph { a -> b }', ['svg']);
        await layouts.render('digraph { a -> c }', ['svg']);
        const again = await layouts.render('digraph { a -> b }', ['svg']);
        expect(again).toEqual(first);
        expect(inner.calls).toEqual(['digraph { a -> b }', 'digraph { a -> c }']);
        // Another format of the same DOT is another layout.
        expect((await layouts.render('digraph { a -> b }', ['json0'])).json0).toBe('<json0>digraph { a -> b }');
        expect(inner.calls).toHaveLength(3);
    });

    it('forgets the least recently used layouts beyond its budget, and keeps none bigger than it', async () => {
        const inner = counting();
        const dot = (n: number) => `digraph { n${n} ${'x'.repeat(40)} }`;
        // Room for about two of these.
        const layouts = new RecentLayouts(inner, 4 * dot(0).length + 20);
        await layouts.render(dot(1), ['svg']);
        await layouts.render(dot(2), ['svg']);
        await layouts.render(dot(1), ['svg']); // used again: dot(2) is now the oldest
        await layouts.render(dot(3), ['svg']);
        inner.calls.length = 0;
        await layouts.render(dot(1), ['svg']);
        await layouts.render(dot(3), ['svg']);
        expect(inner.calls).toEqual([]);
        await layouts.render(dot(2), ['svg']);
        expect(inner.calls).toEqual([dot(2)]);
        const huge = `digraph { ${'y'.repeat(1000)} }`;
        await layouts.render(huge, ['svg']);
        await layouts.render(huge, ['svg']);
        expect(inner.calls.filter(c => c === huge)).toHaveLength(2);
    });

    it('does not remember a layout that failed', async () => {
        let calls = 0;
        const layouts = new RecentLayouts({
            render: () => {
                calls++;
                return Promise.reject(new Error('cancelled'));
            }
        });
        await expect(layouts.render('digraph {}', ['svg'])).rejects.toThrow('cancelled');
        await expect(layouts.render('digraph {}', ['svg'])).rejects.toThrow('cancelled');
        expect(calls).toBe(2);
    });
});
