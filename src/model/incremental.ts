import { checkModel, type CheckOptions } from './checks/index.js';
import { conflictFindings } from './checks/competences.js';
import {
    conflictsOnMandate,
    LIMITS,
    withDisputes,
    type Budget,
    type Conflict,
    type Conflicts,
    type MandateConflicts
} from './conflicts.js';
import { keptChecks, type KeptChange, type KeptFindings } from './kept-findings.js';
import { buildModel, CONTAINMENT, mandateDescendants, type SemanticModel } from './model.js';
import type { Claim, Declaration, DocumentFacts, Finding, Key } from './types.js';

/**
 * The workspace-wide findings, kept so that the next edit redoes only what it
 * touched. Conflicts are the costly part (tens of thousands on a workspace
 * full of them), and the conflicts of a mandate depend only on the claims on
 * it and on its ancestors (conflicts.ts: conflictsOnMandate); so they are
 * kept per mandate, and an edit finds again only the conflicts of the
 * mandates it touched, and of the mandates inside those. A conflict the edit
 * did not touch keeps its findings. The checks made per document and per
 * hierarchy component keep theirs too (kept-findings.ts); the other checks
 * are cheap and run whole.
 *
 * Pure: `checkWorkspace` and `updateChecks` give the same findings, in the
 * same order, as `runChecks` on a fresh model of the same documents (the
 * differential test, test/fuzz/incremental-checks.test.ts, holds them to it).
 */
export interface CheckState {
    readonly model: SemanticModel;
    readonly options: CheckOptions;
    readonly conflicts: Conflicts;
    readonly findings: readonly Finding[];
    /** The conflicts found on each mandate, before disputes are matched. */
    readonly byMandate: ReadonlyMap<Key, MandateConflicts>;
    /** Whether no limit was reached: then each mandate's conflicts are what it alone gives, and can be kept. */
    readonly complete: boolean;
    /** The findings of each conflict, by conflict object (shared from state to state). */
    readonly findingsOf: WeakMap<Conflict, readonly Finding[]>;
    /** Each conflict a dispute documents, by the conflict before disputes (shared from state to state: its findings are kept too). */
    readonly disputed: WeakMap<Conflict, Conflict>;
    /** The findings of the checks made per document and per hierarchy component. */
    readonly kept: KeptFindings;
}

/** Every check on the documents, as `polity check` runs them. */
export function checkWorkspace(documents: readonly DocumentFacts[], options: CheckOptions): CheckState {
    return checkAll(buildModel(documents), options);
}

/**
 * The findings after an edit: the documents are the whole workspace's, each
 * document the edit did not change given as the same facts object as before.
 * `previous` is the latest state: what it kept is shared along the line of
 * edits (kept-findings.ts).
 */
export function updateChecks(previous: CheckState, documents: readonly DocumentFacts[]): CheckState {
    const model = buildModel(documents);
    const dirty = previous.complete ? touchedMandates(previous.model, model) : undefined;
    if (!dirty) return checkAll(model, previous.options);
    const moved = movedClaims(previous.model, model, dirty);
    const byMandate = new Map<Key, MandateConflicts>();
    for (const mandate of model.claimsByMandate.keys()) {
        const kept = dirty.has(mandate) ? undefined : previous.byMandate.get(mandate);
        byMandate.set(mandate, kept ? follow(kept, moved) : conflictsOnMandate(model, mandate, { ...LIMITS }));
    }
    const state = finish(model, previous.options, byMandate, previous, keptChange(previous.model, model));
    // Past a limit, the mandates compared first decide what is kept: only the whole search says which.
    return state.complete ? state : checkAll(model, previous.options);
}

function checkAll(model: SemanticModel, options: CheckOptions): CheckState {
    const budget: Budget = { ...LIMITS };
    const byMandate = new Map<Key, MandateConflicts>();
    for (const mandate of model.claimsByMandate.keys()) byMandate.set(mandate, conflictsOnMandate(model, mandate, budget));
    return finish(model, options, byMandate, { findingsOf: new WeakMap(), disputed: new WeakMap(), kept: undefined }, undefined);
}

function finish(
    model: SemanticModel,
    options: CheckOptions,
    byMandate: Map<Key, MandateConflicts>,
    previous: Pick<CheckState, 'findingsOf' | 'disputed'> & { kept: KeptFindings | undefined },
    change: KeptChange | undefined
): CheckState {
    const { findingsOf, disputed } = previous;
    const { kept, findings: keptFindings } = keptChecks(model, previous.kept, change);
    const conflicts = withDisputes(model, byMandate, disputed);
    let [pairs, found] = [0, 0];
    for (const on of byMandate.values()) {
        pairs += on.pairs;
        found += on.conflicts.length;
    }
    const findings = checkModel(
        model,
        conflicts,
        conflict => {
            let result = findingsOf.get(conflict);
            if (!result) findingsOf.set(conflict, (result = conflictFindings(model, conflict, options)));
            return result;
        },
        keptFindings
    );
    const complete = !conflicts.incomplete && pairs < LIMITS.pairs && found < LIMITS.conflicts;
    return { model, options, conflicts, findings, byMandate, complete, findingsOf, disputed, kept };
}

