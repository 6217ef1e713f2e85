import { expectFindReferences, expectGoToDefinition, parseDocument } from 'langium/test';
import { ResponseError, type Location, type LocationLink } from 'vscode-languageserver';
import { beforeEach, describe, expect, it } from 'vitest';
import { PRELUDE_TEXT, PRELUDE_URI } from '../../src/language/prelude.js';
import { createServices, TestWorkspace } from '../helpers.js';
import { offsetOf } from './fixtures.js';
import { applyEdit } from './workspace-edits.js';

let services: ReturnType<typeof createServices>;
beforeEach(() => {
    services = createServices();
});

const definition = (text: string, rangeIndex = 0) =>
    expectGoToDefinition(services.Polity)({ text, index: 0, rangeIndex, disposeAfterCheck: true });
const references = (text: string, includeDeclaration: boolean) =>
    expectFindReferences(services.Polity)({ text, includeDeclaration, disposeAfterCheck: true });

/** The position `offset` characters into the `occurrence`-th `needle` in a workspace file. */
function positionIn(ws: TestWorkspace, name: string, needle: string, occurrence = 0, offset = 0) {
    const document = ws.document(name).textDocument;
    return document.positionAt(offsetOf(document.getText(), needle, occurrence) + offset);
}

const FILES = {
    'mandates.polity': 'model china.cyber\nmandate cii "CII protection"\n',
    'state.polity':
        'model china.cyber\ninstitution CAC {\n  leads cii\n}\ninstitution MPS {\n  leads cii\n  unit Bureau11\n}\nMPS oversees MPS.Bureau11\n',
    'other.polity':
        'model elsewhere\ninstitution Watcher {\n  oversees china.cyber.CAC\n  advises china.cyber.MPS.Bureau11\n  supports china.cyber.cii\n}\n'
};

describe('go to definition', () => {
    it('goes from a reference to the declaration', async () => {
        await definition('mandate <|cii|>\ninstitution A { leads <|>cii }');
    });

    it('goes to the segment of a qualified name under the cursor', async () => {
        await definition('institution <|MPS|> { unit <|Bureau11|> }\ninstitution A { oversees MPS.<|>Bureau11 }', 1);
        await definition('institution <|MPS|> { unit <|Bureau11|> }\ninstitution A { oversees M<|>PS.Bureau11 }', 0);
    });

    it('goes into the prelude for built-in kinds and relation kinds', async () => {
        const document = await parseDocument(services.Polity, 'institution A\ninstitution B { oversees A }');
        const offset = document.textDocument.getText().indexOf('oversees') + 2;
        const links = (await services.Polity.lsp.DefinitionProvider!.getDefinition(document, {
            textDocument: { uri: document.uri.toString() },
            position: document.textDocument.positionAt(offset)
        })) as LocationLink[];
        expect(links).toHaveLength(1);
        expect(links[0]?.targetUri).toBe(PRELUDE_URI.toString());
        const line = PRELUDE_TEXT.split('\n')[links[0]?.targetSelectionRange.start.line ?? -1] ?? '';
        expect(line.slice(links[0]?.targetSelectionRange.start.character, links[0]?.targetSelectionRange.end.character)).toBe('oversees');
        expect(services.shared.workspace.LangiumDocuments.getDocument(PRELUDE_URI)?.textDocument.getText()).toBe(PRELUDE_TEXT);
    });

    it('goes across files and models', async () => {
        const ws = new TestWorkspace();
        await ws.open(FILES);
        const document = ws.document('other.polity');
        const links = (await ws.Polity.lsp.DefinitionProvider!.getDefinition(document, {
            textDocument: { uri: document.uri.toString() },
            position: positionIn(ws, 'other.polity', 'Bureau11', 0, 2)
        })) as LocationLink[];
        expect(links.map(l => [l.targetUri, l.targetSelectionRange.start])).toEqual([
            [ws.uri('state.polity').toString(), { line: 6, character: 7 }]
        ]);
    });
});

