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

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** Whether the text holds a wide character. */
export function hasWide(text: string): boolean {
    return WIDE.test(text);
}
