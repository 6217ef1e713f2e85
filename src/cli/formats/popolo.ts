import { exportedPeriodText, type ExportedCitation, type ExportedDate, type ExportedPeriod, type ModelExport } from '../../model/export.js';

/**
 * `polity export --format popolo`: the model in Popolo JSON
 * (popoloproject.com), the data standard political-data tools exchange:
 * organizations (with parent and classification), persons, posts (one per
 * post and institution) and memberships (a person's post, with dates and
 * sources). Built from the `polity/model@2` export, so both say the same.
 *
 * Popolo dates are exact (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`): a date the
 * source does not pin down (`1999..2001`, `by 2013`) is left out rather than
 * made precise, and the period as written goes into the membership's label
 * so that nothing is lost. A `circa` date is written as the date itself, as
 * the checks count it. Popolo links need a URL: a source without one is
 * named by its key (`urn:polity:source:KEY`) with its title as the note.
 */
export interface PopoloExport {
    organizations: PopoloOrganization[];
    persons: PopoloPerson[];
    posts: PopoloPost[];
    memberships: PopoloMembership[];
}

interface OtherName {
    name: string;
    note?: string;
    start_date?: string;
    end_date?: string;
}
interface Identifier {
    identifier: string;
    scheme: string;
}
interface Link {
    url: string;
    note?: string;
}
interface PopoloOrganization {
    id: string;
    name: string;
    classification?: string;
    parent_id?: string;
    founding_date?: string;
    dissolution_date?: string;
    other_names: OtherName[];
    identifiers: Identifier[];
    sources: Link[];
}
interface PopoloPerson {
    id: string;
    name: string;
    other_names: OtherName[];
    identifiers: Identifier[];
    sources: Link[];
}
interface PopoloPost {
    id: string;
    label: string;
    role: string;
    organization_id: string;
}
interface PopoloMembership {
    id: string;
    label: string;
    role: string;
    person_id: string;
    organization_id: string;
    post_id: string;
    start_date?: string;
    end_date?: string;
    sources: Link[];
}

export function popoloJson(data: ModelExport): string {
    return `${JSON.stringify(popolo(data), null, 2)}\n`;
}

export function popolo(data: ModelExport): PopoloExport {
    const sources = new Map(data.sources.map(s => [s.key, s]));
    const links = (citations: ExportedCitation[]): Link[] => {
        const seen = new Set<string>();
        return citations.flatMap(c => {
            const source = c.source ? sources.get(c.source) : undefined;
            const url = source?.url ?? `urn:polity:source:${encodeURIComponent(c.source ?? c.name)}`;
            const note = [source?.title ?? c.name, c.locator].filter(Boolean).join(' — ');
            const id = `${url}\u0000${note}`;
            if (seen.has(id)) return [];
            seen.add(id);
            return [{ url, note }];
        });
    };
    const kinds = new Map(data.kinds.map(k => [k.key, k]));
    const posts = new Map(data.posts.map(p => [p.key, p]));
    const people = new Map(data.people.map(p => [p.key, p]));
    const shown = new Set(data.institutions.map(i => i.key));
    const organizations = data.institutions.map((i): PopoloOrganization => ({
        id: i.key,
        name: i.title ?? i.path,
        ...optional('classification', i.kind ? (kinds.get(i.kind)?.title ?? kinds.get(i.kind)?.name) : undefined),
        ...optional('parent_id', i.parent && shown.has(i.parent) ? i.parent : undefined),
        ...optional('founding_date', exact(i.lifetime.start)),
        ...optional('dissolution_date', exact(i.lifetime.end)),
        other_names: [
            ...i.formerNames.map(f => ({ name: f.name, note: 'former name', ...optional('end_date', exact(f.until)) })),
            ...i.names.map(n => ({ name: n.name, note: `name in ${n.lang}`, ...dates(n.period) })),
            ...i.plaques.map(p => ({ name: p.name, note: `second plaque${p.sphere ? ` (${p.sphere} sphere)` : ''}`, ...dates(p.period) }))
        ],
        identifiers: i.ids.map(id => ({ identifier: id.value, scheme: id.scheme })),
        sources: links(i.citations)
    }));
    const persons = data.people.map(p => ({
        id: p.key,
        name: p.title ?? p.name,
        other_names: p.names.map(n => ({ name: n.name, note: `name in ${n.lang}`, ...dates(n.period) })),
        identifiers: p.ids.map(id => ({ identifier: id.value, scheme: id.scheme })),
        sources: links(data.holdings.filter(h => h.person === p.key).flatMap(h => h.citations))
    }));
    const postIds = new Map<string, PopoloPost>();
    for (const h of data.holdings) {
        const id = `${h.post}@${h.institution}`;
        if (!postIds.has(id))
            postIds.set(id, {
                id,
                label: posts.get(h.post)?.title ?? posts.get(h.post)?.name ?? h.post,
                role: posts.get(h.post)?.name ?? h.post,
                organization_id: h.institution
            });
    }
    const memberships = data.holdings
        .filter(h => shown.has(h.institution))
        .map((h): PopoloMembership => {
            const post = postIds.get(`${h.post}@${h.institution}`)!;
            const person = people.get(h.person);
            const hedge = h.certainty ? ` (${h.certainty})` : '';
            return {
                id: h.id,
                label: `${person?.title ?? h.person}: ${post.label}${hedge}, ${exportedPeriodText(h.period)}`,
                role: post.role,
                person_id: h.person,
                organization_id: h.institution,
                post_id: post.id,
                ...dates(h.period),
                sources: links(h.citations)
            };
        });
    return { organizations, persons, posts: [...postIds.values()].filter(p => shown.has(p.organization_id)), memberships };
}

/** A date Popolo can hold: exact or `circa` (as the checks count it); a range is left out. */
function exact(date: ExportedDate | null | undefined): string | undefined {
    if (!date) return undefined;
    return date.earliest === date.latest ? date.text.replace(/^c\. /, '') : undefined;
}

function dates(period: ExportedPeriod): { start_date?: string; end_date?: string } {
    return { ...optional('start_date', period.by ? undefined : exact(period.start)), ...optional('end_date', exact(period.end)) };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
    return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
