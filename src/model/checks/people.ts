import { displayName, type SemanticModel } from '../model.js';
import { describeHolding, heldPeriod, personName } from '../people.js';
import { formatPeriod, intersect } from '../periods.js';
import type { Finding } from '../types.js';
import { finding } from './finding.js';

/**
 * Two people in one `single` post of one institution at once, on both lines.
 * What certainly held counts, so an uncertain date never raises it; periods
 * are half-open, so one holder may leave in the month the next arrives.
 */
export function doubleHolders(model: SemanticModel): Finding[] {
    const result: Finding[] = [];
    for (const holdings of model.holdingsByInstitution.values()) {
        const single = holdings.filter(h => model.posts.get(h.post)?.single);
        for (const [i, a] of single.entries()) {
            for (const b of single.slice(i + 1)) {
                if (a.post !== b.post || a.person === b.person) continue;
                const [pa, pb] = [heldPeriod(model, a, true), heldPeriod(model, b, true)];
                const overlap = pa && pb && intersect(pa, pb);
                if (!overlap) continue;
                const post = displayName(model, a.post);
                const institution = displayName(model, a.institution);
                const message = `${personName(model, a.person)} and ${personName(model, b.person)} both hold '${post}' of ${institution} (${formatPeriod(overlap)}), a post with one holder at a time. Date the two so that one ends where the other starts, or write a range ('2013..2014') where the source does not pin a date down.`;
                for (const [self, other] of [
                    [a, b],
                    [b, a]
                ] as const) {
                    result.push(
                        finding(
                            'double-holder',
                            message,
                            self.loc,
                            [{ loc: other.loc, message: `the other holder: ${describeHolding(model, other)}` }],
                            { institution: a.institution, post: a.post }
                        )
                    );
                }
            }
        }
    }
    return result;
}
