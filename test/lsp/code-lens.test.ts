import { describe, expect, it } from 'vitest';
import { TestWorkspace } from '../helpers.js';
import { FIRST_MODEL } from './fixtures.js';

async function lenses(files: Record<string, string>, name: string): Promise<string[]> {
    const ws = new TestWorkspace();
    await ws.open(files);
    const document = ws.document(name);
    const found =
        (await ws.Polity.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } })) ?? [];
    const lines = document.textDocument.getText().split('\n');
    return found.map(lens => {
        const { start, end } = lens.range;
        expect(lens.command?.command).toBe('');
        return `${lines[start.line]?.slice(start.character, end.character)}: ${lens.command?.title}`;
    });
}

describe('code lens', () => {
    it('sums up mandates and institutions of the reference model', async () => {
        expect(await lenses({ 'model.polity': FIRST_MODEL }, 'model.polity')).toEqual([
            'content: led by CAC · coordinated by 1',
            'cii: led by CAC, MPS · coordinated by 1 · 1 conflict',
            'data: shared by 2 · coordinated by 1',
            'personal-data: led by CAC',
            'CCCI: 3 mandates',
            'CAC: oversees 1 · 4 mandates',
            'MPS: oversees 1 · 1 unit · 2 mandates',
            'MIIT: oversees 1'
            // TC260 and MPS.Bureau11 neither claim nor oversee anything: no lens.
        ]);
    });

    it('counts supporters and conflicts across files, and says when nobody claims a mandate', async () => {
        expect(
            await lenses(
                {
                    'mandates.polity': 'model m\nmandate cii\nmandate idle',
                    'a.polity': 'model m\ninstitution A { leads cii }\ninstitution B { leads cii\n supports cii }',
                    'c.polity': 'model m\ninstitution C { supports cii }\ninstitution D { shares cii with C }'
                },
                'mandates.polity'
            )
        ).toEqual(['cii: led by A, B · shared by 1 · supported by 2 · 3 conflicts', 'idle: no claims']);
    });

    it('keeps a lost turf battle in sight: who contests the mandate, even when nobody else claims it', async () => {
        expect(
            await lenses(
                {
                    'm.polity':
                        'mandate mlps\nmandate idle\ninstitution MPS { leads mlps }\ninstitution CAC { contests mlps, idle since 2014 }\ninstitution MIIT { reportedly contests mlps }'
                },
                'm.polity'
            ).then(found => found.slice(0, 2))
        ).toEqual(['mlps: led by MPS · contested by CAC, MIIT', 'idle: contested by CAC']);
    });
});
