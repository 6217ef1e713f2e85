import { componentCycleFindings } from './checks/hierarchy.js';
import { oneSidedSharesIn } from './checks/competences.js';
import { outsideLifetimeIn } from './checks/dates.js';
import { unusedGiven } from './checks/declarations.js';
import { inDocumentOrder } from './checks/finding.js';
import type { KeptCheck } from './checks/index.js';
import { selfRelationsIn } from './checks/relations.js';
import { hierarchyComponents, hierarchyEdges, type Edge } from './cycles.js';
import type { SemanticModel } from './model.js';
import type { Declaration, DocumentFacts, Finding, Key, RelationFact } from './types.js';

/**
 * The findings of the checks made per document (dates outside a lifetime,
 * one-sided shares, self-relations) and per component of the hierarchy
 * (cycles), kept from edit to edit: an edit makes again only the parts of
 * the documents it changed or that name what it changed, and of the
 * components whose relations or institutions it changed (each document's
 * hierarchical relations are kept as edges, so only Tarjan runs whole). Unused
 * declarations follow a count of each key's uses, which an edit corrects by
 * the uses of the documents it changed.
 *
 * Shared by the states of one line of edits (`updateChecks` is given the
 * latest state): entries are keyed by objects the next state keeps when the
 * edit left them alone (a document's facts, a relation).
 */
export interface KeptFindings {
    readonly documents: WeakMap<DocumentFacts, DocumentParts>;
    /** Each hierarchy component's cycle findings, by the relations inside it (`componentId`). */
    readonly components: ReadonlyMap<string, readonly Finding[]>;
    readonly relationIds: WeakMap<RelationFact, number>;
    /** How many uses of each key the documents hold. */
    readonly uses: ReadonlyMap<Key, number>;
    /** The finding of each declaration found unused, kept while it stays unused. */
    readonly unused: WeakMap<Declaration, Finding>;
}

interface DocumentParts {
    edges: Edge[];
    lifetime: Finding[][];
    shares: Finding[];
    self: Finding[];
}

/** What an edit changed, as the kept findings depend on it. */
export interface KeptChange {
    /** Keys declared in a changed document (before or after), and institutions whose claims a changed document holds. */
    readonly keys: ReadonlySet<Key>;
    /** Whether a mandate's parents changed (one-sided shares read the mandate tree). */
    readonly tree: boolean;
    /** The documents whose facts changed: as they were, and as they are. */
    readonly old: readonly DocumentFacts[];
    readonly now: readonly DocumentFacts[];
}

/**
 * The kept checks' findings on the model, reusing those of `previous` that
 * the change leaves as they were; with no change given, every part is made.
 */
export function keptChecks(
    model: SemanticModel,
    previous: KeptFindings | undefined,
    change: KeptChange | undefined
): { kept: KeptFindings; findings: Record<KeptCheck, Finding[]> } {
    const documents = (change && previous?.documents) || new WeakMap<DocumentFacts, DocumentParts>();
    const relationIds = (change && previous?.relationIds) || new WeakMap<RelationFact, number>();
    const parts = model.documents.map(doc => {
        const known = documents.get(doc);
        if (known && change && !namesAny(doc, change.keys)) {
            if (!change.tree) return known;
            const shares = { ...known, shares: oneSidedSharesIn(model, doc) };
            documents.set(doc, shares);
            return shares;
        }
        const made = {
            edges: hierarchyEdges(model, doc),
            lifetime: outsideLifetimeIn(model, doc),
            shares: oneSidedSharesIn(model, doc),
            self: selfRelationsIn(model, doc)
        };
        documents.set(doc, made);
        return made;
    });
    const components = new Map<string, readonly Finding[]>();
    const cycles: Finding[] = [];
    for (const component of hierarchyComponents(
        model,
        parts.flatMap(p => p.edges)
    )) {
        const id = component.edges.map(e => relationId(relationIds, e.fact)).join(',');
        const keep = change && ![...component.institutions].some(key => change.keys.has(key));
        const findings = (keep && previous?.components.get(id)) || componentCycleFindings(model, component);
        components.set(id, findings);
        for (const f of findings) cycles.push(f);
    }
    const uses = useCounts(model, previous, change);
    const unused = (change && previous?.unused) || new WeakMap<Declaration, Finding>();
    return {
        kept: { documents, components, relationIds, uses, unused },
        findings: {
            cycles,
            outsideLifetime: inDocumentOrder(parts.map(p => p.lifetime)),
            oneSidedShares: inDocumentOrder(parts.map(p => [p.shares])),
            selfRelations: inDocumentOrder(parts.map(p => [p.self])),
            unused: unusedGiven(model, uses.keys(), unused)
        }
    };
}

/** The uses of each key: the previous counts with the changed documents' uses taken out and put in again. */
function useCounts(model: SemanticModel, previous: KeptFindings | undefined, change: KeptChange | undefined): Map<Key, number> {
    const counts = new Map<Key, number>(change && previous ? previous.uses : []);
    const count = (docs: readonly DocumentFacts[], by: number) => {
        for (const doc of docs) {
            for (const { key } of doc.uses) {
                const n = (counts.get(key) ?? 0) + by;
                if (n === 0) counts.delete(key);
                else counts.set(key, n);
            }
        }
    };
    if (change && previous) {
        count(change.old, -1);
        count(change.now, 1);
    } else count(model.documents, 1);
    return counts;
}

let nextRelationId = 0;

/** A number per relation object: a relation an edit left alone keeps it. */
function relationId(ids: WeakMap<RelationFact, number>, fact: RelationFact): number {
    let id = ids.get(fact);
    if (id === undefined) ids.set(fact, (id = nextRelationId++));
    return id;
}

const namedKeys = new WeakMap<DocumentFacts, Set<Key>>();

/** Whether the document's facts name one of the keys (what the per-document checks read of other documents). */
function namesAny(doc: DocumentFacts, keys: ReadonlySet<Key>): boolean {
    let named = namedKeys.get(doc);
    if (!named) {
        named = new Set<Key>();
        for (const claim of doc.claims) {
            for (const key of [claim.institution, claim.role, claim.mandate, ...claim.partners]) named.add(key);
        }
        for (const contest of doc.contests) for (const key of [contest.institution, contest.mandate]) named.add(key);
        for (const relation of doc.relations) for (const key of [relation.subject, relation.kind, relation.target]) named.add(key);
        for (const holding of doc.holdings) for (const key of [holding.institution, holding.person, holding.post]) named.add(key);
        namedKeys.set(doc, named);
    }
    const [small, large] = named.size < keys.size ? [named, keys] : [keys, named];
    for (const key of small) if (large.has(key)) return true;
    return false;
}
