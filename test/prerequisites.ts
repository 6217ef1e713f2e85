/**
 * Tests that need a browser or an editor skip on a developer's machine that lacks it, but under `CI=true`
 * a missing prerequisite is a failure: CI installs everything itself, so a skip there would hide that the
 * webview or the extension went untested.
 */
export const REQUIRED = isTruthy(process.env.CI);

function isTruthy(value: string | undefined): boolean {
    return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Whether a suite whose prerequisite is `missing` (a reason, or undefined when present) should skip. */
export function skipWithout(missing: string | undefined): boolean {
    if (missing === undefined) return false;
    if (REQUIRED) return false;
    console.warn(`skipped: ${missing}`);
    return true;
}

/** Fails a suite that runs although its prerequisite is missing (only under CI=true). */
export function requirePrerequisite(missing: string | undefined): void {
    if (missing !== undefined) throw new Error(`CI=true and a prerequisite is missing: ${missing}`);
}
