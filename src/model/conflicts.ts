import { effectivePeriod, mandateAncestors, mandateWithin, unitRelated, type SemanticModel } from './model.js';
import { formatPeriod, intersect, overlaps, type Period } from './periods.js';
import type { Claim, Dispute, Key } from './types.js';

/** Two competence claims on one mandate (or one nested in the other) at the same time. */
export interface Conflict {
    /** The more specific of the two claimed mandates: where the claims meet. */
    mandate: Key;
    first: Claim;
    second: Claim;
    period: Period;
    /** Recorded disputes that document this conflict. */
    disputes: Dispute[];
}

/** Conflicts, and the mandates whose claims overlapped too much to compare them all (a runaway model). */
export interface Conflicts extends Array<Conflict> {
    incomplete?: Key[];
}

/**
 * How many overlapping pairs of claims are compared at most, and how many
 * conflicts are kept: a model where thousands of institutions lead one
 * mandate at once (generated, or hostile) must not take minutes or all memory.
 */
export const LIMITS = { pairs: 1_000_000, conflicts: 100_000 };

/**
 * Finds competence conflicts by grouping claims per mandate and folding the
 * mandate tree in: a claim is compared only with claims on its own mandate
 * and on that mandate's ancestors, never with every other institution; and
 * within a mandate only with the claims whose time overlaps its own, found by
 * a sweep over the periods (a succession of a hundred leaders costs a hundred
 * steps, not ten thousand).
 */
export function findConflicts(model: SemanticModel): Conflicts {
    const found = new Map<string, Conflict>();
    const incomplete = new Set<Key>();
    let budget = LIMITS.pairs;
    const record = (specific: Claim, general: Claim) => {
        const conflict = conflictBetween(model, specific, general);
        if (!conflict) return;
        // Once per pair, mandate and overlap: a claim repeated through a parent mandate adds
        // nothing, but a second, separate overlap between the same two is its own finding.
        const [a, b] = [conflict.first.institution, conflict.second.institution].sort();
        const id = [a, b, conflict.mandate, formatPeriod(conflict.period)].join('\u0000');
        if (!found.has(id)) found.set(id, conflict);
    };
    /** Overlapping pairs, in the order of nested loops over the lists (which decides which claim a finding shows). */
    const compare = (mandate: Key, pairs: [Claim, Claim][] | undefined) => {
        if (!pairs) {
            incomplete.add(mandate);
            return;
        }
        for (const [x, y] of pairs) {
            if (found.size >= LIMITS.conflicts) {
                incomplete.add(mandate);
                return;
            }
            record(x, y);
        }
    };
    const contestedOn = new Map<Key, Timed[]>();
    for (const [mandate, claims] of model.claimsByMandate) {
        contestedOn.set(mandate, claims.filter(isContesting).map((claim, order) => timed(model, claim, order)).filter(isTimed));
    }
    for (const [mandate, contested] of contestedOn) {
        if (contested.length === 0) continue;
        const within = overlappingPairs(contested, undefined, budget);
        budget -= within?.length ?? budget;
        compare(mandate, within);
        for (const ancestor of mandateAncestors(model, mandate)) {
            const across = overlappingPairs(contested, contestedOn.get(ancestor) ?? [], budget);
            budget -= across?.length ?? budget;
            compare(mandate, across);
        }
    }
    const disputesOf = new Map<Key, Dispute[]>();
    for (const dispute of model.disputes) {
        for (const party of new Set(dispute.parties)) {
            const list = disputesOf.get(party);
            if (list) list.push(dispute); else disputesOf.set(party, [dispute]);
        }
    }
    const conflicts: Conflicts = [...found.values()];
    for (const conflict of conflicts) {
        conflict.disputes = (disputesOf.get(conflict.first.institution) ?? []).filter(dispute => disputeMatches(model, dispute, conflict));
    }
    if (incomplete.size > 0) conflicts.incomplete = [...incomplete].sort();
    return conflicts.sort(compareConflicts);
}

/** Below this many candidate pairs, a mandate's claims are compared pair by pair. */
const FEW = 256;

/** A claim with its effective period as numbers (open bounds infinite), and its place in its mandate's list. */
interface Timed { claim: Claim; start: number; end: number; order: number }

function timed(model: SemanticModel, claim: Claim, order: number): Timed | undefined {
    const period = effectivePeriod(model, claim);
    return period && { claim, order, start: period.start?.ordinal ?? -Infinity, end: period.end?.ordinal ?? Infinity };
}

