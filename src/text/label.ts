import { BREAKS_AND_CONTROLS, codePointNotation, UNSAFE } from './characters.js';

/**
 * Text for a diagram label, before the format's own escaping (DOT, Mermaid):
 * one line, since one fact is one line, and none of the unsafe characters.
 * Graphviz copies label text into the SVG as it is, where a character XML
 * forbids makes the whole file unreadable; Mermaid text is read in files and
 * pull requests, where bidi controls disguise what it says. They are shown
 * as `\u{…}` rather than dropped, so the label still says something is there.
 */
export function labelText(value: string): string {
    return value.replace(BREAKS_AND_CONTROLS, ' ').replace(UNSAFE, codePointNotation);
}
