import { DefaultIndexManager, type LangiumDocument } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

/** Langium's index, which a one-off build can tell not to index references. */
export class PolityIndexManager extends DefaultIndexManager {
    /**
     * Whether references are indexed (who refers to what: for find references,
     * rename and re-linking after edits). A one-off build for the command line
     * never asks, and skips a fifth of its time.
     */
    indexReferences = true;

    override async updateReferences(document: LangiumDocument, cancelToken?: CancellationToken): Promise<void> {
        if (this.indexReferences) await super.updateReferences(document, cancelToken);
    }
}
