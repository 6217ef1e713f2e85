import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentSymbolRequest, type Diagnostic } from 'vscode-languageserver-protocol';
import { scaledTimeout } from '../fuzz/budget.js';
import { crowdedMandate } from '../language/crowded.js';
import { LspSession, startBundledServer } from '../support/lsp-client.js';
import { bundleFaultyServer } from '../support/faulty-server-bundle.js';

/**
 * The language server over stdio, as an editor sees it: text nested too deep
 * behind a stray `"` neither stops the workspace from loading nor kills the
 * server, a file with 160,000 findings shows all of them, and a check that
 * fails shows as an error finding instead of a clean file.
 */

/** 200 unclosed braces after a lone `"`: the limit once missed them, and the parser's error recovery overflowed its stack. */
const DEEP = `mandate x "\n${'mandate a { '.repeat(200)}\n`;
const NESTING = /^Nested more than 32 levels deep/;

const codes = (diagnostics: Diagnostic[]) => diagnostics.map(d => String(d.code));

describe('the language server on hostile files', () => {
    let dir: string;
    let session: LspSession;
    const uri = (name: string) => pathToFileURL(path.join(dir, name)).toString();

    beforeAll(() => {
        dir = mkdtempSync(path.join(os.tmpdir(), 'polity-server-limits-'));
        writeFileSync(path.join(dir, 'deep.polity'), DEEP);
        writeFileSync(path.join(dir, 'fine.polity'), 'institution A { leads m }\ninstitution B { leads m }\nmandate m\n');
        session = startBundledServer();
    });

    afterAll(async () => {
        await session?.stop();
        rmSync(dir, { recursive: true, force: true });
    });

    it(
        'loads a workspace holding a file nested too deep, and reports it where it becomes too deep',
        async () => {
            const deep = session.nextDiagnostics(uri('deep.polity'), scaledTimeout(60_000));
            const fine = session.nextDiagnostics(uri('fine.polity'), scaledTimeout(60_000));
            await session.initialize(dir);
            const nesting = (await deep).find(d => NESTING.test(String(d.message)));
            expect(nesting).toMatchObject({ code: 'syntax', severity: 1, range: { start: { line: 1, character: 32 * 12 + 10 } } });
            expect(codes(await fine)).toEqual(['conflict', 'conflict']);
        },
        scaledTimeout(90_000)
    );

    it(
        'survives the same text opened in the editor, after a comment ended by a carriage return, and keeps answering',
        async () => {
            const opened = uri('opened.polity');
            const diagnostics = session.nextDiagnostics(opened, scaledTimeout(60_000));
            await session.open(opened, `// ended by a carriage return\r${DEEP}`);
            expect((await diagnostics).filter(d => NESTING.test(String(d.message)))).toHaveLength(1);
            const symbols = await session.request<{ name: string }[]>(DocumentSymbolRequest.method, {
                textDocument: { uri: uri('fine.polity') }
            });
            expect(symbols.map(s => s.name)).toEqual(['A', 'B', 'm']);
            expect(session.alive).toBe(true);
        },
        scaledTimeout(90_000)
    );

    it(
        'publishes every conflict of 400 institutions leading one mandate, and the bad date beside them',
        async () => {
            const crowd = uri('crowd.polity');
            const diagnostics = session.nextDiagnostics(crowd, scaledTimeout(120_000));
            await session.open(crowd, crowdedMandate(400));
            const found = codes(await diagnostics);
            expect(found.filter(c => c === 'conflict')).toHaveLength(400 * 399);
            expect(found.filter(c => c !== 'conflict')).toEqual(['bad-date']);
        },
        scaledTimeout(150_000)
    );
});

describe('the language server when a check fails', () => {
    let faulty: LspSession;
    afterAll(async () => {
        await faulty?.stop();
    });

    it(
        'shows an internal error finding, and the findings it could still make',
        async () => {
            faulty = LspSession.start({ args: [await bundleFaultyServer(), '--stdio'], env: { POLITY_FAULT: 'checks' } });
            await faulty.initialize();
            const uri = 'file:///faulty/model.polity';
            const diagnostics = faulty.nextDiagnostics(uri, scaledTimeout(60_000));
            await faulty.open(uri, 'institution A { established 2014-13 }\n');
            const published = await diagnostics;
            expect(codes(published).sort()).toEqual(['bad-date', 'internal']);
            expect(published.find(d => d.code === 'internal')).toMatchObject({
                severity: 1,
                range: { start: { line: 0, character: 0 } },
                message:
                    'Polity failed while checking this file (Error: injected fault in checks (POLITY_FAULT)), so findings may be missing. This is a bug in Polity: please report it with the file.'
            });
            expect(faulty.alive).toBe(true);
        },
        scaledTimeout(90_000)
    );
});
