/**
 * What the extension accepts from the preview page. The page shows model
 * text and could be made to post anything, so each message is checked for
 * its shape, and a click is only ever turned into a place the extension
 * itself sent. No imports from `vscode`, so the tests can run it as it is.
 */
import type { Location, Position } from '../model/types.js';
import type { FromPage, Tab } from '../webview/messages.js';

/** The first bytes of every PNG file, in base64 (`\x89PNG\r\n\x1a\n`). */
const PNG_SIGNATURE = 'iVBORw0KGgo';

/** The message, if it is one the page may send, with nothing but its known fields; otherwise undefined. */
export function pageMessage(raw: unknown): FromPage | undefined {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const message = raw as Record<string, unknown>;
    switch (message.type) {
        case 'ready':
            return isTab(message.tab) ? { type: 'ready', tab: message.tab } : { type: 'ready' };
        case 'tab':
            return isTab(message.tab) ? { type: 'tab', tab: message.tab } : undefined;
        case 'export':
            return { type: message.type };
        case 'select':
            return optionalString(message.view) && optionalString(message.at)
                ? { type: 'select', view: message.view, at: message.at }
                : undefined;
        case 'reveal':
            return typeof message.id === 'string' ? { type: 'reveal', id: message.id } : undefined;
        case 'png':
            return isTab(message.tab) && typeof message.data === 'string' && isPng(message.data)
                ? { type: 'png', tab: message.tab, data: message.data }
                : undefined;
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
    return location && typeof location.uri === 'string' && isPosition(location.range?.start) && isPosition(location.range?.end)
        ? location
        : undefined;
}

function isPosition(position: Position | undefined): boolean {
    return position !== undefined && [position.line, position.character].every(n => Number.isSafeInteger(n) && n >= 0);
}

function isTab(value: unknown): value is Tab {
    return value === 'diagram' || value === 'matrix' || value === 'timeline';
}

/** Base64 of a PNG file: the extension writes nothing else to the file the user names. */
function isPng(data: string): boolean {
    return data.startsWith(PNG_SIGNATURE) && /^[A-Za-z0-9+/]+={0,2}$/.test(data);
}

function optionalString(value: unknown): value is string | undefined {
    return value === undefined || typeof value === 'string';
}
