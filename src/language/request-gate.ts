import { isOperationCancelled, URI, UriUtils } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { interceptHandlers, type Handler } from './connection-hooks.js';
import type { PolityDocumentUpdateHandler } from './document-update-handler.js';
import { changeParams, documentParams, fileEventsParams, stringParams, type ParamsCheck } from './lsp/params.js';
import { BuiltinRequest, DiagramRequest } from './protocol.js';

interface DocumentRequest {
    check: ParamsCheck;
    /** Whether the answer holds edits of the document (or of others), which must apply to the text they were computed from. */
    edits?: boolean;
}

const POSITION = documentParams({ position: true });
const RANGE = documentParams({ range: true });
const DOCUMENT = documentParams();

/** The requests about one document, by the connection method Langium registers them with. */
const DOCUMENT_REQUESTS: Record<string, DocumentRequest> = {
    onHover: { check: POSITION },
    onCompletion: { check: POSITION },
    onDefinition: { check: POSITION },
    onDeclaration: { check: POSITION },
    onTypeDefinition: { check: POSITION },
    onImplementation: { check: POSITION },
    onReferences: { check: POSITION },
    onDocumentHighlight: { check: POSITION },
    onSignatureHelp: { check: POSITION },
    onPrepareRename: { check: POSITION },
    'languages.callHierarchy.onPrepare': { check: POSITION },
    'languages.typeHierarchy.onPrepare': { check: POSITION },
    onDocumentSymbol: { check: DOCUMENT },
    onFoldingRanges: { check: DOCUMENT },
    onCodeLens: { check: DOCUMENT },
    onDocumentLinks: { check: DOCUMENT },
    'languages.semanticTokens.on': { check: DOCUMENT },
    'languages.semanticTokens.onDelta': { check: DOCUMENT },
    'languages.semanticTokens.onRange': { check: RANGE },
    'languages.inlayHint.on': { check: RANGE },
    onDocumentFormatting: { check: DOCUMENT, edits: true },
    onDocumentRangeFormatting: { check: RANGE, edits: true },
    onDocumentOnTypeFormatting: { check: documentParams({ position: true, strings: ['ch'] }), edits: true },
    onCodeAction: { check: RANGE, edits: true },
    onRenameRequest: { check: documentParams({ position: true, strings: ['newName'] }), edits: true }
};

/**
 * Notifications whose handlers (in vscode-languageserver and Langium) trust their parameters;
 * malformed ones are dropped with a line in the log. (didOpen is checked by text-documents.ts.)
 */
const NOTIFICATIONS: Record<string, { method: string; check: ParamsCheck }> = {
    onDidChangeTextDocument: { method: 'textDocument/didChange', check: changeParams },
    onDidCloseTextDocument: { method: 'textDocument/didClose', check: DOCUMENT },
    onDidSaveTextDocument: { method: 'textDocument/didSave', check: DOCUMENT },
    onWillSaveTextDocument: { method: 'textDocument/willSave', check: DOCUMENT },
    onDidChangeWatchedFiles: { method: 'workspace/didChangeWatchedFiles', check: fileEventsParams }
};

/** Polity's own requests, by method. */
const OWN_REQUESTS: Record<string, ParamsCheck> = {
    [DiagramRequest.method]: stringParams(['uri'], ['view', 'at', 'direction']),
    [BuiltinRequest.method]: stringParams(['uri'])
};

/**
 * The connection, with every request checked before its handler runs:
 *
 * - parameters of the wrong shape are answered with InvalidParams and a plain message
 *   (a notification of the wrong shape is dropped, and said so in the log);
 * - a request about a document waits until the updates notified before it
 *   (edits, closes, changes on disk) have been taken in, so that Langium's
 *   wait for the state it needs is a wait for the parse of the text the
 *   request is about; a document the server does not have (neither open nor
 *   a file of the workspace) is InvalidParams;
 * - an answer that holds edits waits until no update is pending anywhere, and
 *   is withdrawn (ContentModified, which clients drop quietly) when any
 *   document changed while it was computed: edits from a stale parse would
 *   corrupt the text they are applied to.
 */
export function withRequestGate(connection: Connection, services: () => LangiumSharedServices): Connection {
    return interceptHandlers(connection, (handler, { path, label }) => {
        const document = DOCUMENT_REQUESTS[path];
        if (document) return gated(handler, document, services);
        const notification = NOTIFICATIONS[path];
        if (notification) return dropped(handler, notification, connection);
        const check = path === 'onRequest' ? OWN_REQUESTS[label] : undefined;
        return check ? checked(handler, check) : handler;
    });
}

function invalid(check: ParamsCheck, params: unknown): ResponseError<void> | undefined {
    const problem = check(params);
    return problem === undefined ? undefined : new ResponseError(ErrorCodes.InvalidParams, `Invalid parameters: ${problem}.`);
}

function checked(handler: Handler, check: ParamsCheck): Handler {
    return (params, ...rest) => invalid(check, params) ?? handler(params, ...rest);
}

function dropped(handler: Handler, { method, check }: { method: string; check: ParamsCheck }, connection: Connection): Handler {
    return (params, ...rest) => {
        const problem = check(params);
        if (problem === undefined) return handler(params, ...rest);
        connection.console.error(`Ignored ${method} with invalid parameters: ${problem}.`);
        return undefined;
    };
}

function gated(handler: Handler, request: DocumentRequest, services: () => LangiumSharedServices): Handler {
    return async (params, token, ...rest) => {
        const error = invalid(request.check, params);
        if (error) return error;
        const shared = services();
        const updates = shared.lsp.DocumentUpdateHandler as PolityDocumentUpdateHandler;
        const open = shared.workspace.TextDocuments;
        const cancel = CancellationToken.is(token) ? token : CancellationToken.None;
        const uri = UriUtils.normalize((params as { textDocument: { uri: string } }).textDocument.uri);
        const version = () => open.get(uri)?.version;
        const asked = version();
        try {
            await shared.workspace.WorkspaceManager.ready;
            await updates.settled(request.edits ? undefined : uri, cancel);
        } catch (failure) {
            if (isOperationCancelled(failure)) return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request has been cancelled.');
            throw failure;
        }
        if (!shared.workspace.LangiumDocuments.hasDocument(URI.parse(uri))) {
            return new ResponseError(
                ErrorCodes.InvalidParams,
                `${uri} is not a Polity document of this workspace: it is neither open nor a .polity file in the workspace folders.`
            );
        }
        const epoch = updates.epoch;
        if (request.edits && version() !== asked) return contentModified();
        const result = await handler(params, token, ...rest);
        if (request.edits && (updates.epoch !== epoch || version() !== asked)) return contentModified();
        return result;
    };
}

function contentModified(): ResponseError<void> {
    return new ResponseError(
        LSPErrorCodes.ContentModified,
        'The documents changed while the edits were computed; they were not sent, ask again.'
    );
}
