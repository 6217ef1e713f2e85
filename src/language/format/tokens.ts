import type { Lexer } from 'langium';

/** A token as the layout sees it: the grammar's tokens and the comments between them, in text order. */
export interface LayoutToken {
    offset: number;
    end: number;
    text: string;
    comment?: 'line' | 'block';
}

/** Every token of the text, comments included (whitespace is all that is left out). */
export function layoutTokens(lexer: Lexer, text: string): LayoutToken[] {
    const { tokens, hidden } = lexer.tokenize(text);
    const all: LayoutToken[] = tokens.map(t => ({ offset: t.startOffset, end: t.startOffset + t.image.length, text: t.image }));
    for (const t of hidden) {
        all.push({
            offset: t.startOffset,
            end: t.startOffset + t.image.length,
            text: t.image,
            comment: t.image.startsWith('//') ? 'line' : 'block'
        });
    }
    return all.sort((a, b) => a.offset - b.offset);
}
