import type { Conflict } from '../model/conflicts.js';
import type { PDate } from '../model/dates.js';
import { claimVerb, displayName, effectivePeriod, hedge, isExclusive, type SemanticModel } from '../model/model.js';
import { formatPeriod, possible, type Period } from '../model/periods.js';
import type { Claim, Key, Location } from '../model/types.js';
import type { CellStatus } from './matrix.js';
import { kindOf, type Selection } from './select.js';
import { SPHERE_ORDER } from './style.js';
import { compareText } from '../model/order.js';

/** A point in time as a fractional year (2018.5 is July 2018), or open (undefined) where the model gives no bound. */
export interface Span {
    from?: number;
    to?: number;
}

export interface TimelineBar extends Span {
    label: string;
    /** Red when the claim ever clashes unrecorded, orange when only as a recorded dispute. */
    status: CellStatus;
    /** `contests` lines are drawn hollow. */
    contest: boolean;
    hedged: boolean;
    source: Location;
    detail: string;
}

export interface TimelineRow {
    key: Key;
    name: string;
    sphere?: string;
    lifetime: Span;
    /** The names the institution went by, oldest first, the last one its name today. */
    names: (Span & { name: string })[];
    bars: TimelineBar[];
    source: Location;
}

/** A mandate passing from one institution to another: one's claim ends when the other's starts, or a merger. */
export interface Transfer {
    from: Key;
    to: Key;
    at: number;
    label: string;
    source: Location;
}

export interface Timeline {
    title: string;
    /** The date marked with a line. */
    at: { text: string; year: number };
    /** The years the axis spans: [first, last); anything earlier is drawn from the left edge. */
    start: number;
    end: number;
    rows: TimelineRow[];
    transfers: Transfer[];
}

/** How many years before the first change a founding still widens the axis (so a young body's start shows). */
const FOUNDING_WINDOW = 8;

export function yearOf(date: PDate): number {
    return date.year + ((date.month ?? 1) - 1) / 12 + ((date.day ?? 1) - 1) / 365;
}

function span(period: Period | undefined): Span {
    const p = period ? possible(period) : {};
    return { from: p.start && yearOf(p.start), to: p.end && yearOf(p.end) };
}

/**
 * Every institution the selection picks at any date, as a row of bars across
 * the years: its lifetime, the names it had, and each competence claim and
 * contest for the period it (possibly) held. Rows run party first, in sphere
 * order, then by founding year. Transfers are found where one institution's
 * exclusive claim on a mandate ends on the day another's starts, and in
 * `merged-into` relations.
 */
