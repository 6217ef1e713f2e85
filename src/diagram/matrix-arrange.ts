import type { Key } from '../model/types.js';
import { cellKey, type CompetenceMatrix, type MatrixCell } from './matrix.js';

/** The matrix as JSON carries it (the language server's answer to the preview): its cells as a list. */
export type MatrixData = Omit<CompetenceMatrix, 'cells'> & { cells: MatrixCell[] };

export function matrixData(matrix: CompetenceMatrix): MatrixData {
    return { ...matrix, cells: [...matrix.cells.values()] };
}

/** How the reader arranged the matrix: the rows holding one mandate first, and only one mandate subtree's columns. */
export interface MatrixArrangement {
    sortBy?: Key;
    subtree?: Key;
}

/**
 * The matrix as the reader arranged it. Sorting by a mandate puts the
 * institutions holding it first, each group in the matrix's own order; a
 * subtree keeps its mandate and those below it, and the institutions with a
 * cell among them. A mandate the matrix no longer has (the model changed) is
 * ignored.
 */
export function arrangeMatrix(data: MatrixData, { sortBy, subtree }: MatrixArrangement): CompetenceMatrix {
    const cells = new Map(data.cells.map(cell => [cellKey(cell.institution, cell.mandate), cell]));
    const parentOf = new Map(data.columns.map(column => [column.key, column.parent]));
    const within = (key: Key | undefined): boolean => {
        for (let current = key; current !== undefined; current = parentOf.get(current)) if (current === subtree) return true;
        return false;
    };
    const columns = subtree !== undefined && parentOf.has(subtree) ? data.columns.filter(column => within(column.key)) : data.columns;
    const holds = (row: Key, mandate: Key) => cells.has(cellKey(row, mandate));
    let rows = columns === data.columns ? data.rows : data.rows.filter(row => columns.some(column => holds(row.key, column.key)));
    if (sortBy !== undefined && columns.some(column => column.key === sortBy)) {
        rows = [...rows.filter(row => holds(row.key, sortBy)), ...rows.filter(row => !holds(row.key, sortBy))];
    }
    return { ...data, rows, columns, cells };
}
