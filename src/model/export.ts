import { describeConflict, describeContest } from './checks/index.js';
import type { Conflict } from './conflicts.js';
import { findContests, type ContestedClaim } from './contests.js';
import { compareDates, dateBounds, latest, type PDate } from './dates.js';
import { CONTAINMENT, displayName, effectivePeriod, hedge, kindAt, lifetimeOf, type SemanticModel } from './model.js';
import { contains, formatPeriod, possible, type Period } from './periods.js';
import {
    exportPeople,
    institutionNaming,
    type ExportedConcurrentPosts,
    type ExportedHolding,
    type ExportedNaming,
    type ExportedPerson,
    type ExportedPlaque,
    type ExportedPost
} from './export-people.js';
import { ownAndUsed, ownDeclarations } from './own-declarations.js';
import {
    SPHERES,
    type Certainty,
    type Citation,
    type Claim,
    type Contest,
    type Declaration,
    type Dispute,
    type Key,
    type Location,
    type Sphere
} from './types.js';

/**
 * The exported semantic model, `polity/model@2`: the shape of
 * `docs/model.schema.json`, described in `docs/export.md`. Keys are
 * model-qualified names; every fact says where it is written.
 */
export interface ModelExport {
    schema: 'polity/model@2';
    /** The date the export was filtered to, or null for everything. */
    at: string | null;
    institutions: ExportedInstitutionNamed[];
    /** The kinds the model declares and the prelude kinds its institutions use. */
    kinds: ExportedKind[];
    /** The roles the model declares and the prelude roles its competences use. */
    roles: ExportedRole[];
    /** The relation kinds the model declares and the prelude kinds its relations use. */
    relationKinds: ExportedRelationKind[];
    mandates: ExportedMandate[];
    competences: ExportedCompetence[];
    contests: ExportedContest[];
    relations: ExportedRelation[];
    disputes: ExportedDispute[];
    conflicts: ExportedConflict[];
    sources: ExportedSource[];
    /** People with their names; on a date, those holding a post then. */
    people: ExportedPerson<ExportedPeriod, ExportedCitation, ExportedPlace>[];
    /** The posts the model declares and the prelude posts its people hold. */
    posts: ExportedPost<ExportedPlace>[];
    holdings: ExportedHolding<ExportedPeriod, ExportedCitation, ExportedPlace>[];
    concurrentPosts: ExportedConcurrentPosts<ExportedPeriod>[];
}

export interface ExportedPlace {
    file: string;
    line: number;
}
/**
 * A date as shown (`2014-03`, `1999–2001` for `1999..2001`, `c. 2011`) with
 * the days it may stand for: a range from the first day of D1 to the last of
 * D2, any other date its first day.
 */
export interface ExportedDate {
    text: string;
    earliest: string;
    latest: string;
    circa: boolean;
}
/** Null is an open bound; `by`: the period started at an unknown time no later than `start`. */
export interface ExportedPeriod {
    start: ExportedDate | null;
    end: ExportedDate | null;
    by: boolean;
}
export interface ExportedCitation {
    source: Key | null;
    name: string;
    locator: string | null;
}

export interface ExportedInstitution {
    key: Key;
    name: string;
    path: string;
    model: string;
    title: string | null;
    doc: string | null;
    /** The kind on the export's date (today's without one), and its sphere. */
    kind: Key | null;
    sphere: string | null;
    /** Every `kind` line with its period. */
    kinds: { kind: Key; period: ExportedPeriod }[];
    parent: Key | null;
    lifetime: ExportedPeriod;
    formerNames: { name: string; until: ExportedDate | null }[];
    citations: ExportedCitation[];
    location: ExportedPlace;
}
/** An institution with its names (the one at the export's date as `label`), plaques, identifiers and facets. */
export type ExportedInstitutionNamed = ExportedInstitution &
    ExportedNaming<ExportedPeriod, ExportedCitation> & {
        plaques: ExportedPlaque<ExportedPeriod, ExportedCitation>[];
    };
