import { EmptyFileSystem, URI } from 'langium';
import type { FormatProblem, PolityFormatter } from '../lsp/formatter.js';
import { createPolityServices, type PolityServices } from '../module.js';

export type FormatOutcome =
    | { ok: true; text: string; changed: boolean }
    /** `text` is the input, unchanged. */
    | { ok: false; text: string; problem: FormatProblem };

const BOM = '\uFEFF';
let services: PolityServices | undefined;

/**
 * Formats one file's text exactly as the editor does. On a syntax error, or if the result would
 * lose, add or reorder anything but whitespace, the input comes back unchanged with the reason.
 */
export function formatText(text: string): FormatOutcome {
    // A byte order mark is not part of the model: kept, and left out of the layout.
    if (text.startsWith(BOM)) {
        const outcome = formatText(text.slice(BOM.length));
        return { ...outcome, text: BOM + outcome.text };
    }
    services ??= createPolityServices(EmptyFileSystem).Polity;
    // Parsed on its own: formatting needs no linking, and the document joins no workspace.
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('memory:///format.polity'));
    const result = (services.lsp.Formatter as PolityFormatter).formatChecked(document);
    return result.ok ? { ok: true, text: result.text, changed: result.text !== text } : { ok: false, text, problem: result.problem };
}
