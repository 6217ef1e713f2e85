import { describeConflict } from './checks.js';
import type { Conflict } from './conflicts.js';
import { parseDate, type PDate } from './dates.js';
import { displayName, effectivePeriod, lifetimeOf, type SemanticModel } from './model.js';
import { contains, formatPeriod, type Period } from './periods.js';
import { SPHERES, type Citation, type Claim, type Declaration, type Key, type Location, type Sphere } from './types.js';

/**
 * The exported semantic model, `polity/model@1`: the shape of
 * `docs/model.schema.json`, described in `docs/export.md`. Keys are
 * model-qualified names; every fact says where it is written.
 */
export interface ModelExport {
    schema: 'polity/model@1';
    /** The date the export was filtered to, or null for everything. */
    at: string | null;
    institutions: ExportedInstitution[];
    /** The kinds the model declares and the prelude kinds its institutions use. */
    kinds: ExportedKind[];
    mandates: ExportedMandate[];
    competences: ExportedCompetence[];
    relations: ExportedRelation[];
    disputes: ExportedDispute[];
    conflicts: ExportedConflict[];
    sources: ExportedSource[];
}

export interface ExportedPlace { file: string; line: number }
/** Dates as written (`2014`, `2014-03`, `2014-03-01`); null is an open bound. */
export interface ExportedPeriod { start: string | null; end: string | null }
export interface ExportedCitation { source: Key | null; name: string; locator: string | null }

export interface ExportedInstitution {
    key: Key; name: string; path: string; model: string; title: string | null; doc: string | null;
    kind: Key | null; sphere: string | null; parent: Key | null;
    lifetime: ExportedPeriod;
    formerNames: { name: string; until: string | null }[];
    citations: ExportedCitation[];
    location: ExportedPlace;
}
export interface ExportedKind {
    key: Key; name: string; model: string; title: string | null; sphere: string; builtin: boolean;
    /** Null for the prelude's kinds, which no file declares. */
    location: ExportedPlace | null;
}
export interface ExportedMandate { key: Key; name: string; model: string; title: string | null; parent: Key | null; location: ExportedPlace }
export interface ExportedSource { key: Key; name: string; model: string; title: string | null; url: string | null; location: ExportedPlace }
export interface ExportedCompetence {
    /** The role as written: `shares`, or the role's name (`leads`, `regulates`). */
    id: string; institution: Key; role: string; mandate: Key; partners: Key[];
    /** As written; `effective` is that within the institution's lifetime (null: never). */
    period: ExportedPeriod; effective: ExportedPeriod | null;
    citations: ExportedCitation[];
    location: ExportedPlace;
}
export interface ExportedRelation {
    subject: Key; kind: Key; target: Key; hierarchical: boolean; period: ExportedPeriod;
    citations: ExportedCitation[]; location: ExportedPlace;
}
export interface ExportedDispute {
    id: string; mandate: Key; parties: Key[]; period: ExportedPeriod; finding: string | null;
    citations: ExportedCitation[]; location: ExportedPlace;
}
export interface ExportedConflict {
    mandate: Key; institutions: [Key, Key]; competences: [string, string]; period: ExportedPeriod;
    description: string;
    /** Ids of the recorded disputes that document it; empty for an undeclared conflict. */
    disputes: string[];
}

export interface ExportOptions {
    /** Only the facts holding on this date. */
    at?: PDate;
    /** Where a location is, as the reader should see it (the CLI makes paths relative to the working folder). */
    place(loc: Location): ExportedPlace;
}

