import { expect } from 'vitest';
import { createServices, defined } from '../helpers.js';

const lexer = createServices().Polity.parser.Lexer;
const LINE_END = /\r\n|\r|\n/;

interface Comment {
    image: string;
    start: number;
    /** The whitespace between it and the token before it on its line; undefined for one on a line of its own. */
    trailingAfter?: string;
    /** What stands before it on its line when nothing but whitespace does. */
    indentation?: string;
    endsLine: boolean;
}

function comments(text: string): Comment[] {
    const { tokens, hidden } = lexer.tokenize(text);
    const ends = tokens.map(t => t.startOffset + t.image.length).concat(hidden.map(c => c.startOffset + c.image.length));
    const starts = tokens.map(t => t.startOffset).concat(hidden.map(c => c.startOffset));
    return hidden.map(c => {
        const end = c.startOffset + c.image.length;
        const before = Math.max(-1, ...ends.filter(e => e <= c.startOffset));
        const gap = text.slice(Math.max(before, 0), c.startOffset);
        const trailing = before >= 0 && !LINE_END.test(gap);
        const lineStart = Math.max(text.lastIndexOf('\n', c.startOffset - 1), text.lastIndexOf('\r', c.startOffset - 1)) + 1;
        const next = Math.min(text.length, ...starts.filter(s => s >= end));
        return {
            image: c.image,
            start: c.startOffset,
            trailingAfter: trailing ? gap : undefined,
            indentation: trailing ? undefined : text.slice(lineStart, c.startOffset),
            endsLine: next === text.length || LINE_END.test(text.slice(end, next))
        };
    });
}

const isDoc = (comment: string) => comment.startsWith('/**') && comment !== '/**/';
/** A Markdown line break: two spaces (or more) at the end of a line of a doc comment, after some text (not just the `/**` or `*` that start it). */
const hasMarkdownBreak = (line: string) => / {2,}$/.test(line) && line.replace(/^\s*(\/\*\*|\*)?/, '').trim() !== '';

/**
 * What formatting must not change, worked out independently of the formatter: the text
 * without any whitespace, and each comment (its words, line by line, and the Markdown line
 * breaks of a doc comment) with whether it ends a line of code or stands on a line of its own.
 */
function essence(text: string): { code: string; comments: string[] } {
    return {
        code: text.replace(/\s+/g, ''),
        comments: comments(text).map(c => {
            const lines = c.image.split(LINE_END).map(l => l.trim() + (isDoc(c.image) && hasMarkdownBreak(l) ? ' <br>' : ''));
            return `${c.trailingAfter !== undefined ? 'trailing' : 'own line'}: ${lines.join(' | ')}`;
        })
    };
}

export function expectSameContent(before: string, after: string): void {
    expect(essence(after)).toEqual(essence(before));
}

/**
 * Comments keep their places to the column where they can: one that ends a line of code in the
 * formatted text has the blanks before it that it had (one space if it had none); a block
 * comment on a line of its own takes along its lines that were indented at least as far as its
 * first: the indentation they shared with it is replaced by its new one.
 */
export function expectCommentsInPlace(before: string, after: string): void {
    const was = comments(before);
    const is = comments(after);
    expect(is.length).toBe(was.length);
    is.forEach((comment, i) => {
        const old = defined(was[i], `comment ${i + 1} before formatting`);
        if (comment.trailingAfter !== undefined && comment.endsLine) {
            expect(comment.trailingAfter, `blanks before ${comment.image}`).toBe(old.trailingAfter?.replace(/[^ \t]/g, ' ') || ' ');
        }
        if (comment.indentation === undefined || old.indentation === undefined || !/^\s*$/.test(old.indentation)) return;
        const oldLines = old.image.split(LINE_END);
        const newLines = comment.image.split(LINE_END);
        oldLines.forEach((line, l) => {
            if (l === 0 || line.trim() === '' || !line.startsWith(old.indentation!)) return;
            expect(newLines[l]?.trimEnd(), `line ${l + 1} of ${old.image}`).toBe(
                (comment.indentation + line.slice(old.indentation!.length)).trimEnd()
            );
        });
    });
}

/** The shape every formatted file has, whatever it came from. */
export function expectCanonicalShape(text: string): void {
    if (text === '') return;
    expect(text, 'ends with exactly one line ending').toMatch(/[^\r\n](\r\n|\r|\n)$/);
    const lines = text.split(LINE_END).slice(0, -1);
    // Inside a doc comment, trailing blanks may be a Markdown line break.
    const breaks = new Set(
        comments(text)
            .filter(c => isDoc(c.image))
            .flatMap(c => {
                const first = text.slice(0, c.start).split(LINE_END).length - 1;
                return c.image.split(LINE_END).flatMap((line, l) => (hasMarkdownBreak(line) ? [first + l] : []));
            })
    );
    lines.forEach((line, l) => {
        if (breaks.has(l)) expect(line, 'a Markdown line break is two spaces').toMatch(/\S {2}$/);
        else expect(line, 'no trailing whitespace').not.toMatch(/[ \t]$/);
        expect(line.trim() === '' && lines[l + 1]?.trim() === '', `at most one blank line in a row (line ${l + 1})`).toBe(false);
    });
}
