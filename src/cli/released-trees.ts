import {
    DefaultAstNodeDescriptionProvider,
    type AstNode,
    type AstNodeDescription,
    type DocumentSegment,
    type LangiumDocument,
    type URI
} from 'langium';

/**
 * Descriptions (what the name index holds and references resolve to) that
 * can let go of their syntax tree node. Langium's own hold the node, so every
 * document that names a declaration keeps the declaring document's whole tree
 * alive. `polity check` reads each document's facts, releases its descriptions
 * and drops the document: its tree is then garbage while the next documents,
 * whose facts name its declarations by key, are read.
 */
export class ReleasableDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    private readonly byDocument = new Map<string, ReleasableDescription[]>();

    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const description = new ReleasableDescription(super.createDescription(node, name, document));
        const uri = description.documentUri.toString();
        const list = this.byDocument.get(uri);
        if (list) list.push(description);
        else this.byDocument.set(uri, [description]);
        return description;
    }

    /** From now on the document's descriptions have no node: nothing may ask for one. */
    release(uri: URI): void {
        const key = uri.toString();
        for (const description of this.byDocument.get(key) ?? []) description.release();
        this.byDocument.delete(key);
    }
}

/** Langium's description, kept until released; what it says without its node is copied. */
class ReleasableDescription implements AstNodeDescription {
    readonly name: string;
    readonly type: string;
    readonly documentUri: URI;
    readonly path: string;
    readonly selectionSegment?: DocumentSegment;
    private described: AstNodeDescription | undefined;

    constructor(described: AstNodeDescription) {
        this.name = described.name;
        this.type = described.type;
        this.documentUri = described.documentUri;
        this.path = described.path;
        this.selectionSegment = described.selectionSegment;
        this.described = described;
    }

    get node(): AstNode | undefined {
        return this.described?.node;
    }

    /** Computed on first use from the node, as Langium's is. */
    get nameSegment(): DocumentSegment | undefined {
        return this.described?.nameSegment;
    }

    release(): void {
        this.described = undefined;
    }
}
