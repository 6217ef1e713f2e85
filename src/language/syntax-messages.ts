import { EOF, type IToken, type TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';
import { DATE_FORMS } from '../model/dates.js';
import { editDistance } from '../model/suggest.js';
import { capitalise } from '../text/capitalise.js';

/**
 * The parser's errors in words, from what it expected and the token it
 * found, never Chevrotain's text. Each says what is wrong and what to write;
 * syntax-recovery.ts puts the construct in front ("In a dispute: …"), from
 * the rule stack of the error.
 */

/** What each terminal is, in words. */
const TERMINALS: Record<string, string> = {
    ID: 'a name',
    DATE: `a date (${DATE_FORMS})`,
    STRING: 'a quoted string ("…")',
    EOF: 'the end of the file'
};

export function tokenTypeInWords(type: TokenType): string {
    return TERMINALS[type.name] ?? `'${type.name}'`;
}

export function foundInWords(token: IToken): string {
    if (token.tokenType === EOF || token.image === '') return 'the end of the file';
    if (token.tokenType.name === 'STRING') return `the string ${token.image}`;
    return `'${token.image}'`;
}

function isKeyword(type: TokenType): boolean {
    return TERMINALS[type.name] === undefined && /^\p{L}/u.test(type.name);
}

/** The expected keyword within two edits of a word found instead ("did you mean 'leads'?"), when exactly one is closest. */
export function closestKeyword(found: IToken, expected: readonly TokenType[]): string | undefined {
    if (found.tokenType.name !== 'ID') return undefined;
    const scored = expected
        .filter(isKeyword)
        .map(t => ({ keyword: t.name, distance: editDistance(found.image, t.name, 2) }))
        .filter(s => s.distance <= 2);
    const best = Math.min(...scored.map(s => s.distance));
    const closest = [...new Set(scored.filter(s => s.distance === best).map(s => s.keyword))];
    return closest.length === 1 ? closest[0] : undefined;
}

function listInWords(types: readonly TokenType[]): string {
    const words = [...new Set(types.map(tokenTypeInWords))];
    return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The messages, keyed on what the parser saw. */
export class PolityParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    /** The keyword each misspelt word (by offset) probably is, for the quick fix; filled while one text is parsed. */
    readonly keywordAt = new Map<number, string>();

    override buildMismatchTokenMessage({
        expected,
        actual
    }: {
        expected: TokenType;
        actual: IToken;
        previous: IToken;
        ruleName: string;
    }): string {
        return this.expectedMessage([expected], actual);
    }

    override buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken; ruleName: string }): string {
        if (firstRedundant.tokenType.name === '}') return `'}' closes nothing here: remove it, or check the '{' before it.`;
        return `${capitalise(foundInWords(firstRedundant))} cannot start a declaration: a line starts with a keyword such as 'institution' or 'mandate', or with an institution's name.`;
    }

    override buildNoViableAltMessage({
        expectedPathsPerAlt,
        actual
    }: {
        expectedPathsPerAlt: TokenType[][][];
        actual: IToken[];
        previous: IToken;
        customUserDescription?: string;
        ruleName: string;
    }): string {
        return this.expectedMessage(expectedPathsPerAlt.flatMap(firstTokens), lookahead(actual));
    }

    override buildEarlyExitMessage({
        expectedIterationPaths,
        actual,
        ruleName
    }: {
        expectedIterationPaths: TokenType[][];
        actual: IToken[];
        previous: IToken;
        customUserDescription?: string;
        ruleName: string;
    }): string {
        const found = lookahead(actual);
        if (ruleName.replace(/\u200B$/, '') === 'Dispute') {
            const separator =
                found.tokenType !== EOF &&
                found.startLine !== undefined &&
                ['ID', 'and', '&', ';'].includes(found.tokenType.name === 'ID' ? 'ID' : found.image);
            return separator
                ? `separate the parties with commas (between A, B), not with ${foundInWords(found)}.`
                : 'name at least two parties, separated by commas (between A, B).';
        }
        return this.expectedMessage(firstTokens(expectedIterationPaths), found);
    }

    private expectedMessage(expected: readonly TokenType[], found: IToken): string {
        const keyword = closestKeyword(found, expected);
        if (keyword) {
            this.keywordAt.set(found.startOffset, keyword);
            return `'${found.image}' is not a keyword here: did you mean '${keyword}'?`;
        }
        if (expected.some(t => t.name === 'ID') && isKeyword(found.tokenType)) {
            const capital = capitalise(found.image);
            return `'${found.image}' is a reserved word of Polity and cannot be a name here: choose another name, such as '${capital}'.`;
        }
        if (expected.some(t => t.name === '}') && (found.tokenType === EOF || found.image === '')) {
            return `the end of the file comes before the closing '}': add '}' to close the body.`;
        }
        return `expected ${listInWords(expected)}, but found ${foundInWords(found)}.`;
    }
}

/** The token each path starts with (an empty path starts with none). */
function firstTokens(paths: readonly TokenType[][]): TokenType[] {
    return paths.flatMap(path => path.slice(0, 1));
}

/** The token the parser found: Chevrotain passes its lookahead, at least one token (EOF at the end). */
function lookahead(actual: readonly IToken[]): IToken {
    const [found] = actual;
    if (!found) throw new Error('the parser reported an error without the token it found');
    return found;
}
