import { describe, expect, it } from 'vitest';
import { checkText, TestWorkspace } from '../helpers.js';

describe('smoke', () => {
    it('resolves prelude kinds and reports a conflict', async () => {
        const { codes } = await checkText(`mandate cii
institution A { kind ministry leads cii }
institution B { kind ministri leads cii }`);
        expect(codes).toEqual(['conflict', 'conflict', 'unresolved']);
    });

    it('keeps cross-file conflicts fresh in a file that references neither edit', async () => {
        const ws = new TestWorkspace();
        await ws.open({
            'm.polity': 'model x\nmandate cii',
            'a.polity': 'model x\ninstitution A { leads cii }',
            'b.polity': 'model x\ninstitution B { leads cii }'
        });
        expect(ws.codes('a.polity')).toEqual(['conflict']);
        expect(ws.codes('b.polity')).toEqual(['conflict']);
        await ws.edit('a.polity', 'model x\ninstitution A { supports cii }');
        expect(ws.codes('a.polity')).toEqual([]);
        expect(ws.codes('b.polity')).toEqual([]);
        await ws.edit('a.polity', 'model x\ninstitution A { leads cii }');
        expect(ws.codes('b.polity')).toEqual(['conflict']);
    });
});
