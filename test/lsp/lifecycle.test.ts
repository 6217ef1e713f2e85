import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import {
    DidChangeConfigurationNotification,
    DidChangeWatchedFilesNotification,
    DidCloseTextDocumentNotification,
    DocumentFormattingRequest,
    FileChangeType,
    HoverRequest,
    RenameRequest,
    type Diagnostic,
    type Hover,
    type MarkupContent,
    type TextEdit,
    type WorkspaceEdit
} from 'vscode-languageserver-protocol';
import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/language/format/text.js';
import { createPolityServices } from '../../src/language/module.js';
import { codeOf } from '../helpers.js';
import { fileDocument, positionOf, type LspSession } from '../support/lsp-client.js';
import { serverPerTest } from '../support/server-per-test.js';

const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x', 'polity', 1, text), edits);
const unresolved = (diagnostics: Diagnostic[]) => diagnostics.filter(d => codeOf(d) === 'unresolved');

/**
 * The document life cycle over stdio, as an editor drives it: edits,
 * closes, files changed and deleted on disk, workspace edits applied to files
 * that are not open. Every answer must come from the text the client has.
 */
describe('the language server follows the documents as the client has them', () => {
    const servers = serverPerTest();

    async function start(): Promise<{ session: LspSession; dir: string }> {
        const dir = servers.copy('examples/china-cyber');
        const session = servers.start();
        await session.initialize(dir);
        return { session, dir };
    }

    const changed = (session: LspSession, changes: { uri: string; type: FileChangeType }[]) =>
        session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });

    it('formats from the parse of the text it edits, right after a rename was applied to files that are not open', async () => {
        const { session, dir } = await start();
        const disputes = fileDocument(path.join(dir, 'disputes.polity'));
        const published = session.nextDiagnostics(disputes.uri);
        await session.open(disputes.uri, disputes.text);
        await published;
        await session.settle();

        // Rename CAC, applying the edit as an editor does: files not open are written and reported as changed.
        const rename = await session.request<WorkspaceEdit>(
            RenameRequest.method,
            {
                textDocument: { uri: disputes.uri },
                position: positionOf(disputes.text, 'between CAC', 'between '.length),
                newName: 'CyberAdmin'
            },
            20_000
        );
        const others = Object.entries(rename.changes ?? {}).filter(([uri]) => uri !== disputes.uri);
        expect(others.length).toBeGreaterThan(1);
        for (const [uri, edits] of others) {
            const file = fileURLToPath(uri);
            writeFileSync(file, apply(readFileSync(file, 'utf8'), edits));
        }
        void changed(
            session,
            others.map(([uri]) => ({ uri, type: FileChangeType.Changed }))
        );
        const renamed = apply(disputes.text, rename.changes?.[disputes.uri] ?? []);
        void session.change(disputes.uri, renamed);
        // …and at once an edit that moves every offset, and Format Document.
        const edited = `// reviewed\n  ${renamed}`;
        void session.change(disputes.uri, edited);
        const edits = await session.request<TextEdit[]>(
            DocumentFormattingRequest.method,
            {
                textDocument: { uri: disputes.uri },
                options: { tabSize: 2, insertSpaces: true }
            },
            30_000
        );

        const fresh = formatText(edited);
        expect(fresh.ok).toBe(true);
        expect(apply(edited, edits)).toBe(fresh.text);
        expect(apply(edited, edits).split('\n').length).toBe(edited.split('\n').length);
    }, 60_000);

    it('shows the file on disk again when an edited document is closed', async () => {
        const { session, dir } = await start();
        const state = fileDocument(path.join(dir, 'state.polity'));
        const views = fileDocument(path.join(dir, 'views.polity'));
        await session.open(views.uri, views.text);
        const clean = await session.nextDiagnostics(views.uri);
        expect(unresolved(clean)).toEqual([]);

        // The open text drops CAC (views.polity names it) and adds an error of its own.
        const broken = state.text.replace(/institution CAC\b/, 'institution CyberAdmin') + '\ninstitution Broken { established 2014-13 }\n';
        const viewsBreak = session.nextDiagnostics(views.uri, 30_000, d => unresolved(d).length > 0);
        const stateErrors = session.nextDiagnostics(state.uri, 30_000, d => d.some(x => String(x.message).includes('2014-13')));
        await session.open(state.uri, broken);
        await stateErrors;
        await viewsBreak;

        // Closing discards the editor text: its error goes, and views.polity resolves CAC in the file on disk again.
        const stateClean = session.nextDiagnostics(state.uri, 30_000, d => !d.some(x => String(x.message).includes('2014-13')));
        const viewsClean = session.nextDiagnostics(views.uri, 30_000, d => unresolved(d).length === 0);
        await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: state.uri } });
        await stateClean;
        await viewsClean;
    }, 60_000);

    it('keeps an open document when its file is deleted on disk, and drops it when it is closed', async () => {
        const { session, dir } = await start();
        const disputes = fileDocument(path.join(dir, 'disputes.polity'));
        const extra = pathToFileURL(path.join(dir, 'extra.polity')).toString();
        // A new file, open and saved, that declares a mandate disputes.polity will use.
        const extraText = 'model china.cyber\n\nmandate quantum "Quantum networks"\n\ninstitution QA { leads quantum }\n';
        writeFileSync(fileURLToPath(extra), extraText);
        await session.open(extra, extraText);
        await session.open(disputes.uri, `${disputes.text}\ninstitution QB { leads quantum }\n`);
        await session.nextDiagnostics(disputes.uri, 30_000, d => unresolved(d).length === 0 && d.some(x => codeOf(x) === 'conflict'));

        rmSync(fileURLToPath(extra));
        await changed(session, [{ uri: extra, type: FileChangeType.Deleted }]);
        const hover = await session.request<Hover | null>(
            HoverRequest.method,
            {
                textDocument: { uri: extra },
                position: positionOf(extraText, 'quantum "')
            },
            20_000
        );
        expect((hover?.contents as MarkupContent | undefined)?.value).toContain('Quantum networks');
        await session.settle();
        expect(unresolved(session.diagnostics.get(disputes.uri) ?? [])).toEqual([]);

        // Closed with no file behind it, the document leaves the workspace: its diagnostics are cleared and its names are gone.
        const cleared = session.nextDiagnostics(extra, 30_000, d => d.length === 0);
        const missing = session.nextDiagnostics(disputes.uri, 30_000, d => unresolved(d).length > 0);
        await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: extra } });
        await cleared;
        await missing;
    }, 60_000);

    it('still checks an edit that a settings change interrupted', async () => {
        const { session, dir } = await start();
        const state = fileDocument(path.join(dir, 'state.polity'));
        await session.open(state.uri, state.text);
        await session.nextDiagnostics(state.uri);
        await session.settle();
        for (let round = 0; round < 5; round++) {
            const text = `${state.text}\ninstitution Rival${round} { established 2014-13 leads cii }\n`;
            const checked = session.nextDiagnostics(
                state.uri,
                30_000,
                d =>
                    d.some(x => String(x.message).includes('2014-13')) &&
                    d.some(x => x.severity === (round % 2 ? 2 : 1) && codeOf(x) === 'conflict')
            );
            // The edit, and at once a settings change, whose re-validation cancels the edit's update.
            await session.change(state.uri, text);
            await session.connection.sendNotification(DidChangeConfigurationNotification.type, {
                settings: { polity: { conflicts: { severity: round % 2 ? 'warning' : 'error' } } }
            });
            await checked;
            await session.change(state.uri, state.text);
            await session.settle();
        }
    }, 120_000);
});

describe('a file that vanishes while the server reads it', () => {
    it('reads as empty until its deletion arrives, instead of failing the whole build', async () => {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'polity-vanish-'));
        try {
            const { shared } = createPolityServices(NodeFileSystem);
            const files = { 'a.polity': 'model m\nmandate x "X"\n', 'b.polity': 'model m\ninstitution B { leads x }\n' };
            for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
            const [a, b] = [URI.file(path.join(dir, 'a.polity')), URI.file(path.join(dir, 'b.polity'))];
            const documents = await Promise.all([a, b].map(uri => shared.workspace.LangiumDocuments.getOrCreateDocument(uri)));
            await shared.workspace.DocumentBuilder.build(documents, { validation: true });
            // a.polity changes and is deleted before the update reads it: the editor closed and deleted it at once.
            rmSync(path.join(dir, 'a.polity'));
            await shared.workspace.DocumentBuilder.update([a, b], []);
            expect(documents[1]?.diagnostics?.map(codeOf)).toEqual(['unresolved']);
            await shared.workspace.DocumentBuilder.update([], [a]);
            expect(shared.workspace.LangiumDocuments.hasDocument(a)).toBe(false);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