/** The documents whose facts are not the same object as before, with their facts before and after. */
function changedDocuments(before: SemanticModel, after: SemanticModel): { old: DocumentFacts[]; now: DocumentFacts[] } {
    const previous = new Map(before.documents.map(doc => [doc.uri, doc]));
    const current = new Set(after.documents);
    const old: DocumentFacts[] = [];
    const now: DocumentFacts[] = [];
    for (const doc of after.documents) {
        if (previous.get(doc.uri) !== doc) now.push(doc);
    }
    for (const doc of before.documents) {
        if (!current.has(doc)) old.push(doc);
    }
    return { old, now };
}

/** What the kept findings of the per-document and per-component checks depend on that the edit changed. */
function keptChange(before: SemanticModel, after: SemanticModel): KeptChange {
    const { old, now } = changedDocuments(before, after);
    const keys = new Set<Key>();
    for (const doc of [...old, ...now]) {
        for (const decl of doc.declarations) keys.add(decl.key);
        for (const claim of doc.claims) keys.add(claim.institution);
    }
    const mandates = [...old, ...now].flatMap(doc => doc.declarations.filter(d => d.type === 'mandate'));
    const parents = (model: SemanticModel) => (key: Key) => {
        const mandate = model.mandates.get(key);
        return mandate && JSON.stringify(mandate.parents);
    };
    return { keys, tree: differing(before, after, mandates, parents).size > 0, old, now };
}

/**
 * The mandates whose conflicts may differ after the edit: those with claims
 * added or removed; those claimed by an institution whose lifetime, parent,
 * containment or declaration changed; those whose declaration or parents
 * changed; and every mandate inside one of these (its claims meet theirs).
 * Undefined when roles or relation kinds changed, which may change any
 * conflict.
 */
function touchedMandates(before: SemanticModel, after: SemanticModel): Set<Key> | undefined {
    const { old, now } = changedDocuments(before, after);
    const declarations = (docs: DocumentFacts[], types: Declaration['type'][]) =>
        docs.flatMap(doc => doc.declarations.filter(d => types.includes(d.type)));
    const structure = (model: SemanticModel, docs: DocumentFacts[]) =>
        declarations(docs, ['role', 'relation']).map(d => {
            const role = model.roles.get(d.key);
            const kind = model.relationKinds.get(d.key);
            return JSON.stringify([d.type, d.key, role?.exclusive, role?.name, kind?.hierarchical, kind?.upward, kind?.name]);
        });
    if (!sameMultiset(structure(before, old), structure(after, now))) return undefined;

    const dirty = new Set<Key>();
    for (const mandate of differing(before, after, declarations([...old, ...now], ['mandate']), model => key => {
        const mandate = model.mandates.get(key);
        return mandate && JSON.stringify(mandate.parents);
    }))
        dirty.add(mandate);
    const claimed = claimChanges(
        old.flatMap(doc => claimsOf(before, doc)),
        now.flatMap(doc => claimsOf(after, doc))
    );
    for (const mandate of claimed) dirty.add(mandate);

    const institutions = differing(before, after, declarations([...old, ...now], ['institution']), model => key => {
        const institution = model.institutions.get(key);
        return institution && JSON.stringify([institution.lifetime, institution.parent ?? null]);
    });
    const containment = (model: SemanticModel, docs: DocumentFacts[]) =>
        docs
            .flatMap(doc => doc.relations)
            .filter(r => model.relationKinds.get(r.kind)?.name === CONTAINMENT)
            .map(r => JSON.stringify([r.subject, r.target, r.period.period]));
    const [was, is] = [containment(before, old), containment(after, now)];
    for (const text of symmetricDifference(was, is)) institutions.add((JSON.parse(text) as [Key])[0]);
    // Whatever is (or was) part of a changed institution has new containers too.
    for (const model of [before, after]) {
        for (const key of below(model, institutions)) institutions.add(key);
    }
    for (const key of institutions) {
        for (const model of [before, after]) {
            for (const claim of model.claimsByInstitution.get(key) ?? []) dirty.add(claim.mandate);
        }
    }
    for (const mandate of [...dirty]) {
        for (const model of [before, after]) {
            for (const inner of mandateDescendants(model, mandate)) dirty.add(inner);
        }
    }
    return dirty;
}

/** The model's claims written in the document (shared claims as the model has them). */
function claimsOf(model: SemanticModel, doc: DocumentFacts): Claim[] {
    return doc.claims.map(claim =>
        claim.shared ? (model.claimsByInstitution.get(claim.institution)?.find(c => c.loc === claim.loc) ?? claim) : claim
    );
}

