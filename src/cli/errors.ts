/** A problem with how the command was called or with its files: exit 2, one line, no stack trace. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** The system's short reason for an I/O failure (`ENOENT`, `EACCES`, …), for one-line messages. */
export function errorCode(error: unknown): string {
    return (error as NodeJS.ErrnoException).code ?? String(error);
}
