import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { registerBuiltinRequest } from './builtin-documents.js';
import { registerDiagramService } from './diagram-service.js';
import { createPolityServices } from './module.js';
import { watchSettings } from './settings.js';

/** The language server on stdio or Node IPC, as the client chooses. */
export function startServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared, Polity } = createPolityServices({ connection, ...NodeFileSystem });
    watchSettings(shared, Polity);
    registerBuiltinRequest(shared);
    registerDiagramService(shared, Polity);
    startLanguageServer(shared);
}
