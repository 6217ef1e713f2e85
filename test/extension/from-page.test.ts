import { describe, expect, it } from 'vitest';
import { pageMessage, revealTarget } from '../../src/extension/from-page.js';
import type { Location } from '../../src/model/types.js';

/** What the extension takes from the preview page, which shows model text and so is not trusted. */
const CAC: Location = { uri: 'file:///models/state.polity', range: { start: { line: 3, character: 0 }, end: { line: 9, character: 1 } } };
const SOURCES: Record<string, Location> = { 'institution:china.cyber.CAC': CAC };

describe('a reveal from the preview page', () => {
    it('opens only a declaration of the diagram the extension sent, looked up by element id', () => {
        expect(revealTarget(SOURCES, 'institution:china.cyber.CAC')).toEqual(CAC);
        expect(revealTarget(SOURCES, 'institution:china.cyber.MPS')).toBeUndefined();
        expect(revealTarget(undefined, 'institution:china.cyber.CAC')).toBeUndefined();
        for (const inherited of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
            expect(revealTarget(SOURCES, inherited)).toBeUndefined();
    });

    it('takes no range that is not made of line and character numbers', () => {
        const broken = (range: unknown) => ({ id: { uri: CAC.uri, range } as Location });
        for (const range of [
            { start: { line: -1, character: 0 }, end: CAC.range.end },
            { start: { line: 1.5, character: 0 }, end: CAC.range.end },
            { start: CAC.range.start, end: { line: 2 ** 60, character: 0 } },
            { start: { line: '3', character: 0 }, end: CAC.range.end },
            { start: CAC.range.start },
            undefined
        ])
            expect(revealTarget(broken(range), 'id'), JSON.stringify(range)).toBeUndefined();
    });

    it('reads only the messages the page may send, with only their known fields', () => {
        expect(pageMessage({ type: 'reveal', id: 'institution:china.cyber.CAC' })).toEqual({
            type: 'reveal',
            id: 'institution:china.cyber.CAC'
        });
        // The old form, a place of the page's choosing, is not accepted.
        expect(pageMessage({ type: 'reveal', uri: 'file:///etc/passwd', range: CAC.range })).toBeUndefined();
        expect(pageMessage({ type: 'reveal', id: 42 })).toBeUndefined();
        expect(pageMessage({ type: 'select', view: 'cac', at: '2020', uri: 'file:///x' })).toEqual({
            type: 'select',
            view: 'cac',
            at: '2020'
        });
        expect(pageMessage({ type: 'select', view: { toString: 'x' } })).toBeUndefined();
        expect(pageMessage({ type: 'export', path: '/tmp/x' })).toEqual({ type: 'export' });
        expect(pageMessage({ type: 'ready' })).toEqual({ type: 'ready' });
        expect(pageMessage({ type: 'ready', tab: 'matrix' })).toEqual({ type: 'ready', tab: 'matrix' });
        expect(pageMessage({ type: 'ready', tab: 'cells' })).toEqual({ type: 'ready' });
        expect(pageMessage({ type: 'tab', tab: 'timeline', extra: 1 })).toEqual({ type: 'tab', tab: 'timeline' });
        expect(pageMessage({ type: 'tab', tab: 'toString' })).toBeUndefined();
        for (const raw of [undefined, null, 'reveal', 7, [], { type: 'open' }, { type: '__proto__' }])
            expect(pageMessage(raw), JSON.stringify(raw)).toBeUndefined();
    });
});