describe('find references', () => {
    it('finds every use of a mandate, with or without its declaration', async () => {
        const text =
            'mandate <|cii|>\ninstitution A { leads <|c<|>ii|> }\ninstitution B { shares <|cii|> with A }\ndispute <|cii|> between A, B';
        await references(text, true);
        await references(text.replace('mandate <|cii|>', 'mandate cii'), false);
    });

    it('finds qualified references to a unit', async () => {
        await references(
            'institution MPS { unit <|Bure<|>au11|> }\nMPS oversees <|MPS.Bureau11|>\ninstitution A { advises <|MPS.Bureau11|> }',
            true
        );
    });

    it('finds references in other files and models', async () => {
        const ws = new TestWorkspace();
        await ws.open(FILES);
        const document = ws.document('mandates.polity');
        const found = (await ws.Polity.lsp.ReferencesProvider!.findReferences(document, {
            textDocument: { uri: document.uri.toString() },
            position: positionIn(ws, 'mandates.polity', 'cii'),
            context: { includeDeclaration: false }
        })) as Location[];
        expect(found.map(l => `${l.uri.slice(l.uri.lastIndexOf('/') + 1)}:${l.range.start.line}`).sort()).toEqual([
            'other.polity:4',
            'state.polity:2',
            'state.polity:5'
        ]);
    });
});

