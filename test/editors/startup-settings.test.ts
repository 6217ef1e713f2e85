import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { describe, expect, it } from 'vitest';
import { serverPerTest } from '../support/server-per-test.js';

// Editors other than VS Code (Neovim, Helix, eglot) send no initialization options; they answer the
// server's workspace/configuration request instead. Either way the folder's findings must appear at
// start-up, before any file is opened, with the severity the client configured.
const TURF = `model turf
mandate cii "Critical information infrastructure"
institution CAC { leads cii }
institution MPS { leads cii }
`;

const servers = serverPerTest();

function folderWithTurf(): { folder: string; uri: string } {
    const folder = servers.folder({ 'turf.polity': TURF });
    return { folder, uri: pathToFileURL(path.join(folder, 'turf.polity')).toString() };
}

const conflicts = (diagnostics: Diagnostic[]) => diagnostics.filter(d => d.code === 'conflict');

describe('diagnostics at start-up, with no file opened', () => {
    it('come with the severity the client answers through workspace/configuration', async () => {
        const { folder, uri } = folderWithTurf();
        const session = servers.start();
        session.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
            params.items.map(item => (item.section === 'polity' ? { conflicts: { severity: 'error' } } : null))
        );
        const published = session.nextDiagnostics(uri, 30_000, d => conflicts(d).some(c => c.severity === 1));
        await session.initialize(folder);
        expect(conflicts(await published).map(d => d.severity)).toEqual([1, 1]);
    });

    it('come with the severity sent as initialization options', async () => {
        const { folder, uri } = folderWithTurf();
        const session = servers.start();
        const published = session.nextDiagnostics(uri, 30_000, d => conflicts(d).length > 0);
        await session.initialize(folder, { settings: { conflicts: { severity: 'information' } } });
        expect(conflicts(await published).map(d => d.severity)).toEqual([3, 3]);
    });

    it('come with the default severity when the client answers workspace/configuration with an error', async () => {
        const { folder, uri } = folderWithTurf();
        const session = servers.start();
        session.connection.onRequest('workspace/configuration', () => {
            throw new Error('no settings here');
        });
        const published = session.nextDiagnostics(uri, 30_000, d => conflicts(d).length > 0);
        await session.initialize(folder);
        expect(conflicts(await published).map(d => d.severity)).toEqual([2, 2]);
    });

    it('come with the default severity when the client answers nothing', async () => {
        const { folder, uri } = folderWithTurf();
        const session = servers.start();
        const published = session.nextDiagnostics(uri, 30_000, d => conflicts(d).length > 0);
        await session.initialize(folder);
        expect(conflicts(await published).map(d => d.severity)).toEqual([2, 2]);
    });
});
