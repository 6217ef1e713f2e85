import type { LayoutToken } from './format-tokens.js';

/** How the formatting rules separate two neighbouring tokens of the grammar. */
export type Separation =
    /** glued together: `a.b`, `x,`, `[s]` */
    | { kind: 'none' }
    | { kind: 'space' }
    /** a new line at the block's indentation; `blank`: one existing blank line before it is kept */
    | { kind: 'line'; blank: boolean }
    /** a new line one level deeper: the same fact goes on */
    | { kind: 'continue' };

/** Rules keyed by the offset of the token they precede (`before`) or the end of the one they follow (`after`). */
export interface LayoutRules {
    before: Map<number, Separation>;
    after: Map<number, Separation>;
}

/**
 * A replacement of original text. `owner` is the span of original text whose lines the edit
 * belongs to, so that range formatting can take exactly the edits of the selected lines.
 */
export interface LayoutEdit {
    offset: number;
    end: number;
    text: string;
    owner: { from: number; to: number };
}

const INDENT = '  ';
const SPACE: Separation = { kind: 'space' };
/** Where no grammar token precedes or follows, comments stand on their own lines at the outer level. */
const OUTSIDE: Separation = { kind: 'line', blank: true };

type Gap = { breaks: number; indent: number } | { spaces: 0 | 1 };

/**
 * The edits that give the tokens their canonical layout. Only whitespace between tokens is
 * replaced, plus the indentation and trailing blanks inside comments; each comment keeps
 * its place: one that ended a line still ends it, one on a line of its own stays there.
 */
export function layout(text: string, tokens: LayoutToken[], rules: LayoutRules): LayoutEdit[] {
    const eol = /\r\n|\n/.exec(text)?.[0] ?? '\n';
    return render(text, tokens, decideGaps(text, tokens, rules), eol);
}

function isReal(token: LayoutToken | undefined, text: string): boolean {
    return token !== undefined && !token.comment && token.text === text;
}

function lineBreaks(text: string, from: number, to: number): number {
    return text.slice(from, to).split('\n').length - 1;
}

/** What goes before each token (and, last, after the final one): line breaks and indentation, or spaces. */
function decideGaps(text: string, tokens: LayoutToken[], rules: LayoutRules): Gap[] {
    const nextReal: (LayoutToken | undefined)[] = [];
    for (let i = tokens.length - 1, next: LayoutToken | undefined; i >= 0; i--) {
        if (!tokens[i].comment) next = tokens[i];
        nextReal[i] = next;
    }
    const gaps: Gap[] = [];
    let depth = 0;
    let previousReal: LayoutToken | undefined;
    // Whether the line being laid out opened a block: no blank line may follow it.
    let opensBlock = false;
    tokens.forEach((token, i) => {
        const previous = tokens[i - 1];
        const next = nextReal[i];
        const rule = previousReal && next ? rules.before.get(next.offset) ?? rules.after.get(previousReal.end) ?? SPACE : OUTSIDE;
        const indent = isReal(token, '}') ? depth - 1 : rule.kind === 'line' ? depth : depth + 1;
        const blank = rule.kind === 'line' && rule.blank && !opensBlock && !isReal(token, '}');
        const breaks = previous ? lineBreaks(text, previous.end, token.offset) : 0;
        const newLine: Gap = { breaks: Math.min(Math.max(breaks, 1), blank ? 2 : 1), indent };
        const previousOwnLine = i <= 1 || 'breaks' in gaps[i - 1];
        const gap = previous === undefined ? { spaces: 0 } as const : gapBefore(token, previous, breaks, rule, previousOwnLine, newLine);
        gaps.push(gap);
        if ('breaks' in gap) opensBlock = false;
        if (isReal(token, '{')) {
            depth++;
            opensBlock = true;
        }
        if (isReal(token, '}')) depth--;
        if (!token.comment) previousReal = token;
    });
    // A file ends with one line break; an empty one stays empty.
    gaps.push(tokens.length > 0 ? { breaks: 1, indent: 0 } : { spaces: 0 });
    return gaps;
}

