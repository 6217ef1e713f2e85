import { runChecks, type CheckOptions } from './checks/index.js';
import { findConflicts, type Conflicts } from './conflicts.js';
import { buildModel, type SemanticModel } from './model.js';
import type { DocumentFacts, Finding } from './types.js';
import { compareText } from './order.js';

/** The workspace's model, its conflicts (found once) and every workspace-wide finding. */
export interface Analysis {
    model: SemanticModel;
    conflicts: Conflicts;
    findings: Finding[];
}

/**
 * The analysis of the documents' facts, shared by the language server (which
 * keeps each document's facts between edits) and `polity check` (which keeps
 * only the facts once the syntax trees are released). The documents are taken
 * in URI order, so whatever order they were loaded in gives the same findings
 * in the same order.
 */
export function analyse(documents: readonly DocumentFacts[], options: CheckOptions = {}): Analysis {
    const model = buildModel([...documents].sort((a, b) => compareText(a.uri, b.uri)));
    const conflicts = findConflicts(model);
    return { model, conflicts, findings: runChecks(model, options, conflicts) };
}
