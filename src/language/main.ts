import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { registerBuiltinRequest } from './builtin-documents.js';
import { registerDiagramService } from './diagram-service.js';
import { withErrorLog } from './error-log.js';
import { injectFaults } from './faults.js';
import { createPolityServices, type PolityServices } from './module.js';
import { withRequestGate } from './request-gate.js';
import { watchSettings } from './settings.js';
import { createServerConnection } from './transport.js';

/** The language server on stdio or Node IPC, as the client chooses. */
export function startServer(): void {
    let shared: PolityServices['shared'] | undefined;
    const connection = withErrorLog(withRequestGate(createServerConnection(), () => shared!));
    const services = createPolityServices({ connection, ...NodeFileSystem });
    shared = services.shared;
    const { Polity } = services;
    injectFaults(Polity);
    watchSettings(shared, Polity);
    registerBuiltinRequest(shared);
    registerDiagramService(shared, Polity);
    startLanguageServer(shared);
}
