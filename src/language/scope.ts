import {
    DefaultScopeComputation,
    DocumentState,
    EMPTY_SCOPE,
    MultiMap,
    stream,
    WorkspaceCache,
    type AstNode,
    type AstNodeDescription,
    type AstReflection,
    type LangiumDocument,
    type LocalSymbols,
    type ReferenceInfo,
    type Scope,
    type ScopeProvider,
    type Stream,
    type URI
} from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { isFact, isInstitution, isRelationKind, isRole, Institution, Mandate, type Document } from './generated/ast.js';
import { declarationsOf, keyOf, modelNameOf, PRELUDE_MODEL, qualify } from './names.js';

/**
 * Every declaration is exported under its model-qualified key
 * (`china.cyber.MPS.Bureau11`), so one hash index answers every lookup.
 */
export class PolityScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const root = document.parseResult.value as Document;
        const exports: AstNodeDescription[] = [];
        for (const node of declarationsOf(root)) {
            exports.push(this.descriptions.createDescription(node, keyOf(node), document));
        }
        return exports;
    }

    /**
     * No local symbols: Langium's local scope is a linear scan per reference,
     * which makes a 10,000-declaration file link in quadratic time. All names
     * are found through the hashed index instead.
     */
    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }
}

/** The exported descriptions by key (and by type, for completion), rebuilt once per build after indexing. */
export class NameIndex {
    private readonly cache: WorkspaceCache<string, Map<string, AstNodeDescription[]>>;
    private readonly typed: WorkspaceCache<string, AstNodeDescription[]>;
    private readonly containers: WorkspaceCache<string, Set<string>>;

    /**
     * Changes whenever the index may have changed (as its caches are cleared):
     * a reference that read its declaration at this version may keep it.
     */
    version = 0;

    constructor(private readonly services: LangiumServices) {
        this.cache = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
        this.typed = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
        this.containers = new WorkspaceCache(services.shared, DocumentState.IndexedContent);
        const builder = services.shared.workspace.DocumentBuilder;
        builder.onBuildPhase(DocumentState.IndexedContent, () => {
            this.version++;
        });
        builder.onUpdate((_changed, deleted) => {
            if (deleted.length > 0) this.version++;
        });
    }

    get byKey(): Map<string, AstNodeDescription[]> {
        return this.cache.get('index', () => {
            const map = new Map<string, AstNodeDescription[]>();
            for (const desc of this.services.shared.workspace.IndexManager.allElements()) {
                const list = map.get(desc.name);
                if (list) list.push(desc);
                else map.set(desc.name, [desc]);
            }
            return map;
        });
    }

    /** Whether some declaration's key lies inside this one (`a.b` has `a.b.c`). */
    hasMembers(key: string): boolean {
        return this.containers
            .get('containers', () => {
                const result = new Set<string>();
                for (const name of this.byKey.keys()) {
                    for (let dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
                        const container = name.slice(0, dot);
                        if (result.has(container)) break;
                        result.add(container);
                    }
                }
                return result;
            })
            .has(key);
    }

    /** Every description of the type (or a subtype), in index order. */
    ofType(type: string): AstNodeDescription[] {
        const reflection = this.services.shared.AstReflection;
        return this.typed.get(type, () => [...this.byKey.values()].flat().filter(desc => reflection.isSubtype(desc.type, type)));
    }

    lookup(key: string, type: string): AstNodeDescription | undefined {
        const reflection = this.services.shared.AstReflection;
        return this.byKey.get(key)?.find(desc => reflection.isSubtype(desc.type, type));
    }

    /** The declaration of the key and type that this document exports, if it still does. */
    inDocument(key: string, type: string, uri: URI): AstNodeDescription | undefined {
        const reflection = this.services.shared.AstReflection;
        const document = uri.toString();
        return this.byKey.get(key)?.find(desc => reflection.isSubtype(desc.type, type) && desc.documentUri.toString() === document);
    }
}

/**
 * The type a reference must name. A fact's objects are mandates after a role
 * (or `shares`, `contests`) and institutions after a relation kind; while the
 * verb is unknown, either, so that only the verb is reported.
 */
