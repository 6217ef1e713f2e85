/**
 * What the extension accepts from the preview page. The page shows model
 * text and could be made to post anything, so each message is checked for
 * its shape, and a click is only ever turned into a place the extension
 * itself sent. No imports from `vscode`, so the tests can run it as it is.
 */
import type { Location, Position } from '../model/types.js';
import type { FromPage } from '../webview/messages.js';

/** The message, if it is one the page may send, with nothing but its known fields; otherwise undefined. */
export function pageMessage(raw: unknown): FromPage | undefined {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const message = raw as Record<string, unknown>;
    switch (message.type) {
        case 'ready':
        case 'export':
            return { type: message.type };
        case 'select':
            return optionalString(message.view) && optionalString(message.at)
                ? { type: 'select', view: message.view, at: message.at }
                : undefined;
        case 'reveal':
            return typeof message.id === 'string' ? { type: 'reveal', id: message.id } : undefined;
        default:
            return undefined;
    }
}

/**
 * Where the element `id` of the diagram shown is declared: only an element
 * of that diagram (never a key inherited by every object, like `__proto__`),
 * and only a range made of line and character numbers.
 */
export function revealTarget(sources: Record<string, Location> | undefined, id: string): Location | undefined {
    if (!sources || !Object.hasOwn(sources, id)) return undefined;
    const location = sources[id];
    return location && typeof location.uri === 'string' && isPosition(location.range?.start) && isPosition(location.range?.end) ? location : undefined;
}

function isPosition(position: Position | undefined): boolean {
    return position !== undefined && [position.line, position.character].every(n => Number.isSafeInteger(n) && n >= 0);
}

function optionalString(value: unknown): value is string | undefined {
    return value === undefined || typeof value === 'string';
}
