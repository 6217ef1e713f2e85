import { describe, expect, it } from 'vitest';
import { GraphvizRenderer } from '../../src/diagram/render.js';
import { outputCases, outputProblems } from './outputs.js';

/**
 * A short run of fuzzer (c) on every `npm test`: models full of noncharacters,
 * controls, bidi controls, lone surrogates and markup, through every output
 * format. `npm run fuzz` runs more (see test/fuzz/cli.ts).
 */
describe('output fuzz', () => {
    it('keeps every output format well-formed and every payload inert for 12 random models', async () => {
        const renderer = new GraphvizRenderer();
        const failures: string[] = [];
        for (const fuzzCase of outputCases(1, 12)) {
            const problems = await outputProblems(fuzzCase, renderer);
            if (problems.length > 0) failures.push(`case ${fuzzCase.index}: ${problems.join('; ')}`);
        }
        expect(failures).toEqual([]);
    }, 120_000);
});
