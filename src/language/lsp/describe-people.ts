import type { PDate } from '../../model/dates.js';
import { displayName, hedge, type SemanticModel } from '../../model/model.js';
import { concurrentPostsOf, heldPeriod, personName } from '../../model/people.js';
import { contains, formatPeriod } from '../../model/periods.js';
import type { Facet, Holding, Identifier, Institution, Key, Name, Person, Post } from '../../model/types.js';
import { md, period, section } from './describe.js';

/**
 * The hover's parts for people, posts and names (Polity 0.2 §6–7): who holds
 * an institution's posts on the hover's date and who held them before, a
 * person's posts, concurrent posts, names by language, plaques, identifiers
 * and facets.
 */

/** Who holds the institution's posts on the date, who held them before, and the concurrent posts that link it. */
export function holdersSections(model: SemanticModel, inst: Institution, date: PDate): string[] {
    const holdings = model.holdingsByInstitution.get(inst.key) ?? [];
    const now: string[] = [];
    const before: string[] = [];
    for (const h of holdings) {
        const held = heldPeriod(model, h);
        const line = `- ${md(personName(model, h.person))}: ${hedge(h.certainty)}${md(displayName(model, h.post))}${period(h.period)}`;
        if (held && contains(held, date)) now.push(line);
        else if (held?.end && held.end.ordinal <= date.ordinal) before.push(line);
    }
    return [section(`Posts held on ${date.text}`, now), section('Held before', before), concurrentSection(model, inst.key)];
}

/** A person's posts, names, identifiers, facets and concurrent posts. */
export function personSections(model: SemanticModel, person: Person): string[] {
    const posts = (model.holdingsByPerson.get(person.key) ?? []).map(
        h => `- ${hedge(h.certainty)}${md(displayName(model, h.post))} of ${md(displayName(model, h.institution))}${period(h.period)}`
    );
    return [
        namesLine(person.names),
        section('Posts', posts),
        concurrentSection(model, person.key),
        idsLine(person.ids),
        section('Facets', facetLines(person.facets))
    ];
}

/** An institution's names in other languages, plaques, identifiers and facets. */
export function nameSections(inst: Institution): string[] {
    const plaques = inst.plaques
        .map(p => `Also acts as *${md(p.name)}*${p.sphere ? ` in the ${p.sphere} sphere` : ''}${period(p.period)}`)
        .join('  \n');
    return [namesLine(inst.names), plaques, idsLine(inst.ids), section('Facets', facetLines(inst.facets))];
}

/** A post: whether it has one holder at a time, and who holds it where. */
export function postSections(model: SemanticModel, post: Post): string[] {
    const holders = model.holdings
        .filter(h => h.post === post.key)
        .map(h => `- ${md(personName(model, h.person))}, ${md(displayName(model, h.institution))}${period(h.period)}`);
    return [
        `Post${post.single ? ', single: one holder at a time in each institution' : ''}${post.builtin ? ' · built in' : ''}`,
        section('Held by', holders)
    ];
}

function concurrentSection(model: SemanticModel, key: Key): string {
    const lines = concurrentPostsOf(model, key).map(
        c => `- ${md(personName(model, c.person))}: ${held(model, c.first)} and ${held(model, c.second)} (${formatPeriod(c.period)})`
    );
    return section('Concurrent posts', lines);
}

function held(model: SemanticModel, h: Holding): string {
    return `${hedge(h.certainty)}${md(displayName(model, h.post))} of ${md(displayName(model, h.institution))}`;
}

function namesLine(names: readonly Name[]): string {
    return names.length > 0 ? `Names: ${names.map(n => `${md(n.lang)} *${md(n.value)}*${period(n.period)}`).join(' · ')}` : '';
}

/** Registers whose identifiers have a page of their own: the hover links them. */
const ID_LINKS: Record<string, (value: string) => string> = {
    wikidata: value => `https://www.wikidata.org/wiki/${encodeURIComponent(value)}`,
    ror: value => `https://ror.org/${encodeURIComponent(value)}`,
    url: value => value
};

function idsLine(ids: readonly Identifier[]): string {
    if (ids.length === 0) return '';
    return `Identifiers: ${ids
        .map(id => {
            const link = ID_LINKS[id.scheme]?.(id.value);
            return link && /^https?:\/\//.test(link)
                ? `${md(id.scheme)} [${md(id.value)}](${link.replace(/[()\s]/g, encodeURIComponent)})`
                : `${md(id.scheme)} ${md(id.value)}`;
        })
        .join(' · ')}`;
}

function facetLines(facets: readonly Facet[]): string[] {
    return facets.map(f => `- ${md(f.key)}: ${md(String(f.value))}${period(f.period)}`);
}
