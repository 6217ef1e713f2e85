/** The element of a list that has exactly one; undefined when it has none or several. */
export function onlyElement<T>(list: readonly T[]): T | undefined {
    return list.length === 1 ? list[0] : undefined;
}
