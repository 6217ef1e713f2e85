import type { Finding, Location } from '../types.js';
import { CHECKS, type CheckCode } from './codes.js';

/** A finding of the check, with the check's default severity. */
export function finding(
    code: CheckCode,
    message: string,
    loc: Location,
    related: Finding['related'] = [],
    data?: Record<string, unknown>
): Finding {
    return { code, severity: CHECKS[code].severity, message, loc, related, data };
}

/** `state.polity:12` — enough to find the other place in a message. */
export function shortLocation(loc: Location): string {
    const file = loc.uri.slice(loc.uri.lastIndexOf('/') + 1);
    return `${decodeURIComponent(file)}:${loc.range.start.line + 1}`;
}

/** How many other places a finding lists at most. */
export const MAX_RELATED = 10;

/**
 * The findings of a check made per document, in the order the whole check
 * lists them: part by part (claims, then contests, …), each part document by
 * document. The server keeps each document's parts from edit to edit
 * (src/model/incremental.ts).
 */
export function inDocumentOrder(perDocument: readonly (readonly (readonly Finding[])[])[]): Finding[] {
    const result: Finding[] = [];
    const parts = Math.max(0, ...perDocument.map(parts => parts.length));
    for (let part = 0; part < parts; part++) {
        for (const doc of perDocument) {
            // One by one: a list of 100,000 findings would overflow the stack as arguments of `push`.
            for (const f of doc[part] ?? []) result.push(f);
        }
    }
    return result;
}
