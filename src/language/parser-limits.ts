import {
    createParser,
    DefaultLexer,
    LangiumCompletionParser,
    LangiumParser,
    type AstNode,
    type LangiumCoreServices,
    type LexerResult,
    type ParseResult,
    type ParserOptions,
    type TokenizeOptions
} from 'langium';

import { SyntaxRepairs } from './syntax-lexer.js';
import type { PolityParserErrorMessageProvider } from './syntax-messages.js';
import { containSyntaxErrors } from './syntax-recovery.js';

type ParserError = ParseResult['parserErrors'][number];
type Token = LexerResult['tokens'][number];

/**
 * How deep braces may nest (units of units, mandates in mandates). The parser
 * descends recursively and overflowed the stack at 200–300 levels, its error
 * recovery already at 80–90; real models use a handful.
 */
export const MAX_NESTING = 32;

/**
 * The longest file read, in characters (about 10 MB). Langium keeps ~1.5 KB
 * per line of model: a 50 MB file would need gigabytes and minutes; the
 * largest real models are a few MB, over many files.
 */
export const MAX_FILE_CHARS = 10_000_000;

/**
 * The index of the first `{` token nested deeper than `limit`, -1 if none.
 * Counted on the lexer's own tokens, which are exactly what the parser
 * reads: a scan of the text would have to agree with the lexer on every
 * string, comment and stray character (a lone `"`, a `//` comment ended by
 * `\r`, a `\` before a line break), and each disagreement let nesting through.
 */
function tooDeepAt(tokens: readonly Token[], limit = MAX_NESTING): number {
    let depth = 0;
    for (const [i, token] of tokens.entries()) {
        const type = token.tokenType.name;
        if (type === '{') {
            if (++depth > limit) return i;
        } else if (type === '}' && depth > 0) {
            depth--;
        }
    }
    return -1;
}

export const NESTING_MESSAGE = `Nested more than ${MAX_NESTING} levels deep: the text from here on is not read. Models need only a few levels (a unit of a unit); flatten the structure.`;

/**
 * Langium's lexer, with the nesting limit: the tokens end before the first
 * `{` nested too deep, which is reported as a lexing error there. Every
 * parser (the document's and completion's) reads from this lexer, so none
 * descends deeper than the limit; the positions of the tokens read stay those of the text.
 */
export class PolityLexer extends DefaultLexer {
    private readonly repairs = new SyntaxRepairs(this.definition);
    /** The tokens of the text tokenized last, which the parser's error containment reads (parsing is synchronous). */
    lastResult: LexerResult | undefined;

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        this.lastResult = this.cut(this.repairs.repair(text, super.tokenize(text, options)));
        return this.lastResult;
    }

    private cut(result: LexerResult): LexerResult {
        const cut = tooDeepAt(result.tokens);
        const brace = result.tokens[cut];
        if (!brace) return result;
        const before = (offset: number) => offset < brace.startOffset;
        return {
            ...result,
            tokens: result.tokens.slice(0, cut),
            hidden: result.hidden.filter(t => before(t.startOffset)),
            errors: [
                ...result.errors.filter(e => before(e.offset)),
                { offset: brace.startOffset, length: 1, line: brace.startLine, column: brace.startColumn, message: NESTING_MESSAGE }
            ]
        };
    }
}

/** A syntax error at `offset`, in the form Langium reports parser errors. */
function errorAt(text: string, offset: number, name: string, message: string): ParserError {
    const before = text.slice(0, offset).split(/\r\n|\r|\n/);
    const line = before.length;
    const column = (before.at(-1) ?? '').length + 1;
    const token = {
        image: text.charAt(offset),
        startOffset: offset,
        endOffset: offset,
        startLine: line,
        endLine: line,
        startColumn: column,
        endColumn: column
    } as ParserError['token'];
    return { name, message, token, resyncedTokens: [], context: { ruleStack: [], ruleOccurrenceStack: [] } };
}

/**
 * Langium's parser, guarded: a file too large is not read, and reported as
 * a syntax error instead of running out of memory (nesting is limited by
 * the lexer, see {@link PolityLexer}).
 */
export class PolityParser extends LangiumParser {
    private readonly messages: PolityParserErrorMessageProvider;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.messages = services.parser.ParserErrorMessageProvider as PolityParserErrorMessageProvider;
    }

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        if (input.length <= MAX_FILE_CHARS) {
            const messages = this.messages;
            messages.keywordAt.clear();
            const result = super.parse<T>(input, options);
            const lexer = this.lexer as PolityLexer;
            if (lexer.lastResult) containSyntaxErrors(result, lexer.lastResult, messages.keywordAt);
            // Not kept: a large file's tokens would stay in memory until the next parse.
            lexer.lastResult = undefined;
            return result;
        }
        const result = super.parse<T>('', options);
        const size = (input.length / 1_000_000).toFixed(1);
        result.parserErrors.push(
            errorAt(
                input,
                0,
                'FileTooLarge',
                `This file has ${size} million characters; Polity reads files of up to ${MAX_FILE_CHARS / 1_000_000} million (about ${MAX_FILE_CHARS / 1_000_000} MB). Split it into several files of one model.`
            )
        );
        return result;
    }
}

/** The parser behind completion, guarded the same way (it parses the text before the cursor). */
export class PolityCompletionParser extends LangiumCompletionParser {
    override parse(input: string): ReturnType<LangiumCompletionParser['parse']> {
        return super.parse(input.length > MAX_FILE_CHARS ? '' : input);
    }
}

export function createPolityParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParser(services.Grammar, new PolityParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

export function createPolityCompletionParser(services: LangiumCoreServices): LangiumCompletionParser {
    const parser = createParser(services.Grammar, new PolityCompletionParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}