describe('rename', () => {
    async function rename(ws: TestWorkspace, name: string, needle: string, newName: string, occurrence = 0, offset = 0) {
        const document = ws.document(name);
        return ws.Polity.lsp.RenameProvider!.rename(document, {
            textDocument: { uri: document.uri.toString() },
            position: positionIn(ws, name, needle, occurrence, offset),
            newName
        });
    }

    it('renames a declaration and its references in every file, keeping qualifiers', async () => {
        const ws = new TestWorkspace();
        await ws.open(FILES);
        const texts = await applyEdit(ws, await rename(ws, 'state.polity', 'CAC', 'CyberAdmin'));
        expect(texts['state.polity']).toContain('institution CyberAdmin {');
        expect(texts['other.polity']).toContain('oversees china.cyber.CyberAdmin\n');
        // The conflict over cii was there before; nothing new, nothing unresolved.
        expect(ws.codes('state.polity')).toEqual(['conflict', 'conflict']);
        expect(ws.codes('other.polity')).toEqual([]);
    });

    it('still finds every reference after an edit moved the declaration', async () => {
        const ws = new TestWorkspace();
        await ws.open(FILES);
        await ws.edit('state.polity', FILES['state.polity'].replace('institution CAC {', 'institution New\ninstitution CAC {'));
        const texts = await applyEdit(ws, await rename(ws, 'state.polity', 'CAC', 'CyberAdmin'));
        expect(texts['other.polity']).toContain('oversees china.cyber.CyberAdmin\n');
        expect(ws.codes('other.polity')).toEqual([]);
    });

    it('renames an institution in the qualified names of its units', async () => {
        const ws = new TestWorkspace();
        await ws.open(FILES);
        const texts = await applyEdit(ws, await rename(ws, 'state.polity', 'MPS oversees', 'PoliceMinistry', 0, 1));
        expect(texts['state.polity']).toContain('institution PoliceMinistry {');
        expect(texts['state.polity']).toContain('PoliceMinistry oversees PoliceMinistry.Bureau11');
        expect(texts['other.polity']).toContain('advises china.cyber.PoliceMinistry.Bureau11');
        expect(ws.codes('state.polity')).toEqual(['conflict', 'conflict']);
        expect(ws.codes('other.polity')).toEqual([]);
    });

    it('renames a unit from a segment of a qualified reference', async () => {
        const ws = new TestWorkspace();
        await ws.open(FILES);
        const texts = await applyEdit(ws, await rename(ws, 'other.polity', 'Bureau11', 'CyberPolice', 0, 3));
        expect(texts['state.polity']).toContain('unit CyberPolice\n');
        expect(texts['state.polity']).toContain('MPS oversees MPS.CyberPolice');
        expect(texts['other.polity']).toContain('advises china.cyber.MPS.CyberPolice');
        expect(ws.codes('other.polity')).toEqual([]);
    });

    it('renames a mandate from a reference', async () => {
        const ws = new TestWorkspace();
        await ws.open(FILES);
        const texts = await applyEdit(ws, await rename(ws, 'state.polity', 'cii', 'infrastructure'));
        expect(texts['mandates.polity']).toContain('mandate infrastructure "CII protection"');
        expect(texts['other.polity']).toContain('supports china.cyber.infrastructure');
        expect(ws.codes('state.polity')).toEqual(['conflict', 'conflict']);
    });

    it("renames a role from its use, in bodies and at the top level, and refuses the prelude's roles", async () => {
        const ws = new TestWorkspace();
        await ws.open({
            'roles.polity': 'model r\nrole regulates "Regulator" exclusive\nmandate m',
            'uses.polity': 'model r\ninstitution A { regulates m }\ninstitution B { leads m }\nB reportedly regulates m since 2020'
        });
        const texts = await applyEdit(ws, await rename(ws, 'uses.polity', 'regulates', 'supervises'));
        expect(texts['roles.polity']).toContain('role supervises "Regulator" exclusive');
        expect(texts['uses.polity']).toBe(
            'model r\ninstitution A { supervises m }\ninstitution B { leads m }\nB reportedly supervises m since 2020'
        );
        expect(ws.codes('uses.polity')).toEqual(['conflict', 'conflict']);
        const refused = await rename(ws, 'uses.polity', 'leads', 'heads').then(
            () => undefined,
            (e: unknown) => e
        );
        expect((refused as ResponseError<unknown>).message).toBe(
            "'leads' is built into Polity and cannot be renamed. To use another name, declare your own role in your model."
        );
    });

    it('refuses prelude names, invalid names and names already taken, with a reason', async () => {
        const ws = new TestWorkspace();
        await ws.open(FILES);
        const refused = async (promise: Promise<unknown>) => {
            const error = await promise.then(
                () => undefined,
                (e: unknown) => e
            );
            expect(error).toBeInstanceOf(ResponseError);
            return (error as ResponseError<unknown>).message;
        };
        expect(await refused(rename(ws, 'state.polity', 'oversees', 'watches'))).toBe(
            "'oversees' is built into Polity and cannot be renamed. To use another name, declare your own relation kind in your model."
        );
        const document = ws.document('state.polity');
        expect(
            await refused(
                Promise.resolve().then(() =>
                    ws.Polity.lsp.RenameProvider!.prepareRename(document, {
                        textDocument: { uri: document.uri.toString() },
                        position: positionIn(ws, 'state.polity', 'oversees')
                    })
                )
            )
        ).toContain('built into Polity');
        expect(await refused(rename(ws, 'state.polity', 'CAC', 'two words'))).toContain("'two words' is not a valid name");
        expect(await refused(rename(ws, 'state.polity', 'CAC', 'contests'))).toContain("'contests' is not a valid name");
        expect(await refused(rename(ws, 'state.polity', 'CAC', 'MPS'))).toBe(
            "'MPS' is already declared here; pick a name that is not taken."
        );
    });

    it('prepares a rename on the segment under the cursor only', async () => {
        const ws = new TestWorkspace();
        await ws.open(FILES);
        const document = ws.document('other.polity');
        const at = (needle: string, offset: number) =>
            ws.Polity.lsp.RenameProvider!.prepareRename(document, {
                textDocument: { uri: document.uri.toString() },
                position: positionIn(ws, 'other.polity', needle, 0, offset)
            });
        expect(await at('china.cyber.MPS', 13)).toEqual({ start: { line: 3, character: 22 }, end: { line: 3, character: 25 } });
        expect(await at('china.cyber.MPS', 1)).toBeUndefined();
    });
});
