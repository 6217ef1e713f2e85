import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import {
    DidOpenTextDocumentNotification,
    ErrorCodes,
    HoverRequest,
    ReferencesRequest,
    RenameRequest,
    ResponseError,
    StreamMessageReader,
    type Message,
    type ResponseMessage
} from 'vscode-languageserver-protocol/node';
import { describe, expect, it } from 'vitest';
import { DiagramRequest } from '../../src/language/protocol.js';
import { isPrelude } from '../../src/language/prelude.js';
import { codeOf } from '../helpers.js';
import { fileDocument, type LspSession } from '../support/lsp-client.js';
import { serverPerTest } from '../support/server-per-test.js';

/** The error a request is answered with (a test fails if it is answered with a result). */
async function errorOf(answer: Promise<unknown>): Promise<ResponseError<unknown>> {
    const outcome = await answer.then(
        result => ({ result }),
        (error: unknown) => ({ error })
    );
    if (!('error' in outcome)) throw new Error(`expected an error, got ${JSON.stringify(outcome.result)}`);
    expect(outcome.error).toBeInstanceOf(ResponseError);
    return outcome.error as ResponseError<unknown>;
}

/** Writes one message as raw bytes, exactly as given, past the client's own checks. */
function writeRaw(session: LspSession, body: string, header = `Content-Length: ${Buffer.byteLength(body)}`): void {
    session.process.stdin!.write(`${header}\r\n\r\n${body}`);
}

/** The next response with this id that the server writes, read beside the session's own reader. */
function responseTo(session: LspSession, id: number): Promise<ResponseMessage> {
    const reader = new StreamMessageReader(session.process.stdout!);
    return new Promise(resolve => {
        const listening = reader.listen((message: Message) => {
            if ((message as ResponseMessage).id === id) {
                listening.dispose();
                resolve(message as ResponseMessage);
            }
        });
    });
}

function exitOf(session: LspSession): Promise<number | null> {
    if (session.process.exitCode !== null) return Promise.resolve(session.process.exitCode);
    return new Promise(resolve => session.process.once('exit', code => resolve(code)));
}

