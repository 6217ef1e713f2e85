import { onlyElement } from './lists.js';
import { describeConflict, describeContest } from './checks/index.js';
import { findConflicts, type Conflict } from './conflicts.js';
import { findContests } from './contests.js';
import { claimVerb, displayName, hedge, type SemanticModel } from './model.js';
import { formatPeriod, type Period } from './periods.js';
import { concurrentPosts, personName } from './people.js';
import type {
    Certainty,
    Citation,
    Declaration,
    Facet,
    Identifier,
    Institution,
    Key,
    Location,
    Name,
    View,
    WrittenPeriod
} from './types.js';
import { compareText } from './order.js';
import { ownDeclarations } from './own-declarations.js';

export const DIFF_CATEGORIES = [
    'institutions',
    'mandates',
    'sources',
    'kinds',
    'relation kinds',
    'roles',
    'competences',
    'contests',
    'relations',
    'disputes',
    'views',
    'posts',
    'people',
    'held posts',
    'conflicts',
    'concurrent posts'
] as const;
export type DiffCategory = (typeof DIFF_CATEGORIES)[number];

export const CHANGE_KINDS = ['added', 'removed', 'renamed', 'moved', 'changed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One attribute of a fact: both values for a change, only `new` for an addition, only `old` for a removal. */
export interface FieldChange {
    field: string;
    old?: string;
    new?: string;
}

export interface Change {
    category: DiffCategory;
    change: ChangeKind;
    /**
     * The fact's semantic identity, in the new model's keys (the old one's for
     * a removal): a declaration's key; `institution role mandate` for a
     * competence (the role as written); `institution contests mandate` for a contest; `subject
     * kind target` for a relation; `mandate between parties` for a dispute
     * or a conflict; `mandate contested by institution from holder` for a
     * contest that met a holder.
     */
    id: string;
    /** The fact as a reader names it, e.g. `CAC leads cii`. */
    label: string;
    fields: FieldChange[];
    old?: Location;
    new?: Location;
}

export interface ModelDiff {
    changes: Change[];
}

/** A fact reduced to what the diff compares: its identity and its attributes as text. */
interface Fact {
    id: string;
    label: string;
    fields: Record<string, string>;
    loc: Location;
    /**
     * Unmatched facts with the same key under one of these rules, whose
     * identities differ, may be one fact changed in that field: a competence
     * that changed role (`changed`) or went to another institution (`moved`).
     * Rules are tried in order.
     */
    rematch?: Rematch[];
}

interface Rematch {
    key: string;
    field: string;
    value: string;
    change: 'changed' | 'moved';
}

/** Names for one side's keys; the old side's are translated through the renames, so a rename changes nothing else. */
interface Side {
    model: SemanticModel;
    key(key: Key): Key;
    name(key: Key): string;
}

/**
 * The semantic difference between two models: facts added, removed, changed,
 * renamed or moved, and the conflicts that appear or disappear. Facts are
 * matched by what they say, not by where they are written, so moving a line
 * or a file changes nothing. Pure and deterministic.
 */
export function diffModels(before: SemanticModel, after: SemanticModel): ModelDiff {
    const renames = findRenames(before, after);
    const newSide: Side = { model: after, key: k => k, name: k => displayName(after, k) };
    const oldSide: Side = {
        model: before,
        key: k => renames.get(k) ?? k,
        name: k => (renames.has(k) ? displayName(after, renames.get(k)!) : displayName(before, k))
    };
    const changes: Change[] = [
        ...institutionChanges(oldSide, newSide, renames),
        ...declarationChanges(
            'mandates',
            oldSide,
            newSide,
            s => s.model.mandates,
            (m, s) => ({ title: m.title ?? '', parent: m.parents.map(p => s.name(p)).join(', ') })
        ),
        ...declarationChanges(
            'sources',
            oldSide,
            newSide,
            s => s.model.sources,
            s => ({ title: s.title ?? '', url: s.url ?? '' })
        ),
        ...declarationChanges(
            'kinds',
            oldSide,
            newSide,
            s => s.model.kinds,
            k => ({ title: k.title ?? '', sphere: k.sphere })
        ),
        ...declarationChanges(
            'relation kinds',
            oldSide,
            newSide,
            s => s.model.relationKinds,
            r => ({
                title: r.title ?? '',
                hierarchical: r.hierarchical ? 'yes' : 'no',
                upward: r.upward ? 'yes' : 'no'
            })
        ),
        ...declarationChanges(
            'roles',
            oldSide,
            newSide,
            s => s.model.roles,
            r => ({ title: r.title ?? '', exclusive: r.exclusive ? 'yes' : 'no' })
        ),
        ...matchFacts('competences', claimFacts(oldSide), claimFacts(newSide)),
        ...matchFacts('contests', contestFacts(oldSide), contestFacts(newSide)),
        ...matchFacts('relations', relationFacts(oldSide), relationFacts(newSide)),
        ...matchFacts('disputes', disputeFacts(oldSide), disputeFacts(newSide)),
        ...declarationChanges('views', oldSide, newSide, s => s.model.views, viewFields),
        ...declarationChanges(
            'posts',
            oldSide,
            newSide,
            s => s.model.posts,
            p => ({ title: p.title ?? '', single: p.single ? 'yes' : 'no' })
        ),
        ...declarationChanges(
            'people',
            oldSide,
            newSide,
            s => s.model.people,
            p => ({ title: p.title ?? '', ...namingFields(p), doc: p.doc ?? '' })
        ),
        ...matchFacts('held posts', holdingFacts(oldSide), holdingFacts(newSide)),
        ...matchFacts(
            'conflicts',
            [...conflictFacts(oldSide), ...contestedFacts(oldSide)],
            [...conflictFacts(newSide), ...contestedFacts(newSide)]
        ),
        ...matchFacts('concurrent posts', concurrentFacts(oldSide), concurrentFacts(newSide))
    ];
    return { changes: changes.sort(compareChanges) };
}

/**
 * Institutions that disappeared under one key and appeared under another with
 * the same title, paired only when the title picks exactly one on each side.
 * A unit follows its renamed parent when it keeps its own name.
 */
function findRenames(before: SemanticModel, after: SemanticModel): Map<Key, Key> {
    const gone = ownDeclarations(before.institutions).filter(i => !after.institutions.has(i.key));
    const arrived = ownDeclarations(after.institutions).filter(i => !before.institutions.has(i.key));
    const title = (i: Institution) => (i.title === undefined ? undefined : `${i.model}\u0000${i.title}`);
    const goneByTitle = groupBy(gone, title);
    const arrivedByTitle = groupBy(arrived, title);
    const arrivedByPlace = groupBy(arrived, i => (i.parent === undefined ? undefined : `${i.parent}\u0000${i.name}`));
    const renames = new Map<Key, Key>();
    const taken = new Set<Key>();
    const depth = (i: Institution) => i.path.split('.').length;
    // Parents first, so that a unit can follow its parent's new name.
    for (const old of [...gone].sort((a, b) => depth(a) - depth(b) || compareText(a.key, b.key))) {
        const sameTitle = arrivedByTitle.get(title(old) ?? '') ?? [];
        const parent = old.parent !== undefined ? renames.get(old.parent) : undefined;
        const samePlace = parent === undefined ? [] : (arrivedByPlace.get(`${parent}\u0000${old.name}`) ?? []);
        const match =
            sameTitle.length === 1 && goneByTitle.get(title(old)!)!.length === 1
                ? sameTitle[0]
                : samePlace.length === 1
                  ? samePlace[0]
                  : undefined;
        if (match && !taken.has(match.key)) {
            renames.set(old.key, match.key);
            taken.add(match.key);
        }
    }
    return renames;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        const k = key(item);
        if (k === undefined) continue;
        const list = groups.get(k);
        if (list) list.push(item);
        else groups.set(k, [item]);
    }
    return groups;
}

