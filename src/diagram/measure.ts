/**
 * How wide text is drawn, estimated without a browser, for the pictures that
 * Polity lays out itself (the matrix, the timeline). Wide characters (CJK,
 * fullwidth forms, Hangul) take a full em, others Helvetica's average of a
 * little over half an em: boxes err on the roomy side.
 */
export function textWidth(text: string, fontSize: number): number {
    let ems = 0;
    for (const character of text) ems += WIDE.test(character) ? 1 : 0.58;
    return Math.ceil(ems * fontSize);
}

/** The text cut with `…` to fit the width, so that it does not run into what is drawn next to it. */
export function fitText(text: string, width: number, fontSize: number): string {
    if (textWidth(text, fontSize) <= width) return text;
    const characters = [...text];
    while (characters.length > 1 && textWidth(`${characters.join('')}…`, fontSize) > width) characters.pop();
    return characters.length > 1 ? `${characters.join('')}…` : '';
}

/**
 * The text on at most `lines` lines of the width, broken after spaces and hyphens (`cybersecurity-review`), the
 * last line cut with `…` if the rest does not fit; a word longer than a line is cut too.
 */
export function wrapText(text: string, width: number, fontSize: number, lines: number): string[] {
    const wrapped: string[] = [];
    for (const word of text.split(/(?<=[\s-])/)) {
        const last = wrapped.length - 1;
        if (last >= 0 && (last === lines - 1 || textWidth(`${wrapped[last]}${word}`.trimEnd(), fontSize) <= width)) wrapped[last] += word;
        else wrapped.push(word);
    }
    return wrapped.map(line => fitText(line.trimEnd(), width, fontSize));
}

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** Whether the text holds a wide character. */
export function hasWide(text: string): boolean {
    return WIDE.test(text);
}
