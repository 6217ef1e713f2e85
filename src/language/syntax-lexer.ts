import { createToken, createTokenInstance, type ILexingError, type IToken, type TokenType, type TokenTypeDictionary } from 'chevrotain';
import type { LexerResult } from 'langium';
import { onlyElement } from '../model/lists.js';
import { editDistance } from '../model/suggest.js';
import { capitalise } from '../text/capitalise.js';

/**
 * The mistakes a newcomer makes that the lexer can see, each turned into
 * one error in words and a token stream the parser reads as what was meant,
 * so that one typo gives one error and no cascade: a misspelt declaration
 * keyword (`instituion`), a reserved word as a name (`institution source`),
 * a title without quotes, a string without its closing quote, and a
 * character Polity does not use (named, with its Unicode name).
 */

/** A lexing error with the text that would fix it, for the quick fix (validator.ts passes it on). */
export interface SyntaxLexingError extends ILexingError {
    replacement?: { text: string; title: string };
    /** The message, given the construct it is in, which only the syntax tree knows (syntax-recovery.ts supplies it). */
    place?: (where: string) => string;
}

/** A string whose closing quote is missing (see STRING in the grammar): up to the end of its line. Chevrotain tries it after STRING. */
export const UNCLOSED_STRING: TokenType = createToken({ name: 'UNCLOSED_STRING', pattern: /"(?:\\.|[^"\\\r\n])*/ });

/** Declaration keywords at the top level, and the body's keywords that start a line. */
const TOP_KEYWORDS = ['institution', 'mandate', 'source', 'kind', 'relation', 'role', 'dispute', 'person', 'view', 'model'];
/** The keywords a date follows within a line. */
const DATE_KEYWORDS = ['since', 'until', 'from', 'to', 'by', 'circa', 'at'];
/** Keywords after which the next word is the name being declared. */
const DECLARING = new Set(['institution', 'unit', 'mandate', 'source', 'kind', 'relation', 'role', 'person', 'view']);
/** What may follow a declared name on its line besides a title: those end a title written without quotes. */
const AFTER_NAME = new Set(['{', 'within', 'in', 'hierarchical', 'exclusive', '[']);

const WORD = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

export class SyntaxRepairs {
    constructor(private readonly types: TokenTypeDictionary) {}

    repair(text: string, result: LexerResult): LexerResult {
        const errors: SyntaxLexingError[] = result.errors.map(e => describeCharacters(text, e));
        const tokens: IToken[] = [];
        const input = result.tokens;
        let depth = 0;
        const push = (...pushed: IToken[]) => {
            for (const t of pushed) {
                if (t.tokenType.name === '{') depth++;
                if (t.tokenType.name === '}' && depth > 0) depth--;
                tokens.push(t);
            }
        };
        for (let i = 0; i < input.length; i++) {
            const token = input[i]!; // i < input.length
            const type = token.tokenType.name;
            const previous = tokens[tokens.length - 1];
            const firstOnLine = !previous || previous.endLine !== token.startLine;
            if (type === UNCLOSED_STRING.name) {
                push(...this.closeString(token, errors));
                continue;
            }
            if (type === 'ID') {
                const keyword = firstOnLine ? this.misspeltKeyword(token, input, i, depth) : this.misspeltDateKeyword(token, input[i + 1]);
                if (keyword) {
                    const where = !firstOnLine
                        ? 'before a date'
                        : depth === 0
                          ? 'at the start of a declaration'
                          : 'in the body of an institution';
                    errors.push(
                        errorAt(token, `'${token.image}' is not a keyword ${where}: did you mean '${keyword}'?`, {
                            text: keyword,
                            title: `Replace with '${keyword}'`
                        })
                    );
                    push(this.retyped(token, this.type(keyword)));
                    continue;
                }
            }
            // `group by kind` ends a view rule: the word after it is not the name of a kind.
            const declaring =
                previous &&
                DECLARING.has(previous.image) &&
                previous.tokenType.name === previous.image &&
                tokens[tokens.length - 2]?.image !== 'by';
            if (
                previous &&
                declaring &&
                token.startLine === previous.endLine &&
                token.tokenType.name !== 'ID' &&
                token.tokenType.name === token.image &&
                WORD.test(token.image)
            ) {
                const capital = capitalise(token.image);
                errors.push(
                    errorAt(
                        token,
                        `'${token.image}' is a reserved word of Polity, so it cannot name ${article(previous.image)}: choose another name, such as '${capital}'.`
                    )
                );
                push(this.retyped(token, this.type('ID')));
                continue;
            }
            push(token);
            const title = this.unquotedTitle(text, input, i, tokens, errors, depth);
            if (title) {
                push(title.token);
                i = title.last;
            }
        }
        return { ...result, tokens, errors };
    }

