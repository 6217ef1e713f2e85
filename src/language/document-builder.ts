import { CancellationToken } from 'vscode-languageserver';
import { DefaultDocumentBuilder, DocumentState, type AstNode, type BuildOptions, type LangiumDocument, type URI } from 'langium';
import { isPrelude } from './prelude.js';
import { exportedNames, NameChanges, type ExportedNames } from './name-changes.js';
import type { LangiumSharedServices } from 'langium/lsp';
import type { PolityServices } from './module.js';
import type { WorkspaceModel } from './workspace-model.js';
import { PolityDocumentValidator } from './validator.js';
import type { Diagnostic } from 'vscode-languageserver-types';

/**
 * After an edit, Langium would link and validate again every document that
 * references the edited ones (65 of 100 files in a measured workspace). Here
 * only the edited documents are rebuilt: the others' references follow their
 * declarations by name into the new syntax trees (linker.ts), and only
 * documents using a removed (or newly shadowed) name are linked again (see
 * name-changes.ts).
 *
 * A conflict or duplicate can also involve a document that references neither
 * (two files claiming one mandate declared in a third), so after each update
 * the documents whose workspace-wide findings changed get those findings
 * anew, and only those documents.
 */
export class PolityDocumentBuilder extends DefaultDocumentBuilder {
    /** Set while an update links again only the documents whose names changed, decided after it parsed them. */
    private selective = false;
    /**
     * Documents rebuilt by an update that was cancelled (by the next keystroke)
     * before it relinked the documents their name changes affect, with the
     * names they exported before: the next update takes them into account.
     */
    private readonly pending: ExportedNames = new Map();

    /** Documents linked during the current update: their references are fresh already. */
    private readonly linked = new Set<string>();

    constructor(services: LangiumSharedServices) {
        super(services);
        this.onDocumentPhase(DocumentState.Linked, document => {
            this.linked.add(document.uri.toString());
        });
    }

    /** Polity's workspace model, from the language's services (the shared services are created first). */
    private workspaceModel(): WorkspaceModel | undefined {
        const services = this.serviceRegistry.all.find((s): s is PolityServices => 'polity' in s);
        return services?.polity.WorkspaceModel;
    }

    /** The prelude is built along with the first documents, wherever they come from (CLI, tests, server). */
    override async build<T extends AstNode>(
        documents: Array<LangiumDocument<T>>,
        options?: BuildOptions,
        cancelToken = CancellationToken.None
    ): Promise<void> {
        const prelude = this.langiumDocuments.all
            .filter(d => isPrelude(d.uri) && d.state < DocumentState.Validated && !documents.includes(d as LangiumDocument<T>))
            .toArray();
        await super.build([...(prelude as Array<LangiumDocument<T>>), ...documents], options, cancelToken);
    }

    override async update(changed: URI[], deleted: URI[], cancelToken = CancellationToken.None): Promise<void> {
        for (const uri of deleted) {
            this.workspaceModel()?.forget(uri.toString());
            this.pending.delete(uri.toString());
        }
        // Deletions, folders and new files take Langium's way: link again whatever refers to them.
        const selective = deleted.length === 0 && changed.length > 0 && changed.every(uri => this.langiumDocuments.hasDocument(uri));
        const edited = new Set([...changed.map(uri => uri.toString()), ...this.pending.keys()]);
        const before = selective
            ? new Map([...exportedNames(this.indexManager, new Set([...edited].filter(uri => !this.pending.has(uri)))), ...this.pending])
            : undefined;
        this.selective = selective;
        this.linked.clear();
        try {
            await super.update(changed, deleted, cancelToken);
        } catch (error) {
            for (const [uri, names] of before ?? []) this.pending.set(uri, names);
            throw error;
        } finally {
            this.selective = false;
        }
        this.pending.clear();
        if (before) {
            const changes = new NameChanges(before, exportedNames(this.indexManager, edited));
            const relink = this.langiumDocuments.all
                .filter(document => !this.linked.has(document.uri.toString()) && changes.affects(document))
                .toArray();
            if (relink.length > 0) {
                for (const document of relink) this.resetToState(document, DocumentState.ComputedScopes);
                await this.buildDocuments(relink, this.updateBuildOptions, cancelToken);
            }
        }
        await this.refreshStale(cancelToken);
    }

    /**
     * In a selective update, only documents with unresolved names are linked
     * again at first (they may resolve now); otherwise also those that refer
     * into a document whose selective update was cancelled.
     */
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (this.selective) return document.references.some(ref => ref.error !== undefined);
        return super.shouldRelink(document, changedUris) || this.indexManager.isAffected(document, new Set(this.pending.keys()));
    }

    /**
     * The documents whose workspace-wide findings changed go through
     * validation again, so that they are published as any validated document,
     * but keep their other diagnostics: only the workspace findings are
     * replaced (see `validate`). An edit that moves lines moves the related
     * locations of findings in many other files; validating those files whole
     * cost most of such an edit on a workspace full of conflicts.
     */
    protected async refreshStale(cancelToken: CancellationToken): Promise<void> {
        const model = this.workspaceModel();
        if (!model) return;
        const stale: LangiumDocument[] = model.staleDocuments();
        if (stale.length === 0) return;
        for (const document of stale) {
            if (document.diagnostics) this.refreshing.set(document, document.diagnostics);
            this.resetToState(document, DocumentState.IndexedReferences);
        }
        try {
            await this.buildDocuments(stale, this.updateBuildOptions, cancelToken);
        } finally {
            // A refresh that was cancelled leaves its documents to the next update, which validates them whole.
            this.refreshing.clear();
        }
    }

    /** Each document being refreshed, with the diagnostics it had. */
    private readonly refreshing = new Map<LangiumDocument, Diagnostic[]>();

    protected override async validate(document: LangiumDocument, cancelToken: CancellationToken): Promise<void> {
        const previous = this.refreshing.get(document);
        const validator = previous && this.serviceRegistry.getServices(document.uri).validation.DocumentValidator;
        const refreshed =
            validator instanceof PolityDocumentValidator ? validator.withCurrentWorkspaceFindings(document, previous!) : undefined;
        if (refreshed) document.diagnostics = refreshed;
        else await super.validate(document, cancelToken);
    }
}
