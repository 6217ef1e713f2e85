import {
    AstUtils,
    CstUtils,
    DefaultLinker,
    DefaultReferenceDescriptionProvider,
    DocumentState,
    isLinkingError,
    UriUtils,
    type AstNode,
    type AstNodeDescription,
    type CstNode,
    type LangiumDocument,
    type LinkingError,
    type Reference,
    type ReferenceDescription,
    type ReferenceInfo,
    type URI
} from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { NameIndex } from './scope.js';

/** Marks a reference whose resolution is under way, to report a cycle instead of recursing. */
const RESOLVING = Symbol('resolving');

/**
 * A reference that remembers what it resolved to by name (the model-qualified
 * key, the type and the declaring document), not by syntax tree node. The node
 * is looked up in the name index on every access, so when the declaring
 * document is parsed again the reference leads to the new node without being
 * linked again; only a change of the names it depends on relinks it (see
 * name-changes.ts).
 */
export class PolityReference implements Reference {
    private target: AstNodeDescription | LinkingError | typeof RESOLVING | undefined;
    /** The current description, and the version of the name index it was read from (-1: not read). */
    private currentVersion = -1;
    private current: AstNodeDescription | undefined;

    constructor(
        private readonly linker: PolityLinker,
        private readonly container: AstNode,
        private readonly property: string,
        readonly $refNode: CstNode | undefined,
        readonly $refText: string
    ) {}

    get ref(): AstNode | undefined {
        return this.$nodeDescription?.node;
    }

    /** The declaration's current description, from the name index; none when it no longer exists in its document. */
    get $nodeDescription(): AstNodeDescription | undefined {
        // Read once per version of the index: "find references" reads every reference of the workspace.
        const version = this.linker.indexVersion();
        if (this.currentVersion === version) return this.current;
        const linked = this.linked();
        if (!linked) return undefined;
        this.current = this.linker.current(linked);
        this.currentVersion = version;
        return this.current;
    }

    /** What linking found, by name; none while unresolved. */
    get linkedDescription(): AstNodeDescription | undefined {
        return this.linked();
    }

    get error(): LinkingError | undefined {
        return isLinkingError(this.target) ? this.target : undefined;
    }

    get isLinked(): boolean {
        return this.target !== undefined && this.target !== RESOLVING;
    }

    /** Links now unless linked already; returns whether this call linked it. */
    resolve(): boolean {
        if (this.target === RESOLVING) throw new Error(`Cyclic reference resolution detected for '${this.$refText}'.`);
        if (this.target !== undefined) return false;
        this.target = RESOLVING;
        const document = AstUtils.findRootNode(this.container).$document;
        const found = this.linker.candidate({ reference: this, container: this.container, property: this.property });
        // Before the document's scopes exist a failure may be premature: leave it for the linker to retry.
        this.target = isLinkingError(found) && document && document.state < DocumentState.ComputedScopes ? undefined : found;
        if (this.target !== undefined) document?.references.push(this);
        return this.target !== undefined;
    }

    unlink(): void {
        this.target = undefined;
        this.currentVersion = -1;
        this.current = undefined;
    }

    private linked(): AstNodeDescription | undefined {
        if (this.target === undefined) this.resolve();
        return this.target === undefined || this.target === RESOLVING || isLinkingError(this.target) ? undefined : this.target;
    }
}

/**
 * Links through the name index (scope.ts) with {@link PolityReference}s, using
 * only the Linker's public hooks.
 */
export class PolityLinker extends DefaultLinker {
    private readonly services: LangiumServices & { polity: { NameIndex: NameIndex } };
    private nameIndex?: NameIndex;

    constructor(services: LangiumServices & { polity: { NameIndex: NameIndex } }) {
        super(services);
        this.services = services;
    }

    /** Looked up on first use (the name index is created after the linker), then kept: this runs for every reference read. */
    private names(): NameIndex {
        return (this.nameIndex ??= this.services.polity.NameIndex);
    }

    override buildReference(node: AstNode, property: string, refNode: CstNode | undefined, refText: string): Reference {
        return new PolityReference(this, node, property, refNode, refText);
    }

    protected override doLink(refInfo: ReferenceInfo, document: LangiumDocument): void {
        const reference = refInfo.reference;
        if (reference instanceof PolityReference) reference.resolve();
        else super.doLink(refInfo, document);
    }

    override unlink(document: LangiumDocument): void {
        for (const reference of document.references) {
            if (reference instanceof PolityReference) reference.unlink();
        }
        super.unlink(document);
    }

    /** What the written name resolves to now, or why it does not; a failure of the lookup itself is reported, not thrown. */
    candidate(refInfo: ReferenceInfo): AstNodeDescription | LinkingError {
        try {
            const found = this.getCandidate(refInfo);
            if (isLinkingError(found) || this.loadAstNode(found)) return found;
            return this.createLinkingError(refInfo, found);
        } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            console.error(`An error occurred while resolving reference to '${refInfo.reference.$refText}':`, error);
            return { info: refInfo, message: `An error occurred while resolving reference to '${refInfo.reference.$refText}': ${message}` };
        }
    }

    /** Changes whenever the name index may have changed. */
    indexVersion(): number {
        return this.names().version;
    }

    /** The description the name index holds now for a declaration linked earlier: same key, type and document. */
    current(linked: AstNodeDescription): AstNodeDescription | undefined {
        return this.names().inDocument(linked.name, linked.type, linked.documentUri);
    }

    protected override loadAstNode(description: AstNodeDescription): AstNode | undefined {
        return this.current(description)?.node ?? super.loadAstNode(description);
    }
}

/**
 * Indexes each reference by the declaration it names rather than by that
 * declaration's place in its syntax tree at indexing time: the target is read
 * through the reference, so "find references" and `isAffected` stay right
 * after the declaring document is parsed again, without indexing the
 * referring documents again.
 */
export class PolityReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    protected override createInfoDescriptions(refInfo: ReferenceInfo): ReferenceDescription[] {
        const reference = refInfo.reference;
        if (!(reference instanceof PolityReference)) return super.createInfoDescriptions(refInfo);
        const linked = reference.linkedDescription;
        if (reference.error || !reference.$refNode || !linked) return [];
        const sourceUri = AstUtils.getDocument(refInfo.container).uri;
        return [
            new FollowingReferenceDescription(
                reference,
                linked,
                sourceUri,
                this.nodeLocator.getAstNodePath(refInfo.container),
                CstUtils.toDocumentSegment(reference.$refNode)
            )
        ];
    }
}

class FollowingReferenceDescription implements ReferenceDescription {
    constructor(
        private readonly reference: PolityReference,
        private readonly linked: AstNodeDescription,
        readonly sourceUri: URI,
        readonly sourcePath: string,
        readonly segment: ReferenceDescription['segment']
    ) {}

    private get target(): AstNodeDescription {
        return this.reference.$nodeDescription ?? this.linked;
    }

    get targetUri(): URI {
        return this.target.documentUri;
    }

    get targetPath(): string {
        return this.target.path;
    }

    get local(): boolean {
        return UriUtils.equals(this.target.documentUri, this.sourceUri);
    }
}