    /** A word at the start of a line where only a keyword fits, within two edits of exactly one keyword there. */
    private misspeltKeyword(token: IToken, input: readonly IToken[], i: number, depth: number): string | undefined {
        const next = input[i + 1];
        const after = input[i + 2];
        const sameLine = (t: IToken | undefined): t is IToken => t !== undefined && t.startLine === token.startLine;
        const nextType = sameLine(next) ? next.tokenType.name : undefined;
        const afterType = sameLine(after) ? after.tokenType.name : undefined;
        // Which keywords the rest of the line allows, given that the word is no name or verb (a fact would read on).
        let candidates: string[];
        if (depth === 0) {
            // `instituion X`, `instituion X "…"`, `instituion X {`: no fact has a subject, a verb and nothing more.
            if (nextType !== 'ID' || (afterType !== undefined && afterType !== 'STRING' && afterType !== '{' && afterType !== 'in'))
                return undefined;
            candidates = TOP_KEYWORDS;
        } else if (nextType === 'DATE' || nextType === 'circa') {
            candidates = ['established', 'dissolved'];
        } else if (nextType === 'STRING') {
            candidates = ['formerly'];
        } else if (nextType === 'ID' && (afterType === 'STRING' || afterType === '{')) {
            candidates = ['unit'];
        } else {
            return undefined;
        }
        return closest(token.image, candidates);
    }

    /** `leads cii sinc 2019`: no name is followed by a date, so a word before one is a misspelt keyword of a period. */
    private misspeltDateKeyword(token: IToken, next: IToken | undefined): string | undefined {
        if (!next || next.tokenType.name !== 'DATE' || next.startLine !== token.endLine) return undefined;
        return closest(token.image, DATE_KEYWORDS);
    }

    /** `institution X Federal Trade Commission {`: the words after the name, up to what may follow it, are a title without quotes. */
    private unquotedTitle(
        text: string,
        input: readonly IToken[],
        i: number,
        tokens: readonly IToken[],
        errors: SyntaxLexingError[],
        depth: number
    ): { token: IToken; last: number } | undefined {
        const name = input[i];
        const keyword = tokens[tokens.length - 2];
        if (
            !name ||
            name.tokenType.name !== 'ID' ||
            !keyword ||
            !DECLARING.has(keyword.image) ||
            keyword.tokenType.name !== keyword.image ||
            keyword.endLine !== name.startLine
        )
            return undefined;
        // Units are declared in bodies, everything else at the top level (`kind x` in a body names a kind, it has no title).
        if ((keyword.image === 'unit') !== depth > 0) return undefined;
        let last = i;
        for (let next = input[last + 1]; next; next = input[last + 1]) {
            // A declaration keyword starts the next declaration, not a word of this one's title.
            const declares = TOP_KEYWORDS.includes(next.image) && next.tokenType.name === next.image;
            if (next.startLine !== name.startLine || AFTER_NAME.has(next.tokenType.name) || !WORD.test(next.image) || declares) break;
            last++;
        }
        // A word followed by a dot (on any line) is the start of a qualified name: the subject of the next fact, not a title.
        const after = input[last + 1];
        if (after?.image === '.') return undefined;
        // Only before what follows a name on its line (`{`, `within`, …): at the end of a line the words may as well be the next fact.
        if (!after || after.startLine !== name.startLine || !AFTER_NAME.has(after.tokenType.name)) return undefined;
        const [first, ...others] = input.slice(i + 1, last + 1);
        const final = others.at(-1) ?? first;
        if (!first || !final) return undefined;
        const words = text.slice(first.startOffset, final.endOffset! + 1);
        const quoted = `"${words}"`;
        errors.push(
            errorAt(
                first,
                `A title is written in quotes, in ${article(keyword.image)} declaration: write ${quoted}.`,
                { text: quoted, title: `Put ${quoted} in quotes` },
                words.length
            )
        );
        return { token: this.spanning(first, final, quoted, this.type('STRING')), last };
    }

