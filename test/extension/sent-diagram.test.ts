import { describe, expect, it } from 'vitest';
import type { DiagramSuccess } from '../../src/diagram/protocol.js';
import { SentDiagram } from '../../src/extension/sent-diagram.js';

/** A diagram answer as the server sends it; `svg` tells them apart. */
function answer(svg: string): DiagramSuccess {
    return {
        svg,
        sources: {},
        names: {},
        details: {},
        links: [],
        legend: [],
        title: 'Model',
        at: '2020',
        direction: 'down',
        views: [{ name: 'overview', title: 'Overview' }],
        dates: { min: '1990', max: '2026-12-02' }
    };
}

/** What the preview posts to its page for each answer (src/extension/preview.ts). */
describe('the picture the preview page was sent', () => {
    it('sends an answer equal to the last one sent as unchanged, with the view and date asked for', () => {
        const sent = new SentDiagram();
        expect(sent.message(answer('<svg>a</svg>'), 'overview', undefined)).toMatchObject({ type: 'diagram', view: 'overview' });
        // Another request (after an error in between, say) gets the same picture back: an equal object, not the same one.
        expect(sent.message(answer('<svg>a</svg>'), 'overview', '2020')).toEqual({ type: 'unchanged', view: 'overview', at: '2020' });
    });

    it('sends a different answer in full, and the next equal one as unchanged again', () => {
        const sent = new SentDiagram();
        sent.message(answer('<svg>a</svg>'), undefined, undefined);
        const changed = sent.message(answer('<svg>b</svg>'), undefined, undefined);
        expect(changed).toEqual({ type: 'diagram', diagram: answer('<svg>b</svg>'), view: undefined, at: undefined });
        expect(sent.message(answer('<svg>b</svg>'), undefined, undefined).type).toBe('unchanged');
        // Back to the first picture: the page no longer has it.
        expect(sent.message(answer('<svg>a</svg>'), undefined, undefined).type).toBe('diagram');
    });

    it('sends the picture in full to a page that starts afresh', () => {
        const sent = new SentDiagram();
        sent.message(answer('<svg>a</svg>'), undefined, undefined);
        sent.forget();
        expect(sent.message(answer('<svg>a</svg>'), undefined, undefined).type).toBe('diagram');
    });
});
