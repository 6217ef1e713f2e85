import { CancellationToken } from 'vscode-languageserver';
import { DefaultDocumentBuilder, DocumentState, type AstNode, type BuildOptions, type LangiumDocument, type URI } from 'langium';
import { isPrelude } from './prelude.js';
import type { LangiumSharedServices } from 'langium/lsp';
import type { WorkspaceModel } from './workspace-model.js';

/**
 * Langium rebuilds the edited documents and those that reference them. A
 * conflict or duplicate can also involve a document that references neither
 * (two files claiming one mandate declared in a third), so after each update
 * the documents whose workspace-wide findings changed are validated again,
 * and only those.
 */
export class PolityDocumentBuilder extends DefaultDocumentBuilder {
    private workspaceModel?: () => WorkspaceModel | undefined;

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
        await super.update(changed, deleted, cancelToken);
        await this.refreshStale(cancelToken);
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