    /** The string up to the end of its line (without a `{` that ends the line: the body it opens), reported once at its quote. */
    private closeString(token: IToken, errors: SyntaxLexingError[]): IToken[] {
        const [, written = '', brace] = /^(.*?)(\s*\{\s*)?$/s.exec(token.image) ?? [];
        const content = written.trimEnd();
        const closed = `${content}"`;
        const place = (where: string) => `This string has no closing quote (${where}): end it with " where it ends.`;
        errors.push({ ...errorAt(token, place('in this file'), { text: closed, title: 'Add the closing quote' }, content.length), place });
        const string = {
            ...this.retyped(token, this.type('STRING')),
            image: closed,
            endOffset: token.startOffset + content.length - 1,
            endColumn: token.startColumn! + content.length - 1
        };
        if (!brace) return [string];
        const braceOffset = token.startOffset + token.image.indexOf('{', content.length);
        const column = token.startColumn! + (braceOffset - token.startOffset);
        return [
            string,
            createTokenInstance(this.type('{'), '{', braceOffset, braceOffset, token.startLine!, token.startLine!, column, column)
        ];
    }

    /** The grammar's token type of this name: the keywords and terminals these repairs produce all exist. */
    private type(name: string): TokenType {
        const type = this.types[name];
        if (!type) throw new Error(`the grammar has no token type '${name}'`);
        return type;
    }

    private retyped(token: IToken, type: TokenType): IToken {
        return { ...token, tokenType: type, tokenTypeIdx: type.tokenTypeIdx! };
    }

    private spanning(first: IToken, last: IToken, image: string, type: TokenType): IToken {
        return createTokenInstance(
            type,
            image,
            first.startOffset,
            last.endOffset!,
            first.startLine!,
            last.endLine!,
            first.startColumn!,
            last.endColumn!
        );
    }
}

/** The one keyword within two edits of the word, closer than any other. */
function closest(word: string, keywords: readonly string[]): string | undefined {
    const scored = keywords.map(k => ({ k, d: editDistance(word, k, 2) })).filter(s => s.d <= 2);
    const best = Math.min(...scored.map(s => s.d));
    return onlyElement(scored.filter(s => s.d === best))?.k;
}

function article(keyword: string): string {
    return /^[aeiou]/.test(keyword) ? `an ${keyword}` : `a ${keyword}`;
}

function errorAt(
    token: IToken,
    message: string,
    replacement?: SyntaxLexingError['replacement'],
    length = token.image.length
): SyntaxLexingError {
    return { offset: token.startOffset, line: token.startLine, column: token.startColumn, length, message, replacement };
}

/** Characters a newcomer types that Polity does not use, with their Unicode names and what to write instead. */
const CHARACTERS: Record<string, [string, string?]> = {
    ';': ['SEMICOLON', 'a line needs no terminator, remove it'],
    '#': ['NUMBER SIGN', 'comments start with //'],
    "'": ['APOSTROPHE', 'strings are written in double quotes'],
    '‘': ['LEFT SINGLE QUOTATION MARK', 'strings are written in straight double quotes (")'],
    '’': ['RIGHT SINGLE QUOTATION MARK', 'strings are written in straight double quotes (")'],
    '“': ['LEFT DOUBLE QUOTATION MARK', 'strings are written in straight double quotes (")'],
    '”': ['RIGHT DOUBLE QUOTATION MARK', 'strings are written in straight double quotes (")'],
    '«': ['LEFT-POINTING DOUBLE ANGLE QUOTATION MARK', 'strings are written in straight double quotes (")'],
    '»': ['RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK', 'strings are written in straight double quotes (")'],
    ':': ['COLON'],
    '!': ['EXCLAMATION MARK'],
    $: ['DOLLAR SIGN'],
    '%': ['PERCENT SIGN'],
    '&': ['AMPERSAND', 'separate names with commas'],
    '(': ['LEFT PARENTHESIS'],
    ')': ['RIGHT PARENTHESIS'],
    '+': ['PLUS SIGN'],
    '<': ['LESS-THAN SIGN'],
    '=': ['EQUALS SIGN'],
    '>': ['GREATER-THAN SIGN'],
    '?': ['QUESTION MARK'],
    '@': ['COMMERCIAL AT'],
    '\\': ['REVERSE SOLIDUS'],
    '^': ['CIRCUMFLEX ACCENT'],
    '`': ['GRAVE ACCENT'],
    '|': ['VERTICAL LINE'],
    '~': ['TILDE'],
    '/': ['SOLIDUS', 'comments start with //'],
    '-': ['HYPHEN-MINUS', 'a name may contain - but not start with it'],
    '–': ['EN DASH', 'a date range is written 1999..2001'],
    '—': ['EM DASH'],
    '…': ['HORIZONTAL ELLIPSIS'],
    '·': ['MIDDLE DOT'],
    '§': ['SECTION SIGN'],
    '€': ['EURO SIGN'],
    '£': ['POUND SIGN'],
    '°': ['DEGREE SIGN'],
    '{': ['LEFT CURLY BRACKET'],
    '\u00a0': ['NO-BREAK SPACE'],
    '\u200b': ['ZERO WIDTH SPACE', 'remove it'],
    '\ufeff': ['ZERO WIDTH NO-BREAK SPACE', 'remove it']
};

/** Chevrotain's "unexpected character: ->;<- at offset: 577, skipped 1 characters", in words. */
function describeCharacters(text: string, error: ILexingError): SyntaxLexingError {
    if (!/^unexpected character/.test(error.message)) return error;
    const char = String.fromCodePoint(text.codePointAt(error.offset)!);
    const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    const [name, hint] = CHARACTERS[char] ?? [];
    // A space is shown by its code alone: quoted, it would look like nothing (outputs escape the other invisible characters).
    const label = /\s/u.test(char) ? `${code}${name ? ` ${name}` : ''}` : `'${char}' (${code}${name ? ` ${name}` : ''})`;
    const more = error.length > char.length ? ` and the ${error.length - char.length} characters after it` : '';
    const place = (where: string) => `The character ${label}${more} is not part of Polity (${where})${hint ? `: ${hint}.` : '.'}`;
    return { ...error, place, message: place('in this file') };
}
