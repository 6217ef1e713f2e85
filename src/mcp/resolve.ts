/**
 * The one rule by which an answer finds a person, a post or a mandate from
 * the name an assistant gave: exact names first, then names that contain it.
 */
import { closestNames, didYouMean } from '../model/suggest.js';
import { QueryError } from './query-error.js';

/** What is named: a declaration of the model. */
interface Named {
    key: string;
    path: string;
    name: string;
    title?: string;
}

export interface NameLookup<T> {
    /** What is looked up, as the error names it: `person`, `post`, `mandate`. */
    what: string;
    items: readonly T[];
    /** The names that match when equal to the one asked for (any case); its key, path, name and title unless said. */
    exactNames?(item: T): readonly string[];
    /** The names that match when they contain it (any case), asked only when none is equal; its title unless said. */
    partNames?(item: T): readonly string[];
    /** How an item is listed when the name may be several. */
    describe(item: T): string;
    /** Said after the closest names when none matches. */
    afterward?(): string;
}

/** The item a name stands for; several or none is a QueryError that lists them, or the closest paths. */
export function resolveByName<T extends Named>(name: string, lookup: NameLookup<T>): T {
    const { exactNames = declaredNames, partNames = (item: T) => [item.title ?? ''] } = lookup;
    const wanted = name.trim().toLowerCase();
    const exact = lookup.items.filter(item => exactNames(item).some(n => n.toLowerCase() === wanted));
    const found = exact.length > 0 ? exact : lookup.items.filter(item => partNames(item).some(n => n.toLowerCase().includes(wanted)));
    const [only, ...others] = found;
    if (only && others.length === 0) return only;
    if (only) throw new QueryError(`'${name}' may be ${found.map(item => lookup.describe(item)).join(', ')}; use one of these names`);
    const closest = didYouMean(
        closestNames(
            name,
            lookup.items.map(item => item.path)
        )
    );
    throw new QueryError(`no ${lookup.what} is called '${name}'.${closest}${lookup.afterward?.() ?? ''}`);
}

function declaredNames(item: Named): string[] {
    return [item.key, item.path, item.name, item.title ?? ''];
}
