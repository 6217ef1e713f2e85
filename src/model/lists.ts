/** The element of a list that has exactly one; undefined when it has none or several. */
export function onlyElement<T>(list: readonly T[]): T | undefined {
    return list.length === 1 ? list[0] : undefined;
}

/** Each element with the one `distance` places after it, in order. */
export function pairsApart<T>(list: readonly T[], distance: number): [T, T][] {
    // `later` is at i + distance, so the list holds an element at i.
    return list.slice(distance).map((later, i) => [list[i] as T, later]);
}

/** Items laid out one after another from `start`, each with where it starts; and where the last one ends. */
export function placeAlong<T extends { size: number }>(
    start: number,
    items: readonly T[]
): { placed: (T & { at: number })[]; end: number } {
    let at = start;
    const placed = items.map(item => {
        const result = { ...item, at };
        at += item.size;
        return result;
    });
    return { placed, end: at };
}
