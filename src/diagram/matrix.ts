import type { Conflict } from '../model/conflicts.js';
import { findContests } from '../model/contests.js';
import { claimVerb, displayName, effectivePeriod, hedge, type SemanticModel } from '../model/model.js';
import { institutionNameAt } from '../model/people.js';
import { contains, formatPeriod } from '../model/periods.js';
import type { Claim, Key, Location } from '../model/types.js';
import { kindOf, type Selection } from './select.js';

/**
 * How a cell reads: `conflict` (an undeclared clash or a contest, red),
 * `dispute` (a clash an analyst recorded, orange) or `plain`.
 */
export type CellStatus = 'plain' | 'conflict' | 'dispute';

export interface MatrixCell {
    institution: Key;
    mandate: Key;
    /** What the institution does on the mandate, as a verb with its hedge: `leads`, `reportedly shares`, `contests`. */
    roles: string[];
    status: CellStatus;
    /** The claim (or contest) the cell stands for; the first when several meet in one cell. */
    source: Location;
    /** One line per claim and per clash, for the cell's tooltip. */
    notes: string[];
}

export interface MatrixRow {
    key: Key;
    name: string;
    title?: string;
    sphere?: string;
    source: Location;
}

/** A mandate column, in tree order (parents before their children, in source order). */
export interface MatrixColumn {
    key: Key;
    name: string;
    title?: string;
    depth: number;
    parent?: Key;
    parentName?: string;
    source: Location;
}

export interface CompetenceMatrix {
    title: string;
    at: string;
    rows: MatrixRow[];
    columns: MatrixColumn[];
    /** Keyed by `cellKey(institution, mandate)`. */
    cells: Map<string, MatrixCell>;
}

export function cellKey(institution: Key, mandate: Key): string {
    return `${institution}\u0000${mandate}`;
}

const RANK: Record<CellStatus, number> = { plain: 0, dispute: 1, conflict: 2 };

/**
 * Institutions × mandates on the selection's date: every claim that holds
 * then, and every contest, in the cell of its institution and mandate. A cell
 * is red when one of its claims clashes unrecorded (or is contested, or is a
 * contest), orange when every clash of it is a recorded dispute. Rows are
 * the institutions with a cell; columns the claimed mandates and their
 * ancestors, so a subtree can be filtered.
 */
