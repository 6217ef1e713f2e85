/**
 * Dates of year, month or day precision. A date stands for the first day it
 * covers, so `2016` and `2016-01-01` order the same; `ordinal` makes them
 * comparable as plain numbers.
 */
export interface PDate {
    /** The date as it is shown: `2014-03`, `1999–2001` for `1999..2001`, `c. 2011` for `circa 2011`. */
    readonly text: string;
    readonly year: number;
    readonly month?: number;
    readonly day?: number;
    /** yyyymmdd of the first day covered: an order-preserving number. */
    readonly ordinal: number;
    /**
     * `D1..D2`: the date lies somewhere from the first day of D1 up to, not
     * including, `until` (the day after D2 ends). Absent for an exact date.
     */
    readonly until?: number;
    /** `circa D`: about D; checks count it as D. */
    readonly circa?: boolean;
}

const DATE_FORM = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
/**
 * Langium joins a date rule's tokens without the spaces between them
 * (`circa2011`, `1999..2001`); the shown forms (`c. 2011`, `1999–2001`, as
 * exports write them) read back the same.
 */
const CIRCA = /^(?:circa|c\.)\s*(.*)$/;
const RANGE = /^(.*?)\s*(?:\.\.|–)\s*(.*)$/;

export const DATE_FORMS = 'YYYY, YYYY-MM or YYYY-MM-DD';

/** An exact date, a range `D1..D2` (D1 before D2) or `circa D`; undefined when any part is not a real date. */
export function parseDate(text: string): PDate | undefined {
    const circa = CIRCA.exec(text.trim());
    if (circa) {
        const [, written = ''] = circa;
        const date = parseExactDate(written);
        return date && { ...date, text: `c. ${date.text}`, circa: true };
    }
    const range = RANGE.exec(text.trim());
    if (range) {
        const [, first = '', second = ''] = range;
        const [from, to] = [parseExactDate(first), parseExactDate(second)];
        if (!from || !to) return undefined;
        const until = dayAfter(to);
        if (until <= from.ordinal) return undefined;
        return { ...from, text: `${from.text}–${to.text}`, until };
    }
    return parseExactDate(text);
}

/** The ordinal of the first day after the whole of `date` (the year, the month or the day). */
function dayAfter(date: PDate): number {
    if (date.month === undefined) return (date.year + 1) * 10000 + 101;
    if (date.day === undefined) return date.month === 12 ? (date.year + 1) * 10000 + 101 : date.year * 10000 + (date.month + 1) * 100 + 1;
    const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
    return next.getUTCFullYear() * 10000 + (next.getUTCMonth() + 1) * 100 + next.getUTCDate();
}

/** The latest moment the date may stand for: the day after a range ends, else the date itself. */
export function latest(date: PDate): PDate {
    return date.until === undefined ? date : { ...date, ordinal: date.until };
}

/**
 * The days a date may stand for, as `YYYY-MM-DD`: a range from the first day
 * of D1 to the last day of D2; any other date its first day (`circa` counts as
 * the date itself, as in the checks).
 */
export function dateBounds(date: PDate): { earliest: string; latest: string } {
    const earliest = dayText(date.ordinal);
    if (date.until === undefined) return { earliest, latest: earliest };
    const [year, month, day] = [Math.floor(date.until / 10000), Math.floor(date.until / 100) % 100, date.until % 100];
    const last = new Date(Date.UTC(year, month - 1, day - 1));
    return { earliest, latest: last.toISOString().slice(0, 10) };
}

function dayText(ordinal: number): string {
    const digits = String(ordinal).padStart(8, '0');
    return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}

/** Whether the source pins the date down (a `circa` date counts as pinned for checks, not for display). */
export function isUncertain(date: PDate): boolean {
    return date.until !== undefined || date.circa === true;
}

function parseExactDate(text: string): PDate | undefined {
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
