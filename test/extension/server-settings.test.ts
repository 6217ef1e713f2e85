import { DidChangeConfigurationNotification, type Diagnostic } from 'vscode-languageserver-protocol';
import { describe, expect, it } from 'vitest';
import { BuiltinRequest, type BuiltinResult, type InitializationOptions } from '../../src/language/protocol.js';
import type { LspSession } from '../support/lsp-client.js';
import { serverPerTest } from '../support/server-per-test.js';

// What the VS Code client hands the bundled server: settings at start-up and on change, and the request
// behind the read-only prelude editor.
const URI = 'file:///polity-settings-test/turf.polity';
const TURF = `model turf
mandate cii "Critical information infrastructure"
institution CAC { leads cii }
institution MPS { leads cii }
`;

const servers = serverPerTest();

async function start(options?: InitializationOptions): Promise<LspSession> {
    const session = servers.start();
    await session.initialize(undefined, options);
    return session;
}

const conflicts = (diagnostics: Diagnostic[]) => diagnostics.filter(d => d.code === 'conflict');

describe('polity.conflicts.severity', () => {
    it('is a warning by default', async () => {
        const server = await start();
        await server.open(URI, TURF);
        const found = conflicts(await server.nextDiagnostics(URI, 30_000, d => conflicts(d).length > 0));
        expect(found.map(d => d.severity)).toEqual([2, 2]);
    });

    it('applies the setting sent at start-up to the first diagnostics', async () => {
        const server = await start({ settings: { conflicts: { severity: 'error' } } });
        await server.open(URI, TURF);
        const first = await server.nextDiagnostics(URI);
        expect(conflicts(first).map(d => d.severity)).toEqual([1, 1]);
    });

    it('re-validates open documents when the setting changes', async () => {
        const server = await start({ settings: { conflicts: { severity: 'warning' } } });
        await server.open(URI, TURF);
        await server.nextDiagnostics(URI, 30_000, d => conflicts(d).length > 0);

        const change = (severity: string) =>
            server.connection.sendNotification(DidChangeConfigurationNotification.type, {
                settings: { polity: { conflicts: { severity } } }
            });
        await change('off');
        await server.nextDiagnostics(URI, 30_000, d => conflicts(d).length === 0);
        await change('information');
        const informed = await server.nextDiagnostics(URI, 30_000, d => conflicts(d).length > 0);
        expect(conflicts(informed).map(d => d.severity)).toEqual([3, 3]);
    });

    it('ignores an unknown value and keeps the default', async () => {
        const server = await start({ settings: { conflicts: { severity: 'loud' } } });
        await server.open(URI, TURF);
        const found = conflicts(await server.nextDiagnostics(URI, 30_000, d => conflicts(d).length > 0));
        expect(found.map(d => d.severity)).toEqual([2, 2]);
    });
});

describe('polity/builtin', () => {
    it('serves the prelude, and nothing for other documents', async () => {
        // The extension says it shows built-in documents, so the prelude keeps its polity-builtin: URI.
        const server = await start({ builtinDocuments: true });
        await server.open(URI, TURF);
        await server.nextDiagnostics(URI);
        const prelude = await server.request<BuiltinResult>(BuiltinRequest.method, { uri: 'polity-builtin:///prelude.polity' });
        expect(prelude.text).toContain('relation oversees "oversees" hierarchical');
        expect((await server.request<BuiltinResult>(BuiltinRequest.method, { uri: URI })).text).toBeNull();
        expect((await server.request<BuiltinResult>(BuiltinRequest.method, { uri: 'polity-builtin:///nothing.polity' })).text).toBeNull();
    });
});
