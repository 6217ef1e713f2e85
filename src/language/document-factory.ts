import { DefaultLangiumDocumentFactory, type AstNode, type LangiumDocument, type Mutable, type TextDocument } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

/**
 * Langium's document factory, for a file that disappears between the update
 * that reads it and the deletion that follows (a file closed and deleted at
 * once, as the editor's Delete does): it reads as empty until the deletion
 * removes it, instead of failing the whole build with ENOENT.
 */
export class PolityDocumentFactory extends DefaultLangiumDocumentFactory {
    protected override async getUpdatedText<T extends AstNode>(
        document: Mutable<LangiumDocument<T>>,
        textDocument: TextDocument | undefined,
        cancel: CancellationToken
    ): Promise<string> {
        try {
            return await super.getUpdatedText(document, textDocument, cancel);
        } catch (error) {
            if (!textDocument && (error as NodeJS.ErrnoException).code === 'ENOENT') return '';
            throw error;
        }
    }
}
