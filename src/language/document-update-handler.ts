import { OperationCancelled, UriUtils, URI, type LangiumDocuments, type TextDocument } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices, type TextDocuments } from 'langium/lsp';
import {
    Emitter,
    FileChangeType,
    type CancellationToken,
    type DidChangeWatchedFilesParams,
    type FileEvent,
    type TextDocumentChangeEvent
} from 'vscode-languageserver';

/**
 * Langium's document updates, with the life cycle an editor expects:
 *
 * - while a document is open, its editor text wins: the file changing or
 *   disappearing on disk changes nothing until it is closed;
 * - on close, the file on disk is read again (its errors and names replace the
 *   discarded editor text's), or the document leaves the workspace when no
 *   file backs it (deleted meanwhile, or `untitled:`);
 * - every update is tracked until its build has run, so that a request can
 *   wait for the parse of exactly the text it is about (see request-gate.ts);
 * - an update that fails is logged, and never takes the process down.
 */
export class PolityDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly textDocuments: TextDocuments<TextDocument>;
    private readonly fileSystem: LangiumSharedServices['workspace']['FileSystemProvider'];
    private readonly documents: LangiumDocuments;
    /**
     * Each update fired and not yet through its build (built, cancelled or failed): its URIs, and
     * whether it has taken the change in (reset the documents it concerns, so that Langium's own
     * waits for a document state hold from then on).
     */
    private readonly pending = new Set<PendingUpdate>();
    /** The update whose write is running and has not yet taken its change in. */
    private starting?: PendingUpdate;
    private readonly progressEmitter = new Emitter<void>();
    /** Counts the updates fired: a request computed while it changed was computed from a moving workspace. */
    epoch = 0;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.textDocuments = services.workspace.TextDocuments;
        this.fileSystem = services.workspace.FileSystemProvider;
        this.documents = services.workspace.LangiumDocuments;
        this.documentBuilder.onUpdate(() => {
            if (!this.starting) return;
            this.starting.taken = true;
            this.starting = undefined;
            this.progressEmitter.fire();
        });
    }

    /**
     * Whether an update concerning `uri` has not yet taken its change in; without a URI, whether any
     * update at all is not yet through its build.
     */
    isPending(uri?: string): boolean {
        if (uri === undefined) return this.pending.size > 0;
        for (const update of this.pending) {
            if (!update.taken && update.uris.some(u => u === uri || UriUtils.contains(u, uri))) return true;
        }
        return false;
    }

    /** Resolves once {@link isPending} no longer holds. */
    settled(uri: string | undefined, cancel: CancellationToken): Promise<void> {
        if (!this.isPending(uri)) return Promise.resolve();
        return new Promise((resolve, reject) => {
            const done = () => {
                progress.dispose();
                cancelled.dispose();
            };
            const progress = this.progressEmitter.event(() => {
                if (!this.isPending(uri)) {
                    done();
                    resolve();
                }
            });
            const cancelled = cancel.onCancellationRequested(() => {
                done();
                reject(OperationCancelled);
            });
        });
    }

    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        if (changed.length === 0 && deleted.length === 0) return;
        const update: PendingUpdate = { uris: [...changed, ...deleted].map(uri => UriUtils.normalize(uri)), taken: false };
        this.pending.add(update);
        this.epoch++;
        const settle = () => {
            this.pending.delete(update);
            if (this.starting === update) this.starting = undefined;
            this.progressEmitter.fire();
        };
        this.workspaceManager.ready
            .then(() =>
                this.workspaceLock.write(token => {
                    this.starting = update;
                    return this.documentBuilder.update(changed, deleted, token);
                })
            )
            .catch((error: unknown) => console.error(`Updating ${update.uris.join(', ')} failed:`, error))
            .finally(settle);
    }

    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        // Synchronous, so that no request can come between the close and its update.
        const onDisk = this.onDisk(uri);
        this.fireDocumentUpdate(onDisk ? [uri] : [], onDisk ? [] : [uri]);
    }

    /** Changes to open documents are left out: their editor text stands until they are closed. */
    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const open = this.textDocuments.keys();
        const changes = params.changes.flatMap((change): FileEvent[] => {
            const uri = UriUtils.normalize(change.uri);
            if (open.includes(uri)) return [];
            // A deleted folder takes the documents in it along, except the open ones.
            const inside = open.filter(o => UriUtils.contains(uri, o));
            if (change.type !== FileChangeType.Deleted || inside.length === 0) return [change];
            return this.documents
                .getDocuments(URI.parse(uri))
                .map(d => d.uri.toString())
                .filter(d => !open.includes(d))
                .map(d => ({ uri: d, type: FileChangeType.Deleted }));
        });
        if (changes.length > 0) super.didChangeWatchedFiles({ changes });
    }

    private onDisk(uri: URI): boolean {
        if (uri.scheme !== 'file') return false;
        try {
            return this.fileSystem.statSync(uri).isFile;
        } catch {
            return false;
        }
    }
}

interface PendingUpdate {
    uris: string[];
    taken: boolean;
}
