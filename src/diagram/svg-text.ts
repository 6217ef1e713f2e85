import { hasWide } from './measure.js';

/**
 * Graphviz places each line of an institution's label by its start, at the
 * centre minus half of its own estimate of the line's width; for wide
 * characters (CJK) that estimate is short, so the drawn line ran out of the
 * box on the right. A line holding wide characters is anchored at the box's
 * centre instead, where it stays inside the box that `dot.ts` made wide
 * enough. Other lines keep Graphviz's placement.
 */
export function centreWideLines(svg: string): string {
    return svg.replace(/<g id="institution:[^"]*" class="node[^"]*">[\s\S]*?<\/g>/g, node => {
        const d = /<path [^>]*d="([^"]*)"/.exec(node)?.[1];
        if (!d) return node;
        const xs = [...d.matchAll(/(-?[\d.]+),-?[\d.]+/g)].map(m => Number(m[1]));
        const centre = ((Math.min(...xs) + Math.max(...xs)) / 2).toFixed(2);
        return node.replace(
            /<text([^>]*) text-anchor="start" x="[^"]*"([^>]*)>([^<]*)<\/text>/g,
            (line, before: string, after: string, content: string) =>
                hasWide(content) ? `<text${before} text-anchor="middle" x="${centre}"${after}>${content}</text>` : line
        );
    });
}
