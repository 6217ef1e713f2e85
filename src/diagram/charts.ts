import type { Conflict } from '../model/conflicts.js';
import type { SemanticModel } from '../model/model.js';
import type { Location } from '../model/types.js';
import type { Detail } from './graph-types.js';
import { matrixData } from './matrix-arrange.js';
import { locationText, toMatrixHtml, type FileOf } from './matrix-html.js';
import { cellId, mandateId, rowId, toMatrixSvg } from './matrix-svg.js';
import { buildMatrix, type CompetenceMatrix } from './matrix.js';
import type { PreviewCharts } from './protocol.js';
import { selectionFor, type DiagramQuery } from './request.js';
import type { ChartFormat } from './formats.js';
import { barId, transferId, transferText, toTimelineSvg } from './timeline-svg.js';
import { buildTimeline, type Timeline } from './timeline.js';

/** The matrix (at the query's date) or the timeline (of everything the view picks at any date), as text. */
export function writeChart(
    model: SemanticModel,
    conflicts: readonly Conflict[],
    query: DiagramQuery,
    format: ChartFormat,
    fileOf: FileOf
): string {
    switch (format) {
        case 'matrix-html':
            return toMatrixHtml(matrixOf(model, conflicts, query), fileOf);
        case 'matrix-svg':
            return toMatrixSvg(matrixOf(model, conflicts, query), fileOf);
        case 'timeline-svg':
            return toTimelineSvg(timelineOf(model, conflicts, query), fileOf);
    }
}

/**
 * The preview's matrix and timeline tabs: the same data the CLI draws from
 * (the page draws it with the same writers, as the reader sorts and filters),
 * and for each element id the writers give, its declaration and its tooltip.
 */
export function previewCharts(model: SemanticModel, conflicts: readonly Conflict[], query: DiagramQuery, fileOf: FileOf): PreviewCharts {
    const matrix = matrixOf(model, conflicts, query);
    const timeline = timelineOf(model, conflicts, query);
    const sources: Record<string, Location> = {};
    const details: Record<string, Detail> = {};
    const add = (id: string, source: Location, heading: string, lines: string[]) => {
        sources[id] = source;
        details[id] = { heading, lines: [...lines, locationText(source, fileOf)] };
    };
    const names = new Map(matrix.rows.map(row => [row.key, row.name]));
    for (const row of matrix.rows) add(rowId(row.key), row.source, row.title ? `${row.name} — ${row.title}` : row.name, []);
    for (const column of matrix.columns)
        add(mandateId(column.key), column.source, column.title ? `${column.name} — ${column.title}` : column.name, [
            'Click to sort by this mandate'
        ]);
    for (const cell of matrix.cells.values()) {
        const column = matrix.columns.find(c => c.key === cell.mandate);
        add(
            cellId(cell.institution, cell.mandate),
            cell.source,
            `${names.get(cell.institution) ?? cell.institution} × ${column?.name ?? cell.mandate}`,
            cell.notes
        );
    }
    for (const row of timeline.rows) {
        if (!Object.hasOwn(sources, rowId(row.key))) add(rowId(row.key), row.source, row.name, []);
        row.bars.forEach((bar, index) => add(barId(row.key, index), bar.source, bar.label, [bar.detail]));
    }
    // Who to whom, as the timeline's own SVG says it.
    const rowName = new Map(timeline.rows.map(row => [row.key, row.name]));
    timeline.transfers.forEach((transfer, index) => add(transferId(index), transfer.source, transferText(transfer, rowName), []));
    return { matrix: matrixData(matrix), timeline, sources, details };
}

function matrixOf(model: SemanticModel, conflicts: readonly Conflict[], query: DiagramQuery): CompetenceMatrix {
    return buildMatrix(model, selectionFor(model, conflicts, query));
}

function timelineOf(model: SemanticModel, conflicts: readonly Conflict[], query: DiagramQuery): Timeline {
    return buildTimeline(model, selectionFor(model, conflicts, query, true), conflicts);
}
