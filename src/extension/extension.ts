import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
    BuiltinRequest,
    BUILTIN_SCHEME,
    type BuiltinParams,
    type InitializationOptions,
    type PolitySettings
} from '../language/protocol.js';
import { registerPreview } from './preview.js';

let client: LanguageClient | undefined;

/**
 * Starts the bundled language server over Node IPC and wires what the server cannot do itself:
 * showing built-in documents, handing over settings at start-up, the diagram preview.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const module = context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'polity' },
            { scheme: 'untitled', language: 'polity' }
        ],
        synchronize: {
            // Files the user has not opened still count: the server reads them from disk and must hear of changes.
            fileEvents: vscode.workspace.createFileSystemWatcher('**/*.polity'),
            configurationSection: 'polity'
        },
        initializationOptions: { settings: currentSettings(), builtinDocuments: true } satisfies InitializationOptions
    };
    // The id 'polity' makes the client honour the `polity.trace.server` setting.
    const languageClient = new LanguageClient('polity', 'Polity Language Server', serverOptions, clientOptions);
    client = languageClient;

    context.subscriptions.push(
        vscode.workspace.registerTextDocumentContentProvider(BUILTIN_SCHEME, {
            async provideTextDocumentContent(uri) {
                const params: BuiltinParams = { uri: uri.toString() };
                const result = await languageClient.sendRequest(BuiltinRequest, params);
                return result.text ?? `// ${uri.toString()} is not a built-in Polity document.\n`;
            }
        })
    );
    // Commands first, so one that activated the extension finds its handler; they wait for the client.
    registerPreview(context, languageClient);
    await languageClient.start();
}

export function deactivate(): Promise<void> | undefined {
    return client?.stop();
}

function currentSettings(): PolitySettings {
    const config = vscode.workspace.getConfiguration('polity');
    return { conflicts: { severity: config.get<string>('conflicts.severity') } };
}