function institutionChanges(oldSide: Side, newSide: Side, renames: Map<Key, Key>): Change[] {
    const fields = (i: Institution, s: Side): Record<string, string> => ({
        title: i.title ?? '',
        // Every `kind` line with its period, so that a change of kind over time shows.
        kind:
            i.kinds.map(k => `${s.name(k.kind)}${k.period.loc ? ` ${periodText(k.period)}` : ''}`).join('; ') ||
            (i.kind ? s.name(i.kind) : ''),
        parent: i.parent ? s.name(i.parent) : '',
        established: i.established?.date.text ?? '',
        dissolved: i.dissolved?.date.text ?? '',
        formerly: i.formerNames.map(f => `"${f.name}"${f.until ? ` until ${f.until.date.text}` : ''}`).join('; '),
        ...namingFields(i),
        plaques: i.plaques.map(p => `"${p.name}"${p.sphere ? ` in ${p.sphere}` : ''}${dated(p.period)}`).join('; '),
        citations: citationText(i.citations),
        doc: i.doc ?? ''
    });
    const renamed: Change[] = [];
    for (const [oldKey, newKey] of renames) {
        const old = oldSide.model.institutions.get(oldKey)!;
        const now = newSide.model.institutions.get(newKey)!;
        // A unit that only follows its parent's new name is not renamed itself.
        if (old.name === now.name) continue;
        renamed.push({
            category: 'institutions',
            change: 'renamed',
            id: newKey,
            label: now.path,
            fields: [{ field: 'name', old: old.path, new: now.path }, ...fieldChanges(fields(old, oldSide), fields(now, newSide))],
            old: old.loc,
            new: now.loc
        });
    }
    const ids = new Set(renamed.map(c => c.id));
    // A rename reports the other attributes that changed with it.
    const others = declarationChanges('institutions', oldSide, newSide, s => s.model.institutions, fields).filter(
        c => !(c.change === 'changed' && ids.has(c.id))
    );
    return [...others, ...renamed];
}

