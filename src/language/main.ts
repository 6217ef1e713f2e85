import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { registerBuiltinRequest } from './lsp/builtin-documents.js';
import { registerDiagramService } from './lsp/diagram-service.js';
import { withErrorLog } from './error-log.js';
import { keepHeapSmall } from './heap.js';
import { createPolityServices, type PolityOverrides, type PolityServices } from './module.js';
import { withRequestGate } from './request-gate.js';
import { watchSettings } from './lsp/settings.js';
import { createServerConnection } from './transport.js';

/**
 * The language server on stdio or Node IPC, as the client chooses; `overrides`
 * replace some of Polity's services (test/support/faulty-server.ts makes features fail with them).
 */
export function startServer(overrides?: PolityOverrides): void {
    keepHeapSmall();
    let shared: PolityServices['shared'] | undefined;
    const connection = withErrorLog(withRequestGate(createServerConnection(), () => shared!));
    const services = createPolityServices({ connection, ...NodeFileSystem }, overrides);
    shared = services.shared;
    const { Polity } = services;
    watchSettings(shared, Polity);
    registerBuiltinRequest(shared);
    registerDiagramService(shared, Polity);
    startLanguageServer(shared);
}