export interface ExportedKind {
    key: Key;
    name: string;
    model: string;
    title: string | null;
    sphere: string;
    builtin: boolean;
    /** Null for the prelude's kinds, which no file declares. */
    location: ExportedPlace | null;
}
export interface ExportedRole {
    key: Key;
    name: string;
    model: string;
    title: string | null;
    exclusive: boolean;
    builtin: boolean;
    location: ExportedPlace | null;
}
export interface ExportedRelationKind {
    key: Key;
    name: string;
    model: string;
    title: string | null;
    hierarchical: boolean;
    upward: boolean;
    /** `part-of`: the subject is contained in the target (conflict rule 4, grouping by parent). */
    containment: boolean;
    builtin: boolean;
    location: ExportedPlace | null;
}
export interface ExportedMandate {
    key: Key;
    name: string;
    model: string;
    title: string | null;
    /** The first parent; `parents` has every one (the enclosing mandate and those after `within`). */
    parent: Key | null;
    parents: Key[];
    location: ExportedPlace;
}
export interface ExportedSource {
    key: Key;
    name: string;
    model: string;
    title: string | null;
    url: string | null;
    location: ExportedPlace;
}
export interface ExportedCompetence {
    id: string;
    institution: Key;
    /** The role's key, and the competence as written: `shares`, or the role's name (`leads`, `regulates`). */
    role: Key;
    verb: string;
    /** Absent when the fact is asserted. */
    certainty?: Certainty;
    mandate: Key;
    with: Key[];
    except: Key[];
    /** As written; `effective` is what possibly held of it within the institution's lifetime (null: never). */
    period: ExportedPeriod;
    effective: ExportedPeriod | null;
    citations: ExportedCitation[];
    location: ExportedPlace;
}
export interface ExportedContest {
    id: string;
    institution: Key;
    mandate: Key;
    certainty?: Certainty;
    period: ExportedPeriod;
    effective: ExportedPeriod | null;
    /** The claims it met: each holder's competence, where and when they met, and the disputes recording it. */
    holders: { competence: string; institution: Key; mandate: Key; period: ExportedPeriod; description: string; disputes: string[] }[];
    citations: ExportedCitation[];
    location: ExportedPlace;
}
export interface ExportedRelation {
    subject: Key;
    kind: Key;
    target: Key;
    certainty?: Certainty;
    hierarchical: boolean;
    upward: boolean;
    period: ExportedPeriod;
    citations: ExportedCitation[];
    location: ExportedPlace;
}
export interface ExportedDispute {
    id: string;
    mandate: Key;
    parties: Key[];
    period: ExportedPeriod;
    finding: string | null;
    citations: ExportedCitation[];
    location: ExportedPlace;
}
export interface ExportedConflict {
    mandate: Key;
    institutions: [Key, Key];
    competences: [string, string];
    period: ExportedPeriod;
    description: string;
    /** Ids of the recorded disputes that document it; empty for an undeclared conflict. */
    disputes: string[];
}

export interface ExportOptions {
    /** Only the facts that possibly held on this date. */
    at?: PDate;
    /** The language of each `label` where the model has names in it (`--lang`). */
    lang?: string;
    /** Where a location is, as the reader should see it (the CLI makes paths relative to the working folder). */
    place(loc: Location): ExportedPlace;
}

