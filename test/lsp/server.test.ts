import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
    CodeLensRequest,
    CompletionRequest,
    ErrorCodes,
    DefinitionRequest,
    DocumentSymbolRequest,
    HoverRequest,
    RenameRequest,
    ResponseError,
    WorkspaceSymbolRequest,
    type CodeLens,
    type CompletionList,
    type DocumentSymbol,
    type Hover,
    type LocationLink,
    type MarkupContent,
    type WorkspaceEdit,
    type WorkspaceSymbol
} from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRELUDE_FILE_URI } from '../../src/language/prelude.js';
import { codeOf } from '../helpers.js';
import { fileDocument, positionOf, startBundledServer, startCliServer, tempCopy, type LspSession } from '../support/lsp-client.js';

/** Deterministic garbage: Polity's own words and punctuation shuffled, braces unbalanced. */
function garbage(length: number, seed = 7): string {
    const pieces = [
        'institution',
        'mandate',
        '{',
        '{',
        '}',
        '"',
        'leads',
        ' ',
        '\n',
        'CAC',
        '[',
        '2014-13',
        'shares',
        'with',
        ',',
        '.',
        '/*',
        '//',
        'model',
        '*'
    ];
    let state = seed;
    let text = '';
    while (text.length < length) {
        state = (state * 1103515245 + 12345) % 2147483648;
        text += pieces[state % pieces.length];
    }
    return text;
}

