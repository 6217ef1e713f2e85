/**
 * Character classes that every output format has to deal with. Each format
 * escapes them its own way (see the modules beside this one); the classes
 * are defined once so that the formats agree on what is unsafe.
 */

/**
 * What a terminal acts on, what changes how a line reads, and what XML 1.0
 * forbids: every control (C0, DEL, C1: escape sequences, carriage returns,
 * line breaks inside one record; XML allows only tab, line feed and carriage
 * return, and one other in an SVG makes the whole file unreadable), lone
 * surrogates and noncharacters (U+FFFE, U+FFFF and the rest, which Unicode
 * keeps out of interchanged text), bidirectional overrides, embeddings,
 * isolates and marks, invisible separators and joiners, and the byte-order mark.
 */
export const UNSAFE = /\p{Cc}|\p{Cs}|\p{Noncharacter_Code_Point}|\p{Bidi_Control}|[\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/gu;

/** Line breaks, including the ones only Unicode knows, and the other C0/C1 controls and DEL. */
export const BREAKS_AND_CONTROLS = /[\p{Cc}\u2028\u2029]+/gu;

/** Line breaks: what Unicode (UAX #14) counts as a mandatory break. */
export const LINE_BREAKS = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/g;

/** `\u{202E}`: the notation a reader sees in place of a character that cannot be shown as it is. */
export function codePointNotation(character: string): string {
    return `\\u{${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`;
}
