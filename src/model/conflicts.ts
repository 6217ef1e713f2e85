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

/**
 * Finds competence conflicts by grouping claims per mandate and folding the
 * mandate tree in: a claim is compared only with claims on its own mandate
 * and on that mandate's ancestors, never with every other institution.
 */
export function findConflicts(model: SemanticModel): Conflict[] {
    const found = new Map<string, Conflict>();
    const record = (specific: Claim, general: Claim) => {
        const conflict = conflictBetween(model, specific, general);
        if (!conflict) return;
        // Once per pair, mandate and overlap: a claim repeated through a parent mandate adds
        // nothing, but a second, separate overlap between the same two is its own finding.
        const [a, b] = [conflict.first.institution, conflict.second.institution].sort();
        const id = [a, b, conflict.mandate, formatPeriod(conflict.period)].join('\u0000');
        if (!found.has(id)) found.set(id, conflict);
    };
    for (const [mandate, claims] of model.claimsByMandate) {
        const contested = claims.filter(isContesting);
        for (let i = 0; i < contested.length; i++) {
            for (let j = i + 1; j < contested.length; j++) {
                record(contested[i], contested[j]);
            }
        }
        for (const ancestor of mandateAncestors(model, mandate)) {
            const above = (model.claimsByMandate.get(ancestor) ?? []).filter(isContesting);
            for (const specific of contested) {
                for (const general of above) {
                    record(specific, general);
                }
            }
        }
    }
    const conflicts = [...found.values()];
    for (const conflict of conflicts) {
        conflict.disputes = model.disputes.filter(dispute => disputeMatches(model, dispute, conflict));
    }
    return conflicts.sort(compareConflicts);
}

function isContesting(claim: Claim): boolean {
    return claim.role === 'leads' || claim.role === 'shares';
}

/** `specific` is on the same mandate as `general` or on one nested in it. */
function conflictBetween(model: SemanticModel, specific: Claim, general: Claim): Conflict | undefined {
    if (specific.institution === general.institution || unitRelated(model, specific.institution, general.institution)) {
        return undefined;
    }
    if (!rolesClash(specific, general)) {
        return undefined;
    }
    const a = effectivePeriod(model, specific);
    const b = effectivePeriod(model, general);
    const period = a && b ? intersect(a, b) : undefined;
    if (!period) {
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
