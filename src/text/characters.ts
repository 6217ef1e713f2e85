/**
 * Character classes that every output format has to deal with. Each format
 * escapes them its own way (see the modules beside this one); the classes
 * are defined once so that the formats agree on what is unsafe.
 */

/**
 * What XML 1.0 forbids in a document — C0 controls other than tab, line feed
 * and carriage return, lone surrogates, U+FFFE and U+FFFF — and the other
 * noncharacters, which Unicode keeps out of interchanged text. One of them in
 * an SVG makes the whole file unreadable.
 */
export const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|\p{Cs}|\p{Noncharacter_Code_Point}/gu;

/**
 * What a terminal acts on or what changes how a line reads: every control
 * (C0, DEL, C1: escape sequences, carriage returns, line breaks inside one
 * record), bidirectional overrides, embeddings, isolates and marks, invisible
 * separators and joiners, the byte-order mark, and everything in `NOT_XML`.
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