/** Declarations are matched by key (the old side's translated through the renames). */
function declarationChanges<D extends Declaration>(
    category: DiffCategory,
    oldSide: Side,
    newSide: Side,
    declarations: (side: Side) => ReadonlyMap<Key, D>,
    fields: (declaration: D, side: Side) => Record<string, string>
): Change[] {
    const facts = (side: Side): Fact[] =>
        ownDeclarations(declarations(side)).map(d => ({
            id: side.key(d.key),
            label: side.name(d.key),
            fields: fields(d, side),
            loc: d.loc
        }));
    return matchFacts(category, facts(oldSide), facts(newSide));
}

/** Names by language, identifiers and facets, each a field of its own (`name zh`, `id wikidata`, `has rank`), so a change reads as one. */
function namingFields(owner: { names: Name[]; ids: Identifier[]; facets: Facet[] }): Record<string, string> {
    const fields: Record<string, string[]> = {};
    const add = (field: string, value: string) => (fields[field] ??= []).push(value);
    for (const n of owner.names) add(`name ${n.lang}`, `"${n.value}"${dated(n.period)}`);
    for (const i of owner.ids) add(`id ${i.scheme}`, `"${i.value}"`);
    for (const f of owner.facets) add(`has ${f.key}`, `${typeof f.value === 'number' ? f.value : `"${f.value}"`}${dated(f.period)}`);
    return Object.fromEntries(Object.entries(fields).map(([field, values]) => [field, values.join('; ')]));
}

function dated(written: WrittenPeriod): string {
    return written.loc ? ` ${periodText(written)}` : '';
}

/** A person's post in an institution, matched by who, what and where; a change of dates, certainty or sources is a change. */
function holdingFacts(side: Side): Fact[] {
    return side.model.holdings.map(h => ({
        id: `${side.key(h.person)} holds ${h.post} of ${side.key(h.institution)}`,
        label: `${personName(side.model, h.person)} ${hedge(h.certainty)}holds ${side.name(h.post)} of ${side.name(h.institution)}`,
        fields: { certainty: certaintyText(h.certainty), period: periodText(h.period), citations: citationText(h.citations) },
        loc: h.extent
    }));
}

/** Concurrent posts are derived, like conflicts: they appear and disappear as the posts' dates change. */
function concurrentFacts(side: Side): Fact[] {
    return concurrentPosts(side.model).map(c => {
        const [a, b] =
            compareText(side.key(c.first.institution), side.key(c.second.institution)) <= 0 ? [c.first, c.second] : [c.second, c.first];
        return {
            id: `${side.key(c.person)} in ${side.key(a.institution)} and ${side.key(b.institution)}`,
            label: `${personName(side.model, c.person)}: ${side.name(a.post)} of ${side.name(a.institution)} and ${side.name(b.post)} of ${side.name(b.institution)}`,
            fields: { period: formatPeriod(c.period) },
            loc: a.extent
        };
    });
}

function claimFacts(side: Side): Fact[] {
    return side.model.claims.map(claim => {
        const institution = side.key(claim.institution);
        // The role as written (`leads`, `shares`, `regulates`): the same claim whichever model declares the role.
        const role = claim.shared ? 'shares' : side.name(claim.role);
        return {
            id: `${institution} ${role} ${claim.mandate}`,
            label: `${side.name(claim.institution)} ${claimVerb(side.model, claim)} ${side.name(claim.mandate)}`,
            fields: {
                certainty: certaintyText(claim.certainty),
                period: periodText(claim.period),
                with: claim.partners
                    .map(p => side.name(p))
                    .sort()
                    .join(', '),
                except: claim.exceptions
                    .map(e => side.name(e))
                    .sort()
                    .join(', '),
                citations: citationText(claim.citations)
            },
            loc: claim.extent,
            rematch: [
                { key: `${institution} ${claim.mandate}`, field: 'role', value: role, change: 'changed' },
                { key: `${role} ${claim.mandate}`, field: 'institution', value: side.name(claim.institution), change: 'moved' }
            ]
        };
    });
}

