import type { PDate } from './dates.js';
import { buildModel, effectivePeriod, institutionAncestors, type SemanticModel } from './model.js';
import { contains, possible } from './periods.js';
import type { Claim, DocumentFacts, Institution, Key } from './types.js';

/**
 * The model as it stood on a date: the institutions that possibly existed
 * then (a unit with its parent), each with the kind it had then, and the
 * competences, contests, relations and disputes that possibly held then.
 * Views are left out: they say how to draw, not what held. Comparing two of
 * these with `diffModels` says what changed between two dates.
 */
export function modelAt(model: SemanticModel, date: PDate): SemanticModel {
    const alive = new Set<Key>();
    const lives = (institution: Institution): boolean =>
        contains(possible(institution.lifetime), date) &&
        (institution.parent === undefined ||
            institutionAncestors(model, institution.key).every(k => {
                const parent = model.institutions.get(k);
                return !parent || contains(possible(parent.lifetime), date);
            }));
    for (const institution of model.institutions.values()) {
        if (lives(institution)) alive.add(institution.key);
    }
    const holds = (fact: Pick<Claim, 'institution' | 'period'>) => {
        const period = effectivePeriod(model, fact);
        return period !== undefined && contains(period, date);
    };
    const documents = model.documents.map((doc): DocumentFacts => ({
        ...doc,
        declarations: doc.declarations
            .filter(d => d.type !== 'view' && (d.type !== 'institution' || alive.has(d.key)))
            .map(d => (d.type === 'institution' ? kindThen(d as Institution, date) : d)),
        claims: doc.claims.filter(holds),
        contests: doc.contests.filter(holds),
        relations: doc.relations.filter(r => alive.has(r.subject) && alive.has(r.target) && contains(possible(r.period.period), date)),
        disputes: doc.disputes.filter(d => contains(possible(d.period.period), date))
    }));
    return buildModel(documents);
}

/** Only the `kind` lines that held on the date, so that a change of kind between two dates shows. */
function kindThen(institution: Institution, date: PDate): Institution {
    const kinds = institution.kinds.filter(k => contains(possible(k.period.period), date));
    return { ...institution, kinds, kind: kinds.at(-1)?.kind ?? institution.kind };
}