describe('the language server keeps to the protocol whatever the client sends', () => {
    const servers = serverPerTest();

    it('answers requests before initialize with ServerNotInitialized, then serves normally', async () => {
        const session = servers.start();
        const early = await errorOf(
            session.request(HoverRequest.method, { textDocument: { uri: 'file:///m.polity' }, position: { line: 0, character: 0 } })
        );
        expect(early.code).toBe(ErrorCodes.ServerNotInitialized);
        expect(early.message).toContain("send 'initialize' before 'textDocument/hover'");
        await session.initialize();
        const uri = 'file:///tmp/polity-protocol/m.polity';
        const published = session.nextDiagnostics(uri);
        await session.open(uri, 'institution A { established 2014-13 }\n');
        expect((await published).length).toBeGreaterThan(0);
    }, 60_000);

    it('ignores documents in other languages and stays up', async () => {
        const session = servers.start();
        await session.initialize();
        const polity = 'file:///tmp/polity-protocol/real.polity';
        for (const [uri, languageId] of [
            ['file:///tmp/polity-protocol/notes.txt', 'plaintext'],
            ['untitled:Untitled-1', 'plaintext'],
            ['file:///tmp/polity-protocol/x.polity', 'markdown']
        ] as const) {
            await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
                textDocument: { uri, languageId, version: 1, text: 'institution A { established 2014-13 }\n' }
            });
        }
        // An untitled Polity buffer is Polity's, though: the extension sends those.
        const untitled = session.nextDiagnostics('untitled:Untitled-2');
        await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri: 'untitled:Untitled-2', languageId: 'polity', version: 1, text: 'institution A { established 2014-13 }\n' }
        });
        expect((await untitled).length).toBeGreaterThan(0);
        const published = session.nextDiagnostics(polity);
        await session.open(polity, 'institution B { established 2014-13 }\n');
        expect((await published).length).toBeGreaterThan(0);
        expect([...session.diagnostics.keys()].filter(uri => !isPrelude(uri)).sort()).toEqual([polity, 'untitled:Untitled-2']);
        const ignored = await errorOf(
            session.request(HoverRequest.method, {
                textDocument: { uri: 'file:///tmp/polity-protocol/notes.txt' },
                position: { line: 0, character: 0 }
            })
        );
        expect(ignored.code).toBe(ErrorCodes.InvalidParams);
        expect(session.alive).toBe(true);
    }, 60_000);

    it('answers wrong parameters with InvalidParams and a plain message, and logs no error', async () => {
        const dir = servers.copy('examples/tutorial');
        const session = servers.start();
        await session.initialize(dir);
        const tutorial = fileDocument(path.join(dir, 'tutorial.polity'));
        const published = session.nextDiagnostics(tutorial.uri);
        await session.open(tutorial.uri, tutorial.text);
        await published;

        const diagram = await errorOf(session.request(DiagramRequest.method, { uri: tutorial.uri, at: 2020 }));
        expect([diagram.code, diagram.message]).toEqual([
            ErrorCodes.InvalidParams,
            "Invalid parameters: 'at' must be a string when given, got 2020."
        ]);
        const position = await errorOf(
            session.request(HoverRequest.method, { textDocument: { uri: tutorial.uri }, position: { line: -1, character: 0 } })
        );
        expect([position.code, position.message]).toEqual([
            ErrorCodes.InvalidParams,
            "Invalid parameters: 'position.line' must be a whole number of 0 or more, got -1."
        ]);
        const never = pathToFileURL(path.join(dir, 'never-opened.polity')).toString();
        for (const [method, extra] of [
            [RenameRequest.method, { newName: 'X' }],
            [ReferencesRequest.method, { context: { includeDeclaration: true } }]
        ] as const) {
            const error = await errorOf(
                session.request(method, { textDocument: { uri: never }, position: { line: 0, character: 0 }, ...extra })
            );
            expect([error.code, error.message]).toEqual([
                ErrorCodes.InvalidParams,
                `${never} is not a Polity document of this workspace: it is neither open nor a .polity file in the workspace folders.`
            ]);
        }
        // `params: null` cannot be sent through the client library; as raw bytes it reached the handler before.
        const answer = responseTo(session, 9001);
        writeRaw(session, JSON.stringify({ jsonrpc: '2.0', id: 9001, method: HoverRequest.method, params: null }));
        const { error } = await answer;
        expect(error?.code).toBe(ErrorCodes.InvalidParams);
        expect(error?.message).toBe("Invalid parameters: 'textDocument/hover' takes an object, got null.");

        expect(session.errors).toEqual([]);
        expect(session.alive).toBe(true);
        expect((session.diagnostics.get(tutorial.uri) ?? []).map(codeOf)).not.toContain('syntax');
    }, 60_000);

    it('exits with an error after a message it cannot frame, so that the client can start it again', async () => {
        const session = servers.start();
        await session.initialize();
        const exited = exitOf(session);
        writeRaw(session, '{"jsonrpc":"2.0","method":"initialized","params":{}}', 'Content-Length: abc');
        expect(await exited).toBe(1);
        expect(session.stderr).toContain('the client sent a message that cannot be read (Content-Length value must be a number. Got abc)');
    }, 60_000);

    it('drops a message whose body is not JSON, and keeps serving', async () => {
        const session = servers.start();
        await session.initialize();
        writeRaw(session, '{"jsonrpc": "2.0", "id": 7, "method": ');
        const uri = 'file:///tmp/polity-protocol/after.polity';
        const published = session.nextDiagnostics(uri);
        await session.open(uri, 'institution A { established 2014-13 }\n');
        expect((await published).length).toBeGreaterThan(0);
        expect(session.alive).toBe(true);
    }, 60_000);

    it('drops notifications with invalid parameters, says so in one line, and keeps the document as it was', async () => {
        const session = servers.start();
        await session.initialize();
        const uri = 'file:///tmp/polity-protocol/kept.polity';
        const first = session.nextDiagnostics(uri);
        await session.open(uri, 'institution A { established 2014-13 }\n');
        expect((await first).length).toBeGreaterThan(0);
        const c = session.connection;
        await c.sendNotification('textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'x' }] });
        await c.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: 5 },
            contentChanges: [{ range: { start: { line: -1, character: 0 } }, text: 'x' }]
        });
        await c.sendNotification('textDocument/didChange', { textDocument: { uri, version: 6 }, contentChanges: 5 });
        await c.sendNotification('textDocument/didClose', {});
        await c.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 5, type: 1 }] });
        // The text is still the opened one: a valid edit of its first line applies to it.
        const fixed = session.nextDiagnostics(uri, 30_000, d => d.length === 0);
        await session.edit(uri, { start: { line: 0, character: 28 }, end: { line: 0, character: 35 } }, '2014');
        await fixed;
        expect(session.errors).toEqual([
            "Ignored textDocument/didChange with invalid parameters: 'textDocument.version' must be a whole number, got nothing.",
            "Ignored textDocument/didChange with invalid parameters: 'contentChanges[0].range.start.line' must be a whole number of 0 or more, got -1.",
            "Ignored textDocument/didChange with invalid parameters: 'contentChanges' must be a list, got 5.",
            "Ignored textDocument/didClose with invalid parameters: 'textDocument.uri' must be a string (the document's URI), got nothing.",
            "Ignored workspace/didChangeWatchedFiles with invalid parameters: 'changes[0]' must be {uri, type} with type 1 (created), 2 (changed) or 3 (deleted)."
        ]);
        expect(session.alive).toBe(true);
    }, 60_000);
});
