import { compareDates, latest, type PDate } from './dates.js';

/**
 * A half-open period [start, end): it runs from the first day of `start` up
 * to, not including, the first day of `end`. A missing bound is open.
 */
export interface Period {
    readonly start?: PDate;
    readonly end?: PDate;
    /** `by D`: the period started at some unknown time no later than `start`. */
    readonly by?: boolean;
}

/**
 * What certainly held: from the latest possible start to the earliest
 * possible end. Conflicts, contests and cycles use it, so that uncertainty
 * never raises a false alarm.
 */
export function certain(period: Period): Period {
    return { start: period.start && latest(period.start), end: period.end };
}

/** What possibly held: from the earliest possible start to the latest possible end (lifetimes, bad periods, drawing). */
export function possible(period: Period): Period {
    return { start: period.by ? undefined : period.start, end: period.end && latest(period.end) };
}

export function isEmpty(period: Period): boolean {
    return period.start !== undefined && period.end !== undefined && compareDates(period.end, period.start) <= 0;
}

/** The common part of two periods, or undefined when they do not overlap. */
export function intersect(a: Period, b: Period): Period | undefined {
    const start = later(a.start, b.start);
    const end = earlier(a.end, b.end);
    const result: Period = { start, end };
    return isEmpty(result) ? undefined : result;
}

export function overlaps(a: Period, b: Period): boolean {
    return intersect(a, b) !== undefined;
}

export function contains(period: Period, date: PDate): boolean {
    return (
        (period.start === undefined || compareDates(period.start, date) <= 0) &&
        (period.end === undefined || compareDates(date, period.end) < 0)
    );
}

/** Whether `inner` lies wholly within `outer` (open bounds of `inner` count as inside). */
export function within(inner: Period, outer: Period): boolean {
    const startsInside = inner.start === undefined || outer.start === undefined || compareDates(outer.start, inner.start) <= 0;
    const endsInside = inner.end === undefined || outer.end === undefined || compareDates(inner.end, outer.end) <= 0;
    return startsInside && endsInside;
}

function later(a?: PDate, b?: PDate): PDate | undefined {
    if (!a) return b;
    if (!b) return a;
    return compareDates(a, b) >= 0 ? a : b;
}

function earlier(a?: PDate, b?: PDate): PDate | undefined {
    if (!a) return b;
    if (!b) return a;
    return compareDates(a, b) <= 0 ? a : b;
}

/** What `formatPeriod` reads: the dates as shown, so that exported periods format the same way. */
export interface ShownPeriod {
    readonly start?: { readonly text: string };
    readonly end?: { readonly text: string };
    readonly by?: boolean;
}

/** `2016 – present`, `until 2018`, `2014 – 2018`, `always` — for messages and hovers. */
export function formatPeriod(period: ShownPeriod): string {
    if (period.by && period.start) return period.end ? `by ${period.start.text} – ${period.end.text}` : `by ${period.start.text}`;
    if (period.start && period.end) return `${period.start.text} – ${period.end.text}`;
    if (period.start) return `${period.start.text} – present`;
    if (period.end) return `until ${period.end.text}`;
    return 'always';
}

/** What remains of `period` outside all of `holes`, as disjoint periods in order. */
export function subtract(period: Period, holes: readonly Period[]): Period[] {
    let pieces: Period[] = [period];
    for (const hole of holes) {
        pieces = pieces.flatMap(piece => {
            if (!intersect(piece, hole)) return [piece];
            const before: Period = { start: piece.start, end: hole.start };
            const after: Period = { start: hole.end, end: piece.end };
            return [
                ...(hole.start && !isEmpty(before) && (!piece.start || compareDates(piece.start, hole.start) < 0) ? [before] : []),
                ...(hole.end && !isEmpty(after) && (!piece.end || compareDates(hole.end, piece.end) < 0) ? [after] : [])
            ];
        });
    }
    return pieces;
}