function isTimed(value: Timed | undefined): value is Timed {
    return value !== undefined;
}

/**
 * The pairs of claims whose periods overlap: within `specific` when `general`
 * is undefined, else between the two lists. Ordered as nested loops over the
 * lists would meet them; undefined when there are more than `budget`.
 */
function overlappingPairs(specific: Timed[], general: Timed[] | undefined, budget: number): [Claim, Claim][] | undefined {
    const others = general ?? specific;
    if (specific.length * others.length <= FEW) {
        // The usual case, a handful of claims: the nested loops themselves, cheaper than sorting.
        const pairs: [Claim, Claim][] = [];
        specific.forEach((a, i) => {
            for (let j = general ? 0 : i + 1; j < others.length; j++) {
                const b = others[j];
                if (a.start < b.end && b.start < a.end) pairs.push([a.claim, b.claim]);
            }
        });
        return pairs.length > budget ? undefined : pairs;
    }
    const events = [...specific.map(t => ({ t, side: 0 })), ...(general ?? []).map(t => ({ t, side: 1 }))]
        .sort((a, b) => a.t.start - b.t.start || a.side - b.side || a.t.order - b.t.order);
    const active: { t: Timed; side: number }[][] = [[], []];
    const pairs: { i: number; j: number; pair: [Claim, Claim] }[] = [];
    for (const event of events) {
        const open = general ? active[1 - event.side] : active[0];
        for (let k = open.length - 1; k >= 0; k--) {
            // Half-open periods: one that ends where this one starts does not overlap it.
            if (open[k].t.end <= event.t.start) open.splice(k, 1);
        }
        for (const other of open) {
            if (pairs.length >= budget) return undefined;
            const [a, b] = general
                ? (event.side === 0 ? [event.t, other.t] : [other.t, event.t])
                : (event.t.order < other.t.order ? [event.t, other.t] : [other.t, event.t]);
            pairs.push({ i: a.order, j: b.order, pair: [a.claim, b.claim] });
        }
        (general ? active[event.side] : active[0]).push(event);
    }
    return pairs.sort((x, y) => x.i - y.i || x.j - y.j).map(p => p.pair);
}

function isContesting(claim: Claim): boolean {
    return claim.role === 'leads' || claim.role === 'shares';
}

/** `specific` is on the same mandate as `general` or on one nested in it. */
function conflictBetween(model: SemanticModel, specific: Claim, general: Claim): Conflict | undefined {
    // Cheapest tests first: most pairs on a mandate are handovers whose periods do not meet.
    if (specific.institution === general.institution || !rolesClash(specific, general)) {
        return undefined;
    }
    const a = effectivePeriod(model, specific);
    const b = effectivePeriod(model, general);
    const period = a && b ? intersect(a, b) : undefined;
    if (!period || unitRelated(model, specific.institution, general.institution)) {
        return undefined;
    }
    const [first, second] = orderClaims(specific, general);
    return { mandate: specific.mandate, first, second, period, disputes: [] };
}

/** Both lead, or one leads and the other shares without naming the leader. */
function rolesClash(a: Claim, b: Claim): boolean {
    if (a.role === 'leads' && b.role === 'leads') return true;
    if (a.role === 'leads' && b.role === 'shares') return !b.partners.includes(a.institution);
    if (a.role === 'shares' && b.role === 'leads') return !a.partners.includes(b.institution);
    return false;
}

/** Leaders before sharers, then by institution: messages read the same on every run. */
function orderClaims(a: Claim, b: Claim): [Claim, Claim] {
    if (a.role !== b.role) return a.role === 'leads' ? [a, b] : [b, a];
    return a.institution <= b.institution ? [a, b] : [b, a];
}

export function disputeMatches(model: SemanticModel, dispute: Dispute, conflict: Conflict): boolean {
    if (!dispute.parties.includes(conflict.first.institution) || !dispute.parties.includes(conflict.second.institution)) {
        return false;
    }
    // The dispute may name the contested mandate, an area that contains it, or a part of
    // it; a sibling part of the broader claim is a different finding.
    const mandateFits = mandateWithin(model, conflict.mandate, dispute.mandate)
        || mandateWithin(model, dispute.mandate, conflict.mandate);
    return mandateFits && overlaps(dispute.period.period, conflict.period);
}

function compareConflicts(a: Conflict, b: Conflict): number {
    return cmp(a.mandate, b.mandate) || cmp(a.first.institution, b.first.institution) || cmp(a.second.institution, b.second.institution);
}

function cmp(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
