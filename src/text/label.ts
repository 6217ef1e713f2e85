import { BREAKS_AND_CONTROLS, codePointNotation, NOT_XML } from './characters.js';

/**
 * Text for a diagram label, before the format's own escaping (DOT, Mermaid):
 * one line, since one fact is one line, and no character XML forbids, since
 * Graphviz copies label text into the SVG as it is. Such characters are
 * shown as `\u{…}` rather than dropped, so the label still says something is
 * there. Bidirectional text stays: a label is its own paragraph.
 */
export function labelText(value: string): string {
    return value.replace(BREAKS_AND_CONTROLS, ' ').replace(NOT_XML, codePointNotation);
}
