import { LIMITS, type Conflict, type Conflicts } from '../conflicts.js';
import type { ContestFindings } from '../contests.js';
import { claimVerb, describeClaim, displayName, documentClaims, hedge, mandateWithin, type SemanticModel } from '../model.js';
import { formatPeriod } from '../periods.js';
import type { Claim, Dispute, DocumentFacts, Finding, Location } from '../types.js';
import type { CheckOptions } from './index.js';
import { describeConflict, describeContest } from './describe.js';
import { finding, inDocumentOrder, shortLocation } from './finding.js';

/** Competences: conflicting claims, contests, the disputes that record them, excepts and shares. */

export function badExcepts(model: SemanticModel): Finding[] {
    const result: Finding[] = [];
    for (const doc of model.documents) {
        for (const e of doc.exceptions) {
            if (e.excepted !== e.claimed && mandateWithin(model, e.excepted, e.claimed)) continue;
            const excepted = displayName(model, e.excepted);
            const claimed = displayName(model, e.claimed);
            result.push(
                finding(
                    'bad-except',
                    `'${excepted}' is not part of '${claimed}', so the claim cannot except it: 'except' carves parts out of the claimed mandate. Name a part of '${claimed}', or nest '${excepted}' in it.`,
                    e.loc,
                    [],
                    { mandate: e.claimed, excepted: e.excepted }
                )
            );
        }
    }
    return result;
}

/**
 * The findings of one conflict: on both claims, and on each recorded dispute
 * that documents it. One conflict at a time, so that the server can keep them
 * per mandate and redo only the mandates an edit touched.
 */
export function conflictFindings(model: SemanticModel, conflict: Conflict, options: CheckOptions): Finding[] {
    const result: Finding[] = [];
    const other = (claim: Claim) => ({ loc: claim.loc, message: `the other claim: ${describeClaim(model, claim)}` });
    const text = describeConflict(model, conflict);
    const data = {
        mandate: conflict.mandate,
        institutions: [conflict.first.institution, conflict.second.institution]
    };
    const pair: [Claim, Claim][] = [
        [conflict.first, conflict.second],
        [conflict.second, conflict.first]
    ];
    if (conflict.disputes.length > 0) {
        return recordedDisputeFindings(
            text,
            conflict.disputes,
            pair.map(([claim, second]) => ({ loc: claim.loc, related: [other(second)] })),
            pair.map(([claim]) => ({ loc: claim.loc, message: describeClaim(model, claim) })),
            data
        );
    }
    if (options.conflictSeverity === 'off') return result;
    for (const [claim, second] of pair) {
        const f = finding(
            'conflict',
            `${text}. Record it as a dispute if the overlap is real, name the other in 'with' if the responsibility is joint, or make the claim 'reportedly' if the source only suggests it.`,
            claim.loc,
            [other(second)],
            data
        );
        if (options.conflictSeverity) f.severity = options.conflictSeverity;
        result.push(f);
    }
    return result;
}

/**
 * The findings of a clash (a conflict or a contest) that recorded disputes
 * document: on each claim in it, the clash and where it is recorded; on each
 * dispute, the clash and the claims it documents. None when no dispute
 * records it. Conflicts and contests word the clash and name its claims
 * differently; the rest is one rule.
 */
function recordedDisputeFindings(
    text: string,
    disputes: readonly Dispute[],
    claims: readonly { loc: Location; related: Finding['related'] }[],
    documented: Finding['related'],
    data: Record<string, unknown>
): Finding[] {
    const [first] = disputes;
    if (!first) return [];
    const recorded = disputes.map(d => ({ loc: d.loc, message: 'the recorded dispute' }));
    return [
        ...claims.map(claim =>
            finding(
                'dispute',
                `${text}: recorded as a dispute (${shortLocation(first.loc)}).`,
                claim.loc,
                [...claim.related, ...recorded],
                data
            )
        ),
        ...disputes.map(dispute => finding('dispute', `Recorded dispute: ${text}.`, dispute.loc, [...documented], data))
    ];
}

