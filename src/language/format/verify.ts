import type { Lexer } from 'langium';
import { endsWithMarkdownBreak, isReal, lineBreaks, separationBefore, splitLines, type LayoutRules } from './layout.js';
import { layoutTokens, type LayoutToken } from './tokens.js';

/** Where and how a formatted text breaks a promise of the layout; `offset` is into the unformatted text. */
export interface LayoutFault {
    offset: number;
    message: string;
}

/**
 * The first place where `after` (the formatted `before`) changes more than the layout may,
 * or undefined. Checked, in this order:
 * - the same tokens in the same order, every comment with the same words line by line and
 *   the same Markdown line breaks (indentation and other trailing blanks may change);
 * - every comment that ended a line of code still does, every one on a line of its own still is;
 * - no blank line is added, and none is lost between two facts (but after the line that opens
 *   a block or before its `}`);
 * - no line that starts a fact (or a `}`) is joined onto the line before.
 * `rules` are those of the parse of `before`.
 */
export function verifyLayout(lexer: Lexer, before: string, after: string, rules: LayoutRules): LayoutFault | undefined {
    const was = layoutTokens(lexer, before);
    const is = layoutTokens(lexer, after);
    const pairs: Pair[] = [];
    for (let i = 0; i < Math.max(was.length, is.length); i++) {
        const pair = { was: was[i], is: is[i] };
        if (!isPair(pair) || key(pair.was) !== key(pair.is)) {
            return { offset: pair.was?.offset ?? before.length, message: 'formatting would have changed more than whitespace here' };
        }
        pairs.push(pair);
    }
    let previousReal: Pair | undefined;
    for (const [i, current] of pairs.entries()) {
        const previous = pairs[i - 1];
        if (!previous) continue;
        if (!previous.was.comment) previousReal = previous;
        const fault = gapFault(previous, current, i) ?? (current.was.comment ? undefined : joinFault(previousReal, current));
        if (fault) return { offset: current.was.offset, message: `formatting would have ${fault}` };
    }
    return undefined;

    /** The line breaks between two tokens, before and after formatting. */
    function breaks(previous: Pair, current: Pair): [number, number] {
        return [lineBreaks(before, previous.was.end, current.was.offset), lineBreaks(after, previous.is.end, current.is.offset)];
    }

    /** What goes wrong between token i - 1 and token i. */
    function gapFault(previous: Pair, current: Pair, i: number): string | undefined {
        const [wasBreaks, isBreaks] = breaks(previous, current);
        if (current.was.comment && (wasBreaks === 0) !== (isBreaks === 0)) {
            return wasBreaks === 0
                ? 'moved this comment from the end of its line onto a line of its own'
                : 'moved this comment onto the end of the line before';
        }
        if (isBreaks >= 2 && isBreaks > wasBreaks) return 'added a blank line before this line';
        if (wasBreaks >= 2 && isBreaks < 2 && keepsBlankLine(i)) return 'removed the blank line before this line';
        return undefined;
    }

    /** Whether a blank line before token i separates two facts (or comments outside any). */
    function keepsBlankLine(i: number): boolean {
        const previous = was
            .slice(0, i)
            .reverse()
            .find(t => !t.comment);
        const next = was.slice(i).find(t => !t.comment);
        if (!previous || !next) return true;
        const rule = separationBefore(rules, previous, next);
        return rule.kind === 'line' && rule.blank && !isReal(previous, '{') && !isReal(next, '}');
    }

    /** Whether grammar token `current`, which the rules put on a new line, lost the line break before it. */
    function joinFault(previous: Pair | undefined, current: Pair): string | undefined {
        if (previous === undefined) return undefined;
        const rule = separationBefore(rules, previous.was, current.was);
        if (rule.kind !== 'line' && rule.kind !== 'continue') return undefined;
        // An empty block is written `{}`.
        if (isReal(previous.was, '{') && isReal(current.was, '}')) return undefined;
        const [wasBreaks, isBreaks] = breaks(previous, current);
        return wasBreaks > 0 && isBreaks === 0 ? 'joined this line onto the line before' : undefined;
    }
}

/** A token as it was before formatting and as it is after. */
interface Pair {
    was: LayoutToken;
    is: LayoutToken;
}

function isPair(pair: { was: LayoutToken | undefined; is: LayoutToken | undefined }): pair is Pair {
    return pair.was !== undefined && pair.is !== undefined;
}

/** What a token must keep: its text, or for a comment its words line by line, its Markdown line breaks marked. */
function key(token: LayoutToken): string {
    if (!token.comment) return token.text;
    return splitLines(token.text)
        .map(line => `${line.trim()}${endsWithMarkdownBreak(token.text, line) ? ' <br>' : ''}`)
        .join('\n');
}
