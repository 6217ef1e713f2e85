import { CancellationToken } from 'vscode-languageserver';
import { DefaultDocumentBuilder, DocumentState, type AstNode, type BuildOptions, type LangiumDocument, type URI } from 'langium';
import type { PolityIndexManager } from './index-manager.js';
import { isPrelude } from './prelude.js';
import { exportedNames, repointReferences } from './repoint.js';
import type { LangiumSharedServices } from 'langium/lsp';
import type { WorkspaceModel } from './workspace-model.js';

/**
 * After an edit, Langium would link and validate again every document that
 * references the edited ones (65 of 100 files in a measured workspace). Here
 * only the edited documents are rebuilt; the others' references are re-pointed
 * at the new nodes, and only documents using a removed (or newly shadowed)
 * name are linked again (see repoint.ts).
 *
 * A conflict or duplicate can also involve a document that references neither
 * (two files claiming one mandate declared in a third), so after each update
 * the documents whose workspace-wide findings changed are validated again,
 * and only those.
 */
export class PolityDocumentBuilder extends DefaultDocumentBuilder {
    private workspaceModel?: () => WorkspaceModel | undefined;
    /** Set while an update re-points references instead of relinking the documents that hold them. */
    private repointing = false;

    constructor(services: LangiumSharedServices) {
        super(services);
    }

    useWorkspaceModel(provider: () => WorkspaceModel | undefined): void {
        this.workspaceModel = provider;
    }

    /** The prelude is built along with the first documents, wherever they come from (CLI, tests, server). */
    override async build<T extends AstNode>(documents: Array<LangiumDocument<T>>, options?: BuildOptions, cancelToken = CancellationToken.None): Promise<void> {
        const prelude = this.langiumDocuments.all.filter(d => isPrelude(d.uri) && d.state < DocumentState.Validated && !documents.includes(d as LangiumDocument<T>)).toArray();
        await super.build([...prelude as Array<LangiumDocument<T>>, ...documents], options, cancelToken);
    }

    override async update(changed: URI[], deleted: URI[], cancelToken = CancellationToken.None): Promise<void> {
        for (const uri of deleted) this.workspaceModel?.()?.forget(uri.toString());
        // Deletions, folders and new files take Langium's way: link again whatever refers to them.
        const edited = new Set(changed.map(uri => uri.toString()));
        const before = deleted.length === 0 && changed.length > 0 && changed.every(uri => this.langiumDocuments.hasDocument(uri))
            ? exportedNames(this.indexManager, edited)
            : undefined;
        this.repointing = before !== undefined;
        try {
            await super.update(changed, deleted, cancelToken);
        } finally {
            this.repointing = false;
        }
        if (before) {
            const relink = repointReferences(this.langiumDocuments.all, edited, before, this.indexManager as PolityIndexManager);
            if (relink.length > 0) {
                for (const document of relink) this.resetToState(document, DocumentState.ComputedScopes);
                await this.buildDocuments(relink, this.updateBuildOptions, cancelToken);
            }
        }
        await this.refreshStale(cancelToken);
    }

    /** While re-pointing, only documents with unresolved names are linked again (they may resolve now). */
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return this.repointing ? document.references.some(ref => ref.error !== undefined) : super.shouldRelink(document, changedUris);
    }

    protected async refreshStale(cancelToken: CancellationToken): Promise<void> {
        const model = this.workspaceModel?.();
        if (!model) return;
        const stale: LangiumDocument[] = model.staleDocuments();
        if (stale.length === 0) return;
        for (const document of stale) {
            this.resetToState(document, DocumentState.IndexedReferences);
        }
        await this.buildDocuments(stale, this.updateBuildOptions, cancelToken);
    }
}
