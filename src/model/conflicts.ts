import { containment, effectivePeriod, isExclusive, mandateAncestors, mandateWithin, type SemanticModel } from './model.js';
import { formatPeriod, intersect, overlaps, possible, subtract, type Period } from './periods.js';
import type { Claim, Dispute, Key } from './types.js';
import { compareText } from './order.js';

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
    const budget: Budget = { pairs: LIMITS.pairs, conflicts: LIMITS.conflicts };
    const byMandate = new Map<Key, MandateConflicts>();
    // In the order of the claims: which mandates the budget runs out on depends on it.
    for (const mandate of model.claimsByMandate.keys()) byMandate.set(mandate, conflictsOnMandate(model, mandate, budget));
    return withDisputes(model, byMandate);
}

/** How many more pairs may be compared and conflicts kept (LIMITS), shared by the mandates of one search. */
export interface Budget {
    pairs: number;
    conflicts: number;
}

/** The conflicts where claims meet on one mandate (its own claims, and theirs against its ancestors'), by institution. */
export interface MandateConflicts {
    conflicts: Conflict[];
    /** The overlapping pairs compared. */
    pairs: number;
    /** Whether the budget ran out before every pair was compared. */
    incomplete: boolean;
}

/**
 * The conflicts whose more specific mandate is `mandate`: it depends only on
 * the claims on the mandate and on its ancestors, which is what lets the
 * server redo just the mandates an edit touched (incremental.ts). Takes from
 * `budget` what it uses.
 */
export function conflictsOnMandate(model: SemanticModel, mandate: Key, budget: Budget): MandateConflicts {
    const found = new Map<string, Conflict>();
    let pairs = 0;
    let incomplete = false;
    const contested = exclusiveClaims(model, mandate);
    /** Overlapping pairs, in the order of nested loops over the lists (which decides which claim a finding shows). */
    const compare = (list: [Claim, Claim][] | undefined) => {
        if (!list) {
            incomplete = true;
            return;
        }
        for (const [specific, general] of list) {
            if (found.size >= budget.conflicts) {
                incomplete = true;
                return;
            }
            for (const conflict of conflictsBetween(model, specific, general)) {
                // Once per pair and overlap: a claim repeated through a parent mandate adds
                // nothing, but a second, separate overlap between the same two is its own finding.
                const [a, b] = [conflict.first.institution, conflict.second.institution].sort();
                const id = [a, b, formatPeriod(conflict.period)].join('\u0000');
                if (!found.has(id)) found.set(id, conflict);
            }
        }
    };
    if (contested.length > 0) {
        for (const general of [undefined, ...mandateAncestors(model, mandate)]) {
            const list = overlappingPairs(contested, general === undefined ? undefined : exclusiveClaims(model, general), budget.pairs);
            const used = list?.length ?? budget.pairs;
            pairs += used;
            budget.pairs -= used;
            compare(list);
        }
    }
    budget.conflicts -= found.size;
    // Sorted here, once per mandate, so that the whole list is these lists by mandate (a sort is stable: ties keep the order found).
    return { conflicts: [...found.values()].sort(compareConflicts), pairs, incomplete };
}

/**
 * Every mandate's conflicts, sorted by mandate, with the recorded disputes
 * that document them, and the mandates not compared in full. A conflict
 * that a dispute documents is a new object (the conflicts given are not
 * changed), kept in `disputed` and given again while its disputes are the same.
 */
