import { parseDate } from './dates.js';

/**
 * The date a mistyped one probably means, as Polity writes it (`2018/11/16` →
 * `2018-11-16`, `Nov 2018` → `2018-11`), or undefined when no reading is a
 * real date. What a newcomer types: other separators, unpadded parts, a day
 * first, a time of day, a month's name. A slash puts the month first, as in
 * American usage (`03/02/2022` → 2022-03-02); a dash or dot puts the day
 * first (`03-02-2022` → 2022-02-03); a part over 12 is the day either way.
 */
export function probableDate(text: string): string | undefined {
    const range = /^(.*?)\s*\.\.\s*(.*)$/.exec(text);
    if (range) {
        const [, first = '', second = ''] = range;
        const [from, to] = [exactRepair(first), exactRepair(second)];
        return from && to && parseDate(`${from}..${to}`) ? `${from}..${to}` : undefined;
    }
    const circa = /^circa\s*(.*)$/.exec(text);
    if (circa) {
        const [, written = ''] = circa;
        const date = exactRepair(written);
        return date && `circa ${date}`;
    }
    return exactRepair(text);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function exactRepair(text: string): string | undefined {
    const candidate = readings(text.trim())
        .map(([y, m, d]) => compose(y, m, d))
        .find(c => c !== undefined && parseDate(c));
    return candidate;
}

/** Year, month and day as written, in the orders the text allows; the first that is a real date wins. */
function readings(text: string): [string, string?, string?][] {
    const withoutTime = text.replace(/T[0-9:.]*Z?$/, '');
    const yearFirst = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(withoutTime);
    if (yearFirst) {
        const [, year = '', month, day] = yearFirst;
        return [[year, month, day]];
    }
    const yearLast = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(withoutTime);
    if (yearLast) {
        const [, a = '', separator, b = '', year = ''] = yearLast;
        const dayFirst: [string, string, string] = [year, b, a];
        const monthFirst: [string, string, string] = [year, a, b];
        return separator === '/' ? [monthFirst, dayFirst] : [dayFirst, monthFirst];
    }
    const named = /^(?:(\d{1,2})\s+)?([A-Za-z]{3})[a-z]*\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})$/.exec(withoutTime);
    if (named) {
        const [, dayBefore, name = '', dayAfter, year = ''] = named;
        const month = MONTHS.indexOf(name.toLowerCase()) + 1;
        if (month > 0) return [[year, String(month), dayBefore ?? dayAfter]];
    }
    return [];
}

function compose(year: string, month?: string, day?: string): string | undefined {
    if (month === undefined) return year;
    const pad = (part: string) => part.padStart(2, '0');
    return day === undefined ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
}
