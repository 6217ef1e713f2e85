/** Edit distance, bounded so that long names cost little. */
export function editDistance(a: string, b: string, limit = Infinity): number {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1;
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            rowMin = Math.min(rowMin, current[j]);
        }
        if (rowMin > limit) return limit + 1;
        previous = current;
    }
    return previous[b.length];
}

/** The names closest to `name`, best first: what "did you mean" offers. */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
    const limit = Math.max(2, Math.floor(name.length / 3));
    const scored: { candidate: string; distance: number }[] = [];
    const seen = new Set<string>();
    for (const candidate of candidates) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const lower = candidate.toLowerCase();
        const distance = lower === name.toLowerCase() ? 0
            : lower.startsWith(name.toLowerCase()) || name.toLowerCase().startsWith(lower) ? 1
            : editDistance(name, candidate, limit);
        if (distance <= limit) scored.push({ candidate, distance });
    }
    scored.sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0));
    return scored.slice(0, max).map(s => s.candidate);
}

export function didYouMean(names: string[]): string {
    if (names.length === 0) return '';
    const quoted = names.map(n => `'${n}'`);
    const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
    return ` Did you mean ${list}?`;
}