export function withDisputes(
    model: SemanticModel,
    byMandate: ReadonlyMap<Key, MandateConflicts>,
    disputed = new WeakMap<Conflict, Conflict>()
): Conflicts {
    const conflicts: Conflicts = [];
    const incomplete: Key[] = [];
    for (const mandate of [...byMandate.keys()].sort(compareText)) {
        const on = byMandate.get(mandate)!;
        if (on.incomplete) incomplete.push(mandate);
        for (const conflict of on.conflicts) {
            const disputes = disputesOf(model, conflict.first.institution).filter(dispute =>
                disputeMatches(model, dispute, [conflict.first.institution, conflict.second.institution], conflict.mandate, conflict.period)
            );
            if (sameItems(disputes, conflict.disputes)) {
                conflicts.push(conflict);
                continue;
            }
            let documented = disputed.get(conflict);
            if (!documented || !sameItems(disputes, documented.disputes)) disputed.set(conflict, (documented = { ...conflict, disputes }));
            conflicts.push(documented);
        }
    }
    if (incomplete.length > 0) conflicts.incomplete = incomplete;
    return conflicts;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
    return a.length === b.length && a.every((x, i) => x === b[i]);
}

const disputesCache = new WeakMap<SemanticModel, Map<Key, Dispute[]>>();

/** The recorded disputes that name the institution, in the order written. */
function disputesOf(model: SemanticModel, institution: Key): readonly Dispute[] {
    let index = disputesCache.get(model);
    if (!index) {
        index = new Map();
        for (const dispute of model.disputes) {
            for (const party of new Set(dispute.parties)) {
                const list = index.get(party);
                if (list) list.push(dispute);
                else index.set(party, [dispute]);
            }
        }
        disputesCache.set(model, index);
    }
    return index.get(institution) ?? [];
}

const exclusiveCache = new WeakMap<SemanticModel, Map<Key, Timed[]>>();

/** The claims of exclusive roles on the mandate, with their periods as numbers (what certainly held). */
function exclusiveClaims(model: SemanticModel, mandate: Key): Timed[] {
    let cache = exclusiveCache.get(model);
    if (!cache) exclusiveCache.set(model, (cache = new Map()));
    let result = cache.get(mandate);
    if (!result) {
        result = (model.claimsByMandate.get(mandate) ?? [])
            .filter(c => isExclusive(model, c.role))
            .map((claim, order) => timed(model, claim, order))
            .filter(isTimed);
        cache.set(mandate, result);
    }
    return result;
}

/** Below this many candidate pairs, a mandate's claims are compared pair by pair. */
const FEW = 256;

/** A claim with its effective period as numbers (open bounds infinite), and its place in its mandate's list. */
interface Timed {
    claim: Claim;
    start: number;
    end: number;
    order: number;
}

function timed(model: SemanticModel, claim: Claim, order: number): Timed | undefined {
    const period = effectivePeriod(model, claim, true);
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
            for (const b of others.slice(general ? 0 : i + 1)) {
                if (a.start < b.end && b.start < a.end) pairs.push([a.claim, b.claim]);
            }
        });
        return pairs.length > budget ? undefined : pairs;
    }
    const events = [...specific.map(t => ({ t, side: 0 })), ...(general ?? []).map(t => ({ t, side: 1 }))].sort(
        (a, b) => a.t.start - b.t.start || a.side - b.side || a.t.order - b.t.order
    );
    // Counted before any pair is made: thousands of claims open at once (a generated model)
    // would otherwise build a million pairs only to give up on them.
    if (sweep(events, general !== undefined, budget) > budget) return undefined;
    const pairs: { i: number; j: number; pair: [Claim, Claim] }[] = [];
    sweep(events, general !== undefined, budget, (event, open) => {
        for (const other of open) {
            const [a, b] = general
                ? event.side === 0
                    ? [event.t, other.t]
                    : [other.t, event.t]
                : event.t.order < other.t.order
                  ? [event.t, other.t]
                  : [other.t, event.t];
            pairs.push({ i: a.order, j: b.order, pair: [a.claim, b.claim] });
        }
    });
    return pairs.sort((x, y) => x.i - y.i || x.j - y.j).map(p => p.pair);
}

interface Event {
    t: Timed;
    side: number;
}

/**
 * Walks the events in order, giving each the claims still open that it
 * overlaps (on the other side when `between`, else all), and returns how
 * many pairs it met; stops once that is more than `limit`.
 */
