/**
 * Dates of year, month or day precision. A date stands for the first day it
 * covers, so `2016` and `2016-01-01` order the same; `ordinal` makes them
 * comparable as plain numbers.
 */
export interface PDate {
    readonly text: string;
    readonly year: number;
    readonly month?: number;
    readonly day?: number;
    /** yyyymmdd of the first day covered: an order-preserving number. */
    readonly ordinal: number;
}

const DATE_FORM = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export const DATE_FORMS = 'YYYY, YYYY-MM or YYYY-MM-DD';

export function parseDate(text: string): PDate | undefined {
    const match = DATE_FORM.exec(text.trim());
    if (!match) {
        return undefined;
    }
    const year = Number(match[1]);
    const month = match[2] === undefined ? undefined : Number(match[2]);
    const day = match[3] === undefined ? undefined : Number(match[3]);
    if (month !== undefined && (month < 1 || month > 12)) {
        return undefined;
    }
    if (day !== undefined && (day < 1 || day > daysInMonth(year, month ?? 1))) {
        return undefined;
    }
    return { text: match[0], year, month, day, ordinal: year * 10000 + (month ?? 1) * 100 + (day ?? 1) };
}

function daysInMonth(year: number, month: number): number {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function compareDates(a: PDate, b: PDate): number {
    return a.ordinal - b.ordinal;
}

/** Today as a day-precision date; callers pass it in so that results stay reproducible. */
export function today(now: Date = new Date()): PDate {
    const text = now.toISOString().slice(0, 10);
    return parseDate(text)!;
}