export function buildMatrix(model: SemanticModel, selection: Selection): CompetenceMatrix {
    const at = selection.at;
    const shown = new Set(selection.institutions.map(i => i.key));
    const cells = new Map<string, MatrixCell>();
    const add = (institution: Key, mandate: Key, role: string, status: CellStatus, source: Location, note: string) => {
        const key = cellKey(institution, mandate);
        const cell = cells.get(key) ?? { institution, mandate, roles: [], status: 'plain', source, notes: [] };
        if (!cell.roles.includes(role)) cell.roles.push(role);
        if (RANK[status] > RANK[cell.status]) cell.status = status;
        cell.notes.push(note);
        cells.set(key, cell);
    };
    // A claim's cell is its institution's and mandate's, with its verb, and goes to the claim.
    const addClaim = (claim: Claim, status: CellStatus, note: string) =>
        add(claim.institution, claim.mandate, claimVerb(model, claim), status, claim.loc, note);

    const clashes = clashesByClaim(selection.conflicts);
    for (const institution of selection.institutions) {
        for (const claim of model.claimsByInstitution.get(institution.key) ?? []) {
            const period = effectivePeriod(model, claim);
            if (!period || !contains(period, at)) continue;
            const own = clashes.get(claim) ?? [];
            const status: CellStatus = own.length === 0 ? 'plain' : own.some(c => c.disputes.length === 0) ? 'conflict' : 'dispute';
            addClaim(
                claim,
                status,
                `${displayName(model, institution.key)} ${claimVerb(model, claim)} ${displayName(model, claim.mandate)} (${formatPeriod(period)})`
            );
            for (const conflict of own) {
                const other = conflict.first === claim ? conflict.second : conflict.first;
                const how = conflict.disputes.length > 0 ? 'recorded dispute with' : 'conflicts with';
                addClaim(claim, status, `${how} ${displayName(model, other.institution)} over ${displayName(model, conflict.mandate)}`);
            }
        }
    }
    for (const contest of model.contests) {
        const period = effectivePeriod(model, contest);
        if (!shown.has(contest.institution) || !period || !contains(period, at)) continue;
        add(
            contest.institution,
            contest.mandate,
            `${hedge(contest.certainty)}contests`,
            'conflict',
            contest.loc,
            `${displayName(model, contest.institution)} ${hedge(contest.certainty)}contests ${displayName(model, contest.mandate)} (${formatPeriod(period)})`
        );
    }
    // The holder of a contested claim: red as for a conflict, orange when the contest is a recorded dispute.
    if (model.contests.length > 0) {
        for (const found of findContests(model).contested) {
            if (!shown.has(found.contest.institution) || !shown.has(found.holder.institution) || !contains(found.period, at)) continue;
            addClaim(
                found.holder,
                found.disputes.length > 0 ? 'dispute' : 'conflict',
                `contested by ${displayName(model, found.contest.institution)}${found.disputes.length > 0 ? ' (recorded as a dispute)' : ''}`
            );
        }
    }

    // An institution without a competence on the date has nothing to show in the matrix.
    const holding = new Set([...cells.values()].map(c => c.institution));
    const rows = selection.institutions
        .filter(institution => holding.has(institution.key))
        .map(institution => {
            // The name it went by on the date (the CCCI was a Leading Group until 2018), as the diagram labels it.
            const named = institutionNameAt(institution, at, selection.lang);
            return {
                key: institution.key,
                name: institution.path,
                title: named === institution.path ? undefined : named,
                sphere: kindOf(model, institution, at)?.sphere,
                source: institution.loc
            };
        });
    return {
        title: selection.title,
        at: at.text,
        rows,
        columns: mandateColumns(
            model,
            [...cells.values()].map(c => c.mandate)
        ),
        cells
    };
}

/** Each clashing claim with its conflicts on the date (the selection's conflicts hold then already). */
function clashesByClaim(conflicts: readonly Conflict[]): Map<Claim, Conflict[]> {
    const result = new Map<Claim, Conflict[]>();
    for (const conflict of conflicts) {
        for (const claim of [conflict.first, conflict.second]) result.set(claim, [...(result.get(claim) ?? []), conflict]);
    }
    return result;
}

/** The used mandates and their first-parent ancestors, depth first in the model's order. */
function mandateColumns(model: SemanticModel, used: Key[]): MatrixColumn[] {
    const wanted = new Set<Key>();
    for (const key of used) {
        for (
            let current: Key | undefined = key;
            current !== undefined && !wanted.has(current);
            current = model.mandates.get(current)?.parent
        ) {
            wanted.add(current);
        }
    }
    const columns: MatrixColumn[] = [];
    const placed = new Set<Key>();
    const visit = (key: Key, depth: number) => {
        const mandate = model.mandates.get(key);
        if (!mandate || !wanted.has(key) || placed.has(key)) return;
        placed.add(key);
        columns.push({
            key,
            name: displayName(model, key),
            title: mandate.title,
            depth,
            parent: depth > 0 ? mandate.parent : undefined,
            parentName: depth > 0 && mandate.parent ? displayName(model, mandate.parent) : undefined,
            source: mandate.loc
        });
        for (const child of model.childMandates.get(key) ?? []) {
            if (model.mandates.get(child)?.parent === key) visit(child, depth + 1);
        }
    };
    for (const mandate of model.mandates.values()) {
        if (mandate.parent === undefined || !model.mandates.has(mandate.parent)) visit(mandate.key, 0);
    }
    return columns;
}