function gapBefore(token: LayoutToken, previous: LayoutToken, breaks: number, rule: Separation, previousOwnLine: boolean, newLine: Gap): Gap {
    if (isReal(previous, '{') && isReal(token, '}')) return { spaces: 0 };
    if (previous.comment === 'line') return newLine;
    // A comment stays where it was: after the code on the same line, or on a line of its own.
    if (token.comment) return breaks === 0 ? { spaces: 1 } : newLine;
    if (rule.kind === 'none' || rule.kind === 'space') {
        // Code joins up, also across a block comment that split it over lines.
        return { spaces: rule.kind === 'none' && !previous.comment ? 0 : 1 };
    }
    // The token must start a line; it may stay behind a block comment that itself starts the line.
    return previous.comment && previousOwnLine && breaks === 0 ? { spaces: 1 } : newLine;
}

function render(text: string, tokens: LayoutToken[], gaps: Gap[], eol: string): LayoutEdit[] {
    const edits: LayoutEdit[] = [];
    let column = 0;
    tokens.forEach((token, i) => {
        const gap = gaps[i];
        let whitespace: string;
        if ('breaks' in gap) {
            whitespace = eol.repeat(gap.breaks) + INDENT.repeat(gap.indent);
            column = INDENT.length * gap.indent;
        } else {
            const endsLine = 'breaks' in gaps[i + 1];
            // A comment at the end of a line keeps the spaces before it, so that comments aligned by hand stay aligned.
            const spaces = token.comment && endsLine && gap.spaces > 0 ? Math.max(1, token.offset - tokens[i - 1].end) : gap.spaces;
            whitespace = ' '.repeat(spaces);
            column += spaces;
        }
        edits.push(...gapEdits(text, tokens[i - 1]?.end ?? 0, token.offset, whitespace));
        const content = token.comment ? reindentComment(token.text, columnOf(text, token.offset), 'breaks' in gap ? column : undefined, eol) : token.text;
        if (content !== token.text) edits.push({ offset: token.offset, end: token.end, text: content, owner: { from: token.offset, to: token.end } });
        const lastBreak = content.lastIndexOf('\n');
        column = lastBreak < 0 ? column + content.length : content.length - lastBreak - 1;
    });
    const end = gaps[tokens.length];
    edits.push(...gapEdits(text, tokens[tokens.length - 1]?.end ?? 0, text.length, 'breaks' in end ? eol.repeat(end.breaks) : ''));
    return edits;
}

function columnOf(text: string, offset: number): number {
    return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/**
 * A comment without trailing blanks; a block comment that moved to another column on a line
 * of its own takes its following lines along, so that their alignment with the first is kept.
 */
function reindentComment(comment: string, fromColumn: number, toColumn: number | undefined, eol: string): string {
    const shift = toColumn === undefined ? 0 : toColumn - fromColumn;
    return comment.split(/\r?\n/).map((line, i) => {
        if (i === 0 || line.trim() === '') return line.trimEnd();
        if (shift >= 0) return ' '.repeat(shift) + line.trimEnd();
        const removable = /^[ \t]*/.exec(line)![0].length;
        return line.slice(Math.min(removable, -shift)).trimEnd();
    }).join(eol);
}

/**
 * A whitespace replacement; one that runs over a line break is split at the first break, so the
 * trailing blanks of one line and the breaks and indentation before the next belong to their lines.
 */
function gapEdits(text: string, from: number, to: number, whitespace: string): LayoutEdit[] {
    const original = text.slice(from, to);
    if (original === whitespace) return [];
    const firstBreak = original.search(/[\r\n]/);
    if (firstBreak < 0 || !whitespace.includes('\n')) return [{ offset: from, end: to, text: whitespace, owner: { from, to } }];
    return [
        { offset: from, end: from + firstBreak, text: '', owner: { from, to: from } },
        { offset: from + firstBreak, end: to, text: whitespace, owner: { from: to, to } }
    ].filter(edit => text.slice(edit.offset, edit.end) !== edit.text);
}