export function buildTimeline(model: SemanticModel, selection: Selection, conflicts: readonly Conflict[]): Timeline {
    const clashes = new Map<Claim, Conflict[]>();
    for (const conflict of conflicts) {
        for (const claim of [conflict.first, conflict.second]) clashes.set(claim, [...(clashes.get(claim) ?? []), conflict]);
    }
    const shown = new Set(selection.institutions.map(i => i.key));
    const rows = selection.institutions.map((institution): TimelineRow => {
        const lifetime = span(institution.lifetime);
        const claims = (model.claimsByInstitution.get(institution.key) ?? []).map((claim): TimelineBar => {
            const own = clashes.get(claim) ?? [];
            const period = effectivePeriod(model, claim);
            return {
                ...span(period),
                label: `${claimVerb(model, claim)} ${displayName(model, claim.mandate)}`,
                status: own.length === 0 ? 'plain' : own.some(c => c.disputes.length === 0) ? 'conflict' : 'dispute',
                contest: false,
                hedged: claim.certainty !== undefined,
                source: claim.loc,
                detail: `${displayName(model, institution.key)} ${claimVerb(model, claim)} ${displayName(model, claim.mandate)} (${period ? formatPeriod(period) : 'never, outside its lifetime'})`
            };
        });
        const contests = model.contests
            .filter(c => c.institution === institution.key)
            .map((contest): TimelineBar => {
                const period = effectivePeriod(model, contest);
                return {
                    ...span(period),
                    label: `${hedge(contest.certainty)}contests ${displayName(model, contest.mandate)}`,
                    status: 'conflict',
                    contest: true,
                    hedged: contest.certainty !== undefined,
                    source: contest.loc,
                    detail: `${displayName(model, institution.key)} ${hedge(contest.certainty)}contests ${displayName(model, contest.mandate)} (${period ? formatPeriod(period) : 'never'})`
                };
            });
        return {
            key: institution.key,
            name: institution.path,
            sphere: kindOf(model, institution, selection.at)?.sphere,
            lifetime,
            names: namesOf(institution.formerNames, institution.title ?? institution.path, lifetime),
            bars: [...claims, ...contests].filter(bar => bar.from === undefined || bar.to === undefined || bar.from < bar.to),
            source: institution.loc
        };
    });
    const order = (sphere: string | undefined) =>
        sphere && SPHERE_ORDER.includes(sphere) ? SPHERE_ORDER.indexOf(sphere) : SPHERE_ORDER.length;
    rows.sort(
        (a, b) =>
            order(a.sphere) - order(b.sphere) ||
            (a.lifetime.from ?? -Infinity) - (b.lifetime.from ?? -Infinity) ||
            compareText(a.key, b.key)
    );

    const transfers = [...handovers(model, shown), ...mergers(model, shown)].sort(
        (a, b) => a.at - b.at || compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.label, b.label)
    );
    // The axis spans what changed: claims (other than from founding), names, transfers, dissolutions. A body founded long before (the
    // Propaganda Department in 1924) runs in from the left edge instead of stretching decades of nothing.
    const changes = [
        ...rows.flatMap(r => [
            r.lifetime.to,
            ...r.names.slice(1).map(n => n.from),
            ...r.bars.flatMap(b => [b.from === r.lifetime.from ? undefined : b.from, b.to])
        ]),
        ...transfers.map(t => t.at)
    ].filter((y): y is number => y !== undefined);
    const at = yearOf(selection.at);
    const first = Math.min(at, ...changes);
    const founded = rows.map(r => r.lifetime.from).filter((y): y is number => y !== undefined && y >= first - FOUNDING_WINDOW);
    const start = Math.floor(Math.min(first, ...founded)) - 1;
    const end = Math.ceil(Math.max(at, ...changes, ...founded)) + 2;
    return { title: selection.title, at: { text: selection.at.text, year: at }, start, end, rows, transfers };
}

/** A former name without its end date cannot be placed: the next name says `formerly` it instead. */
function namesOf(former: { name: string; until?: { date: PDate } }[], current: string, lifetime: Span): (Span & { name: string })[] {
    const names: (Span & { name: string })[] = [];
    let from = lifetime.from;
    let undated: string[] = [];
    const named = (name: string) => (undated.length > 0 ? `${name} (formerly ${undated.join(', ')})` : name);
    for (const name of former) {
        if (!name.until) {
            undated.push(name.name);
            continue;
        }
        const to = yearOf(name.until.date);
        names.push({ name: named(name.name), from, to });
        undated = [];
        from = to;
    }
    names.push({ name: named(current), from, to: lifetime.to });
    return names;
}

/** Exclusive claims on one mandate where one ends exactly when another institution's begins. */
function handovers(model: SemanticModel, shown: Set<Key>): Transfer[] {
    const result: Transfer[] = [];
    for (const [mandate, claims] of model.claimsByMandate) {
        const timed = claims
            .filter(c => shown.has(c.institution) && isExclusive(model, c.role))
            .map(claim => ({ claim, period: effectivePeriod(model, claim) }))
            .filter(t => t.period !== undefined);
        for (const ending of timed) {
            const end = ending.period!.end;
            if (!end) continue;
            for (const starting of timed) {
                const begin = starting.period!.start;
                if (starting.claim.institution === ending.claim.institution || !begin || begin.ordinal !== end.ordinal) continue;
                result.push({
                    from: ending.claim.institution,
                    to: starting.claim.institution,
                    at: yearOf(end),
                    label: displayName(model, mandate),
                    source: starting.claim.loc
                });
            }
        }
    }
    return result;
}

/** `A merged-into B`: when the relation starts, else when A was dissolved. */
function mergers(model: SemanticModel, shown: Set<Key>): Transfer[] {
    return model.relations
        .filter(
            r =>
                model.relationKinds.get(r.kind)?.name === 'merged-into' &&
                model.relationKinds.get(r.kind)?.builtin &&
                shown.has(r.subject) &&
                shown.has(r.target)
        )
        .flatMap(r => {
            const date = r.period.period.start ?? model.institutions.get(r.subject)?.dissolved?.date;
            return date ? [{ from: r.subject, to: r.target, at: yearOf(date), label: 'merged into', source: r.loc }] : [];
        });
}
