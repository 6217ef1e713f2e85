import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createPolityServices } from './module.js';

/** The language server on stdio or Node IPC, as the client chooses. */
export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared } = createPolityServices({ connection, ...NodeFileSystem });
    startLanguageServer(shared);
}
