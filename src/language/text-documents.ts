import { TextDocument } from 'langium';
import { NormalizedTextDocuments } from 'langium/lsp';
import type { Connection, Disposable } from 'vscode-languageserver';
import { PolityLanguageMetaData } from './generated/module.js';

/**
 * The documents open in the editor, Polity's only: a client may open any document with the server
 * (a plain-text file, an `untitled:` buffer in another language), and such a document is ignored,
 * so that it neither reaches the parser nor hides the file of the same name on disk. Its changes
 * and its close are then ignored as well, as those of a document never opened.
 */
export class PolityTextDocuments extends NormalizedTextDocuments<TextDocument> {
    constructor() {
        super(TextDocument);
    }

    override listen(connection: Connection): Disposable {
        const polityOnly: Connection = Object.create(connection, {
            onDidOpenTextDocument: {
                value: (handler: Parameters<Connection['onDidOpenTextDocument']>[0]) =>
                    connection.onDidOpenTextDocument(params => {
                        if (isPolityDocument(params?.textDocument)) return handler(params);
                    })
            }
        });
        return super.listen(polityOnly);
    }
}

/** A Polity document, and one that can be read: anything else in a didOpen is not the server's business. */
function isPolityDocument(item: { uri?: unknown; languageId?: unknown; version?: unknown; text?: unknown } | undefined): boolean {
    return (
        item?.languageId === PolityLanguageMetaData.languageId &&
        typeof item.uri === 'string' &&
        typeof item.text === 'string' &&
        Number.isInteger(item.version)
    );
}
