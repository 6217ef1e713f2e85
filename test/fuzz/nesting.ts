import fc from 'fast-check';
import { DefaultLexer, EmptyFileSystem } from 'langium';
import { MAX_NESTING, NESTING_MESSAGE } from '../../src/language/parser-limits.js';
import { createPolityServices } from '../../src/language/module.js';
import { describe, InProcessStages } from './stages.js';

/**
 * Fuzzer (b): the nesting limit against the real lexer. Random token soups,
 * rich in what a scan of the characters and the lexer may read differently
 * (stray quotes and backslashes, comments ended by `\r`, unclosed block
 * comments, line breaks of every kind) around runs of braces near the limit
 * and far past it. For each soup, the parser must cut the text exactly where
 * the generated lexer's own tokens first nest deeper than the limit (or not
 * at all), parsing and completing must not throw, and checking the soup must
 * neither throw nor fail inside a check.
 */

const PIECES = [
    '{',
    '}',
    '{',
    '}',
    'mandate',
    'unit',
    'institution',
    'view',
    'source',
    'a',
    'B.c',
    '2014',
    'leads',
    '[',
    ']',
    ',',
    '.',
    '*',
    '"',
    '"s"',
    '"a\\"b"',
    '"\\\\"',
    '\\',
    '\\\n',
    '"x\\\n',
    '//c\n',
    '//c\r',
    '//c\r\n',
    '// {\r',
    '/*',
    '*/',
    '/* { */',
    '/*\r}*/',
    ' ',
    '\t',
    '\n',
    '\r',
    '\r\n',
    '\u2028',
    '\u0085',
    '\u00a0',
    '\uFEFF',
    'é',
    '\u0000'
];

/** A run of `n` opening braces, bare or as mandates and units, as deep nesting is written. */
const run = fc
    .tuple(
        fc.oneof(fc.integer({ min: MAX_NESTING - 3, max: MAX_NESTING + 3 }), fc.integer({ min: 0, max: 300 })),
        fc.constantFrom('{', 'mandate a { ', 'unit u {\n', '{ "" ')
    )
    .map(([n, opening]) => opening.repeat(n));

export const soup: fc.Arbitrary<string> = fc
    .tuple(
        fc.array(fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: run }), { maxLength: 120 }),
        fc.constantFrom('', ' ')
    )
    .map(([pieces, separator]) => pieces.join(separator));

/** The reference: the offset of the first `{` the generated lexer reads deeper than the limit, -1 if none. */
function deepestBraceOffset(tokens: readonly { image: string; startOffset: number; tokenType: { name: string } }[]): number {
    const open: number[] = [];
    for (const token of tokens) {
        if (token.tokenType.name === '{') {
            open.push(token.startOffset);
            if (open.length > MAX_NESTING) return token.startOffset;
        } else if (token.tokenType.name === '}') {
            open.pop();
        }
    }
    return -1;
}

export class NestingOracle {
    private readonly services = createPolityServices(EmptyFileSystem).Polity;
    private readonly plainLexer = new DefaultLexer(this.services);
    private readonly stages = new InProcessStages();
    private checked = 0;

    /** What is wrong with how the soup is read; nothing when the verdict matches. `check` also builds it as a document. */
    async problems(text: string, check = true): Promise<string[]> {
        const problems: string[] = [];
        const expected = deepestBraceOffset(this.plainLexer.tokenize(text).tokens);
        try {
            const result = this.services.parser.LangiumParser.parse(text);
            const cuts = result.lexerErrors.filter(e => e.message === NESTING_MESSAGE).map(e => e.offset);
            const actual = cuts.length === 0 ? -1 : cuts[0];
            if (cuts.length > 1) problems.push(`the nesting limit was reported ${cuts.length} times`);
            if (actual !== expected)
                problems.push(`the nesting limit cut at offset ${actual}, the lexer's tokens first nest too deep at ${expected}`);
            for (const cursor of [text.length, Math.floor(text.length / 2)])
                this.services.parser.CompletionParser.parse(text.slice(0, cursor));
        } catch (error) {
            problems.push(`parsing threw: ${describe(error)}`);
        }
        if (check) {
            const fuzzCase = { index: this.checked++, origin: 'token soup', text };
            const { problems: found, document } = await this.stages.check(fuzzCase, 60_000);
            problems.push(...found);
            await this.stages.forget(document);
        }
        return problems;
    }
}

export interface NestingFuzzReport {
    cases: number;
    /** The first failing soup, shrunk by fast-check to a small one that still fails. */
    failure?: { text: string; problems: string[] };
    seconds: number;
}

export async function runNestingFuzz(options: { seed: number; cases: number }): Promise<NestingFuzzReport> {
    const start = performance.now();
    const oracle = new NestingOracle();
    const details = await fc.check(
        fc.asyncProperty(soup, async text => (await oracle.problems(text)).length === 0),
        { seed: options.seed, numRuns: options.cases }
    );
    const text = details.counterexample?.[0];
    const failure = text === undefined ? undefined : { text, problems: await oracle.problems(text) };
    return { cases: details.numRuns, failure, seconds: (performance.now() - start) / 1000 };
}
