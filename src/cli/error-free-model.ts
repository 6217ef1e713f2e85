import type { Conflict } from '../model/conflicts.js';
import type { SemanticModel } from '../model/model.js';
import { modelNameOf } from '../language/names.js';
import { formatLine } from './check.js';
import { collectDiagnostics } from './diagnostics.js';
import { loadWorkspace } from './workspace.js';

export interface ErrorFreeModel {
    model: SemanticModel;
    conflicts: readonly Conflict[];
    /** The model every file declares, when they all declare the same one; undefined: several models. */
    scope: string | undefined;
}

/**
 * The semantic model of the files, for commands that draw or publish it. A
 * model with errors gives nothing: a half-read model would be drawn wrong
 * without a word. Its errors are printed then, followed by `refusal` ("no site
 * built"), and the command exits with its findings code.
 */
export async function loadErrorFreeModel(
    files: string[],
    refusal: string,
    err: (text: string) => void
): Promise<ErrorFreeModel | undefined> {
    const { services, documents } = await loadWorkspace(files);
    const errors = collectDiagnostics(documents).filter(d => d.severity === 'error');
    if (errors.length > 0) {
        errors.forEach(d => err(formatLine(d)));
        err(`polity: the model has ${errors.length} error${errors.length === 1 ? '' : 's'}; ${refusal}`);
        return undefined;
    }
    const { model, conflicts } = services.polity.WorkspaceModel.snapshot;
    const names = new Set(documents.map(d => modelNameOf(d.parseResult.value)));
    return { model, conflicts, scope: names.size === 1 ? [...names][0] : undefined };
}