/** The model as plain data: user declarations only (not the prelude), in model order. Pure. */
export function exportModel(model: SemanticModel, conflicts: Conflict[], options: ExportOptions): ModelExport {
    const holds = (period: Period | undefined) => period !== undefined && (!options.at || contains(period, options.at));
    const lives = (key: Key) => holds(possible(lifetimeOf(model, key)));
    const citations = (list: Citation[]): ExportedCitation[] =>
        list.map(c => ({ source: c.source ?? null, name: c.sourceName, locator: c.locator ?? null }));
    const sure = (certainty: Certainty | undefined) => (certainty ? { certainty } : {});
    const competenceIds = new Map<Claim, string>(model.claims.map((claim, i) => [claim, `competence-${i + 1}`]));
    const contestIds = new Map<Contest, string>(model.contests.map((contest, i) => [contest, `contest-${i + 1}`]));
    const disputeIds = new Map(model.disputes.map((dispute, i) => [dispute, `dispute-${i + 1}`]));
    const declared = (d: Declaration) => ({ key: d.key, name: d.name, model: d.model, title: d.title ?? null });
    const placed = (d: Declaration) => ({ builtin: d.builtin, location: d.builtin ? null : options.place(d.loc) });

    const shapes = { period, citations, place: options.place, holds, at: options.at, lang: options.lang };
    const institutions = ownDeclarations(model.institutions)
        .filter(i => lives(i.key))
        .map((i): ExportedInstitutionNamed => {
            const kind = kindAt(i, options.at);
            return {
                key: i.key,
                name: i.name,
                path: i.path,
                model: i.model,
                title: i.title ?? null,
                doc: i.doc ?? null,
                kind: kind ?? null,
                sphere: (kind && model.kinds.get(kind)?.sphere) ?? null,
                kinds: i.kinds.map(k => ({ kind: k.kind, period: period(k.period.period) })),
                parent: i.parent ?? null,
                lifetime: period(i.lifetime),
                formerNames: i.formerNames.map(f => ({ name: f.name, until: f.until ? date(f.until.date) : null })),
                citations: citations(i.citations),
                location: options.place(i.loc),
                ...institutionNaming(i, shapes)
            };
        });
    const usedKinds = new Set(institutions.flatMap(i => [i.kind, ...i.kinds.map(k => k.kind)]));
    const competences = model.claims
        .filter(c => holds(effectivePeriod(model, c)))
        .map((c): ExportedCompetence => {
            const effective = shownEffective(model, c);
            return {
                id: competenceIds.get(c)!,
                institution: c.institution,
                role: c.role,
                verb: c.shared ? 'shares' : displayName(model, c.role),
                ...sure(c.certainty),
                mandate: c.mandate,
                with: c.partners,
                except: c.exceptions,
                period: period(c.period.period),
                effective: effective ? period(effective) : null,
                citations: citations(c.citations),
                location: options.place(c.extent)
            };
        });
    const relations = model.relations
        .filter(r => holds(possible(r.period.period)) && lives(r.subject) && lives(r.target))
        .map((r): ExportedRelation => {
            const kind = model.relationKinds.get(r.kind);
            return {
                subject: r.subject,
                kind: r.kind,
                target: r.target,
                ...sure(r.certainty),
                hierarchical: kind?.hierarchical ?? false,
                upward: kind?.upward ?? false,
                period: period(r.period.period),
                citations: citations(r.citations),
                location: options.place(r.loc)
            };
        });
    const exportedConflicts = conflicts.filter(c => holds(c.period));
    const found = findContests(model).contested.filter(f => holds(f.period));
    const contests = model.contests
        .filter(c => holds(effectivePeriod(model, c)))
        .map((c): ExportedContest => {
            const effective = shownEffective(model, c);
            return {
                id: contestIds.get(c)!,
                institution: c.institution,
                mandate: c.mandate,
                ...sure(c.certainty),
                period: period(c.period.period),
                effective: effective ? period(effective) : null,
                holders: found
                    .filter(f => f.contest === c)
                    .map((f: ContestedClaim) => ({
                        competence: competenceIds.get(f.holder)!,
                        institution: f.holder.institution,
                        mandate: f.mandate,
                        period: period(f.period),
                        description: describeContest(model, f),
                        disputes: f.disputes.map(d => disputeIds.get(d)!)
                    })),
                citations: citations(c.citations),
                location: options.place(c.extent)
            };
        });
    // A conflict's or contest's disputes stay with it even when their own period does not hold on the date.
    const documenting = new Set<Dispute>([...exportedConflicts.flatMap(c => c.disputes), ...found.flatMap(f => f.disputes)]);
    const disputes = model.disputes
        .filter(d => holds(possible(d.period.period)) || documenting.has(d))
        .map((d): ExportedDispute => ({
            id: disputeIds.get(d)!,
            mandate: d.mandate,
            parties: d.parties,
            period: period(d.period.period),
            finding: d.finding ?? null,
            citations: citations(d.citations),
            location: options.place(d.loc)
        }));
    const usedRoles = new Set(competences.map(c => c.role));
    const usedRelationKinds = new Set(relations.map(r => r.kind));
    return {
        schema: 'polity/model@2',
        at: options.at?.text ?? null,
        institutions,
        kinds: ownAndUsed(model.kinds, usedKinds).map(k => ({
            ...declared(k),
            sphere: k.sphere,
            ...placed(k)
        })),
        roles: ownAndUsed(model.roles, usedRoles).map(r => ({
            ...declared(r),
            exclusive: r.exclusive,
            ...placed(r)
        })),
        relationKinds: ownAndUsed(model.relationKinds, usedRelationKinds).map(r => ({
            ...declared(r),
            hierarchical: r.hierarchical,
            upward: r.upward,
            containment: r.name === CONTAINMENT,
            ...placed(r)
        })),
        mandates: ownDeclarations(model.mandates).map(m => ({
            ...declared(m),
            parent: m.parent ?? null,
            parents: m.parents,
            location: options.place(m.loc)
        })),
        competences,
        contests,
        relations,
        disputes,
        conflicts: exportedConflicts.map((c): ExportedConflict => ({
            mandate: c.mandate,
            institutions: [c.first.institution, c.second.institution],
            competences: [competenceIds.get(c.first)!, competenceIds.get(c.second)!],
            period: period(c.period),
            description: describeConflict(model, c),
            disputes: c.disputes.map(d => disputeIds.get(d)!)
        })),
        sources: ownDeclarations(model.sources).map(s => ({
            ...declared(s),
            url: s.url ?? null,
            location: options.place(s.loc)
        })),
        ...exportPeople(model, shapes)
    };
}

