import { findConflicts, type Conflict, type Conflicts } from '../conflicts.js';
import { findContests } from '../contests.js';
import type { SemanticModel } from '../model.js';
import type { Finding, Severity } from '../types.js';
import { badExcepts, conflictFindings, contestFindings, disputeFindings, oneSidedShares } from './competences.js';
import { badPeriods, outsideLifetime, overlappingKinds } from './dates.js';
import { duplicates, unused } from './declarations.js';
import { cycles, mandateCycles } from './hierarchy.js';
import { doubleHolders } from './people.js';
import { selfRelations } from './relations.js';

export { CHECKS, type CheckCode } from './codes.js';
export { describeConflict, describeContest } from './describe.js';
export { shortLocation } from './finding.js';

export interface CheckOptions {
    /** Overrides the severity of undeclared conflicts (`polity.conflicts.severity`); 'off' drops them. */
    conflictSeverity?: Severity | 'off';
}

/**
 * Runs every workspace-wide check. Pure: the same model gives the same findings in the same order.
 * Callers that also need the conflicts pass them in, so that they are found once.
 */
export function runChecks(model: SemanticModel, options: CheckOptions = {}, conflicts: Conflicts = findConflicts(model)): Finding[] {
    return checkModel(model, conflicts, conflict => conflictFindings(model, conflict, options));
}

/** The checks whose findings the server may keep from before an edit (src/model/kept-findings.ts). */
export type KeptCheck = 'cycles' | 'outsideLifetime' | 'oneSidedShares' | 'selfRelations' | 'unused';

/**
 * The registry: every check in the order its findings are listed. The
 * findings of each conflict come from `ofConflict`, and those of the checks
 * in `kept` are given, so that the server can give those it kept from
 * before the edit (src/model/incremental.ts).
 */
export function checkModel(
    model: SemanticModel,
    conflicts: Conflicts,
    ofConflict: (conflict: Conflict) => readonly Finding[],
    kept: Partial<Record<KeptCheck, readonly Finding[]>> = {}
): Finding[] {
    const contests = findContests(model);
    const result: Finding[] = [];
    const add = (findings: readonly Finding[]) => {
        // One by one: a list of 100,000 findings would overflow the stack as arguments of `push`.
        for (const f of findings) result.push(f);
    };
    const run = (name: KeptCheck, check: (model: SemanticModel) => readonly Finding[]) => add(kept[name] ?? check(model));
    add(duplicates(model));
    run('cycles', cycles);
    for (const check of [mandateCycles, badPeriods, badExcepts, overlappingKinds]) add(check(model));
    for (const conflict of conflicts) add(ofConflict(conflict));
    add(disputeFindings(model, conflicts, contests));
    add(contestFindings(model, contests));
    run('outsideLifetime', outsideLifetime);
    add(doubleHolders(model));
    run('oneSidedShares', oneSidedShares);
    run('selfRelations', selfRelations);
    run('unused', unused);
    return result;
}
