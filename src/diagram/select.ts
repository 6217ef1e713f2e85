import type { Conflict } from '../model/conflicts.js';
import { compareDates, type PDate } from '../model/dates.js';
import { effectivePeriod, kindAt, mandateWithin, type SemanticModel } from '../model/model.js';
import { contains, possible, type Period } from '../model/periods.js';
import { holdersAt } from '../model/people.js';
import type { Claim, Holding, Institution, Key, Kind, RelationFact, View, ViewFilter } from '../model/types.js';
import { compareText } from '../model/order.js';

export type Grouping = NonNullable<View['groupBy']>;
export type Direction = NonNullable<View['direction']>;

/** What one diagram shows: the institutions, relations and conflicts that hold at one date. */
export interface Selection {
    title: string;
    at: PDate;
    groupBy: Grouping;
    direction: Direction;
    view?: View;
    /** Sorted by key, so every writer sees them in the same order. */
    institutions: Institution[];
    relations: RelationFact[];
    conflicts: Conflict[];
    /** The language to label in (`labels LANG`, `--lang`), falling back to the names at the date. */
    lang?: string;
    /** `show people`: the posts held in the shown institutions at the date, in the order written. */
    holdings: Holding[];
}

export interface SelectOptions {
    /** The view to draw; without one, every institution of `scope` (or of the whole workspace). */
    view?: View;
    /** Overrides the view's own `at`. */
    at?: PDate;
    /** The date of a view without `at`; passed in so that results stay reproducible. */
    today: PDate;
    /** The model whose institutions `include *` and the default view mean; undefined: every model. */
    scope?: string;
    /** Used when the view sets no direction. */
    direction?: Direction;
    /** The model's conflicts, when the caller has them already (the language server does). */
    conflicts: readonly Conflict[];
    /** Overrides the view's `labels`. */
    lang?: string;
    /** For pictures across time (the timeline): institutions the view picks at any date, not only those alive at `at`. */
    everyDate?: boolean;
}

/**
 * Selects what a diagram shows. Institutions show while the date is within
 * their lifetime; relations and conflicts when they hold at the date and both
 * ends show. A view's filters are read like `.gitignore`: the last rule that
 * matches an institution decides, and a view without `include` rules starts
 * from every institution.
 */
export function select(model: SemanticModel, options: SelectOptions): Selection {
    const { view } = options;
    const at = options.at ?? view?.at ?? options.today;
    const scope = view ? view.model : options.scope;
    const filters = view?.filters ?? [];
    const startsWithAll = !filters.some(f => f.op === 'include');
    const claimsAt = (key: Key) =>
        (model.claimsByInstitution.get(key) ?? []).filter(claim => options.everyDate || holdsAt(effectivePeriod(model, claim), at));
    // `*`, kinds, spheres and mandates describe the view's own model; only an institution named outright may come from another.
    const matches = (filter: ViewFilter, institution: Institution) =>
        filter.institutions.includes(institution.key) ||
        (inScope(institution, scope) &&
            (filter.all ||
                matchesKind(model, filter, institution, at) ||
                (filter.mandates.length > 0 && claimsAt(institution.key).some(claim => claimOn(model, claim, filter.mandates)))));

    const institutions = [...model.institutions.values()]
        .filter(institution => options.everyDate || contains(possible(institution.lifetime), at))
        .filter(institution => {
            let shown = startsWithAll && inScope(institution, scope);
            for (const filter of filters) {
                if (matches(filter, institution)) shown = filter.op === 'include';
            }
            return shown;
        })
        .sort(byKey);
    const shown = new Set(institutions.map(i => i.key));

    const hidden = hiddenKinds(view);
    const relations = model.relations.filter(
        r => shown.has(r.subject) && shown.has(r.target) && !hidden.has(r.kind) && contains(possible(r.period.period), at)
    );
    // A view that includes only mandates is about those mandates: it shows only their conflicts.
    const includes = filters.filter(f => f.op === 'include');
    const mandateView = includes.length > 0 && includes.every(f => f.mandates.length > 0 && !f.all);
    const viewMandates = includes.flatMap(f => f.mandates);
    const conflicts = options.conflicts.filter(
        c =>
            shown.has(c.first.institution) &&
            shown.has(c.second.institution) &&
            contains(c.period, at) &&
            (!mandateView || viewMandates.some(m => mandateWithin(model, c.mandate, m) || mandateWithin(model, m, c.mandate)))
    );

    return {
        title: view ? (view.title ?? view.name) : scope || 'All models',
        at,
        groupBy: view?.groupBy ?? 'sphere',
        direction: view?.direction ?? options.direction ?? 'down',
        view,
        institutions,
        relations,
        conflicts,
        lang: options.lang ?? view?.labels,
        holdings: view?.showPeople ? institutions.flatMap(i => holdersAt(model, i.key, at)) : []
    };
}

