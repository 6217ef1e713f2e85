import type { PDate } from './dates.js';
import type { SemanticModel } from './model.js';
import { concurrentPosts, heldPeriod, institutionNameAt, personNameIn } from './people.js';
import { contains, type Period } from './periods.js';
import type { Certainty, Citation, Facet, Identifier, Institution, Key, Location, Name, Person, Plaque } from './types.js';
import { ownAndUsed } from './own-declarations.js';

/**
 * The parts of `polity/model@2` for people, posts and names (Polity 0.2
 * §6–7). The shapes of the rest of the export (periods, citations, places)
 * are passed in, so that each is written one way in the whole export.
 */
export interface Shapes<P, C, L> {
    period(period: Period): P;
    citations(list: Citation[]): C[];
    place(loc: Location): L;
    /** Whether a period holds on the export's date (always, without one). */
    holds(period: Period | undefined): boolean;
    at?: PDate;
    lang?: string;
}

export interface ExportedName<P, C> {
    lang: string;
    name: string;
    period: P;
    citations: C[];
}
export interface ExportedPlaque<P, C> {
    name: string;
    sphere: string | null;
    period: P;
    citations: C[];
}
export interface ExportedIdentifier {
    scheme: string;
    value: string;
}
export interface ExportedFacet<P, C> {
    key: string;
    value: string | number;
    period: P;
    citations: C[];
}

/** What an institution or a person is called: at the export's date (in its language), and every name, plaque, id and facet. */
export interface ExportedNaming<P, C> {
    /** The name in force on the export's date (today's title without one), in the export's language where the model has it. */
    label: string;
    names: ExportedName<P, C>[];
    ids: ExportedIdentifier[];
    facets: ExportedFacet<P, C>[];
}

export interface ExportedPerson<P, C, L> extends ExportedNaming<P, C> {
    key: Key;
    name: string;
    model: string;
    title: string | null;
    doc: string | null;
    location: L;
}
export interface ExportedPost<L> {
    key: Key;
    name: string;
    model: string;
    title: string | null;
    single: boolean;
    builtin: boolean;
    location: L | null;
}
export interface ExportedHolding<P, C, L> {
    id: string;
    person: Key;
    post: Key;
    institution: Key;
    certainty?: Certainty;
    /** As written; `effective` is what possibly held of it within the institution's lifetime (null: never). */
    period: P;
    effective: P | null;
    citations: C[];
    location: L;
}
/** One person's two posts in two institutions at the same time: a link between the institutions that follows from the posts. */
export interface ExportedConcurrentPosts<P> {
    person: Key;
    holdings: [string, string];
    institutions: [Key, Key];
    period: P;
}

export function institutionNaming<P, C>(
    institution: Institution,
    shapes: Shapes<P, C, unknown>
): ExportedNaming<P, C> & { plaques: ExportedPlaque<P, C>[] } {
    return {
        label: institutionNameAt(institution, shapes.at, shapes.lang),
        ...naming(institution, shapes),
        plaques: institution.plaques.map((p: Plaque) => ({
            name: p.name,
            sphere: p.sphere ?? null,
            period: shapes.period(p.period.period),
            citations: shapes.citations(p.citations)
        }))
    };
}

function naming<P, C>(
    owner: { names: Name[]; ids: Identifier[]; facets: Facet[] },
    shapes: Shapes<P, C, unknown>
): Omit<ExportedNaming<P, C>, 'label'> {
    return {
        names: owner.names.map(n => ({
            lang: n.lang,
            name: n.value,
            period: shapes.period(n.period.period),
            citations: shapes.citations(n.citations)
        })),
        ids: owner.ids.map(i => ({ scheme: i.scheme, value: i.value })),
        facets: owner.facets.map(f => ({
            key: f.key,
            value: f.value,
            period: shapes.period(f.period.period),
            citations: shapes.citations(f.citations)
        }))
    };
}

/** People, the posts the model declares or its people hold, every holding and the concurrent posts, on the export's date. */
export function exportPeople<P, C, L>(model: SemanticModel, shapes: Shapes<P, C, L>) {
    const ids = new Map(model.holdings.map((h, i) => [h, `holding-${i + 1}`]));
    const holdings = model.holdings
        .filter(h => shapes.holds(heldPeriod(model, h)))
        .map((h): ExportedHolding<P, C, L> => {
            const effective = heldPeriod(model, h);
            return {
                id: ids.get(h)!,
                person: h.person,
                post: h.post,
                institution: h.institution,
                ...(h.certainty ? { certainty: h.certainty } : {}),
                period: shapes.period(h.period.period),
                effective: effective ? shapes.period(effective) : null,
                citations: shapes.citations(h.citations),
                location: shapes.place(h.extent)
            };
        });
    const holders = new Set(holdings.map(h => h.person));
    const usedPosts = new Set(holdings.map(h => h.post));
    const people = [...model.people.values()]
        .filter(p => !p.builtin && (!shapes.at || holders.has(p.key)))
        .map((p: Person): ExportedPerson<P, C, L> => ({
            key: p.key,
            name: p.name,
            model: p.model,
            title: p.title ?? null,
            doc: p.doc ?? null,
            label: personNameIn(p, shapes.lang, shapes.at),
            ...naming(p, shapes),
            location: shapes.place(p.loc)
        }));
    const posts = ownAndUsed(model.posts, usedPosts).map((p): ExportedPost<L> => ({
        key: p.key,
        name: p.name,
        model: p.model,
        title: p.title ?? null,
        single: p.single,
        builtin: p.builtin,
        location: p.builtin ? null : shapes.place(p.loc)
    }));
    const concurrent = concurrentPosts(model)
        .filter(c => !shapes.at || contains(c.period, shapes.at))
        .map((c): ExportedConcurrentPosts<P> => ({
            person: c.person,
            holdings: [ids.get(c.first)!, ids.get(c.second)!],
            institutions: [c.first.institution, c.second.institution],
            period: shapes.period(c.period)
        }));
    return { people, posts, holdings, concurrentPosts: concurrent };
}
