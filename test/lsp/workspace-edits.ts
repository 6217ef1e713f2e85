import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceEdit } from 'vscode-languageserver';
import type { TestWorkspace } from '../helpers.js';

/**
 * Applies a workspace edit to the files of a test workspace, as an editor
 * would, and lets the workspace rebuild. Returns the edited files' new texts by name.
 */
export async function applyEdit(ws: TestWorkspace, edit: WorkspaceEdit | undefined | null): Promise<Record<string, string>> {
    const texts: Record<string, string> = {};
    for (const [uri, edits] of Object.entries(edit?.changes ?? {})) {
        const name = uri.slice(uri.lastIndexOf('/') + 1);
        const before = ws.document(name).textDocument;
        texts[name] = TextDocument.applyEdits(TextDocument.create(uri, 'polity', 0, before.getText()), edits);
    }
    for (const [name, text] of Object.entries(texts)) await ws.edit(name, text);
    return texts;
}
