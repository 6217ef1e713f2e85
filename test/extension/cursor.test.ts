import { describe, expect, it } from 'vitest';
import { nodeAt, nodeDeclaredAt } from '../../src/extension/cursor.js';

const at = (line: number, start: number, end: number) => ({
    uri: 'file:///m/state.polity',
    range: { start: { line, character: start }, end: { line, character: end } }
});
const shown = {
    names: { 'institution:m.CAC': ['CAC'], 'institution:m.MPS': ['MPS'] },
    sources: {
        'institution:m.CAC': at(3, 12, 15),
        'institution:m.MPS': at(9, 12, 15),
        'relation:m.CAC:polity.oversees:m.MPS': at(3, 0, 40)
    }
};

describe("the preview's node under the editor's cursor", () => {
    it('is the node whose declared name the cursor is on, at either end of it, and only a node', () => {
        expect(nodeAt(shown, 'file:///m/state.polity', { line: 3, character: 12 })).toBe('institution:m.CAC');
        expect(nodeAt(shown, 'file:///m/state.polity', { line: 3, character: 15 })).toBe('institution:m.CAC');
        expect(nodeAt(shown, 'file:///m/state.polity', { line: 3, character: 20 })).toBeUndefined();
        expect(nodeAt(shown, 'file:///m/other.polity', { line: 9, character: 13 })).toBeUndefined();
        expect(nodeAt(undefined, 'file:///m/state.polity', { line: 9, character: 13 })).toBeUndefined();
    });

    it('is the node declared where the name under the cursor is defined', () => {
        expect(nodeDeclaredAt(shown, [at(9, 12, 15)])).toBe('institution:m.MPS');
        expect(nodeDeclaredAt(shown, [at(20, 0, 3)])).toBeUndefined();
    });
});
