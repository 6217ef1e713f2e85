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
