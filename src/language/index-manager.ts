import { DefaultIndexManager, type LangiumDocument } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

/** Langium's index, plus a way to follow declarations that moved when their document was parsed again. */
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
    /**
     * Rewrites the target paths of the references indexed for `source` that
     * point into `target`, from old AST paths to new ones, so that "find
     * references" keeps working without re-indexing `source`.
     */
    retarget(source: string, target: string, paths: ReadonlyMap<string, string>): void {
        const list = this.referenceIndex.get(source);
        if (!list) return;
        this.referenceIndex.set(source, list.map(d => {
            const moved = d.targetUri.toString() === target ? paths.get(d.targetPath) : undefined;
            return moved === undefined ? d : { ...d, targetPath: moved };
        }));
    }
}
