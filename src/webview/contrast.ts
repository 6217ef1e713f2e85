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
        const digits = hex[1].length === 3 ? [...hex[1]].map(d => d + d).join('') : hex[1];
        return [0, 2, 4].map(i => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
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
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
}

/** The colour itself if it reaches `ratio` against `background`, else the nearest mix towards white or black that does. */
export function legibleOn(colour: Rgb, background: Rgb, ratio: number): Rgb {
    if (contrast(colour, background) >= ratio) return colour;
    const target: Rgb = luminance(background) < 0.18 ? [255, 255, 255] : [0, 0, 0];
    for (let step = 1; step <= 20; step++) {
        const t = step / 20;
        const mixed = colour.map((c, i) => Math.round(c + (target[i] - c) * t)) as Rgb;
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
export function keepLegible(root: ParentNode, background: Rgb, targets: readonly { selector: string; property: 'stroke' | 'fill'; ratio: number }[]): void {
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
