/** `n` institutions leading one mandate at once, and an unrelated bad date on the last line (line n + 3). */
export function crowdedMandate(n: number): string {
    const lines = ['model crowd', 'mandate m'];
    for (let i = 0; i < n; i++) lines.push(`institution I${i} { leads m }`);
    lines.push('institution Late { established 2014-13 }');
    return `${lines.join('\n')}\n`;
}
