import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { registerBuiltinRequest } from './builtin-documents.js';
import { registerDiagramService } from './diagram-service.js';
import { withErrorLog } from './error-log.js';
import { injectFaults } from './faults.js';
import { createPolityServices } from './module.js';
import { watchSettings } from './settings.js';

/** The language server on stdio or Node IPC, as the client chooses. */
export function startServer(): void {
    const connection = withErrorLog(createConnection(ProposedFeatures.all));
    const { shared, Polity } = createPolityServices({ connection, ...NodeFileSystem });
    injectFaults(Polity);
    watchSettings(shared, Polity);
    registerBuiltinRequest(shared);
    registerDiagramService(shared, Polity);
    startLanguageServer(shared);
}
