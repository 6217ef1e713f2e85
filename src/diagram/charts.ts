import type { Conflict } from '../model/conflicts.js';
import type { SemanticModel } from '../model/model.js';
import { toMatrixHtml, type FileOf } from './matrix-html.js';
import { toMatrixSvg } from './matrix-svg.js';
import { buildMatrix } from './matrix.js';
import { selectionFor, type DiagramQuery } from './request.js';
import type { ChartFormat } from './formats.js';
import { toTimelineSvg } from './timeline-svg.js';
import { buildTimeline } from './timeline.js';

/** The matrix (at the query's date) or the timeline (of everything the view picks at any date), as text. */
export function writeChart(model: SemanticModel, conflicts: readonly Conflict[], query: DiagramQuery, format: ChartFormat, fileOf: FileOf): string {
    switch (format) {
        case 'matrix-html': return toMatrixHtml(buildMatrix(model, selectionFor(model, conflicts, query)), fileOf);
        case 'matrix-svg': return toMatrixSvg(buildMatrix(model, selectionFor(model, conflicts, query)), fileOf);
        case 'timeline-svg': return toTimelineSvg(buildTimeline(model, selectionFor(model, conflicts, query, true), conflicts), fileOf);
    }
}
