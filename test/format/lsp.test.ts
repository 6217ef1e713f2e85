import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'langium';
import { DocumentFormattingRequest, DocumentRangeFormattingRequest, type TextEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatText } from '../../src/language/format/text.js';
import { startBundledServer, type LspSession } from '../support/lsp-client.js';

const MESSY = readFileSync(path.join(import.meta.dirname, 'fixtures', 'messy.polity'), 'utf8');

describe('formatting through the bundled language server over stdio', () => {
    let session: LspSession;
    let dir: string;
    const uri = (name: string) => pathToFileURL(path.join(dir, name)).toString();
    const options = { tabSize: 4, insertSpaces: true };
    // Formatting is asked for once the server has taken the document in (its first diagnostics), as an editor's
    // format-on-save would be; a request racing the didOpen can meet a server that does not know the file yet.
    const open = async (name: string, text: string) => {
        const published = session.nextDiagnostics(uri(name));
        await session.open(uri(name), text);
        await published;
    };
    const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x', 'polity', 1, text), edits);

    beforeAll(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'polity-fmt-lsp-'));
        session = startBundledServer();
        await session.initialize(dir);
    }, 60_000);

    afterAll(async () => {
        await session?.stop();
        rmSync(dir, { recursive: true, force: true });
    });

    it('gives the edits that turn the document into what polity fmt writes', async () => {
        await open('messy.polity', MESSY);
        const edits = await session.request<TextEdit[]>(
            DocumentFormattingRequest.method,
            { textDocument: { uri: uri('messy.polity') }, options },
            20_000
        );
        const expected = formatText(MESSY);
        expect(expected.ok && apply(MESSY, edits)).toBe(expected.text);
    });

    it('formats a range of lines only', async () => {
        const text = 'mandate   a\nmandate    b\n';
        await open('range.polity', text);
        const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } };
        const edits = await session.request<TextEdit[]>(
            DocumentRangeFormattingRequest.method,
            { textDocument: { uri: uri('range.polity') }, range, options },
            20_000
        );
        expect(apply(text, edits)).toBe('mandate   a\nmandate b\n');
    });

    it('gives no edits for a document with syntax errors', async () => {
        await open('broken.polity', 'mandate   a\ninstitution {\n');
        const edits = await session.request<TextEdit[]>(
            DocumentFormattingRequest.method,
            { textDocument: { uri: uri('broken.polity') }, options },
            20_000
        );
        expect(edits).toEqual([]);
    });
});