function contestFacts(side: Side): Fact[] {
    return side.model.contests.map(contest => ({
        id: `${side.key(contest.institution)} contests ${contest.mandate}`,
        label: `${side.name(contest.institution)} ${hedge(contest.certainty)}contests ${side.name(contest.mandate)}`,
        fields: {
            certainty: certaintyText(contest.certainty),
            period: periodText(contest.period),
            citations: citationText(contest.citations)
        },
        loc: contest.extent
    }));
}

function relationFacts(side: Side): Fact[] {
    return side.model.relations.map(relation => ({
        id: `${side.key(relation.subject)} ${relation.kind} ${side.key(relation.target)}`,
        label: `${side.name(relation.subject)} ${hedge(relation.certainty)}${side.name(relation.kind)} ${side.name(relation.target)}`,
        fields: {
            certainty: certaintyText(relation.certainty),
            period: periodText(relation.period),
            citations: citationText(relation.citations)
        },
        loc: relation.loc
    }));
}

function disputeFacts(side: Side): Fact[] {
    return side.model.disputes.map(dispute => {
        const parties = dispute.parties.map(p => side.key(p)).sort();
        return {
            id: `${dispute.mandate} between ${parties.join(', ')}`,
            label: `'${side.name(dispute.mandate)}' between ${parties.map(p => side.name(p)).join(', ')}`,
            fields: { period: periodText(dispute.period), finding: dispute.finding ?? '', citations: citationText(dispute.citations) },
            loc: dispute.loc
        };
    });
}

function conflictFacts(side: Side): Fact[] {
    return findConflicts(side.model).map((conflict: Conflict) => {
        const pair = [conflict.first.institution, conflict.second.institution].map(k => side.key(k)).sort();
        return {
            id: `${conflict.mandate} between ${pair.join(', ')}`,
            label: withoutPeriod(describeConflict(side.model, conflict), conflict.period),
            fields: {
                period: formatPeriod(conflict.period),
                dispute: conflict.disputes.length > 0 ? 'recorded' : 'not recorded'
            },
            loc: conflict.first.loc
        };
    });
}

/** Contests that met a holder: found, like conflicts, so they appear and disappear with the claims. */
function contestedFacts(side: Side): Fact[] {
    return findContests(side.model).contested.map(found => ({
        id: `${found.mandate} contested by ${side.key(found.contest.institution)} from ${side.key(found.holder.institution)}`,
        label: withoutPeriod(describeContest(side.model, found), found.period),
        fields: { period: formatPeriod(found.period), dispute: found.disputes.length > 0 ? 'recorded' : 'not recorded' },
        loc: found.contest.loc
    }));
}

/** The period is a field of its own, compared and shown there. */
function withoutPeriod(description: string, period: Period): string {
    const suffix = ` (${formatPeriod(period)})`;
    return description.endsWith(suffix) ? description.slice(0, -suffix.length) : description;
}

function viewFields(view: View, side: Side): Record<string, string> {
    const names = (keys: Key[]) => keys.map(k => side.name(k)).join(', ');
    const rules = view.filters.map(f => {
        const target = f.all
            ? '*'
            : f.mandates.length
              ? `mandate ${names(f.mandates)}`
              : f.kinds.length
                ? `kind ${names(f.kinds)}`
                : f.spheres.length
                  ? `sphere ${f.spheres.join(', ')}`
                  : names(f.institutions);
        return `${f.op} ${target}`;
    });
    return {
        title: view.title ?? '',
        rules: rules.join('; '),
        at: view.at?.text ?? '',
        'group by': view.groupBy ?? '',
        direction: view.direction ?? ''
    };
}

/**
 * How sure the source is; `asserted` when no word says otherwise. The label
 * shows the hedge too, so additions and removals leave this field out.
 */
function certaintyText(certainty: Certainty | undefined): string {
    return hedge(certainty).trim() || 'asserted';
}

function periodText(written: WrittenPeriod): string {
    return formatPeriod(written.period);
}