/** The model as plain data: user declarations only (not the prelude), in model order. Pure. */
export function exportModel(model: SemanticModel, conflicts: Conflict[], options: ExportOptions): ModelExport {
    const holds = (period: Period | undefined) => period !== undefined && (!options.at || contains(period, options.at));
    const lives = (key: Key) => holds(lifetimeOf(model, key));
    const citations = (list: Citation[]): ExportedCitation[] => list.map(c => ({ source: c.source ?? null, name: c.sourceName, locator: c.locator ?? null }));
    const competenceIds = new Map<Claim, string>(model.claims.map((claim, i) => [claim, `competence-${i + 1}`]));
    const disputeIds = new Map(model.disputes.map((dispute, i) => [dispute, `dispute-${i + 1}`]));

    const institutions = own(model.institutions).filter(i => lives(i.key)).map((i): ExportedInstitution => ({
        key: i.key, name: i.name, path: i.path, model: i.model, title: i.title ?? null, doc: i.doc ?? null,
        kind: i.kind ?? null, sphere: (i.kind && model.kinds.get(i.kind)?.sphere) ?? null, parent: i.parent ?? null,
        lifetime: period(i.lifetime),
        formerNames: i.formerNames.map(f => ({ name: f.name, until: f.until?.date.text ?? null })),
        citations: citations(i.citations),
        location: options.place(i.loc)
    }));
    const usedKinds = new Set(institutions.map(i => i.kind));
    const competences = model.claims.filter(c => holds(effectivePeriod(model, c))).map((c): ExportedCompetence => {
        const effective = effectivePeriod(model, c);
        return {
            id: competenceIds.get(c)!, institution: c.institution, role: c.shared ? 'shares' : displayName(model, c.role), mandate: c.mandate, partners: c.partners,
            period: period(c.period.period), effective: effective ? period(effective) : null,
            citations: citations(c.citations), location: options.place(c.extent)
        };
    });
    const relations = model.relations
        .filter(r => holds(r.period.period) && lives(r.subject) && lives(r.target))
        .map((r): ExportedRelation => ({
            subject: r.subject, kind: r.kind, target: r.target, hierarchical: model.relationKinds.get(r.kind)?.hierarchical ?? false,
            period: period(r.period.period), citations: citations(r.citations), location: options.place(r.loc)
        }));
    const exportedConflicts = conflicts.filter(c => holds(c.period));
    // A conflict's disputes stay with it even when their own period does not hold on the date.
    const documenting = new Set(exportedConflicts.flatMap(c => c.disputes));
    const disputes = model.disputes.filter(d => holds(d.period.period) || documenting.has(d)).map((d): ExportedDispute => ({
        id: disputeIds.get(d)!, mandate: d.mandate, parties: d.parties, period: period(d.period.period), finding: d.finding ?? null,
        citations: citations(d.citations), location: options.place(d.loc)
    }));
    return {
        schema: 'polity/model@1',
        at: options.at?.text ?? null,
        institutions,
        kinds: [...model.kinds.values()].filter(k => !k.builtin || usedKinds.has(k.key)).map(k => ({
            key: k.key, name: k.name, model: k.model, title: k.title ?? null, sphere: k.sphere, builtin: k.builtin,
            location: k.builtin ? null : options.place(k.loc)
        })),
        mandates: own(model.mandates).map(m => ({
            key: m.key, name: m.name, model: m.model, title: m.title ?? null, parent: m.parent ?? null, location: options.place(m.loc)
        })),
        competences,
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
        sources: own(model.sources).map(s => ({
            key: s.key, name: s.name, model: s.model, title: s.title ?? null, url: s.url ?? null, location: options.place(s.loc)
        }))
    };
}

function own<D extends Declaration>(declarations: ReadonlyMap<Key, D>): D[] {
    return [...declarations.values()].filter(d => !d.builtin);
}

function period(p: Period): ExportedPeriod {
    return { start: p.start?.text ?? null, end: p.end?.text ?? null };
}

/** `2016 – present` for an exported period, as everywhere else in Polity. */
export function exportedPeriodText(p: ExportedPeriod): string {
    return formatPeriod({ start: p.start === null ? undefined : parseDate(p.start), end: p.end === null ? undefined : parseDate(p.end) });
}

/** Mandates as rows, institutions with a competence as columns; a cell lists the competences with their periods and marks. */
export interface CompetenceMatrix {
    columns: { key: Key; label: string }[];
    rows: { key: Key; label: string; parent: string | null; cells: string[] }[];
}

export const MARKS = { conflict: '⚠', dispute: '⚑' } as const;

/**
 * The competence matrix of an export. A competence in an undeclared conflict
 * is marked ⚠, one in a conflict recorded as a dispute ⚑. Rows follow the
 * mandate tree (each parent before its sub-mandates).
 */
export function competenceMatrix(data: ModelExport): CompetenceMatrix {
    const label = shortNames(data);
    const marks = new Map<string, Set<string>>();
    for (const conflict of data.conflicts) {
        const mark = conflict.disputes.length > 0 ? MARKS.dispute : MARKS.conflict;
        for (const id of conflict.competences) {
            const set = marks.get(id) ?? marks.set(id, new Set()).get(id)!;
            set.add(mark);
        }
    }
    const claimed = new Set(data.competences.map(c => c.institution));
    const columns = bySphere(data).filter(i => claimed.has(i.key)).map(i => ({ key: i.key, label: label(i.key) }));
    const byCell = new Map<string, ExportedCompetence[]>();
    for (const c of data.competences) {
        const id = `${c.mandate}\u0000${c.institution}`;
        byCell.set(id, [...byCell.get(id) ?? [], c]);
    }
    const cell = (mandate: Key, institution: Key) => (byCell.get(`${mandate}\u0000${institution}`) ?? [])
        .map(c => {
            const partners = c.partners.length > 0 ? ` with ${c.partners.map(label).join(', ')}` : '';
            const mark = [MARKS.conflict, MARKS.dispute].filter(m => marks.get(c.id)?.has(m)).join('');
            return `${c.role}${partners} (${exportedPeriodText(c.effective ?? c.period)})${mark ? ` ${mark}` : ''}`;
        })
        .join('; ');
    return {
        columns,
        rows: mandateTreeOrder(data).map(m => ({
            key: m.key, label: label(m.key), parent: m.parent === null ? null : label(m.parent),
            cells: columns.map(column => cell(m.key, column.key))
        }))
    };
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
        children.set(parent, [...children.get(parent) ?? [], m]);
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
