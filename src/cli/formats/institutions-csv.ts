import type { PDate } from '../../model/dates.js';
import { exportedPeriodText, shortNames, type ModelExport } from '../../model/export.js';
import type { SemanticModel } from '../../model/model.js';
import { facetValueAt } from '../../model/people.js';
import { csvRecords } from './csv.js';

const COLUMNS = ['institution', 'name', 'title', 'kind', 'sphere', 'parent', 'lifetime', 'established', 'dissolved'];

/**
 * The institutions as CSV, one record each: its name at the export's date,
 * kind and sphere then, parent, lifetime, and a column per facet key (`has
 * rank …`) holding the value then (without `--at`, the current value).
 * Facet keys are in the order the model first uses them; one that is also a
 * fixed column's name is headed `has KEY`.
 */
export function institutionsCsv(data: ModelExport, model: SemanticModel, at?: PDate): string {
    const name = shortNames(data);
    const facets = new Map(data.institutions.map(i => [i.key, model.institutions.get(i.key)?.facets ?? []]));
    const keys = [...new Set([...facets.values()].flat().map(f => f.key))];
    const records = [
        [...COLUMNS, ...keys.map(k => (COLUMNS.includes(k) ? `has ${k}` : k))],
        ...data.institutions.map(i => [
            i.path,
            i.label,
            i.title ?? '',
            i.kind ? name(i.kind) : '',
            i.sphere ?? '',
            i.parent ? name(i.parent) : '',
            exportedPeriodText(i.lifetime),
            i.lifetime.start?.text ?? '',
            i.lifetime.end?.text ?? '',
            ...keys.map(k => String(facetValueAt(facets.get(i.key) ?? [], k, at) ?? ''))
        ])
    ];
    return csvRecords(records);
}