/** The relation kinds the view's `hide` lines leave out, unless a later `show` names them again. */
function hiddenKinds(view: View | undefined): Set<Key> {
    const hidden = new Set<Key>();
    for (const rule of view?.relationRules ?? []) {
        for (const kind of rule.kinds) {
            if (rule.op === 'hide') hidden.add(kind);
            else hidden.delete(kind);
        }
    }
    return hidden;
}

function holdsAt(period: Period | undefined, at: PDate): boolean {
    return period !== undefined && contains(period, at);
}

function inScope(institution: Institution, scope: string | undefined): boolean {
    return scope === undefined || institution.model === scope;
}

function claimOn(model: SemanticModel, claim: Claim, mandates: readonly Key[]): boolean {
    return mandates.some(m => mandateWithin(model, claim.mandate, m));
}

function matchesKind(model: SemanticModel, filter: ViewFilter, institution: Institution, at: PDate): boolean {
    if (filter.kinds.length === 0 && filter.spheres.length === 0) return false;
    const kind = kindOf(model, institution, at);
    return kind !== undefined && (filter.kinds.includes(kind.key) || filter.spheres.includes(kind.sphere));
}

/**
 * An institution's kind on the date (today's without one), or for a unit
 * without one, its nearest ancestor's: a bureau of a ministry sits in the state sphere.
 */
export function kindOf(model: SemanticModel, institution: Institution, at?: PDate): Kind | undefined {
    const seen = new Set<Key>();
    let current: Institution | undefined = institution;
    while (current && !seen.has(current.key)) {
        const kind = kindAt(current, at);
        if (kind) return model.kinds.get(kind);
        seen.add(current.key);
        current = current.parent ? model.institutions.get(current.parent) : undefined;
    }
    return undefined;
}

/** The model's views, in source order within each model; scoped to one model when given. */
export function viewsOf(model: SemanticModel, scope?: string): View[] {
    return [...model.views.values()].filter(view => !view.builtin && (scope === undefined || view.model === scope));
}

/** A view by its key or its name; a name shared by views of several models is ambiguous and finds none. */
export function findView(model: SemanticModel, name: string, scope?: string): View | undefined {
    const byKey = model.views.get(name);
    if (byKey) return byKey;
    const named = viewsOf(model, scope).filter(view => view.name === name);
    return named.length === 1 ? named[0] : undefined;
}

/** The earliest and latest dates written in the model: the range a date control offers. */
export function dateRange(model: SemanticModel, scope?: string): { min?: PDate; max?: PDate } {
    const dates: PDate[] = [];
    const add = (period: Period) => {
        if (period.start) dates.push(period.start);
        if (period.end) dates.push(period.end);
    };
    for (const facts of model.documents) {
        if (scope !== undefined && facts.model !== scope) continue;
        for (const decl of facts.declarations) {
            if (decl.type === 'institution') {
                const institution = decl as Institution;
                add(institution.lifetime);
                institution.formerNames.forEach(former => former.until && dates.push(former.until.date));
            }
        }
        facts.claims.forEach(c => add(c.period.period));
        facts.relations.forEach(r => add(r.period.period));
        facts.disputes.forEach(d => add(d.period.period));
        facts.holdings.forEach(h => add(h.period.period));
    }
    if (dates.length === 0) return {};
    dates.sort(compareDates);
    return { min: dates[0], max: dates[dates.length - 1] };
}

function byKey(a: { key: Key }, b: { key: Key }): number {
    return compareText(a.key, b.key);
}
