import { DefaultTokenBuilder, GrammarUtils, type GrammarAST } from 'langium';
import type { TokenType } from 'chevrotain';

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
    const start = new RegExp(`^(?:${regex.source})`, regex.flags);
    const result: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
        const inSurrogates = code >= HIGH_SURROGATES.from && code <= HIGH_SURROGATES.to;
        if (inSurrogates || start.test(String.fromCharCode(code))) result.push(code);
    }
    return result;
}
