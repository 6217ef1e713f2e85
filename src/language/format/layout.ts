import type { LayoutToken } from './tokens.js';

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
/** The line endings an editor knows (LSP's, which `TextDocument` counts lines by). */
const LINE_BREAK = /\r\n|\r|\n/;
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
    // The file's first line ending is used throughout, old Mac CR included.
    const eol = LINE_BREAK.exec(text)?.[0] ?? '\n';
    return render(text, tokens, decideGaps(text, tokens, rules), eol);
}

/** The lines of a text, without their line endings. */
export function splitLines(text: string): string[] {
    return text.split(LINE_BREAK);
}

/** How many line breaks the text between two offsets holds. */
export function lineBreaks(text: string, from: number, to: number): number {
    return splitLines(text.slice(from, to)).length - 1;
}

/** How the rules separate a grammar token from the one before it; outside any, comments stand on lines of their own. */
export function separationBefore(rules: LayoutRules, previousReal: LayoutToken | undefined, nextReal: LayoutToken | undefined): Separation {
    return previousReal && nextReal ? (rules.before.get(nextReal.offset) ?? rules.after.get(previousReal.end) ?? SPACE) : OUTSIDE;
}

export function isReal(token: LayoutToken | undefined, text: string): boolean {
    return token !== undefined && !token.comment && token.text === text;
}

/**
 * Whether a line of a doc comment ends in a Markdown line break (two or more spaces after
 * some text), which its trailing blanks then are, not noise.
 */
export function endsWithMarkdownBreak(comment: string, line: string): boolean {
    return comment.startsWith('/**') && / {2,}$/.test(line) && line.replace(/^\s*(\/\*\*|\*)?/, '').trim() !== '';
}

/** What goes before each token (and, last, after the final one): line breaks and indentation, or spaces. */
function decideGaps(text: string, tokens: LayoutToken[], rules: LayoutRules): Gap[] {
    const nextReal: (LayoutToken | undefined)[] = [];
    let next: LayoutToken | undefined;
    for (const [i, token] of [...tokens.entries()].reverse()) {
        if (!token.comment) next = token;
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
        const rule = separationBefore(rules, previousReal, next);
        const indent = isReal(token, '}') ? depth - 1 : rule.kind === 'line' ? depth : depth + 1;
        const blank = rule.kind === 'line' && rule.blank && !opensBlock && !isReal(token, '}');
        const breaks = previous ? lineBreaks(text, previous.end, token.offset) : 0;
        const newLine: Gap = { breaks: Math.min(Math.max(breaks, 1), blank ? 2 : 1), indent };
        const previousOwnLine = i <= 1 || breaksLine(gaps[i - 1]);
        const gap = previous === undefined ? ({ spaces: 0 } as const) : gapBefore(token, previous, breaks, rule, previousOwnLine, newLine);
        gaps.push(gap);
        if ('breaks' in gap) opensBlock = false;
        if (isReal(token, '{')) {
            depth++;
            opensBlock = true;
        }
        if (isReal(token, '}')) {
            depth--;
            // An empty block `{}` opened and closed on this line: the next one may follow a blank line.
            opensBlock = false;
        }
        if (!token.comment) previousReal = token;
    });
    // A file ends with one line break; an empty one stays empty.
    gaps.push(tokens.length > 0 ? { breaks: 1, indent: 0 } : { spaces: 0 });
    return gaps;
}