export function expectedType(reflection: AstReflection, context: ReferenceInfo): string {
    if (isFact(context.container) && context.property === 'objects') {
        const fact = context.container;
        const verb = fact.verb?.ref;
        if (fact.shares || fact.contests || isRole(verb)) return Mandate.$type;
        if (isRelationKind(verb)) return Institution.$type;
    }
    return reflection.getReferenceType(context);
}

/**
 * Resolves a written name in this order: units of the enclosing institutions,
 * the document's own model, a fully qualified name, then the prelude. The
 * model's own declarations thereby win over the prelude's.
 */
export class PolityScopeProvider implements ScopeProvider {
    private readonly index: NameIndex;

    constructor(private readonly services: LangiumServices & { polity: { NameIndex: NameIndex } }) {
        this.index = services.polity.NameIndex;
    }

    getScope(context: ReferenceInfo): Scope {
        let type: string;
        try {
            type = expectedType(this.services.shared.AstReflection, context);
        } catch {
            // Completion inside broken text can guess a container that has no such reference: nothing to offer.
            return EMPTY_SCOPE;
        }
        const model = modelNameOf(context.container);
        const enclosing: string[] = [];
        for (let node: AstNode | undefined = context.container; node; node = node.$container) {
            if (isInstitution(node)) enclosing.push(keyOf(node));
        }
        return new PolityScope(this.index, type, model, enclosing);
    }
}

export class PolityScope implements Scope {
    constructor(
        private readonly index: NameIndex,
        private readonly type: string,
        private readonly model: string,
        private readonly enclosing: string[]
    ) {}

    /**
     * What the scope's names depend on besides the index: two scopes with one
     * key list the same names. An enclosing institution without members adds
     * no names, so scopes inside different such institutions share a key.
     */
    get key(): string {
        return [this.type, this.model, ...this.enclosing.filter(parent => this.index.hasMembers(parent))].join('\u0000');
    }

    private candidates(name: string): string[] {
        // A dotted name may be fully qualified; a plain one never leaves its own model (and the prelude).
        return [
            ...this.enclosing.map(parent => `${parent}.${name}`),
            qualify(this.model, name),
            ...(name.includes('.') ? [name] : []),
            qualify(PRELUDE_MODEL, name)
        ];
    }

    getElement(name: string): AstNodeDescription | undefined {
        for (const key of this.candidates(name)) {
            const found = this.index.lookup(key, this.type);
            if (found) return found;
        }
        return undefined;
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const found = this.getElement(name);
        return stream(found ? [found] : []);
    }

    /** For completion and suggestions: names as the user would write them here. */
    getAllElements(): Stream<AstNodeDescription> {
        const own = this.model ? `${this.model}.` : '';
        const prelude = `${PRELUDE_MODEL}.`;
        const seen = new Set<string>();
        const result: AstNodeDescription[] = [];
        const add = (desc: AstNodeDescription, name: string) => {
            if (seen.has(name)) return;
            seen.add(name);
            result.push(name === desc.name ? desc : renamed(desc, name));
        };
        const all = this.index.ofType(this.type);
        for (const desc of all) {
            const parent = this.enclosing.find(p => desc.name.startsWith(`${p}.`));
            if (parent) add(desc, desc.name.slice(parent.length + 1));
        }
        for (const desc of all) {
            if (own && desc.name.startsWith(own) && modelOfDescription(desc) === this.model) add(desc, desc.name.slice(own.length));
            else if (!own && modelOfDescription(desc) === '') add(desc, desc.name);
        }
        for (const desc of all) {
            if (desc.name.startsWith(prelude) && modelOfDescription(desc) === PRELUDE_MODEL) add(desc, desc.name.slice(prelude.length));
        }
        for (const desc of all) add(desc, desc.name);
        return stream(result);
    }
}

/**
 * The description under another name. Copying it would evaluate its lazy
 * `nameSegment` for each of thousands of candidates on every completion.
 */
function renamed(desc: AstNodeDescription, name: string): AstNodeDescription {
    return Object.create(desc, { name: { value: name, enumerable: true } }) as AstNodeDescription;
}

function modelOfDescription(desc: AstNodeDescription): string | undefined {
    const node = desc.node;
    return node ? modelNameOf(node) : undefined;
}
