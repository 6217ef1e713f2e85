import type { Severity } from '../types.js';

/** Every check's code with its default severity and what it means: the CLI's rules and the docs' table. */
export const CHECKS = {
    unresolved: { severity: 'error', description: 'A name that nothing declares.' },
    duplicate: { severity: 'error', description: 'Two declarations of one name in one model.' },
    cycle: { severity: 'error', description: 'A cycle of hierarchical relations whose periods overlap, or of mandates within each other.' },
    'bad-period': { severity: 'error', description: 'A period that ends before it starts, or a dissolution before establishment.' },
    'bad-date': { severity: 'error', description: 'A date that does not exist, such as 2014-13.' },
    conflict: {
        severity: 'warning',
        description: 'Two institutions claim the same mandate with the same exclusive role at the same time, and no dispute records it.'
    },
    contest: { severity: 'warning', description: 'An institution contested a mandate that another held, and no dispute records it.' },
    'empty-contest': { severity: 'warning', description: 'A contest that finds no holder in its period.' },
    dispute: { severity: 'information', description: 'A recorded dispute that matches conflicting claims or a contest.' },
    'stale-dispute': { severity: 'warning', description: 'A recorded dispute that matches no conflict and no contest.' },
    'bad-except': { severity: 'error', description: "An 'except' naming a mandate that is not inside the claimed one." },
    'overlapping-kinds': { severity: 'error', description: "Two 'kind' lines of one institution whose periods overlap." },
    'outside-lifetime': { severity: 'warning', description: "A fact or post dated outside its institution's lifetime." },
    'double-holder': { severity: 'warning', description: 'Two people holding one single post of one institution at the same time.' },
    'one-sided-share': { severity: 'warning', description: 'A mandate shared with an institution that claims nothing on it.' },
    'self-relation': { severity: 'warning', description: 'An institution related to itself.' },
    unused: { severity: 'hint', description: 'A mandate, source, kind, relation kind or post that nothing uses.' },
    syntax: { severity: 'error', description: 'Text that does not follow the grammar.' },
    misplaced: { severity: 'error', description: 'A construct where it is not allowed (e.g. two kinds for one institution).' },
    internal: {
        severity: 'error',
        description: 'Polity itself failed while checking a file, so its findings may be incomplete (a bug in Polity).'
    }
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type CheckCode = keyof typeof CHECKS;
