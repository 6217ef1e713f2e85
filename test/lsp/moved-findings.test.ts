import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBundledServer, type LspSession } from '../support/lsp-client.js';
import { scaledTimeout } from '../fuzz/budget.js';

const FILES = {
    'mandates.polity': 'model x\nmandate privacy\nmandate energy',
    'a.polity': 'model x\ninstitution A {\n  leads energy\n}',
    'b.polity': 'model x\ninstitution B {\n  leads privacy\n}'
};

/** The lines in a.polity that b.polity's findings point to. */
const relatedLines = (diagnostics: Diagnostic[]) =>
    diagnostics.flatMap(d =>
        (d.relatedInformation ?? []).filter(r => r.location.uri.endsWith('/a.polity')).map(r => r.location.range.start.line)
    );

describe('findings of a file that an edit elsewhere changes, over the LSP', () => {
    let session: LspSession;
    let dir: string;
    const uri = (name: string) => pathToFileURL(path.join(dir, name)).toString();

    beforeAll(async () => {
        dir = mkdtempSync(path.join(os.tmpdir(), 'polity-moved-'));
        for (const [name, text] of Object.entries(FILES)) writeFileSync(path.join(dir, name), text);
        session = startBundledServer();
        const first = session.nextDiagnostics(uri('b.polity'));
        await session.initialize(dir);
        await first;
        await session.open(uri('a.polity'), FILES['a.polity']);
    }, scaledTimeout(60_000));

    afterAll(async () => {
        await session?.stop();
        rmSync(dir, { recursive: true, force: true });
    });

    it(
        'publishes the new conflict in the other file, then moves its related location with the lines above it',
        async () => {
            const conflicting = FILES['a.polity'].replace('leads energy', 'leads privacy');
            let published = session.nextDiagnostics(uri('b.polity'), scaledTimeout(30_000), d => relatedLines(d).length > 0);
            await session.change(uri('a.polity'), conflicting);
            expect(relatedLines(await published)).toEqual([2]);

            published = session.nextDiagnostics(uri('b.polity'), scaledTimeout(30_000), d => !relatedLines(d).includes(2));
            await session.change(uri('a.polity'), conflicting.replace('model x\n', 'model x\n// moved\n\n'));
            const moved = await published;
            expect(relatedLines(moved)).toEqual([4]);
            expect(moved.map(d => d.code)).toEqual(['conflict']);

            published = session.nextDiagnostics(uri('b.polity'), scaledTimeout(30_000), d => relatedLines(d).length === 0);
            await session.change(uri('a.polity'), FILES['a.polity']);
            expect(await published).toEqual([]);
        },
        scaledTimeout(90_000)
    );
});