describe('the bundled language server over stdio, on a copy of the flagship example', () => {
    let session: LspSession;
    let folder: { dir: string; remove: () => void };
    let state: { uri: string; text: string };
    const file = (name: string) => fileDocument(path.join(folder.dir, name));

    beforeAll(async () => {
        folder = tempCopy('examples/china-cyber');
        state = file('state.polity');
        session = startBundledServer();
        await session.initialize(folder.dir);
    }, 60_000);

    afterAll(async () => {
        await session?.stop();
        folder?.remove();
    });

    const request = <R>(method: string, params: unknown) => session.request<R>(method, params, 20_000);
    const at = (document: { uri: string; text: string }, needle: string, offset = 0, occurrence = 0) => ({
        textDocument: { uri: document.uri },
        position: positionOf(document.text, needle, offset, occurrence)
    });

    it('publishes the diagnostics of an opened file, recorded disputes as information', async () => {
        const disputes = file('disputes.polity');
        const published = session.nextDiagnostics(disputes.uri);
        await session.open(disputes.uri, disputes.text);
        const diagnostics = await published;
        expect(diagnostics.map(codeOf)).toContain('dispute');
        expect(diagnostics.filter(d => codeOf(d) === 'dispute').every(d => d.severity === 3)).toBe(true);
        await session.open(state.uri, state.text);
    });

    it('completes mandates with their titles', async () => {
        const list = await request<CompletionList>(CompletionRequest.method, at(state, 'leads cii', 6));
        const cii = list.items.find(i => i.label === 'cii');
        expect(cii?.detail).toBe('Critical information infrastructure protection');
        expect(list.items.map(i => i.label)).toContain('personal-data');
    });

    it('hovers with the title, kind and former names', async () => {
        const hover = await request<Hover>(HoverRequest.method, at(state, 'institution CAC', 13));
        const value = (hover.contents as MarkupContent).value;
        expect(value).toMatch(/^\*\*CAC\*\* — Cyberspace Administration of China/);
        expect(value).toContain('administration (state)');
        expect(value).toContain('Formerly *State Internet Information Office');
    });

    it('goes to the prelude for a built-in kind', async () => {
        const links = await request<LocationLink[]>(DefinitionRequest.method, at(state, 'kind administration', 6));
        expect(links.map(l => l.targetUri)).toEqual([PRELUDE_FILE_URI.toString()]);
    });

    it('renames across files, and refuses built-in names with a message', async () => {
        const edit = await request<WorkspaceEdit>(RenameRequest.method, { ...at(state, 'institution CAC', 13), newName: 'CyberAdmin' });
        const files = Object.keys(edit.changes ?? {}).map(uri => uri.slice(uri.lastIndexOf('/') + 1));
        expect(files).toEqual(expect.arrayContaining(['state.polity', 'relations.polity', 'disputes.polity']));
        expect(
            Object.values(edit.changes!)
                .flat()
                .every(e => e.newText === 'CyberAdmin')
        ).toBe(true);
        const refused = await request(RenameRequest.method, { ...at(state, 'kind administration', 6), newName: 'admin' }).catch(
            (e: unknown) => e
        );
        expect(refused).toBeInstanceOf(ResponseError);
        expect((refused as ResponseError<unknown>).message).toContain("'administration' is built into Polity");
    });

    it('finds symbols by former name and shows code lenses', async () => {
        const symbols = await request<WorkspaceSymbol[]>(WorkspaceSymbolRequest.method, { query: 'State Internet' });
        expect(symbols.map(s => s.name)).toEqual([
            expect.stringMatching(/^CAC — Cyberspace Administration of China \(formerly State Internet/)
        ]);
        const mandates = file('mandates.polity');
        await session.open(mandates.uri, mandates.text);
        const lenses = await request<CodeLens[]>(CodeLensRequest.method, { textDocument: { uri: mandates.uri } });
        expect(lenses.map(l => l.command?.title)).toContain('led by CAC, MPS · 1 conflict');
    });

    it('survives a malformed document and answers about it', async () => {
        const uri = pathToFileURL(path.join(folder.dir, 'broken.polity')).toString();
        for (const text of [
            garbage(4000),
            'model china.cyber\ninstitution X {\n  leads cii {{{\n  "unterminated\n',
            '}}}} ]]] institution'
        ]) {
            const published = session.nextDiagnostics(uri);
            if (text.startsWith('model')) await session.change(uri, text);
            else await session.open(uri, text);
            expect((await published).map(codeOf)).toContain('syntax');
            const position = { line: 0, character: 3 };
            await request(HoverRequest.method, { textDocument: { uri }, position });
            await request(CompletionRequest.method, { textDocument: { uri }, position });
            await request<DocumentSymbol[]>(DocumentSymbolRequest.method, { textDocument: { uri } });
        }
        const hover = await request<Hover>(HoverRequest.method, at(state, 'institution MPS', 13));
        expect((hover.contents as MarkupContent).value).toContain('Ministry of Public Security');
        expect(session.alive).toBe(true);
    });

    it('answers a request for a file it does not know, and keeps answering', async () => {
        const unknown = pathToFileURL(path.join(folder.dir, 'nowhere.polity')).toString();
        const answer = await request(HoverRequest.method, { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }).then(
            () => undefined,
            (error: unknown) => error
        );
        // An error response (not a timeout, not a bogus result) that says what was missing.
        expect(answer).toBeInstanceOf(ResponseError);
        expect((answer as ResponseError<unknown>).code).toBe(ErrorCodes.InvalidParams);
        expect((answer as ResponseError<unknown>).message).toBe(
            `${unknown} is not a Polity document of this workspace: it is neither open nor a .polity file in the workspace folders.`
        );
        const hover = await request<Hover>(HoverRequest.method, at(state, 'institution MPS', 13));
        expect((hover.contents as MarkupContent).value).toContain('Ministry of Public Security');
        expect(session.alive).toBe(true);
    });
});

describe('`polity lsp` starts the same server', () => {
    let session: LspSession;

    beforeAll(async () => {
        session = startCliServer();
        await session.initialize();
    }, 60_000);

    afterAll(async () => {
        await session?.stop();
    });

    it('checks an opened document and hovers in it', async () => {
        const uri = 'file:///tmp/polity-cli-lsp/model.polity';
        // Prelude names resolve without a workspace folder too.
        const text =
            'mandate cii "CII protection"\ninstitution A "Agency A" { kind agency leads cii }\ninstitution B { leads cii oversees A }\n';
        const published = session.nextDiagnostics(uri);
        await session.open(uri, text);
        expect((await published).map(codeOf)).toEqual(['conflict', 'conflict']);
        const hover = await session.request<Hover>(HoverRequest.method, { textDocument: { uri }, position: positionOf(text, 'A "', 0) });
        expect((hover.contents as MarkupContent).value).toMatch(/^\*\*A\*\* — Agency A/);
    });
});
