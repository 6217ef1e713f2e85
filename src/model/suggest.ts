import { compareText } from './order.js';
/** Edit distance, bounded so that long names cost little. */
export function editDistance(a: string, b: string, limit = Infinity): number {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    // One row of the table at a time: `up` is the cell above, `diagonal` the one above left, `left` the one before.
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    let distance = b.length;
    for (let i = 1; i <= a.length; i++) {
        const letter = a.charAt(i - 1).toLowerCase();
        const current = [i];
        let left = i;
        let diagonal = i - 1;
        for (const [k, up] of previous.slice(1).entries()) {
            left = Math.min(up + 1, left + 1, diagonal + (letter === b.charAt(k).toLowerCase() ? 0 : 1));
            diagonal = up;
            current.push(left);
        }
        if (Math.min(...current) > limit) return limit + 1;
        previous = current;
        distance = left;
    }
    return distance;
}

/**
 * The names closest to `name`, best first: what "did you mean" offers. A
 * qualified candidate (`us.cyber.CISA`, `NSA.CSD`) also matches by its last
 * segment, ranked just after a plain name as close; one whose last segment
 * is the name written is the answer, and only such are offered then.
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
    const limit = Math.max(2, Math.floor(name.length / 3));
    const scored: { candidate: string; distance: number }[] = [];
    const seen = new Set<string>();
    const written = name.toLowerCase();
    const distanceTo = (candidate: string) => {
        const lower = candidate.toLowerCase();
        return lower === written ? 0 : lower.startsWith(written) || written.startsWith(lower) ? 1 : editDistance(name, candidate, limit);
    };
    for (const candidate of candidates) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const dot = candidate.lastIndexOf('.');
        const segment = dot >= 0 && !name.includes('.') ? distanceTo(candidate.slice(dot + 1)) + 0.5 : Infinity;
        const distance = Math.min(distanceTo(candidate), segment);
        if (distance <= limit) scored.push({ candidate, distance });
    }
    scored.sort((a, b) => a.distance - b.distance || compareText(a.candidate, b.candidate));
    const exact = scored.filter(s => s.distance < 1);
    return (exact.length > 0 ? exact : scored).slice(0, max).map(s => s.candidate);
}

export function didYouMean(names: string[]): string {
    if (names.length === 0) return '';
    const quoted = names.map(n => `'${n}'`);
    const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
    return ` Did you mean ${list}?`;
}
