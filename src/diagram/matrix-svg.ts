import type { Key } from '../model/types.js';
import { xmlText } from '../text/xml.js';
import { FONT_STACK } from './fonts.js';
import { locationText, sourceHref, type FileOf } from './matrix-html.js';
import { cellKey, type CellStatus, type CompetenceMatrix } from './matrix.js';
import { fitText, textWidth, wrapText } from './measure.js';
import { CONFLICT_EDGE, DISPUTE_EDGE, sphereStyle } from './style.js';
import { placeAlong } from '../model/lists.js';

const FONT = 11;
const ROW = 24;
const PAD = 8;
const HEAD = 48;
const TOP = 52;

const CELL_COLOURS: Record<CellStatus, { fill: string; border: string; text: string }> = {
    // An outline of 3:1 on the white page: the cell, not only its text, shows that a claim is there.
    plain: { fill: '#eef4fb', border: '#6a8ab3', text: '#222222' },
    conflict: { fill: '#fbe3e3', border: CONFLICT_EDGE.color, text: '#a01a1b' },
    dispute: { fill: '#fcebd9', border: DISPUTE_EDGE.color, text: '#8a4500' }
};

/** The elements' ids, by which the preview finds what a click or a hover is on (src/diagram/charts.ts). */
export const cellId = (institution: Key, mandate: Key) => `cell:${institution}:${mandate}`;
export const mandateId = (mandate: Key) => `mandate:${mandate}`;
export const rowId = (institution: Key) => `institution:${institution}`;

export interface MatrixLayout {
    /**
     * The widest a heading's name is drawn, in the SVG's units: a longer institution's name is cut with `…`, a
     * mandate's is wrapped onto two lines. For the preview, whose tooltips give every name whole; a report (the
     * CLI's SVG, a PNG) has no tooltips, and its headings are as wide as their names.
     */
    headings?: number;
}

/** A wrapped mandate's name: as many lines as the band of headings has room for, this far apart. */
const HEAD_LINES = 2;
const LINE = 13;

/**
 * The competence matrix as a static SVG, for reports: the same cells as the
 * HTML page, each a link to its claim's source line. Columns are as wide as
 * their mandate's name or widest cell; a sub-mandate's name starts with `›`
 * once per level.
 */
export function toMatrixSvg(matrix: CompetenceMatrix, fileOf: FileOf, { headings = Infinity }: MatrixLayout = {}): string {
    const nameWidth = Math.max(120, ...matrix.rows.map(r => Math.min(headings, textWidth(r.name, FONT + 1)))) + 2 * PAD;
    const columns = placeAlong(
        nameWidth,
        matrix.columns.map(column => {
            const whole = `${'› '.repeat(column.depth)}${column.name}`;
            const header = textWidth(whole, FONT) > headings ? wrapText(whole, headings, FONT, HEAD_LINES) : [whole];
            const size =
                Math.max(
                    56,
                    ...header.map(line => textWidth(line, FONT)),
                    ...matrix.rows.map(row => {
                        const cell = matrix.cells.get(cellKey(row.key, column.key));
                        return cell ? textWidth(cell.roles.join(', '), FONT) : 0;
                    })
                ) +
                2 * PAD;
            return { column, header, size };
        })
    );
    const width = Math.max(columns.end, textWidth(matrix.title, 16)) + PAD;
    const height = TOP + HEAD + matrix.rows.length * ROW + PAD;
    const out: string[] = [];
    out.push('<?xml version="1.0" encoding="UTF-8" standalone="no"?>');
    out.push(
        `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" id="matrix" width="${width}pt" height="${height}pt" viewBox="0 0 ${width} ${height}" font-family="${FONT_STACK}" font-size="${FONT}">`
    );
    out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
    out.push(`<text x="${PAD}" y="22" font-size="16" font-weight="bold">${xmlText(matrix.title)}</text>`);
    out.push(`<text x="${PAD}" y="40" fill="#555555">Competences as of ${xmlText(matrix.at)}</text>`);
    columns.placed.forEach(({ column, header, size, at }) => {
        out.push(
            `<g id="${xmlText(mandateId(column.key))}" class="mandate"><title>${xmlText(`${column.title ?? column.name} — ${locationText(column.source, fileOf)}`)}</title>` +
                `<rect x="${at}" y="${TOP}" width="${size}" height="${HEAD}" fill="#f4f4f4" stroke="#cccccc"/>` +
                header
                    .map(
                        (line, i) =>
                            `<text x="${at + PAD}" y="${TOP + HEAD - PAD - (header.length - 1 - i) * LINE}" font-weight="bold">${xmlText(line)}</text>`
                    )
                    .join('') +
                '</g>'
        );
    });
    matrix.rows.forEach((row, r) => {
        const y = TOP + HEAD + r * ROW;
        const sphere = sphereStyle(row.sphere);
        out.push(
            `<g id="${xmlText(rowId(row.key))}" class="row"><title>${xmlText(`${row.title ?? row.name} — ${locationText(row.source, fileOf)}`)}</title>` +
                `<rect x="0" y="${y}" width="${nameWidth}" height="${ROW}" fill="${sphere.fill}" stroke="#cccccc"/>` +
                `<text x="${PAD}" y="${y + ROW / 2 + 4}" font-weight="bold" font-size="${FONT + 1}">${xmlText(fitText(row.name, nameWidth - 2 * PAD, FONT + 1))}</text></g>`
        );
        columns.placed.forEach(({ column, size, at }) => {
            const cell = matrix.cells.get(cellKey(row.key, column.key));
            if (!cell) {
                out.push(`<rect x="${at}" y="${y}" width="${size}" height="${ROW}" fill="white" stroke="#e2e2e2"/>`);
                return;
            }
            const colours = CELL_COLOURS[cell.status];
            const where = locationText(cell.source, fileOf);
            out.push(
                `<a id="${xmlText(cellId(row.key, column.key))}" class="cell cell-${cell.status}" xlink:href="${xmlText(sourceHref(cell.source))}">` +
                    `<title>${xmlText([...cell.notes, where].join('\n'))}</title>` +
                    `<rect x="${at}" y="${y}" width="${size}" height="${ROW}" fill="${colours.fill}" stroke="${colours.border}" stroke-width="${cell.status === 'plain' ? 1 : 2}"/>` +
                    `<text x="${at + PAD}" y="${y + ROW / 2 + 4}" fill="${colours.text}"${cell.status === 'conflict' ? ' font-weight="bold"' : ''}>${xmlText(cell.roles.join(', '))}</text></a>`
            );
        });
    });
    out.push('</svg>');
    return `${out.join('\n')}\n`;
}
