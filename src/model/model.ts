import { onlyElement } from './lists.js';
import type { PDate } from './dates.js';
import { certain, contains, formatPeriod, intersect, possible, type Period } from './periods.js';
import {
    PRELUDE_MODEL,
    type Certainty,
    type Claim,
    type Contest,
    type Declaration,
    type DocumentFacts,
    type Dispute,
    type Institution,
    type Holding,
    type Key,
    type Kind,
    type Mandate,
    type Person,
    type Post,
    type RelationFact,
    type RelationKind,
    type Role,
    type Source,
    type View
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
    readonly roles: ReadonlyMap<Key, Role>;
    readonly views: ReadonlyMap<Key, View>;
    readonly posts: ReadonlyMap<Key, Post>;
    readonly people: ReadonlyMap<Key, Person>;
    /** Every `holds` line, by institution and by person. */
    readonly holdings: readonly Holding[];
    readonly holdingsByInstitution: ReadonlyMap<Key, readonly Holding[]>;
    readonly holdingsByPerson: ReadonlyMap<Key, readonly Holding[]>;
    readonly claims: readonly Claim[];
    readonly claimsByMandate: ReadonlyMap<Key, readonly Claim[]>;
    readonly claimsByInstitution: ReadonlyMap<Key, readonly Claim[]>;
    readonly relations: readonly RelationFact[];
    readonly contests: readonly Contest[];
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
    const roles = new Map<Key, Role>();
    const views = new Map<Key, View>();
    const posts = new Map<Key, Post>();
    const people = new Map<Key, Person>();
    const claims: Claim[] = [];
    for (const doc of documents) {
        for (const decl of doc.declarations) {
            push(declarations, decl.key, decl);
            // The first declaration wins, so that a duplicate never hides the original.
            const byType: Map<Key, Declaration> | undefined = (
                {
                    institution: institutions,
                    mandate: mandates,
                    source: sources,
                    kind: kinds,
                    relation: relationKinds,
                    role: roles,
                    view: views,
                    post: posts,
                    person: people
                } as Record<string, Map<Key, Declaration>>
            )[decl.type];
            if (byType && !byType.has(decl.key)) {
                byType.set(decl.key, decl);
            }
        }
    }
    // Not `push(...doc.claims)`: a file of 200,000 claims would overflow the stack as arguments.
    const relations = documents.flatMap(doc => doc.relations);
    const contests = documents.flatMap(doc => doc.contests);
    const disputes = documents.flatMap(doc => doc.disputes);
    const holdings = documents.flatMap(doc => doc.holdings);
    const holdingsByInstitution = new Map<Key, Holding[]>();
    const holdingsByPerson = new Map<Key, Holding[]>();
    for (const holding of holdings) {
        push(holdingsByInstitution, holding.institution, holding);
        push(holdingsByPerson, holding.person, holding);
    }
    for (const doc of documents) {
        for (const claim of modelClaims(roles, doc)) claims.push(claim);
    }
    const claimsByMandate = new Map<Key, Claim[]>();
    const claimsByInstitution = new Map<Key, Claim[]>();
    for (const claim of claims) {
        push(claimsByMandate, claim.mandate, claim);
        push(claimsByInstitution, claim.institution, claim);
    }
    const childMandates = new Map<Key, Key[]>();
    for (const mandate of mandates.values()) {
        for (const parent of new Set(mandate.parents)) push(childMandates, parent, mandate.key);
    }
    const units = new Map<Key, Key[]>();
    for (const institution of institutions.values()) {
        if (institution.parent) push(units, institution.parent, institution.key);
    }
    return {
        documents,
        declarations,
        institutions,
        mandates,
        sources,
        kinds,
        relationKinds,
        roles,
        views,
        posts,
        people,
        holdings,
        holdingsByInstitution,
        holdingsByPerson,
        claims,
        claimsByMandate,
        claimsByInstitution,
        relations,
        contests,
        disputes,
        childMandates,
        units
    };
}

/** The document's claims as the model has them (`model.claims` lists them document by document). */
export function documentClaims(model: SemanticModel, doc: DocumentFacts): readonly Claim[] {
    return modelClaims(model.roles, doc);
}

