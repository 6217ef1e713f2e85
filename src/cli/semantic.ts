import type { Conflict } from '../model/conflicts.js';
import type { SemanticModel } from '../model/model.js';
import type { Location } from '../model/types.js';
import { printable } from '../text/terminal.js';
import { printedPlace, toReported, type ReportedDiagnostic } from './diagnostics.js';
import type { LoadedWorkspace } from './workspace.js';

/** Where a fact is written, as a reader finds it: a file (or `rev:path`) and a 1-based line. */
export interface Place {
    file: string;
    line: number;
}

/** A loaded workspace reduced to what diff and export read: the semantic model and how to name its places. */
export interface ModelInput {
    model: SemanticModel;
    conflicts: Conflict[];
    place(loc: Location): Place;
    /** Syntax errors and unresolved names: the facts written there are missing from the model. */
    unreadable: ReportedDiagnostic[];
}

export function modelInput(loaded: LoadedWorkspace, fileOf: (uri: string) => string): ModelInput {
    const { model, conflicts } = loaded.services.polity.WorkspaceModel.snapshot;
    const unreadable = loaded.documents
        .flatMap(doc => (doc.diagnostics ?? []).map(d => toReported(fileOf(doc.uri.toString()), d)))
        .filter(d => d.code === 'syntax' || d.code === 'unresolved');
    return { model, conflicts, place: loc => ({ file: fileOf(loc.uri), line: loc.range.start.line + 1 }), unreadable };
}

/**
 * Says on stderr that facts are missing, with where, so that a removal that is
 * really a typo is not taken at face value. Never fails: a partial report still helps.
 */
export function warnUnreadable(input: ModelInput, what: string, warn: (text: string) => void): void {
    const shown = 3;
    if (input.unreadable.length === 0) return;
    warn(
        `polity: warning: ${printable(what)} has ${input.unreadable.length} syntax error(s) or unresolved name(s); the facts written there are left out:`
    );
    for (const d of input.unreadable.slice(0, shown)) {
        warn(`  ${printedPlace(d)}: [${d.code}] ${printable(d.message)}`);
    }
    if (input.unreadable.length > shown) warn(`  … and ${input.unreadable.length - shown} more ('polity check' lists them all)`);
}