/** What the conflicts leave to say: mandates compared only in part, and recorded disputes that match no conflict and no contest. */
export function disputeFindings(model: SemanticModel, conflicts: Conflicts, contests: ContestFindings): Finding[] {
    const result: Finding[] = [];
    const matched = new Set<unknown>();
    for (const conflict of conflicts) conflict.disputes.forEach(d => matched.add(d));
    for (const found of contests.contested) found.disputes.forEach(d => matched.add(d));
    const incomplete = new Set(conflicts.incomplete);
    for (const mandate of incomplete) {
        const declared = model.mandates.get(mandate);
        const loc = declared?.loc ?? model.claimsByMandate.get(mandate)?.[0]?.loc;
        if (!loc) continue;
        result.push(
            finding(
                'conflict',
                `Too many claims on '${displayName(model, mandate)}' overlap in time to compare them all (more than ${LIMITS.pairs.toLocaleString('en-GB')} pairs, or ${LIMITS.conflicts.toLocaleString('en-GB')} conflicts in the model): only the conflicts found first are reported. Date the claims, or split the mandate.`,
                loc,
                [],
                { mandate }
            )
        );
    }
    for (const dispute of model.disputes) {
        // A dispute over a mandate that was not compared in full may match a conflict that was not found.
        if (matched.has(dispute) || incomplete.has(dispute.mandate)) continue;
        const parties = dispute.parties.map(p => displayName(model, p)).join(', ');
        result.push(
            finding(
                'stale-dispute',
                `Recorded dispute over '${displayName(model, dispute.mandate)}' between ${parties} matches no conflicting claims and no contest${dispute.period.loc ? ` in ${formatPeriod(dispute.period.period)}` : ''}: the overlap may have been resolved. Update the claims or remove the dispute.`,
                dispute.loc,
                [],
                { mandate: dispute.mandate, institutions: dispute.parties }
            )
        );
    }
    return result;
}

export function contestFindings(model: SemanticModel, contests: ContestFindings): Finding[] {
    const result: Finding[] = [];
    for (const found of contests.contested) {
        const text = describeContest(model, found);
        const { contest, holder } = found;
        const data = { mandate: found.mandate, institutions: [contest.institution, holder.institution] };
        const held = { loc: holder.loc, message: `the holder's claim: ${describeClaim(model, holder)}` };
        if (found.disputes.length > 0) {
            result.push(
                ...recordedDisputeFindings(
                    text,
                    found.disputes,
                    [{ loc: contest.loc, related: [held] }],
                    [{ loc: contest.loc, message: 'the contest' }, held],
                    data
                )
            );
            continue;
        }
        result.push(finding('contest', `${text}. Record it as a dispute if the source describes the struggle.`, contest.loc, [held], data));
    }
    for (const contest of contests.empty) {
        const period = contest.period.loc ? ` in ${formatPeriod(contest.period.period)}` : '';
        result.push(
            finding(
                'empty-contest',
                `${displayName(model, contest.institution)} ${hedge(contest.certainty)}contests '${displayName(model, contest.mandate)}', but no other institution holds it${period}: a contest needs a holder. Add the holder's claim, or correct the period.`,
                contest.loc,
                [],
                { mandate: contest.mandate, institution: contest.institution }
            )
        );
    }
    return result;
}

export function oneSidedShares(model: SemanticModel): Finding[] {
    return inDocumentOrder(model.documents.map(doc => [oneSidedSharesIn(model, doc)]));
}

/** The document's claims naming a partner that claims nothing related: what they read of others is the partners' claims and the mandate tree. */
export function oneSidedSharesIn(model: SemanticModel, doc: DocumentFacts): Finding[] {
    const result: Finding[] = [];
    for (const claim of documentClaims(model, doc)) {
        for (const partner of claim.partners) {
            const partnerClaims = model.claimsByInstitution.get(partner) ?? [];
            const related = partnerClaims.some(
                p => mandateWithin(model, p.mandate, claim.mandate) || mandateWithin(model, claim.mandate, p.mandate)
            );
            if (related || !model.institutions.has(partner)) continue;
            const a = displayName(model, claim.institution);
            const b = displayName(model, partner);
            const m = displayName(model, claim.mandate);
            result.push(
                finding(
                    'one-sided-share',
                    `${a} ${claimVerb(model, claim)} '${m}' with ${b}, but ${b} claims nothing on '${m}'. Add a claim to ${b} (e.g. '${claim.shared ? 'shares' : displayName(model, claim.role)} ${m} with ${a}') or drop ${b} from the list.`,
                    claim.loc,
                    [{ loc: model.institutions.get(partner)!.loc, message: `${b} is declared here` }],
                    { institution: partner, mandate: claim.mandate, partner: claim.institution }
                )
            );
        }
    }
    return result;
}
