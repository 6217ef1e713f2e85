import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DefinitionRequest, InitializedNotification, InitializeRequest, type LocationLink } from 'vscode-languageserver-protocol';
import { describe, expect, it } from 'vitest';
import { preludeFilePath } from '../../src/language/prelude-file.js';
import { PRELUDE_TEXT, PRELUDE_URI } from '../../src/language/prelude.js';
import type { LspSession } from '../support/lsp-client.js';
import { serverPerTest } from '../support/server-per-test.js';

// Neovim, Helix and Emacs open only file: URIs, so go to definition on a prelude name must land on a
// real file for them; the VS Code extension shows polity-builtin: documents and keeps that URI.
const MODEL = 'model m\ninstitution CAC { kind administration }\n';

const servers = serverPerTest();

function setUp(): { root: string; folder: string; uri: string; env: NodeJS.ProcessEnv } {
    const root = servers.folder({ 'models.polity': 'model outside\ninstitution Outside { kind nonsense }\n', 'models/m.polity': MODEL });
    const folder = path.join(root, 'models');
    return {
        root,
        folder,
        uri: pathToFileURL(path.join(folder, 'm.polity')).toString(),
        env: { XDG_CACHE_HOME: path.join(root, 'cache') }
    };
}

async function definitionOfKind(server: LspSession, uri: string): Promise<string[]> {
    await server.nextDiagnostics(uri);
    const links = await server.request<LocationLink[]>(DefinitionRequest.method, {
        textDocument: { uri },
        position: { line: 1, character: (MODEL.split('\n')[1] ?? '').indexOf('administration') + 3 }
    });
    return links.map(l => l.targetUri);
}

describe('the prelude for editors other than VS Code', () => {
    it('is a read-only file in the cache folder, and definition goes there', async () => {
        const { folder, uri, env } = setUp();
        const session = servers.start({ env });
        await session.initialize(folder);
        const file = preludeFilePath(PRELUDE_TEXT, env);
        expect(await definitionOfKind(session, uri)).toEqual([pathToFileURL(file).toString()]);
        expect(readFileSync(file, 'utf8')).toBe(PRELUDE_TEXT);
        expect(statSync(file).mode & 0o222).toBe(0);
    });

    it('is rewritten when the file in the cache holds other text', async () => {
        const { folder, uri, env } = setUp();
        const file = preludeFilePath(PRELUDE_TEXT, env);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, 'model tampered\n');
        const session = servers.start({ env });
        await session.initialize(folder);
        expect(await definitionOfKind(session, uri)).toEqual([pathToFileURL(file).toString()]);
        expect(readFileSync(file, 'utf8')).toBe(PRELUDE_TEXT);
    });

    it('stays polity-builtin: for the VS Code extension, which shows it itself', async () => {
        const { folder, uri, env } = setUp();
        const session = servers.start({ env });
        await session.initialize(folder, { builtinDocuments: true });
        expect(await definitionOfKind(session, uri)).toEqual([PRELUDE_URI.toString()]);
    });
});

describe('the workspace folder', () => {
    it('is the root a client names with rootUri alone, and nothing above it is read', async () => {
        const { root, folder, uri, env } = setUp();
        const session = servers.start({ env });
        const outside = pathToFileURL(path.join(root, 'models.polity')).toString();
        const published = session.nextDiagnostics(uri);
        await session.request(InitializeRequest.method, {
            processId: process.pid,
            rootUri: pathToFileURL(folder).toString(),
            capabilities: {}
        });
        await session.connection.sendNotification(InitializedNotification.type, {});
        // Published without opening the file: the server read the folder it was given.
        expect(await published).toEqual([]);
        await session.settle(500);
        expect(session.diagnostics.has(outside)).toBe(false);
    });
});
