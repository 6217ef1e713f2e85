import { intersect, type Period } from './periods.js';
import type {
    Claim, Declaration, DocumentFacts, Dispute, Institution, Key, Kind, Mandate, RelationFact, RelationKind,
    Source, View
} from './types.js';

/**
 * The workspace's semantic model: the union of every document's facts, indexed
 * for the questions the checks, hovers and diagrams ask. Built by a pure
 * function, so the server, the CLI and the diagram share one result.
 */
export interface SemanticModel {
    readonly documents: readonly DocumentFacts[];
    /** Every declaration of a key; more than one means a duplicate. */
    readonly declarations: ReadonlyMap<Key, readonly Declaration[]>;
    readonly institutions: ReadonlyMap<Key, Institution>;
    readonly mandates: ReadonlyMap<Key, Mandate>;
    readonly sources: ReadonlyMap<Key, Source>;
    readonly kinds: ReadonlyMap<Key, Kind>;
    readonly relationKinds: ReadonlyMap<Key, RelationKind>;
    readonly views: ReadonlyMap<Key, View>;
    readonly claims: readonly Claim[];
    readonly claimsByMandate: ReadonlyMap<Key, readonly Claim[]>;
    readonly claimsByInstitution: ReadonlyMap<Key, readonly Claim[]>;
    readonly relations: readonly RelationFact[];
    readonly disputes: readonly Dispute[];
    /** Direct sub-mandates and units, for folding trees. */
    readonly childMandates: ReadonlyMap<Key, readonly Key[]>;
    readonly units: ReadonlyMap<Key, readonly Key[]>;
}

export function buildModel(documents: readonly DocumentFacts[]): SemanticModel {
    const declarations = new Map<Key, Declaration[]>();
    const institutions = new Map<Key, Institution>();
    const mandates = new Map<Key, Mandate>();
    const sources = new Map<Key, Source>();
    const kinds = new Map<Key, Kind>();
    const relationKinds = new Map<Key, RelationKind>();
    const views = new Map<Key, View>();
    for (const doc of documents) {
        for (const decl of doc.declarations) {
            push(declarations, decl.key, decl);
            // The first declaration wins, so that a duplicate never hides the original.
            const byType: Map<Key, Declaration> | undefined = ({
                institution: institutions, mandate: mandates, source: sources, kind: kinds, relation: relationKinds, view: views
            } as Record<string, Map<Key, Declaration>>)[decl.type];
            if (byType && !byType.has(decl.key)) {
                byType.set(decl.key, decl);
            }
        }
    }
    // Not `push(...doc.claims)`: a file of 200,000 claims would overflow the stack as arguments.
    const claims = documents.flatMap(doc => doc.claims);
    const relations = documents.flatMap(doc => doc.relations);
    const disputes = documents.flatMap(doc => doc.disputes);
    const claimsByMandate = new Map<Key, Claim[]>();
    const claimsByInstitution = new Map<Key, Claim[]>();
    for (const claim of claims) {
        push(claimsByMandate, claim.mandate, claim);
        push(claimsByInstitution, claim.institution, claim);
    }
    const childMandates = new Map<Key, Key[]>();
    for (const mandate of mandates.values()) {
        if (mandate.parent) push(childMandates, mandate.parent, mandate.key);
    }
    const units = new Map<Key, Key[]>();
    for (const institution of institutions.values()) {
        if (institution.parent) push(units, institution.parent, institution.key);
    }
    return {
        documents, declarations, institutions, mandates, sources, kinds, relationKinds, views,
        claims, claimsByMandate, claimsByInstitution, relations, disputes, childMandates, units
    };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value); else map.set(key, [value]);
}

/** The mandate's ancestors, nearest first. Guards against cycles that broken input could make. */
export function mandateAncestors(model: SemanticModel, key: Key): Key[] {
    const result: Key[] = [];
    let parent = model.mandates.get(key)?.parent;
    while (parent !== undefined && !result.includes(parent) && parent !== key) {
        result.push(parent);
        parent = model.mandates.get(parent)?.parent;
    }
    return result;
}

/** Whether `inner` is `outer` or nested inside it. */
export function mandateWithin(model: SemanticModel, inner: Key, outer: Key): boolean {
    return inner === outer || mandateAncestors(model, inner).includes(outer);
}

export function institutionAncestors(model: SemanticModel, key: Key): Key[] {
    const result: Key[] = [];
    let parent = model.institutions.get(key)?.parent;
    while (parent !== undefined && !result.includes(parent)) {
        result.push(parent);
        parent = model.institutions.get(parent)?.parent;
    }
    return result;
}

/** Whether one institution is a (possibly nested) unit of the other. */
export function unitRelated(model: SemanticModel, a: Key, b: Key): boolean {
    return institutionAncestors(model, a).includes(b) || institutionAncestors(model, b).includes(a);
}

export function lifetimeOf(model: SemanticModel, key: Key): Period {
    return model.institutions.get(key)?.lifetime ?? {};
}

/** A claim holds for its written period within its institution's lifetime. */
export function effectivePeriod(model: SemanticModel, claim: Claim): Period | undefined {
    return intersect(claim.period.period, lifetimeOf(model, claim.institution));
}

/** The short name to show for a key: its path within its model. */
export function displayName(model: SemanticModel, key: Key): string {
    const decl = model.declarations.get(key)?.[0];
    return decl ? decl.path : key;
}
