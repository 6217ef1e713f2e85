import { disputeMatches, excepted, uncontained } from './conflicts.js';
import { effectivePeriod, isExclusive, mandateAncestors, mandateDescendants, mandateWithin, type SemanticModel } from './model.js';
import { formatPeriod, intersect, type Period } from './periods.js';
import type { Claim, Contest, Dispute, Key } from './types.js';

/** A contest met a holder: another institution's claim of an exclusive role on the mandate, at the same time. */
export interface ContestedClaim {
    contest: Contest;
    holder: Claim;
    /** The more specific of the two mandates: where contest and claim meet. */
    mandate: Key;
    /** What certainly held of both. */
    period: Period;
    disputes: Dispute[];
}

export interface ContestFindings {
    contested: ContestedClaim[];
    /** Contests that possibly met no holder at all. */
    empty: Contest[];
}

/**
 * Matches every `contests` line against the claims of exclusive roles on the
 * same mandate, a part of it, or an area containing it. Contests are few, so
 * each is compared with the claims on its own mandate tree only.
 */
export function findContests(model: SemanticModel): ContestFindings {
    const contested: ContestedClaim[] = [];
    const empty: Contest[] = [];
    for (const contest of model.contests) {
        const sure = effectivePeriod(model, contest, true);
        const maybe = effectivePeriod(model, contest);
        let possiblyHeld = false;
        const seen = new Set<string>();
        for (const mandate of [...mandateDescendants(model, contest.mandate), ...mandateAncestors(model, contest.mandate)]) {
            for (const holder of model.claimsByMandate.get(mandate) ?? []) {
                if (holder.institution === contest.institution || !isExclusive(model, holder.role)) continue;
                const meet = mandateWithin(model, holder.mandate, contest.mandate) ? holder.mandate : contest.mandate;
                if (excepted(model, holder, meet)) continue;
                const possiblyHolds = effectivePeriod(model, holder);
                const possibleOverlap = maybe && possiblyHolds && intersect(maybe, possiblyHolds);
                if (possibleOverlap && uncontained(model, contest.institution, holder.institution, possibleOverlap).length > 0)
                    possiblyHeld = true;
                const holds = effectivePeriod(model, holder, true);
                const overlap = sure && holds && intersect(sure, holds);
                if (!overlap) continue;
                // A body does not contest its own parent: the same containment rule as for conflicts.
                for (const period of uncontained(model, contest.institution, holder.institution, overlap)) {
                    const id = [holder.institution, meet, formatPeriod(period)].join('\u0000');
                    if (seen.has(id)) continue;
                    seen.add(id);
                    const pair: [Key, Key] = [contest.institution, holder.institution];
                    const disputes = model.disputes.filter(d => disputeMatches(model, d, pair, meet, period));
                    contested.push({ contest, holder, mandate: meet, period, disputes });
                }
            }
        }
        if (!possiblyHeld) empty.push(contest);
    }
    return { contested, empty };
}
