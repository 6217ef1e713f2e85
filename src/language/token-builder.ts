import { DefaultTokenBuilder, GrammarUtils, type Grammar, type GrammarAST, type TokenBuilderOptions } from 'langium';
import type { TokenType, TokenVocabulary } from 'chevrotain';
import { UNCLOSED_STRING } from './syntax-lexer.js';

/**
 * Names may use any Unicode letter (`Présidence`), so the ID terminal is a
 * `u` regex, which Chevrotain cannot analyse: Langium then matches it with a
 * function. Two things are lost and given back here: keywords must know that
 * an ID may continue them (`person` is a keyword, `personal` a name), and the
 * lexer's first-character optimisation needs to be told where such a token
 * can start.
 */
export class PolityTokenBuilder extends DefaultTokenBuilder {
    private readonly unicode = new Map<TokenType, RegExp>();

    /** The grammar's tokens, and after STRING the shape of a string without its closing quote (see syntax-lexer.ts). */
    override buildTokens(grammar: Grammar, options?: TokenBuilderOptions): TokenVocabulary {
        const tokens = super.buildTokens(grammar, options) as TokenType[];
        const string = tokens.findIndex(t => t.name === 'STRING');
        return [...tokens.slice(0, string + 1), UNCLOSED_STRING, ...tokens.slice(string + 1)];
    }

    protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
        const token = super.buildTerminalToken(terminal);
        if (typeof token.PATTERN === 'function') {
            const regex = GrammarUtils.terminalRegex(terminal);
            this.unicode.set(token, regex);
            token.START_CHARS_HINT = startCharacters(regex);
        }
        return token;
    }

    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        const alternatives = super.findLongerAlt(keyword, terminalTokens);
        for (const token of terminalTokens) {
            const regex = this.unicode.get(token);
            if (regex && new RegExp(`^(?:${regex.source})$`, regex.flags).test(keyword.value)) alternatives.push(token);
        }
        return alternatives;
    }
}

const HIGH_SURROGATES = { from: 0xd800, to: 0xdbff };

/** Every UTF-16 code unit a match can start with: those that match alone, and every high surrogate (letters beyond the BMP). */
function startCharacters(regex: RegExp): number[] {
    // A pattern that starts with a literal character (STRING's quote) starts only there: it may need more than one character to match.
    if (/^[^[\](){}\\.|?*+^$]/.test(regex.source)) return [regex.source.charCodeAt(0)];
    const start = new RegExp(`^(?:${regex.source})`, regex.flags);
    const result: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
        const inSurrogates = code >= HIGH_SURROGATES.from && code <= HIGH_SURROGATES.to;
        if (inSurrogates || start.test(String.fromCharCode(code))) result.push(code);
    }
    return result;
}
