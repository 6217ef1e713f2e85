import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CodeLensRequest,
    CompletionRequest,
    DefinitionRequest,
    DocumentSymbolRequest,
    HoverRequest,
    type Position
} from 'vscode-languageserver-protocol';
import { DiagramRequest } from '../../src/language/protocol.js';
import { fileDocument, LspSession, positionOf, SERVER_PATH, tempCopy } from '../support/lsp-client.js';
import { bundleFaultyServer } from '../support/faulty-server-bundle.js';

/**
 * A bug in one feature must cost only that request: with faults injected
 * into hover, code lens and the diagram (POLITY_FAULT, see
 * test/support/faulty-server.ts), those requests are answered with an error and
 * logged, while every other request, and the re-check after an edit, keep
 * working, and the process stays up.
 */
describe('the language server isolates a failing feature', () => {
    let faulty: LspSession;
    let healthy: LspSession;
    let folder: { dir: string; remove: () => void };
    const tutorial = () => fileDocument(path.join(folder.dir, 'tutorial.polity'));
    let hoverAt: Position;

    beforeAll(async () => {
        folder = tempCopy('examples/tutorial');
        faulty = LspSession.start({ args: [await bundleFaultyServer(), '--stdio'], env: { POLITY_FAULT: 'hover,code-lens,diagram' } });
        // The shipped server has no fault hook: the same environment leaves it healthy.
        healthy = LspSession.start({ env: { POLITY_FAULT: 'hover,code-lens,diagram' } });
        const { uri, text } = tutorial();
        hoverAt = positionOf(text, 'institution MDA', 'institution '.length);
        for (const session of [faulty, healthy]) {
            await session.initialize(folder.dir);
            const diagnostics = session.nextDiagnostics(uri);
            await session.open(uri, text);
            await diagnostics;
        }
    }, 60_000);

    afterAll(async () => {
        await faulty?.stop();
        await healthy?.stop();
        folder?.remove();
    });

    it('answers the failing requests with an error, and logs it', async () => {
        const { uri } = tutorial();
        const textDocument = { uri };
        await expect(faulty.request(HoverRequest.method, { textDocument, position: hoverAt })).rejects.toThrow(/injected fault in hover/);
        await expect(faulty.request(CodeLensRequest.method, { textDocument })).rejects.toThrow(/injected fault in code-lens/);
        await expect(faulty.request(DiagramRequest.method, { uri })).rejects.toThrow(/injected fault in diagram/);
        for (const feature of ['hover', 'code-lens', 'diagram']) expect(faulty.errors.join('\n')).toContain(`injected fault in ${feature}`);
        // Without the fault, the same requests have answers: the failures were the faults'.
        expect(await healthy.request(HoverRequest.method, { textDocument, position: hoverAt })).toMatchObject({
            contents: expect.anything()
        });
        expect((await healthy.request<unknown[]>(CodeLensRequest.method, { textDocument })).length).toBeGreaterThan(0);
    });

    it('keeps serving every other request, and re-checks after an edit', async () => {
        const { uri, text } = tutorial();
        const textDocument = { uri };
        expect(await faulty.request<unknown[]>(DocumentSymbolRequest.method, { textDocument })).not.toHaveLength(0);
        expect(
            await faulty.request<unknown[]>(DefinitionRequest.method, {
                textDocument,
                position: positionOf(text, 'shares open-data with MDA', 'shares open-data with '.length)
            })
        ).toHaveLength(1);
        const completion = await faulty.request<{ items: { label: string }[] }>(CompletionRequest.method, {
            textDocument,
            position: positionOf(text, 'leads open-data', 'leads '.length)
        });
        expect(completion.items.map(i => i.label)).toContain('open-data');

        const edited = `${text}\ninstitution Rival { leads open-data }\n`;
        const diagnostics = faulty.nextDiagnostics(uri, 30_000, d => d.some(x => String(x.message).includes('Rival')));
        await faulty.change(uri, edited);
        expect((await diagnostics).some(d => d.code === 'conflict')).toBe(true);
        await expect(faulty.request(HoverRequest.method, { textDocument, position: hoverAt })).rejects.toThrow(/injected fault/);
        expect(faulty.alive).toBe(true);
    });

    it('compares with the shipped server, which has no fault hook', () => {
        expect(healthy.process.spawnargs).toContain(SERVER_PATH);
        expect(faulty.process.spawnargs).not.toContain(SERVER_PATH);
    });
});
