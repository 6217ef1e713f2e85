/**
 * Code-unit order of strings: the same on every machine and locale (unlike
 * `localeCompare`), so that sorted findings, changes, pictures and files come
 * out in the same order, and so as the same bytes, everywhere.
 */
export function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
