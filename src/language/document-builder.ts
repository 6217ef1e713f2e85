import { CancellationToken } from 'vscode-languageserver';
import {
    DefaultDocumentBuilder, DocumentState, type AstNode, type AstNodeDescription, type BuildOptions, type LangiumDocument, type URI
} from 'langium';
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
    /**
     * Documents rebuilt by an update that was cancelled (by the next keystroke)
     * before it re-pointed the references into them, with the names they
     * exported before: the next update re-points into them as well.
     */
    private readonly unpointed = new Map<string, Map<string, AstNodeDescription>>();

    /** Documents linked during the current update: their references are fresh already. */
    private readonly linked = new Set<string>();

    constructor(services: LangiumSharedServices) {
        super(services);
        this.onDocumentPhase(DocumentState.Linked, document => { this.linked.add(document.uri.toString()); });
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
        for (const uri of deleted) {
            this.workspaceModel?.()?.forget(uri.toString());
            this.unpointed.delete(uri.toString());
        }
        // Deletions, folders and new files take Langium's way: link again whatever refers to them.
        const selective = deleted.length === 0 && changed.length > 0 && changed.every(uri => this.langiumDocuments.hasDocument(uri));
        const edited = new Set([...changed.map(uri => uri.toString()), ...this.unpointed.keys()]);
        const before = selective
            ? new Map([...exportedNames(this.indexManager, new Set([...edited].filter(uri => !this.unpointed.has(uri)))), ...this.unpointed])
            : undefined;
        this.repointing = selective;
        this.linked.clear();
        try {
            await super.update(changed, deleted, cancelToken);
        } catch (error) {
            for (const [uri, names] of before ?? []) this.unpointed.set(uri, names);
            throw error;
        } finally {
            this.repointing = false;
        }
        this.unpointed.clear();
        if (before) {
            const stale = this.langiumDocuments.all.filter(document => !this.linked.has(document.uri.toString()));
            const relink = repointReferences(stale, edited, before, this.indexManager as PolityIndexManager);
            if (relink.length > 0) {
                for (const document of relink) this.resetToState(document, DocumentState.ComputedScopes);
                await this.buildDocuments(relink, this.updateBuildOptions, cancelToken);
            }
        }
        await this.refreshStale(cancelToken);
    }

    /**
     * While re-pointing, only documents with unresolved names are linked again
     * (they may resolve now); otherwise also those that still point into a
     * document whose re-pointing was cancelled.
     */
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (this.repointing) return document.references.some(ref => ref.error !== undefined);
        return super.shouldRelink(document, changedUris) || this.indexManager.isAffected(document, new Set(this.unpointed.keys()));
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