/** What a claim's conflicts depend on, written out: two claims with the same text conflict alike. */
function claimText(claim: Claim): string {
    return JSON.stringify([
        claim.institution,
        claim.role,
        claim.shared,
        claim.certainty ?? null,
        claim.mandate,
        claim.exceptions,
        claim.period.period,
        claim.partners
    ]);
}

/**
 * The mandates of the claims added or removed, and of those whose order
 * among the document's claims changed: the rest are the same claims, moved
 * at most (their conflicts are the same, with the new claim objects).
 */
function claimChanges(old: Claim[], now: Claim[]): Set<Key> {
    const dirty = new Set<Key>();
    const waiting = new Map<string, number[]>();
    old.forEach((claim, i) => {
        const text = claimText(claim);
        const list = waiting.get(text);
        if (list) list.push(i);
        else waiting.set(text, [i]);
    });
    const matched = new Set<number>();
    const lastOnMandate = new Map<Key, number>();
    for (const claim of now) {
        const i = waiting.get(claimText(claim))?.shift();
        if (i === undefined) {
            dirty.add(claim.mandate);
            continue;
        }
        matched.add(i);
        // Claims on one mandate are compared in the order written: a reordering is a change.
        if ((lastOnMandate.get(claim.mandate) ?? -1) > i) dirty.add(claim.mandate);
        lastOnMandate.set(claim.mandate, i);
    }
    old.forEach((claim, i) => {
        if (!matched.has(i)) dirty.add(claim.mandate);
    });
    return dirty;
}

/** Each claim the edit only moved (same text, new object), from its old object to its new one. */
function movedClaims(before: SemanticModel, after: SemanticModel, dirty: ReadonlySet<Key>): Map<Claim, Claim> {
    const moved = new Map<Claim, Claim>();
    const { old, now } = changedDocuments(before, after);
    const waiting = new Map<string, Claim[]>();
    for (const claim of old.flatMap(doc => claimsOf(before, doc))) {
        if (dirty.has(claim.mandate)) continue;
        const text = claimText(claim);
        const list = waiting.get(text);
        if (list) list.push(claim);
        else waiting.set(text, [claim]);
    }
    for (const claim of now.flatMap(doc => claimsOf(after, doc))) {
        if (dirty.has(claim.mandate)) continue;
        const previous = waiting.get(claimText(claim))?.shift();
        if (previous) moved.set(previous, claim);
    }
    return moved;
}

/** A mandate's conflicts kept from before, pointing at the claims' new objects. */
function follow(kept: MandateConflicts, moved: ReadonlyMap<Claim, Claim>): MandateConflicts {
    if (moved.size === 0) return kept;
    let changed = false;
    const conflicts = kept.conflicts.map(conflict => {
        const first = moved.get(conflict.first);
        const second = moved.get(conflict.second);
        if (!first && !second) return conflict;
        changed = true;
        return { ...conflict, first: first ?? conflict.first, second: second ?? conflict.second };
    });
    return changed ? { ...kept, conflicts } : kept;
}

/** The keys among `keys` whose description differs between the two models. */
function differing(
    before: SemanticModel,
    after: SemanticModel,
    decls: Declaration[],
    describe: (model: SemanticModel) => (key: Key) => string | undefined
): Set<Key> {
    const [was, is] = [describe(before), describe(after)];
    const result = new Set<Key>();
    for (const { key } of decls) {
        if (!result.has(key) && was(key) !== is(key)) result.add(key);
    }
    return result;
}

/** Every institution that is part of one of `keys`, as a unit or through containment, transitively. */
function below(model: SemanticModel, keys: ReadonlySet<Key>): Key[] {
    const parts = new Map<Key, Key[]>();
    for (const relation of model.relations) {
        if (relation.subject === relation.target || model.relationKinds.get(relation.kind)?.name !== CONTAINMENT) continue;
        const list = parts.get(relation.target);
        if (list) list.push(relation.subject);
        else parts.set(relation.target, [relation.subject]);
    }
    const result: Key[] = [];
    const seen = new Set(keys);
    const queue = [...keys];
    // The loop also visits what it appends.
    for (const key of queue) {
        for (const part of [...(model.units.get(key) ?? []), ...(parts.get(key) ?? [])]) {
            if (seen.has(part)) continue;
            seen.add(part);
            result.push(part);
            queue.push(part);
        }
    }
    return result;
}

function sameMultiset(a: string[], b: string[]): boolean {
    return a.length === b.length && symmetricDifference(a, b).length === 0;
}

/** The texts in one list and not the other, counting repeats. */
function symmetricDifference(a: string[], b: string[]): string[] {
    const count = new Map<string, number>();
    for (const x of a) count.set(x, (count.get(x) ?? 0) + 1);
    for (const x of b) count.set(x, (count.get(x) ?? 0) - 1);
    return [...count].filter(([, n]) => n !== 0).map(([x]) => x);
}
