/**
 * Keeps the diagram's colours legible on the theme's background: WCAG 2
 * contrast, 4.5:1 for text (AA) and 3:1 for lines and shapes (non-text). A
 * colour that falls short is mixed towards white on a dark background, towards
 * black on a light one, just far enough. The picture's own colours are the
 * same on every theme; only what the page shows changes.
 */
export const TEXT_CONTRAST = 4.5;
export const LINE_CONTRAST = 3;

export type Rgb = [number, number, number];

/** `#rrggbb`, `#rgb` or `rgb(r, g, b)`; undefined for anything else (`none`, `transparent`, a name). */
export function parseColour(text: string): Rgb | undefined {
    const value = text.trim().toLowerCase();
    const hex = /^#([0-9a-f]{6})$/.exec(value) ?? /^#([0-9a-f]{3})$/.exec(value);
    if (hex) {
        const [, written = ''] = hex;
        const digits = written.length === 3 ? [...written].map(d => d + d).join('') : written;
        const channel = (at: number) => parseInt(digits.slice(at, at + 2), 16);
        return [channel(0), channel(2), channel(4)];
    }
    const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)\s*(?:[,/]\s*([\d.]+%?)\s*)?\)$/.exec(value);
    if (!rgb || (rgb[4] !== undefined && parseFloat(rgb[4]) === 0)) return undefined;
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
}

export function luminance([r, g, b]: Rgb): number {
    const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: Rgb, b: Rgb): number {
    const [x, y] = [luminance(a), luminance(b)];
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** The colour itself if it reaches `ratio` against `background`, else the nearest mix towards white or black that does. */
export function legibleOn(colour: Rgb, background: Rgb, ratio: number): Rgb {
    if (contrast(colour, background) >= ratio) return colour;
    const target: Rgb = luminance(background) < 0.18 ? [255, 255, 255] : [0, 0, 0];
    for (let step = 1; step <= 20; step++) {
        const t = step / 20;
        const mix = (c: number, to: number) => Math.round(c + (to - c) * t);
        const mixed: Rgb = [mix(colour[0], target[0]), mix(colour[1], target[1]), mix(colour[2], target[2])];
        if (contrast(mixed, background) >= ratio) return mixed;
    }
    return target;
}

export function cssColour([r, g, b]: Rgb): string {
    return `rgb(${r}, ${g}, ${b})`;
}

/**
 * Gives every edge line, arrowhead and label of the shown picture (and any
 * other element matched by `selectors`) enough contrast against the page's
 * background, as inline styles over the SVG's attributes; called again after a
 * theme change, it starts from the picture's colours.
 */
export function keepLegible(
    root: ParentNode,
    background: Rgb,
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
                const legible = colour && legibleOn(colour, background, ratio);
                cache.set(key, legible && legible !== colour ? cssColour(legible) : undefined);
            }
            const replacement = cache.get(key);
            if (replacement) element.style.setProperty(property, replacement);
        }
    }
}
