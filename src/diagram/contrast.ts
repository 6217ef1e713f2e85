/**
 * WCAG 2 contrast, for the palette the writers draw with (style.ts) and for
 * the preview's adjustments to the theme (src/webview/contrast.ts): 4.5:1 for
 * text (AA) and 3:1 for lines and shapes (non-text).
 */
export const TEXT_CONTRAST = 4.5;
export const LINE_CONTRAST = 3;

export type Rgb = [number, number, number];

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

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

/** `t` of the way from `from` to `to`. */
export function mix(from: Rgb, to: Rgb, t: number): Rgb {
    const channel = (c: number, target: number) => Math.round(c + (target - c) * t);
    return [channel(from[0], to[0]), channel(from[1], to[1]), channel(from[2], to[2])];
}

/**
 * The colour itself if it reaches `ratio` against every one of `grounds`,
 * else the nearest mix towards white (on dark grounds) or black (on light
 * ones, judged by the first) that does. The grounds of one picture are all
 * light or all dark: the page's background and the tints drawn on it.
 */
export function legibleOn(colour: Rgb, grounds: readonly Rgb[], ratio: number): Rgb {
    const passes = (c: Rgb) => grounds.every(ground => contrast(c, ground) >= ratio);
    if (passes(colour)) return colour;
    const target = grounds[0] && luminance(grounds[0]) < 0.18 ? WHITE : BLACK;
    for (let step = 1; step <= 20; step++) {
        const mixed = mix(colour, target, step / 20);
        if (passes(mixed)) return mixed;
    }
    return target;
}

export function cssColour([r, g, b]: Rgb): string {
    return `rgb(${r}, ${g}, ${b})`;
}

export function hexColour(rgb: Rgb): string {
    return `#${rgb.map(c => c.toString(16).padStart(2, '0')).join('')}`;
}