function citationText(citations: Citation[]): string {
    return citations.map(c => (c.locator === undefined ? c.sourceName : `${c.sourceName} "${c.locator}"`)).join('; ');
}

/**
 * Pairs the facts of two sides: equal facts cancel, facts with one identity
 * and different attributes are changes, the rest are additions and removals,
 * except that an addition and a removal that a rematch rule pairs (and no
 * other candidate) are one fact that changed role or moved.
 */
function matchFacts(category: DiffCategory, before: Fact[], after: Fact[]): Change[] {
    const changes: Change[] = [];
    const removed: Fact[] = [];
    const added: Fact[] = [];
    const groups = new Map<string, { old: Fact[]; new: Fact[] }>();
    const group = (id: string) => groups.get(id) ?? groups.set(id, { old: [], new: [] }).get(id)!;
    before.forEach(f => group(f.id).old.push(f));
    after.forEach(f => group(f.id).new.push(f));
    for (const { old, new: now } of groups.values()) {
        const unmatched = now.filter(n => {
            const same = old.findIndex(o => sameFields(o, n));
            if (same >= 0) old.splice(same, 1);
            return same < 0;
        });
        const paired = Math.min(old.length, unmatched.length);
        old.slice(0, paired).forEach((was, i) => {
            const is = unmatched[i];
            if (is) changes.push(change(category, 'changed', was, is, fieldChanges(was.fields, is.fields)));
        });
        removed.push(...old.slice(paired));
        added.push(...unmatched.slice(paired));
    }
    const rematched = rematch(category, removed, added, 0);
    return [...changes, ...rematched];
}

/** Pairs the unmatched facts that one rule (and then the next) picks exactly one of on each side; the rest are removed and added. */
function rematch(category: DiffCategory, removed: Fact[], added: Fact[], rule: number): Change[] {
    const key = (f: Fact) => f.rematch?.[rule]?.key;
    if (![...removed, ...added].some(f => key(f) !== undefined)) {
        return [
            ...removed.map(old => change(category, 'removed', old, undefined, onlyFields(old.fields, 'old'))),
            ...added.map(now => change(category, 'added', undefined, now, onlyFields(now.fields, 'new')))
        ];
    }
    const removedByKey = groupBy(removed, key);
    const addedByKey = groupBy(added, key);
    const changes: Change[] = [];
    const paired = new Set<Fact>();
    for (const old of removed) {
        const k = key(old);
        const now = onlyElement(k === undefined ? [] : (addedByKey.get(k) ?? []));
        const [was, is] = [old.rematch?.[rule], now?.rematch?.[rule]];
        if (!now || removedByKey.get(k!)!.length !== 1 || !was || !is) continue;
        paired.add(old).add(now);
        changes.push(
            change(category, is.change, old, now, [
                { field: is.field, old: was.value, new: is.value },
                ...fieldChanges(old.fields, now.fields)
            ])
        );
    }
    return [
        ...changes,
        ...rematch(
            category,
            removed.filter(f => !paired.has(f)),
            added.filter(f => !paired.has(f)),
            rule + 1
        )
    ];
}

function change(category: DiffCategory, kind: ChangeKind, old: Fact | undefined, now: Fact | undefined, fields: FieldChange[]): Change {
    const fact = (now ?? old)!;
    return { category, change: kind, id: fact.id, label: fact.label, fields, old: old?.loc, new: now?.loc };
}

function sameFields(a: Fact, b: Fact): boolean {
    return fieldChanges(a.fields, b.fields).length === 0;
}

function fieldChanges(old: Record<string, string>, now: Record<string, string>): FieldChange[] {
    return Object.keys(now)
        .filter(field => old[field] !== now[field])
        .map(field => ({ field, old: old[field], new: now[field] }));
}

function onlyFields(fields: Record<string, string>, side: 'old' | 'new'): FieldChange[] {
    return Object.entries(fields)
        .filter(([field, value]) => value !== '' && field !== 'certainty')
        .map(([field, value]) => ({ field, [side]: value }));
}

function compareChanges(a: Change, b: Change): number {
    return (
        DIFF_CATEGORIES.indexOf(a.category) - DIFF_CATEGORIES.indexOf(b.category) ||
        compareText(a.id, b.id) ||
        CHANGE_KINDS.indexOf(a.change) - CHANGE_KINDS.indexOf(b.change) ||
        compareText(a.label, b.label) ||
        compareText(JSON.stringify(a.fields), JSON.stringify(b.fields))
    );
}
