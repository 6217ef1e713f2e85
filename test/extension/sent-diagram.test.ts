import { describe, expect, it } from 'vitest';
import type { DiagramSuccess } from '../../src/diagram/protocol.js';
import { SentDiagram } from '../../src/extension/sent-diagram.js';

/** A diagram answer as the server sends it, named by its digest. */
function answer(digest: string): DiagramSuccess {
    return {
        svg: `<svg>${digest}</svg>`,
        sources: {},
        names: {},
        details: {},
        links: [],
        legend: [],
        title: 'Model',
        at: '2020',
        direction: 'down',
        views: [{ name: 'overview', title: 'Overview' }],
        dates: { min: '1990', max: '2026-12-02' },
        digest
    };
}

/** What the preview asks for and posts to its page for each answer (src/extension/preview.ts). */
describe('the picture the preview page was sent', () => {
    it('names the picture sent in the next request, and passes an "unchanged" answer on as unchanged', () => {
        const sent = new SentDiagram();
        expect(sent.shown).toBeUndefined();
        expect(sent.message(answer('a'), 'overview', undefined)).toEqual({
            type: 'diagram',
            diagram: answer('a'),
            view: 'overview',
            chartsOnRequest: true
        });
        expect(sent.shown).toBe('a');
        expect(sent.message({ unchanged: 'a' }, 'overview', '2020')).toEqual({ type: 'unchanged', view: 'overview', at: '2020' });
        expect(sent.shown).toBe('a');
        expect(sent.message(answer('b'), undefined, undefined)?.type).toBe('diagram');
        expect(sent.shown).toBe('b');
    });

    it("asks for the charts only while the page shows a chart's tab, and again when the picture it has came without them", () => {
        const sent = new SentDiagram();
        expect(sent.wantsCharts).toBe(false);
        sent.message(answer('a'), undefined, undefined);
        expect(sent.lacksCharts).toBe(false);
        sent.showTab('matrix');
        expect([sent.wantsCharts, sent.lacksCharts]).toEqual([true, true]);
        const charted = { ...answer('b'), charts: {} as DiagramSuccess['charts'] };
        sent.message(charted, undefined, undefined);
        expect(sent.lacksCharts).toBe(false);
        // The same picture, charts and all.
        sent.message({ unchanged: 'b' }, undefined, undefined);
        expect(sent.lacksCharts).toBe(false);
        sent.showTab('diagram');
        expect([sent.wantsCharts, sent.lacksCharts]).toEqual([false, false]);
        // An answer asked for on the diagram's tab: a turn to the timeline meanwhile asks again.
        sent.showTab('timeline');
        sent.message(answer('c'), undefined, undefined);
        expect(sent.lacksCharts).toBe(true);
        // A page loaded again on the matrix's tab asks for them with its first picture.
        sent.forget('matrix');
        expect([sent.shown, sent.wantsCharts, sent.lacksCharts]).toEqual([undefined, true, true]);
    });

    it('asks again for a picture the page no longer has: it started afresh while the request was out', () => {
        const sent = new SentDiagram();
        sent.message(answer('a'), undefined, undefined);
        sent.forget();
        expect(sent.shown).toBeUndefined();
        expect(sent.message({ unchanged: 'a' }, undefined, undefined)).toBeUndefined();
    });
});
