import { competenceMatrix, type ModelExport } from '../../model/export.js';

/** The competence matrix as CSV (RFC 4180: CRLF line ends, fields quoted when they must be). */
export function matrixCsv(data: ModelExport): string {
    const matrix = competenceMatrix(data);
    const records = [
        ['mandate', 'parent', ...matrix.columns.map(c => c.label)],
        ...matrix.rows.map(row => [row.label, row.parent ?? '', ...row.cells])
    ];
    return csvRecords(records);
}

/** Records as RFC 4180 CSV: CRLF after each, a field quoted when it must be. */
export function csvRecords(records: readonly (readonly string[])[]): string {
    return records.map(fields => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(text: string): string {
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
