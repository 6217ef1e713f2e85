import { expectSymbols, expectWorkspaceSymbols } from 'langium/test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { createServices, TestWorkspace } from '../helpers.js';
import { FIRST_MODEL } from './fixtures.js';

const kindName = (kind: SymbolKind) => Object.entries(SymbolKind).find(([, v]) => v === kind)![0];

/** `name (detail) [kind]` with children indented: the outline as a reader sees it. */
function outline(symbols: DocumentSymbol[], depth = 0): string[] {
    return symbols.flatMap(s => [
        `${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''} [${kindName(s.kind)}]`,
        ...outline(s.children ?? [], depth + 1)
    ]);
}

describe('document symbols', () => {
    it('outlines declarations with titles, units and sub-mandates nested, former names left out', async () => {
        const { Polity } = createServices();
        await expectSymbols(Polity)({
            text: `${FIRST_MODEL}\nview overview "The system" {\n  include *\n}\nrelation hosts-event "hosts an event"\nkind office "Office" in party\n`,
            disposeAfterCheck: true,
            assert: symbols =>
                expect(outline(symbols)).toEqual([
                    "creemers2021 (Rogier Creemers, China's Cyber Governance Institutions, LeidenAsiaCentre, 2021) [File]",
                    'content (Online content management) [Function]',
                    'cii (Critical information infrastructure protection) [Function]',
                    'data (Data security) [Function]',
                    '  personal-data (Online personal data protection) [Function]',
                    'CCCI (Central Commission for Cybersecurity and Informatization) [Class]',
                    'CAC (Cyberspace Administration of China) [Class]',
                    'MPS (Ministry of Public Security) [Class]',
                    '  Bureau11 (Cybersecurity Protection Bureau) [Class]',
                    'MIIT (Ministry of Industry and Information Technology) [Class]',
                    'TC260 (National Information Security Standardization Technical Committee) [Class]',
                    'overview (The system) [Object]',
                    'hosts-event (hosts an event) [Operator]',
                    'office (Office) [TypeParameter]'
                ])
        });
    });

    it('gives the whole declaration as range and its name as selection range', async () => {
        const { Polity } = createServices();
        await expectSymbols(Polity)({
            text: 'institution MPS {\n  unit Bureau11\n}',
            disposeAfterCheck: true,
            expectedSymbols: [
                {
                    name: 'MPS',
                    detail: undefined,
                    kind: SymbolKind.Class,
                    range: { start: { line: 0, character: 0 }, end: { line: 2, character: 1 } },
                    selectionRange: { start: { line: 0, character: 12 }, end: { line: 0, character: 15 } },
                    children: [
                        {
                            name: 'Bureau11',
                            detail: undefined,
                            kind: SymbolKind.Class,
                            children: [],
                            range: { start: { line: 1, character: 2 }, end: { line: 1, character: 15 } },
                            selectionRange: { start: { line: 1, character: 7 }, end: { line: 1, character: 15 } }
                        }
                    ]
                }
            ]
        });
    });
});

describe('workspace symbols', () => {
    async function workspace() {
        const ws = new TestWorkspace();
        await ws.open({ 'model.polity': FIRST_MODEL, 'other.polity': 'model elsewhere\ninstitution Agency "Space agency"' });
        return ws;
    }

    it('matches names, titles and former names', async () => {
        const ws = await workspace();
        const query = (q: string, expectedSymbols: string[]) => expectWorkspaceSymbols(ws.services.shared)({ query: q, expectedSymbols });
        await query('Cyberspace', ['CAC — Cyberspace Administration of China']);
        await query('State Internet', ['CAC — Cyberspace Administration of China (formerly State Internet Information Office)']);
        await query('supervision', [
            'MPS.Bureau11 — Cybersecurity Protection Bureau (formerly Computer Management and Supervision Bureau)'
        ]);
        await query('Bureau11', ['MPS.Bureau11 — Cybersecurity Protection Bureau']);
        await query('space', ['CAC — Cyberspace Administration of China', 'Agency — Space agency']);
    });

    it('points at the declared name, with its model as container and its kind', async () => {
        const ws = await workspace();
        await expectWorkspaceSymbols(ws.services.shared)({
            query: 'Space agency',
            expectedSymbols: [
                {
                    name: 'Agency — Space agency',
                    kind: SymbolKind.Class,
                    containerName: 'elsewhere',
                    location: {
                        uri: ws.uri('other.polity').toString(),
                        range: { start: { line: 1, character: 12 }, end: { line: 1, character: 18 } }
                    }
                }
            ]
        });
    });

    it('lists every declaration, the prelude included, for an empty query', async () => {
        const ws = await workspace();
        await expectWorkspaceSymbols(ws.services.shared)({
            query: '',
            assert: symbols => {
                expect(symbols.map(s => s.name)).toEqual(
                    expect.arrayContaining([
                        'cii — Critical information infrastructure protection',
                        'oversees — oversees',
                        'director — Director'
                    ])
                );
                // The model's declarations, then the prelude's: 3 roles, 23 kinds, 9 relation kinds, 11 posts.
                expect(symbols).toHaveLength(11 + 1 + 3 + 23 + 9 + 11);
            }
        });
    });
});
