/**
 * Every custom message between the language server and the VS Code client,
 * typed once and used by both ends. Only the protocol library and types are
 * imported: the extension bundle includes this file and must not pull in the server.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { DiagramParams, DiagramResult, ModelChangedParams } from '../diagram/protocol.js';

/** URI scheme of built-in documents (the prelude); no file system serves it, the server does. */
export const BUILTIN_SCHEME = 'polity-builtin';

export interface BuiltinParams {
    uri: string;
}
export interface BuiltinResult {
    text: string | null;
}

/** `polity/builtin {uri} → {text}`: the text of a built-in document, null for any other URI. */
export const BuiltinRequest = new RequestType<BuiltinParams, BuiltinResult, void>('polity/builtin');

/** `polity/diagram {uri, view?, at?}` → a diagram of the model `uri` belongs to. */
export const DiagramRequest = new RequestType<DiagramParams, DiagramResult, void>('polity/diagram');

/** Sent by the server after every build, so an open preview can ask again. */
export const ModelChangedNotification = new NotificationType<ModelChangedParams>('polity/modelChanged');

/**
 * Sent as initializationOptions: the `polity.*` settings as they were when the client started, and
 * whether the client shows `polity-builtin:` documents through `polity/builtin` (the VS Code
 * extension does); any other client is given the prelude as a `file:` URI.
 */
export interface InitializationOptions {
    settings?: PolitySettings;
    builtinDocuments?: boolean;
}

/** The `polity.*` settings the server reads. */
export interface PolitySettings {
    conflicts?: { severity?: string };
}