/**
 * The written period within the institution's lifetime, for showing: each
 * bound as written (`by 2020`, `1999–2001`) unless the lifetime cuts it
 * off, then the lifetime's. Undefined when the fact never possibly held.
 */
function shownEffective(model: SemanticModel, fact: Claim | Contest): Period | undefined {
    if (!effectivePeriod(model, fact)) return undefined;
    const written = fact.period.period;
    const life = possible(lifetimeOf(model, fact.institution));
    const startCut = life.start !== undefined && (!written.start || compareDates(life.start, written.start) > 0);
    const endCut = life.end !== undefined && (!written.end || compareDates(latest(written.end), life.end) > 0);
    return { start: startCut ? life.start : written.start, by: !startCut && written.by, end: endCut ? life.end : written.end };
}

function date(d: PDate): ExportedDate {
    return { text: d.text, ...dateBounds(d), circa: d.circa === true };
}

function period(p: Period): ExportedPeriod {
    return { start: p.start ? date(p.start) : null, end: p.end ? date(p.end) : null, by: p.by === true };
}

/** `2016 – present`, `by 2020`, `1999–2001 – 2005` for an exported period, as everywhere else in Polity. */
export function exportedPeriodText(p: ExportedPeriod): string {
    return formatPeriod({ start: p.start ?? undefined, end: p.end ?? undefined, by: p.by });
}

/** Mandates as rows, institutions with a competence as columns; a cell lists the competences with their periods and marks. */
export interface CompetenceMatrix {
    columns: { key: Key; label: string }[];
    rows: { key: Key; label: string; parent: string | null; cells: string[] }[];
}

export const MARKS = { conflict: '⚠', dispute: '⚑' } as const;

/**
 * The competence matrix of an export. A cell lists the institution's
 * competences and contests on the mandate, each as written (`reportedly
 * leads with MIIT except q`, `contests`) with its period. One in an
 * undeclared conflict or contest is marked ⚠, one in a conflict or contest
 * recorded as a dispute ⚑. Rows follow the mandate tree (each mandate after
 * its first parent).
 */
