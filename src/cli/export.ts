import { DATE_FORMS, parseDate } from '../model/dates.js';
import { exportModel } from '../model/export.js';
import { displayPath } from './diagnostics.js';
import { EXIT, UsageError } from './errors.js';
import { matrixCsv } from './formats/csv.js';
import { institutionsCsv } from './formats/institutions-csv.js';
import { popoloJson } from './formats/popolo.js';
import { markdownReport } from './formats/report.js';
import { modelInput, warnUnreadable } from './semantic.js';
import { findModelFiles, loadWorkspace } from './workspace.js';
import { writeOutput } from './write-file.js';

export type ExportFormat = 'json' | 'markdown' | 'csv' | 'institutions-csv' | 'popolo';

export interface ExportOptions {
    format: ExportFormat;
    at?: string;
    /** Label institutions and people in this language where the model has names in it. */
    lang?: string;
    /** Write here instead of to stdout. */
    output?: string;
}

/** `polity export`: the semantic model as JSON, a Markdown report, the competence matrix or the institutions as CSV, or Popolo JSON. */
export async function exportCommand(
    inputs: string[],
    options: ExportOptions,
    io: { write(text: string): void; warn(text: string): void }
): Promise<number> {
    const at = options.at === undefined ? undefined : parseDate(options.at);
    if (options.at !== undefined && !at) throw new UsageError(`--at ${options.at}: not a date; write ${DATE_FORMS}`);
    const files = await findModelFiles(inputs);
    const input = modelInput(await loadWorkspace(files), displayPath);
    warnUnreadable(input, inputs.join(', '), io.warn);
    const data = exportModel(input.model, input.conflicts, { at, lang: options.lang, place: input.place });
    const text =
        options.format === 'json'
            ? `${JSON.stringify(data, null, 2)}\n`
            : options.format === 'csv'
              ? matrixCsv(data)
              : options.format === 'institutions-csv'
                ? institutionsCsv(data, input.model, at)
                : options.format === 'popolo'
                  ? popoloJson(data)
                  : markdownReport(data);
    if (options.output === undefined) {
        io.write(text);
        return EXIT.ok;
    }
    await writeOutput(options.output, text, files);
    return EXIT.ok;
}
