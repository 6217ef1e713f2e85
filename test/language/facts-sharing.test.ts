import { describe, expect, it } from 'vitest';
import { URI } from 'langium';
import { loadTexts } from '../../src/cli/workspace.js';
import { documentFacts } from '../../src/language/facts.js';

/**
 * The facts of every document live beside every syntax tree at the peak of
 * `polity check` (src/cli/batch.ts), so what repeats in a document is one
 * immutable object in its facts, not a copy per line.
 */
describe('facts share what repeats', () => {
    const text = [
        'model m',
        'mandate m1 "One"',
        'mandate m2 "Two"',
        'source s1 "A source"',
        'institution A "A" { kind ministry since 2016 }',
        'institution B "B" { kind ministry since 2016 }',
        'A leads m1, m2 from 2016 to 2020 [s1]',
        'B leads m1 from 2016 to 2020',
        'B leads m2 from 2016 to 2020'
    ].join('\n');

    async function facts() {
        const { documents } = await loadTexts([{ uri: URI.file('/shared/m.polity'), text }]);
        const [document] = documents;
        if (!document) throw new Error('not loaded');
        expect(document.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
        return documentFacts(document, () => undefined);
    }

    it('one use object per declaration, however often it is named', async () => {
        const { uses } = await facts();
        const m1 = uses.filter(u => u.key === 'm.m1');
        expect(m1.length).toBe(2);
        expect(new Set(m1).size).toBe(1);
        expect(new Set(uses).size).toBe(new Set(uses.map(u => u.key)).size);
    });

    it('one period object per period written alike; each line keeps its own location', async () => {
        const { claims } = await facts();
        expect(claims.length).toBe(4);
        expect(new Set(claims.map(c => c.period.period)).size).toBe(1);
        expect(new Set(claims.map(c => c.period.loc?.range.start.line)).size).toBe(3);
    });

    it("a line's objects share its period, citations and extent", async () => {
        const [first, second] = (await facts()).claims;
        expect(first?.mandate).toBe('m.m1');
        expect(second?.mandate).toBe('m.m2');
        expect(second?.period).toBe(first?.period);
        expect(second?.citations).toBe(first?.citations);
        expect(second?.extent).toBe(first?.extent);
        expect(first?.citations.length).toBe(1);
    });
});
