import {
    createParser, LangiumCompletionParser, LangiumParser, type AstNode, type LangiumCoreServices, type ParseResult,
    type ParserOptions
} from 'langium';

type ParserError = ParseResult['parserErrors'][number];

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

/** The offset of the first `{` nested deeper than `limit`, outside strings and comments; -1 if none. */
export function tooDeepAt(text: string, limit = MAX_NESTING): number {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22 /* " */) {
            for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
                if (text.charCodeAt(i) === 0x5c /* \ */) i++;
            }
        } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
            while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
        } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
            const end = text.indexOf('*/', i + 2);
            i = end < 0 ? text.length : end + 1;
        } else if (c === 0x7b /* { */) {
            if (++depth > limit) return i;
        } else if (c === 0x7d /* } */ && depth > 0) {
            depth--;
        }
    }
    return -1;
}

/** The text with everything from `offset` on blanked, line breaks kept, so that every position still matches. */
function blankFrom(text: string, offset: number): string {
    return text.slice(0, offset) + text.slice(offset).replace(/[^\r\n]/g, ' ');
}

/** A syntax error at `offset`, in the form Langium reports parser errors. */
function errorAt(text: string, offset: number, name: string, message: string): ParserError {
    const before = text.slice(0, offset).split(/\r\n|\r|\n/);
    const line = before.length;
    const column = before[before.length - 1].length + 1;
    const token = { image: text.charAt(offset), startOffset: offset, endOffset: offset, startLine: line, endLine: line, startColumn: column, endColumn: column } as ParserError['token'];
    return { name, message, token, resyncedTokens: [], context: { ruleStack: [], ruleOccurrenceStack: [] } };
}

/**
 * Langium's parser, guarded: a file too large is not read, and text nested
 * too deep is cut off; both are reported as syntax errors instead of running
 * out of memory or overflowing the stack.
 */
export class PolityParser extends LangiumParser {
    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        if (input.length > MAX_FILE_CHARS) {
            const result = super.parse<T>('', options);
            const size = (input.length / 1_000_000).toFixed(1);
            result.parserErrors.push(errorAt(input, 0, 'FileTooLarge',
                `This file has ${size} million characters; Polity reads files of up to ${MAX_FILE_CHARS / 1_000_000} million (about ${MAX_FILE_CHARS / 1_000_000} MB). Split it into several files of one model.`));
            return result;
        }
        const offset = tooDeepAt(input);
        if (offset < 0) return super.parse<T>(input, options);
        const result = super.parse<T>(blankFrom(input, offset), options);
        result.parserErrors.push(errorAt(input, offset, 'NestingTooDeep',
            `Nested more than ${MAX_NESTING} levels deep: the text from here on is not read. Models need only a few levels (a unit of a unit); flatten the structure.`));
        return result;
    }
}

/** The parser behind completion, guarded the same way (it parses the text before the cursor). */
export class PolityCompletionParser extends LangiumCompletionParser {
    override parse(input: string): ReturnType<LangiumCompletionParser['parse']> {
        if (input.length > MAX_FILE_CHARS) return super.parse('');
        const offset = tooDeepAt(input);
        return super.parse(offset < 0 ? input : blankFrom(input, offset));
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
