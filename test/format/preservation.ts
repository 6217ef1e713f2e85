import { expect } from 'vitest';
import { createServices } from '../helpers.js';

const lexer = createServices().Polity.parser.Lexer;

/**
 * What formatting must not change, worked out independently of the formatter: the text
 * without any whitespace, and each comment (its words, line by line) with whether it ends
 * a line of code or stands on a line of its own.
 */
function essence(text: string): { code: string; comments: string[] } {
    const { tokens, hidden } = lexer.tokenize(text);
    const ends = tokens.map(t => t.startOffset + t.image.length).concat(hidden.map(c => c.startOffset + c.image.length));
    const comments = hidden.map(c => {
        const before = Math.max(-1, ...ends.filter(end => end <= c.startOffset));
        const trailing = before >= 0 && !text.slice(before, c.startOffset).includes('\n');
        return `${trailing ? 'trailing' : 'own line'}: ${c.image.split(/\r?\n/).map(l => l.trim()).join(' | ')}`;
    });
    return { code: text.replace(/\s+/g, ''), comments };
}

export function expectSameContent(before: string, after: string): void {
    expect(essence(after)).toEqual(essence(before));
}

/** The shape every formatted file has, whatever it came from. */
export function expectCanonicalShape(text: string): void {
    if (text === '') return;
    expect(text, 'ends with exactly one newline').toMatch(/[^\n]\n$/);
    expect(text, 'no trailing whitespace').not.toMatch(/[ \t]+\r?$/m);
    expect(text, 'at most one blank line in a row').not.toMatch(/\n\s*\n\s*\n/);
}