function modelClaims(roles: ReadonlyMap<Key, Role>, doc: DocumentFacts): readonly Claim[] {
    if (!doc.claims.some(claim => claim.shared)) return doc.claims;
    // `shares` claims the role `leads` of the line's model (its own declaration wins over the prelude's).
    const own = `${doc.model ? `${doc.model}.` : ''}leads`;
    const leads = roles.has(own) ? own : `${PRELUDE_MODEL}.leads`;
    return doc.claims.map(claim => (claim.shared ? sharedClaim(claim, leads) : claim));
}

const sharedClaims = new WeakMap<Claim, Claim>();

/**
 * The `shares` claim as a claim of the role: the same object for the same
 * fact and role on every build, so that the server can tell which claims an
 * edit left alone by identity (incremental.ts).
 */
function sharedClaim(claim: Claim, role: Key): Claim {
    const known = sharedClaims.get(claim);
    if (known?.role === role) return known;
    const result = { ...claim, role };
    sharedClaims.set(claim, result);
    return result;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

const ancestorCache = new WeakMap<SemanticModel, Map<Key, Key[]>>();

/**
 * The mandate's ancestors through every parent, nearest first (breadth
 * first). A mandate may sit in several trees; a cycle (an error of its own)
 * never loops here. Cached per model: conflicts and `unused` ask for every mandate.
 */
export function mandateAncestors(model: SemanticModel, key: Key): Key[] {
    let cache = ancestorCache.get(model);
    if (!cache) ancestorCache.set(model, (cache = new Map()));
    let result = cache.get(key);
    if (!result) {
        const seen = new Set<Key>([key]);
        const queue = [key];
        // The loop also visits what it appends.
        for (const mandate of queue) {
            for (const parent of model.mandates.get(mandate)?.parents ?? []) {
                if (!seen.has(parent)) {
                    seen.add(parent);
                    queue.push(parent);
                }
            }
        }
        result = queue.slice(1);
        cache.set(key, result);
    }
    return result;
}

/** The mandate and every mandate inside it, through every parent link. */
export function mandateDescendants(model: SemanticModel, key: Key): Key[] {
    const result = [key];
    const seen = new Set(result);
    // The loop also visits what it appends.
    for (const mandate of result) {
        for (const child of model.childMandates.get(mandate) ?? []) {
            if (!seen.has(child)) {
                seen.add(child);
                result.push(child);
            }
        }
    }
    return result;
}

/** Whether `inner` is `outer` or nested inside it, through any parent. */
export function mandateWithin(model: SemanticModel, inner: Key, outer: Key): boolean {
    return inner === outer || mandateAncestors(model, inner).includes(outer);
}

/** Whether claims of the role conflict with each other (`exclusive`); an unknown role never does. */
export function isExclusive(model: SemanticModel, role: Key): boolean {
    return model.roles.get(role)?.exclusive ?? false;
}

const HEDGES: Record<Certainty, string> = { reported: 'reportedly', alleged: 'allegedly' };

/** `reportedly ` or `allegedly ` before a fact's verb, or nothing when the fact is asserted. */
export function hedge(certainty: Certainty | undefined): string {
    return certainty ? `${HEDGES[certainty]} ` : '';
}

/** A claim's verb as written: `leads`, `shares`, `risk-manages`, with its hedge (`reportedly leads`). */
export function claimVerb(model: SemanticModel, claim: Claim): string {
    return `${hedge(claim.certainty)}${claim.shared ? 'shares' : displayName(model, claim.role)}`;
}

/** `MPS reportedly leads 'cii'`: a claim in a message. */
export function describeClaim(model: SemanticModel, claim: Claim): string {
    return `${displayName(model, claim.institution)} ${claimVerb(model, claim)} '${displayName(model, claim.mandate)}'`;
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

/** The relation kind that is containment: the prelude's `part-of`, or a model's own that replaces it. */
export const CONTAINMENT = 'part-of';

interface Container {
    key: Key;
    period: Period;
}
/** Per model: the direct `part-of` links by subject, and each institution's containers once asked for. */
const containerCache = new WeakMap<SemanticModel, { direct: Map<Key, Container[]>; closure: Map<Key, Container[]> }>();

/**
 * Everything the institution is part of, transitively, each with when: its
 * parent for its whole life (a unit), and the targets of its `part-of`
 * relations for what possibly held of them (containment exempts from
 * conflicts, so an uncertain date must not raise one).
 */
export function containersOf(model: SemanticModel, key: Key): Container[] {
    const cache = containmentIndex(model);
    const found = cache.closure.get(key);
    if (found) return found;
    const result: Container[] = [];
    // Breadth first over parents and `part-of` links, narrowing the period at each step; a loop (a `cycle` error) stops.
    const queue: Container[] = [{ key, period: {} }];
    const visited = new Set<string>();
    // The loop also visits what it appends.
    for (const current of queue) {
        if (result.length >= MAX_CONTAINERS) break;
        const parent = model.institutions.get(current.key)?.parent;
        const links = [...(parent ? [{ key: parent, period: {} }] : []), ...(cache.direct.get(current.key) ?? [])];
        for (const link of links) {
            const period = intersect(current.period, link.period);
            if (!period || link.key === key) continue;
            const id = `${link.key}\u0000${formatPeriod(period)}`;
            if (visited.has(id)) continue;
            visited.add(id);
            result.push({ key: link.key, period });
            queue.push({ key: link.key, period });
        }
    }
    cache.closure.set(key, result);
    return result;
}

function containmentIndex(model: SemanticModel): { direct: Map<Key, Container[]>; closure: Map<Key, Container[]> } {
    let cache = containerCache.get(model);
    if (!cache) {
        const direct = new Map<Key, Container[]>();
        for (const relation of model.relations) {
            if (relation.subject === relation.target || model.relationKinds.get(relation.kind)?.name !== CONTAINMENT) continue;
            push(direct, relation.subject, { key: relation.target, period: possible(relation.period.period) });
        }
        containerCache.set(model, (cache = { direct, closure: new Map() }));
    }
    return cache;
}

/** What the institution is directly part of on the date: its parent if it is a unit, else the target of a `part-of` that holds then. */
export function parentAt(model: SemanticModel, key: Key, date: PDate): Key | undefined {
    return (
        model.institutions.get(key)?.parent ??
        containmentIndex(model)
            .direct.get(key)
            ?.find(c => contains(c.period, date))?.key
    );
}

/** A hostile model could make containment chains explode; past this many, the rest are ignored. */
const MAX_CONTAINERS = 1000;

/** When one institution is part of the other (as a unit, or through `part-of`), for conflict rule 4. */
export function containment(model: SemanticModel, a: Key, b: Key): Period[] {
    return [
        ...containersOf(model, a)
            .filter(c => c.key === b)
            .map(c => c.period),
        ...containersOf(model, b)
            .filter(c => c.key === a)
            .map(c => c.period)
    ];
}

export function lifetimeOf(model: SemanticModel, key: Key): Period {
    return model.institutions.get(key)?.lifetime ?? {};
}

/**
 * A claim (or contest) holds for its written period within its institution's
 * lifetime: what possibly held, for drawing and exports; with `sure`, what
 * certainly held, for the checks that must not raise a false alarm.
 */
export function effectivePeriod(model: SemanticModel, fact: Pick<Claim, 'institution' | 'period'>, sure = false): Period | undefined {
    const held = sure ? certain : possible;
    return intersect(held(fact.period.period), held(lifetimeOf(model, fact.institution)));
}

/** The institution's kind on the date (what possibly held then), else its kind today. */
export function kindAt(institution: Institution, date?: PDate): Key | undefined {
    if (!date) return institution.kind;
    return institution.kinds.find(k => contains(possible(k.period.period), date))?.kind ?? onlyUndatedKind(institution);
}

/** The kind of an institution with a single kind, written without a period. */
function onlyUndatedKind(institution: Institution): Key | undefined {
    const only = onlyElement(institution.kinds);
    return only && !only.period.loc ? only.kind : undefined;
}

/** The short name to show for a key: its path within its model. */
export function displayName(model: SemanticModel, key: Key): string {
    const decl = model.declarations.get(key)?.[0];
    return decl ? decl.path : key;
}
