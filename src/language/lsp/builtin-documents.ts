import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { BuiltinRequest, BUILTIN_SCHEME, type BuiltinResult } from '../protocol.js';

/** Serves built-in documents to the client, so go to definition on a prelude name can show it read-only. */
export function registerBuiltinRequest(shared: LangiumSharedServices): void {
    shared.lsp.Connection?.onRequest(BuiltinRequest, (params): BuiltinResult => {
        const uri = URI.parse(params.uri);
        const documents = shared.workspace.LangiumDocuments;
        const known = uri.scheme === BUILTIN_SCHEME && documents.hasDocument(uri);
        return { text: known ? documents.getDocument(uri)!.textDocument.getText() : null };
    });
}
