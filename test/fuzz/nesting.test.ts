import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaledTimeout } from './budget.js';
import { NestingOracle, soup } from './nesting.js';

/** A seeded slice of fuzzer (b) on every `npm test`; `npm run fuzz` runs more soups (see test/fuzz/cli.ts). */
describe('the nesting limit on random token soups', () => {
    const oracle = new NestingOracle();

    it(
        'cuts where the lexer first nests too deep, and nothing throws',
        async () => {
            await fc.assert(
                fc.asyncProperty(soup, async text => {
                    expect(await oracle.problems(text)).toEqual([]);
                }),
                { seed: 1, numRuns: 200 }
            );
        },
        scaledTimeout(120_000)
    );

    it('cuts after each text that a scan of the characters read differently', async () => {
        const deep = 'mandate a { '.repeat(40);
        for (const prefix of ['"', '// c\r', '"x\\\n', '/* c', 'é"\u2028']) {
            expect(await oracle.problems(prefix + deep), JSON.stringify(prefix)).toEqual([]);
        }
    });
});
