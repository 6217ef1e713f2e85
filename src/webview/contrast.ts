/**
 * Keeps the diagram's colours legible on the theme's background and on the
 * tints drawn over it (WCAG 2, see src/diagram/contrast.ts). A colour that
 * falls short is mixed towards white on a dark background, towards black on a
 * light one, just far enough. The picture's own colours are the same on every
 * theme; only what the page shows changes.
 */
import { cssColour, legibleOn, parseColour, type Rgb } from '../diagram/contrast.js';

/**
 * Gives every element matched by `targets` (edge lines, arrowheads, labels,
 * outlines) enough contrast against each of `grounds`, as inline styles over the SVG's attributes; called again after a
 * theme change, it starts from the picture's colours.
 */
export function keepLegible(
    root: ParentNode,
    grounds: readonly Rgb[],
    targets: readonly { selector: string; property: 'stroke' | 'fill'; ratio: number }[]
): void {
    const cache = new Map<string, string | undefined>();
    for (const { selector, property, ratio } of targets) {
        for (const element of root.querySelectorAll<SVGElement | HTMLElement>(selector)) {
            element.style.removeProperty(property);
            const shown = getComputedStyle(element).getPropertyValue(property);
            const key = `${shown}/${ratio}`;
            if (!cache.has(key)) {
                const colour = parseColour(shown);
                const legible = colour && legibleOn(colour, grounds, ratio);
                cache.set(key, legible && legible !== colour ? cssColour(legible) : undefined);
            }
            const replacement = cache.get(key);
            if (replacement) element.style.setProperty(property, replacement);
        }
    }
}