function gapBefore(
    token: LayoutToken,
    previous: LayoutToken,
    breaks: number,
    rule: Separation,
    previousOwnLine: boolean,
    newLine: Gap
): Gap {
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

function breaksLine(gap: Gap | undefined): boolean {
    return gap !== undefined && 'breaks' in gap;
}

function render(text: string, tokens: LayoutToken[], gaps: Gap[], eol: string): LayoutEdit[] {
    const edits: LayoutEdit[] = [];
    tokens.forEach((token, i) => {
        const gap = gaps[i]!; // a gap before each token, and one after the last
        const previousEnd = tokens[i - 1]?.end ?? 0;
        let whitespace: string;
        if ('breaks' in gap) {
            whitespace = eol.repeat(gap.breaks) + INDENT.repeat(gap.indent);
        } else if (token.comment && gap.spaces > 0 && breaksLine(gaps[i + 1])) {
            // A comment at the end of a line keeps the blanks before it, tabs included, so that comments aligned by hand stay aligned.
            whitespace = text.slice(previousEnd, token.offset).replace(/[^\t ]/g, ' ') || ' ';
        } else {
            whitespace = ' '.repeat(gap.spaces);
        }
        edits.push(...gapEdits(text, previousEnd, token.offset, whitespace));
        if (!token.comment) return;
        // A comment that starts a line (the first token starts the file's first) moves to the indentation the gap gives it.
        const startsLine = i === 0 || 'breaks' in gap;
        const content = reindentComment(
            token.text,
            indentationBefore(text, token.offset),
            startsLine ? whitespace.replace(/^[\r\n]*/, '') : undefined,
            eol
        );
        if (content !== token.text)
            edits.push({ offset: token.offset, end: token.end, text: content, owner: { from: token.offset, to: token.end } });
    });
    const end = gaps[tokens.length];
    edits.push(...gapEdits(text, tokens[tokens.length - 1]?.end ?? 0, text.length, end && 'breaks' in end ? eol.repeat(end.breaks) : ''));
    return edits;
}

/** The text between the start of the offset's line and the offset. */
function indentationBefore(text: string, offset: number): string {
    // Scanned back by hand: `lastIndexOf('\r')` would search a file without any to its start, for every comment.
    let lineStart = offset;
    while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
    return text.slice(lineStart, offset);
}

/**
 * A comment without trailing blanks (but for the Markdown line breaks of a doc comment). A block
 * comment that moves from indentation `from` to `to` takes its following lines along: each line
 * indented at least as far as the first has `from` replaced by `to`, so it keeps its place
 * relative to the first, tabs included. Lines indented less move together, by as much as
 * the least indented of them can, so that they keep their places relative to each other.
 */
function reindentComment(comment: string, from: string, to: string | undefined, eol: string): string {
    const lines = splitLines(comment);
    const under = lines.slice(1).filter(line => line.trim() !== '' && !line.startsWith(from));
    const shared = under.reduce((prefix, line) => prefix.slice(0, commonPrefixLength(prefix, line)), from);
    const rest = from.slice(shared.length);
    const underPrefix = to !== undefined && /^ *$/.test(rest) && rest.length <= to.length ? ' '.repeat(to.length - rest.length) : '';
    return lines
        .map((line, i) => {
            if (i > 0 && line.trim() === '') return '';
            const moved =
                i === 0 || to === undefined
                    ? line
                    : line.startsWith(from)
                      ? to + line.slice(from.length)
                      : underPrefix + line.slice(shared.length);
            return endsWithMarkdownBreak(comment, moved) ? `${moved.trimEnd()}  ` : moved.trimEnd();
        })
        .join(eol);
}

function commonPrefixLength(a: string, b: string): number {
    let n = 0;
    while (n < a.length && a[n] === b[n]) n++;
    return n;
}

/**
 * A whitespace replacement; one that runs over a line break is split at the first break, so the
 * trailing blanks of one line and the breaks and indentation before the next belong to their lines.
 */
function gapEdits(text: string, from: number, to: number, whitespace: string): LayoutEdit[] {
    const original = text.slice(from, to);
    if (original === whitespace) return [];
    const firstBreak = original.search(/[\r\n]/);
    if (firstBreak < 0 || !/[\r\n]/.test(whitespace)) return [{ offset: from, end: to, text: whitespace, owner: { from, to } }];
    return [
        { offset: from, end: from + firstBreak, text: '', owner: { from, to: from } },
        { offset: from + firstBreak, end: to, text: whitespace, owner: { from: to, to } }
    ].filter(edit => text.slice(edit.offset, edit.end) !== edit.text);
}
