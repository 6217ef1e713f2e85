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
    for (let i = 0; i < Math.max(was.length, is.length); i++) {
        if (was[i] === undefined || is[i] === undefined || key(was[i]) !== key(is[i])) {
            return { offset: was[i]?.offset ?? before.length, message: 'formatting would have changed more than whitespace here' };
        }
    }
    let previousReal: number | undefined;
    for (let i = 1; i < was.length; i++) {
        if (!was[i - 1].comment) previousReal = i - 1;
        const fault = gapFault(i) ?? (was[i].comment ? undefined : joinFault(previousReal, i));
        if (fault) return { offset: was[i].offset, message: `formatting would have ${fault}` };
    }
    return undefined;

    function breaks(i: number): [number, number] {
        return [lineBreaks(before, was[i - 1].end, was[i].offset), lineBreaks(after, is[i - 1].end, is[i].offset)];
    }

    /** What goes wrong between token i - 1 and token i. */
    function gapFault(i: number): string | undefined {
        const [wasBreaks, isBreaks] = breaks(i);
        if (was[i].comment && (wasBreaks === 0) !== (isBreaks === 0)) {
            return wasBreaks === 0 ? 'moved this comment from the end of its line onto a line of its own' : 'moved this comment onto the end of the line before';
        }
        if (isBreaks >= 2 && isBreaks > wasBreaks) return 'added a blank line before this line';
        if (wasBreaks >= 2 && isBreaks < 2 && keepsBlankLine(i)) return 'removed the blank line before this line';
        return undefined;
    }

    /** Whether a blank line before token i separates two facts (or comments outside any). */
    function keepsBlankLine(i: number): boolean {
        let previous = i - 1;
        while (previous >= 0 && was[previous].comment) previous--;
        let next = i;
        while (next < was.length && was[next].comment) next++;
        if (previous < 0 || next === was.length) return true;
        const rule = separationBefore(rules, was[previous], was[next]);
        return rule.kind === 'line' && rule.blank && !isReal(was[previous], '{') && !isReal(was[next], '}');
    }

    /** Whether grammar token i, which the rules put on a new line, lost the line break before it. */
    function joinFault(previous: number | undefined, i: number): string | undefined {
        if (previous === undefined) return undefined;
        const rule = separationBefore(rules, was[previous], was[i]);
        if (rule.kind !== 'line' && rule.kind !== 'continue') return undefined;
        // An empty block is written `{}`.
        if (isReal(was[previous], '{') && isReal(was[i], '}')) return undefined;
        const wasOnNewLine = lineBreaks(before, was[previous].end, was[i].offset) > 0;
        const isOnNewLine = lineBreaks(after, is[previous].end, is[i].offset) > 0;
        return wasOnNewLine && !isOnNewLine ? 'joined this line onto the line before' : undefined;
    }
}

/** What a token must keep: its text, or for a comment its words line by line, its Markdown line breaks marked. */
function key(token: LayoutToken): string {
    if (!token.comment) return token.text;
    return splitLines(token.text).map(line => `${line.trim()}${endsWithMarkdownBreak(token.text, line) ? ' <br>' : ''}`).join('\n');
}