function sweep(events: readonly Event[], between: boolean, limit: number, visit?: (event: Event, open: readonly Event[]) => void): number {
    // The claims still open, by side: within one list, all are on side 0.
    const active: [Event[], Event[]] = [[], []];
    const sideOf = (side: number) => active[side === 0 ? 0 : 1];
    let met = 0;
    for (const event of events) {
        const open = between ? sideOf(1 - event.side) : active[0];
        for (let k = open.length - 1; k >= 0; k--) {
            // Half-open periods: one that ends where this one starts does not overlap it.
            const item = open[k];
            if (item && item.t.end <= event.t.start) open.splice(k, 1);
        }
        met += open.length;
        if (met > limit) break;
        visit?.(event, open);
        (between ? sideOf(event.side) : active[0]).push(event);
    }
    return met;
}

/**
 * `specific` is on the same mandate as `general` or on one nested in it: a
 * conflict for each stretch of their overlap in which neither institution is
 * part of the other (rule 4, period by period).
 */
function conflictsBetween(model: SemanticModel, specific: Claim, general: Claim): Conflict[] {
    // Cheapest tests first: most pairs on a mandate are handovers whose periods do not meet.
    if (specific.institution === general.institution || !rolesClash(specific, general)) {
        return [];
    }
    const a = effectivePeriod(model, specific, true);
    const b = effectivePeriod(model, general, true);
    const period = a && b ? intersect(a, b) : undefined;
    if (!period || excepted(model, general, specific.mandate)) {
        return [];
    }
    const [first, second] = orderClaims(specific, general);
    return uncontained(model, specific.institution, general.institution, period).map(piece => ({
        mandate: specific.mandate,
        first,
        second,
        period: piece,
        disputes: []
    }));
}

/** The parts of `period` in which neither institution is part of the other. */
export function uncontained(model: SemanticModel, a: Key, b: Key, period: Period): Period[] {
    return subtract(period, containment(model, a, b));
}

/**
 * The same exclusive role (the caller keeps only exclusive ones), and neither
 * names the other in `with`. Two `shares` claims are two declared joint
 * responsibilities and never conflict, as in 0.1.
 */
function rolesClash(a: Claim, b: Claim): boolean {
    return a.role === b.role && !(a.shared && b.shared) && !a.partners.includes(b.institution) && !b.partners.includes(a.institution);
}

/** Whether the claim carves `mandate` (or an area containing it) out with `except`. */
export function excepted(model: SemanticModel, claim: Claim, mandate: string): boolean {
    return claim.exceptions.some(e => mandateWithin(model, mandate, e));
}

/** Claims written as claimed before `shares` lines, then by institution: messages read the same on every run. */
function orderClaims(a: Claim, b: Claim): [Claim, Claim] {
    if (a.shared !== b.shared) return a.shared ? [b, a] : [a, b];
    return a.institution <= b.institution ? [a, b] : [b, a];
}

/**
 * Whether a recorded dispute documents an overlap (a conflict or a contest)
 * between the two institutions on `mandate` in `period`.
 */
export function disputeMatches(model: SemanticModel, dispute: Dispute, [a, b]: [Key, Key], mandate: Key, period: Period): boolean {
    if (!dispute.parties.includes(a) || !dispute.parties.includes(b)) {
        return false;
    }
    // The dispute may name the contested mandate, an area that contains it, or a part of
    // it; a sibling part of the broader claim is a different finding.
    const mandateFits = mandateWithin(model, mandate, dispute.mandate) || mandateWithin(model, dispute.mandate, mandate);
    // What the dispute possibly covers: an uncertain date never makes it miss.
    return mandateFits && overlaps(possible(dispute.period.period), period);
}

function compareConflicts(a: Conflict, b: Conflict): number {
    return (
        compareText(a.mandate, b.mandate) ||
        compareText(a.first.institution, b.first.institution) ||
        compareText(a.second.institution, b.second.institution)
    );
}
