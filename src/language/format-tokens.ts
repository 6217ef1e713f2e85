import type { Lexer } from 'langium';
import type { LayoutRules } from './format-layout.js';

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
        all.push({ offset: t.startOffset, end: t.startOffset + t.image.length, text: t.image, comment: t.image.startsWith('//') ? 'line' : 'block' });
    }
    return all.sort((a, b) => a.offset - b.offset);
}

/**
 * Where formatting changed more than whitespace, as an offset into `before`; undefined when
 * `after` has the same tokens in the same order, every comment with the same words, and every
 * comment that ended a line of code (or stood on a line of its own) still doing so.
 * Comments are compared line by line without the indentation and trailing blanks that the
 * formatter may adjust.
 */
export function firstTokenChange(lexer: Lexer, before: string, after: string): number | undefined {
    const was = signature(before, layoutTokens(lexer, before));
    const is = signature(after, layoutTokens(lexer, after));
    for (let i = 0; i < Math.max(was.length, is.length); i++) {
        if (was[i]?.key !== is[i]?.key) return was[i]?.offset ?? before.length;
    }
    return undefined;
}

function signature(text: string, tokens: LayoutToken[]): { key: string; offset: number }[] {
    return tokens.map((token, i) => {
        if (!token.comment) return { key: token.text, offset: token.offset };
        const previous = tokens[i - 1];
        const trailing = previous !== undefined && !/[\r\n]/.test(text.slice(previous.end, token.offset));
        const words = token.text.split(/\r?\n/).map(line => line.trim()).join('\n');
        return { key: `${trailing ? 'trailing' : 'own-line'} ${words}`, offset: token.offset };
    });
}

/**
 * Where `after` breaks the line structure the rules promise, as an offset into `before`: a rule
 * that names no token of `before` (rules from the parse of another text), or a token that must
 * start a line (one fact per line, a dispute's finding) and does not, except `}` right after `{`
 * and a token behind a comment, which the layout allows. Undefined when every promise holds;
 * `after` has the tokens of `before` (see {@link firstTokenChange}).
 */
export function firstBrokenLine(lexer: Lexer, before: string, after: string, rules: LayoutRules): number | undefined {
    const was = layoutTokens(lexer, before);
    const is = layoutTokens(lexer, after);
    const starts = new Map(was.map((token, i) => [token.offset, i]));
    const ends = new Set(was.map(token => token.end));
    for (const offset of rules.after.keys()) {
        if (!ends.has(offset)) return offset;
    }
    for (const [offset, rule] of rules.before) {
        const i = starts.get(offset);
        if (i === undefined) return offset;
        if (i === 0 || (rule.kind !== 'line' && rule.kind !== 'continue')) continue;
        const [previous, token] = [is[i - 1], is[i]];
        const allowed = previous.comment !== undefined || (previous.text === '{' && token.text === '}');
        if (!allowed && !/[\r\n]/.test(after.slice(previous.end, token.offset))) return offset;
    }
    return undefined;
}
