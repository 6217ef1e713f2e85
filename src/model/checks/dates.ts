import { describeClaim, displayName, documentClaims, hedge, type SemanticModel } from '../model.js';
import { describeHolding } from '../people.js';
import { certain, formatPeriod, intersect, isEmpty, possible, within, type Period } from '../periods.js';
import type { DocumentFacts, Finding, Key, Location } from '../types.js';
import { finding, inDocumentOrder } from './finding.js';

/** Dates: empty periods, kinds that overlap in time, facts outside their institution's lifetime. */

export function overlappingKinds(model: SemanticModel): Finding[] {
    const result: Finding[] = [];
    for (const institution of model.institutions.values()) {
        const kinds = institution.kinds;
        if (kinds.length < 2) continue;
        kinds.forEach((k, i) => {
            // The later line is the one to fix; a line overlapping several reports the first.
            // Two undated lines are a `misplaced` second line, as in 0.1.
            const dated = (o: typeof k) => o.period.loc !== undefined;
            const other = kinds
                .slice(0, i)
                .find(o => (dated(o) || dated(k)) && intersect(certain(o.period.period), certain(k.period.period)));
            if (!other) return;
            const overlap = intersect(certain(other.period.period), certain(k.period.period))!;
            result.push(
                finding(
                    'overlapping-kinds',
                    `${institution.path} is '${displayName(model, other.kind)}' and '${displayName(model, k.kind)}' at once (${formatPeriod(overlap)}): an institution has one kind at a time. Date the 'kind' lines so that one ends where the next starts.`,
                    k.loc,
                    [{ loc: other.loc, message: `the other 'kind' line of ${institution.path}` }]
                )
            );
        });
    }
    return result;
}

export function badPeriods(model: SemanticModel): Finding[] {
    const result: Finding[] = [];
    for (const doc of model.documents) {
        for (const check of doc.dateChecks) {
            if (!isEmpty(check.period)) continue;
            const { start, end } = check.period;
            const equal = start!.ordinal === end!.ordinal;
            const message =
                check.kind === 'lifetime'
                    ? `Dissolved ${end!.text} ${equal ? 'in the same moment it was' : 'before it was'} established (${start!.text}): check both dates.`
                    : equal
                      ? `The period from ${start!.text} to ${end!.text} is empty: it includes its start and excludes its end. Did you mean 'to ${bump(end!.text)}'?`
                      : `The period ends (${end!.text}) before it starts (${start!.text}): swap or correct the dates.`;
            result.push(finding('bad-period', message, check.loc));
        }
    }
    return result;
}

export function bump(text: string): string {
    const year = Number(text.slice(0, 4));
    return text.length === 4 ? `${year + 1}` : 'a later date';
}

export function outsideLifetime(model: SemanticModel): Finding[] {
    return inDocumentOrder(model.documents.map(doc => outsideLifetimeIn(model, doc)));
}

/**
 * The facts of one document dated outside their institution's lifetime, in
 * four lists: claims, contests, relations, holdings. What they read of other
 * documents is the institutions, people, posts and mandates they name.
 */
export function outsideLifetimeIn(model: SemanticModel, doc: DocumentFacts): Finding[][] {
    const result: Finding[] = [];
    // Undated facts cannot fall outside a lifetime; the message is built only for a finding (this runs on every edit).
    // No false alarm from uncertainty: what certainly held of the fact must lie outside what possibly held of the lifetime.
    const check = (owner: Key, written: Period, loc: Location | undefined, what: () => string) => {
        const period = certain(written);
        if (!loc || isEmpty(period)) return;
        const institution = model.institutions.get(owner);
        if (!institution) return;
        const lifetime = possible(institution.lifetime);
        if (within(period, lifetime) && !startsAtOrAfterEnd(period, lifetime) && !endsAtOrBeforeStart(period, lifetime)) return;
        result.push(
            finding(
                'outside-lifetime',
                `${what()} is dated ${formatPeriod(written)}, outside the lifetime of ${institution.path} (${formatPeriod(institution.lifetime)}). Correct the date or the institution's 'established'/'dissolved'.`,
                loc,
                [{ loc: institution.loc, message: `${institution.path} is declared here` }]
            )
        );
    };
    const parts: Finding[][] = [];
    const part = (facts: () => void) => {
        facts();
        parts.push(result.splice(0));
    };
    part(() => {
        for (const claim of documentClaims(model, doc)) {
            check(claim.institution, claim.period.period, claim.period.loc, () => describeClaim(model, claim));
        }
    });
    part(() => {
        for (const contest of doc.contests) {
            check(
                contest.institution,
                contest.period.period,
                contest.period.loc,
                () =>
                    `${displayName(model, contest.institution)} ${hedge(contest.certainty)}contests '${displayName(model, contest.mandate)}'`
            );
        }
    });
    part(() => {
        for (const relation of doc.relations) {
            const text = () =>
                `${displayName(model, relation.subject)} ${hedge(relation.certainty)}${displayName(model, relation.kind)} ${displayName(model, relation.target)}`;
            check(relation.subject, relation.period.period, relation.period.loc, text);
            if (relation.target !== relation.subject) check(relation.target, relation.period.period, relation.period.loc, text);
        }
    });
    part(() => {
        for (const holding of doc.holdings) {
            check(holding.institution, holding.period.period, holding.period.loc, () => describeHolding(model, holding));
        }
    });
    return parts;
}

export function startsAtOrAfterEnd(period: Period, lifetime: Period): boolean {
    return !!(period.start && lifetime.end && period.start.ordinal >= lifetime.end.ordinal);
}

export function endsAtOrBeforeStart(period: Period, lifetime: Period): boolean {
    return !!(period.end && lifetime.start && period.end.ordinal <= lifetime.start.ordinal);
}
