/**
 * Which node of the diagram shown the editor's cursor is on: the one whose
 * declared name is under the cursor, else the one the name under the cursor
 * refers to (its definition). No imports from `vscode`, so the tests can run
 * it as it is.
 */
import type { DiagramSuccess } from '../diagram/protocol.js';
import type { Location, Position } from '../model/types.js';

type Shown = Pick<DiagramSuccess, 'sources' | 'names'> | undefined;

/** The node whose declared name contains `position` in `uri`. */
export function nodeAt(shown: Shown, uri: string, position: Position): string | undefined {
    if (!shown) return undefined;
    return Object.keys(shown.names).find(id => {
        const source = Object.hasOwn(shown.sources, id) ? shown.sources[id] : undefined;
        return source?.uri === uri && within(position, source);
    });
}

/** The node declared at one of these places (the definitions of the name under the cursor). */
export function nodeDeclaredAt(shown: Shown, targets: readonly Location[]): string | undefined {
    return targets.map(target => nodeAt(shown, target.uri, target.range.start)).find(id => id !== undefined);
}

function within(position: Position, { range }: Location): boolean {
    return !before(position, range.start) && !before(range.end, position);
}

function before(a: Position, b: Position): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}