export function competenceMatrix(data: ModelExport): CompetenceMatrix {
    const label = shortNames(data);
    const marks = new Map<string, Set<string>>();
    const mark = (id: string, disputes: string[]) => {
        const set = marks.get(id) ?? marks.set(id, new Set()).get(id)!;
        set.add(disputes.length > 0 ? MARKS.dispute : MARKS.conflict);
    };
    for (const conflict of data.conflicts) conflict.competences.forEach(id => mark(id, conflict.disputes));
    for (const contest of data.contests) {
        for (const holder of contest.holders) {
            mark(contest.id, holder.disputes);
            mark(holder.competence, holder.disputes);
        }
    }
    const claimed = new Set([...data.competences, ...data.contests].map(c => c.institution));
    const columns = bySphere(data)
        .filter(i => claimed.has(i.key))
        .map(i => ({ key: i.key, label: label(i.key) }));
    const byCell = new Map<string, string[]>();
    const names = (keys: Key[], word: string) => (keys.length > 0 ? ` ${word} ${keys.map(label).join(', ')}` : '');
    const entry = (id: string, written: string, p: ExportedPeriod) => {
        const marked = [MARKS.conflict, MARKS.dispute].filter(m => marks.get(id)?.has(m)).join('');
        return `${written} (${exportedPeriodText(p)})${marked ? ` ${marked}` : ''}`;
    };
    const add = (mandate: Key, institution: Key, text: string) => {
        const id = `${mandate}\u0000${institution}`;
        byCell.set(id, [...(byCell.get(id) ?? []), text]);
    };
    for (const c of data.competences) {
        add(
            c.mandate,
            c.institution,
            entry(c.id, `${writtenVerb(c)}${names(c.with, 'with')}${names(c.except, 'except')}`, c.effective ?? c.period)
        );
    }
    for (const c of data.contests) add(c.mandate, c.institution, entry(c.id, writtenVerb(c), c.effective ?? c.period));
    return {
        columns,
        rows: mandateTreeOrder(data).map(m => ({
            key: m.key,
            label: label(m.key),
            parent: m.parents.length === 0 ? null : m.parents.map(label).join(', '),
            cells: columns.map(column => (byCell.get(`${m.key}\u0000${column.key}`) ?? []).join('; '))
        }))
    };
}

/** A competence or contest as written, with how sure the source is: `reportedly leads`, `shares`, `contests`. */
export function writtenVerb(fact: ExportedCompetence | ExportedContest): string {
    return `${hedge(fact.certainty)}${'verb' in fact ? fact.verb : 'contests'}`;
}

/** Institutions by the sphere of their top-level institution (party first), units after their parents, otherwise in model order. */
function bySphere(data: ModelExport): ExportedInstitution[] {
    const byKey = new Map(data.institutions.map(i => [i.key, i]));
    const top = (i: ExportedInstitution) => {
        const seen = new Set<ExportedInstitution>();
        while (i.parent !== null && byKey.has(i.parent) && !seen.has(i)) {
            seen.add(i);
            i = byKey.get(i.parent)!;
        }
        return i;
    };
    const rank = (i: ExportedInstitution) => {
        const sphere = SPHERES.indexOf(top(i).sphere as Sphere);
        return sphere < 0 ? SPHERES.length : sphere;
    };
    return [...data.institutions].sort((a, b) => rank(a) - rank(b));
}

function mandateTreeOrder(data: ModelExport): ExportedMandate[] {
    const known = new Set(data.mandates.map(m => m.key));
    const children = new Map<Key | null, ExportedMandate[]>();
    for (const m of data.mandates) {
        const parent = m.parent !== null && known.has(m.parent) ? m.parent : null;
        children.set(parent, [...(children.get(parent) ?? []), m]);
    }
    const ordered: ExportedMandate[] = [];
    const seen = new Set<Key>();
    const visit = (parent: Key | null) => {
        for (const m of children.get(parent) ?? []) {
            if (seen.has(m.key)) continue;
            seen.add(m.key);
            ordered.push(m);
            visit(m.key);
        }
    };
    visit(null);
    return ordered;
}

/**
 * The name to show for a key: its path within its model (`CAC`,
 * `MDA.CERT`), or the whole key when two models use the same path.
 */
export function shortNames(data: ModelExport): (key: Key) => string {
    const paths = new Map<Key, string>([
        ...data.institutions.map(i => [i.key, i.path] as const),
        ...data.kinds.map(k => [k.key, k.name] as const),
        ...data.roles.map(r => [r.key, r.name] as const),
        ...data.relationKinds.map(r => [r.key, r.name] as const),
        ...data.mandates.map(m => [m.key, m.name] as const),
        ...data.sources.map(s => [s.key, s.name] as const)
    ]);
    const uses = new Map<string, number>();
    for (const p of paths.values()) uses.set(p, (uses.get(p) ?? 0) + 1);
    return key => {
        const p = paths.get(key);
        return p !== undefined && uses.get(p) === 1 ? p : key;
    };
}
