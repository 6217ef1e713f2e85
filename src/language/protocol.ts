/**
 * Names and shapes shared by the language server and the VS Code client. No imports: the extension
 * bundle includes this file and must not pull in the server.
 */

/** URI scheme of built-in documents (the prelude); no file system serves it, the server does. */
export const BUILTIN_SCHEME = 'polity-builtin';

/** `polity/builtin {uri} → {text}`: the text of a built-in document, null for any other URI. */
export const BUILTIN_REQUEST = 'polity/builtin';
export interface BuiltinParams { uri: string }
export interface BuiltinResult { text: string | null }

/**
 * Sent as initializationOptions: the `polity.*` settings as they were when the client started, and
 * whether the client shows `polity-builtin:` documents through `polity/builtin` (the VS Code
 * extension does); any other client is given the prelude as a `file:` URI.
 */
export interface InitializationOptions { settings?: PolitySettings; builtinDocuments?: boolean }

/** The `polity.*` settings the server reads. */
export interface PolitySettings {
    conflicts?: { severity?: string };
}
