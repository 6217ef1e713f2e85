import type { PDate } from './dates.js';
import { displayName, effectivePeriod, hedge, type SemanticModel } from './model.js';
import { contains, intersect, possible, type Period } from './periods.js';
import type { Facet, Holding, Institution, Key, Name, Person } from './types.js';

/**
 * People, posts and names: who held which post when, the concurrent posts
 * that follow from that, and what a body or a person was called at a date.
 */

/** `Lu Wei reportedly holds director of CAC`: a holding in a message or hover. */
export function describeHolding(model: SemanticModel, holding: Holding): string {
    return `${personName(model, holding.person)} ${hedge(holding.certainty)}holds ${displayName(model, holding.post)} of ${displayName(model, holding.institution)}`;
}

/** A person by their title (`Lu Wei`), else their name. */
export function personName(model: SemanticModel, key: Key): string {
    const person = model.people.get(key);
    return person?.title ?? displayName(model, key);
}

/**
 * When the post was held: its written period within the institution's
 * lifetime; what possibly held (drawing, hover, exports), or with `sure`
 * what certainly held (the `double-holder` check, which must not raise a
 * false alarm from an uncertain date).
 */
export function heldPeriod(model: SemanticModel, holding: Holding, sure = false): Period | undefined {
    return effectivePeriod(model, holding, sure);
}

/** The holdings of the institution's posts that possibly held on the date. */
export function holdersAt(model: SemanticModel, institution: Key, date: PDate): Holding[] {
    return (model.holdingsByInstitution.get(institution) ?? []).filter(h => {
        const period = heldPeriod(model, h);
        return period !== undefined && contains(period, date);
    });
}

/** Two posts of one person, in two institutions, held at the same time: a derived link between the institutions. */
export interface ConcurrentPosts {
    person: Key;
    first: Holding;
    second: Holding;
    /** When both were (possibly) held. */
    period: Period;
}

const concurrentCache = new WeakMap<SemanticModel, ConcurrentPosts[]>();

/** Every pair of one person's posts in different institutions whose periods overlap, in the order written. */
export function concurrentPosts(model: SemanticModel): readonly ConcurrentPosts[] {
    let result = concurrentCache.get(model);
    if (result) return result;
    result = [];
    for (const [person, holdings] of model.holdingsByPerson) {
        for (const [i, first] of holdings.entries()) {
            for (const second of holdings.slice(i + 1)) {
                if (first.institution === second.institution) continue;
                const [a, b] = [heldPeriod(model, first), heldPeriod(model, second)];
                const period = a && b && intersect(a, b);
                if (period) result.push({ person, first, second, period });
            }
        }
    }
    concurrentCache.set(model, result);
    return result;
}

/** The concurrent posts that link the institution to another, or that the person holds. */
export function concurrentPostsOf(model: SemanticModel, key: Key): ConcurrentPosts[] {
    return concurrentPosts(model).filter(c => c.person === key || c.first.institution === key || c.second.institution === key);
}

/**
 * The institution's name at the date: in the language asked for where the
 * model has a name in it that held then; else the earliest `formerly` whose
 * `until` is after the date; else the title; else its name.
 */
export function institutionNameAt(institution: Institution, date?: PDate, lang?: string): string {
    const inLanguage = lang ? nameIn(institution.names, lang, date) : undefined;
    if (inLanguage) return inLanguage;
    if (date) {
        const former = institution.formerNames
            .filter(f => f.until && f.until.date.ordinal > date.ordinal)
            .sort((a, b) => a.until!.date.ordinal - b.until!.date.ordinal)[0];
        if (former) return former.name;
    }
    return institution.title ?? institution.path;
}

/** A person's name in the language (where the model has one), else their title. */
export function personNameIn(person: Person, lang?: string, date?: PDate): string {
    return (lang ? nameIn(person.names, lang, date) : undefined) ?? person.title ?? person.path;
}

/**
 * The name in exactly that language tag (tags compare case-blind, as BCP 47
 * says; `zh` never finds `zh-Latn-pinyin`, which is another script) that
 * possibly held on the date; an undated one always does.
 */
function nameIn(names: readonly Name[], lang: string, date?: PDate): string | undefined {
    const wanted = lang.toLowerCase();
    return names.find(n => n.lang.toLowerCase() === wanted && (!date || contains(possible(n.period.period), date)))?.value;
}

/**
 * The value of the facet `key` on the date: of the line that possibly held
 * then and started last. Without a date, the current value: of the undated
 * line, else of an open-ended one that started last, so that the same model
 * gives the same answer on any day.
 */
export function facetValueAt(facets: readonly Facet[], key: string, date?: PDate): string | number | undefined {
    const lines = facets.filter(f => f.key === key);
    const candidates = date
        ? lines.filter(f => contains(possible(f.period.period), date))
        : lines.some(f => !f.period.period.start && !f.period.period.end)
          ? lines.filter(f => !f.period.period.start && !f.period.period.end)
          : lines.filter(f => !f.period.period.end);
    const start = (f: Facet) => f.period.period.start?.ordinal ?? -Infinity;
    return candidates.reduce<Facet | undefined>((best, f) => (!best || start(f) > start(best) ? f : best), undefined)?.value;
}
