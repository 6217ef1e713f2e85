import { expectFoldings } from 'langium/test';
import { FoldingRangeKind } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { createServices } from '../helpers.js';

describe('folding', () => {
    const { Polity } = createServices();

    it('folds institution, unit, mandate and view blocks, block comments and runs of line comments; not a claim over three lines', async () => {
        await expectFoldings(Polity)({
            text: `model m
<|/**
 * The regulator.|>
 */
<|institution A "A" {
  kind ministry
  <|unit B {
    established 2001
    leads cii|>
  }
  leads cii, data
    since 2014
    [s "p. 1"]|>
}
<|// ---- Mandates ----
// Competence areas the report names.
// Grouped by theme.|>
<|mandate data {
  mandate cii
  mandate personal|>
}
<|view v {
  include *
  at 2019|>
}
institution C { leads data }
source s
`,
            disposeAfterCheck: true
        });
    });

    it('marks comments as comment folds and keeps the closing brace visible', async () => {
        await expectFoldings(Polity)({
            text: '/*\n a\n b\n*/\ninstitution A {\n  kind ministry\n  established 2001\n}\n',
            disposeAfterCheck: true,
            assert: foldings =>
                expect(foldings.map(f => [f.startLine, f.endLine, f.kind])).toEqual([
                    [0, 2, FoldingRangeKind.Comment],
                    [4, 6, undefined]
                ])
        });
    });

    it('does not fold a trailing comment on each of three lines', async () => {
        await expectFoldings(Polity)({
            text: 'institution A { leads x // one\n}\ninstitution B { leads x // two\n}\ninstitution C { leads x // three\n}\n',
            disposeAfterCheck: true,
            assert: foldings => expect(foldings).toEqual([])
        });
    });
});
