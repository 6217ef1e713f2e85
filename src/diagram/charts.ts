import type { Conflict } from '../model/conflicts.js';
import type { SemanticModel } from '../model/model.js';
import { toMatrixHtml, type FileOf } from './matrix-html.js';
import { toMatrixSvg } from './matrix-svg.js';
import { buildMatrix } from './matrix.js';
import { selectionFor, type DiagramQuery } from './request.js';
import { toTimelineSvg } from './timeline-svg.js';
import { buildTimeline } from './timeline.js';

/** The pictures Polity lays out itself, from the semantic model rather than through Graphviz. */
export const CHART_FORMATS = ['matrix-html', 'matrix-svg', 'timeline-svg'] as const;
export type ChartFormat = typeof CHART_FORMATS[number];

export const CHART_EXTENSIONS: Record<ChartFormat, string> = { 'matrix-html': '.html', 'matrix-svg': '.svg', 'timeline-svg': '.svg' };

export function isChartFormat(format: string): format is ChartFormat {
    return (CHART_FORMATS as readonly string[]).includes(format);
}

/** The matrix (at the query's date) or the timeline (of everything the view picks at any date), as text. */
export function writeChart(model: SemanticModel, conflicts: readonly Conflict[], query: DiagramQuery, format: ChartFormat, fileOf: FileOf): string {
    switch (format) {
        case 'matrix-html': return toMatrixHtml(buildMatrix(model, selectionFor(model, conflicts, query)), fileOf);
        case 'matrix-svg': return toMatrixSvg(buildMatrix(model, selectionFor(model, conflicts, query)), fileOf);
        case 'timeline-svg': return toTimelineSvg(buildTimeline(model, selectionFor(model, conflicts, query, true), conflicts), fileOf);
    }
}
