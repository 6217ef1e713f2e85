import type { Location } from '../model/types.js';
import { xmlText } from '../text/xml.js';
import { FONT_STACK } from './fonts.js';
import { cellKey, type CompetenceMatrix, type MatrixCell, type MatrixColumn } from './matrix.js';
import { sphereStyle } from './style.js';

/** Where a location is, as `file:line:column` for people; `fileOf` names the file. */
export type FileOf = (uri: string) => string;

export function locationText(loc: Location, fileOf: FileOf): string {
    return `${fileOf(loc.uri)}:${loc.range.start.line + 1}:${loc.range.start.character + 1}`;
}

/**
 * The competence matrix as one self-contained HTML page: a table of
 * institutions × mandates, each cell the role(s) held on the date and linked
 * to the claim's source line. Clicking a column header sorts the rows by it
 * (institutions holding that mandate first); the mandate picker shows one
 * subtree only. The page needs no network and works without its script (then
 * unsorted and unfiltered).
 */
export function toMatrixHtml(matrix: CompetenceMatrix, fileOf: FileOf): string {
    const head = matrix.columns.map(column => headerCell(column, fileOf)).join('');
    const rows = matrix.rows
        .map(row => {
            const swatch = sphereStyle(row.sphere);
            const cells = matrix.columns.map(column => bodyCell(matrix.cells.get(cellKey(row.key, column.key)), column, fileOf)).join('');
            return (
                `<tr data-institution="${xmlText(row.key)}"><th scope="row" style="border-left:6px solid ${swatch.border}">` +
                `<a href="${xmlText(row.source.uri)}#L${row.source.range.start.line + 1}" title="${xmlText(locationText(row.source, fileOf))}">${xmlText(row.name)}</a>` +
                `${row.title ? `<span class="title">${xmlText(row.title)}</span>` : ''}</th>${cells}</tr>`
            );
        })
        .join('\n');
    const options = matrix.columns
        .map(c => `<option value="${xmlText(c.key)}">${'\u2003'.repeat(c.depth)}${xmlText(c.name)}</option>`)
        .join('');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${xmlText(matrix.title)} — competences as of ${xmlText(matrix.at)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${xmlText(matrix.title)}</h1>
<p class="subtitle">Competences as of ${xmlText(matrix.at)} · ${matrix.rows.length} institutions × ${matrix.columns.length} mandates</p>
<p class="controls"><label>Mandates <select id="subtree"><option value="">all</option>${options}</select></label>
<span class="key"><span class="cell-conflict">conflict or contest</span> <span class="cell-dispute">recorded dispute</span></span></p>
<table id="matrix">
<thead><tr><th scope="col" class="sort" data-column="">Institution</th>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function headerCell(column: MatrixColumn, fileOf: FileOf): string {
    const tip = `${column.title ? `${column.title} — ` : ''}${locationText(column.source, fileOf)}; click to sort`;
    return (
        `<th scope="col" class="sort mandate" data-column="${xmlText(column.key)}" data-parent="${xmlText(column.parent ?? '')}" title="${xmlText(tip)}">` +
        `${column.parentName ? `<small>${xmlText(column.parentName)} ›</small><br>` : ''}<span>${xmlText(column.name)}</span></th>`
    );
}

function bodyCell(cell: MatrixCell | undefined, column: MatrixColumn, fileOf: FileOf): string {
    if (!cell) return `<td data-column="${xmlText(column.key)}"></td>`;
    const where = locationText(cell.source, fileOf);
    return (
        `<td data-column="${xmlText(column.key)}" class="cell-${cell.status}" data-source="${xmlText(where)}">` +
        `<a href="${xmlText(cell.source.uri)}#L${cell.source.range.start.line + 1}" title="${xmlText([...cell.notes, where].join('\n'))}">${xmlText(cell.roles.join(', '))}</a></td>`
    );
}

const STYLE = `
body { font-family: ${FONT_STACK}; font-size: 13px; color: #222; background: #fff; margin: 16px; }
h1 { font-size: 18px; margin: 0; }
.subtitle { color: #555; margin: 2px 0 8px; }
.controls { display: flex; gap: 16px; align-items: center; }
.key span { padding: 1px 6px; margin-right: 6px; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { background: #f4f4f4; cursor: pointer; white-space: nowrap; }
thead th small { font-weight: normal; color: #666; }
thead th.sorted { background: #dde7f3; }
tbody th { font-weight: bold; white-space: nowrap; background: #fafafa; }
tbody th .title { display: block; font-weight: normal; color: #555; font-size: 11px; }
td a, th a { color: inherit; text-decoration: none; }
td a:hover, th a:hover { text-decoration: underline; }
.cell-plain { background: #eef4fb; }
.cell-conflict { background: #fbe3e3; color: #a01a1b; border: 2px solid #d62728; font-weight: bold; }
.cell-dispute { background: #fcebd9; color: #8a4500; border: 2px solid #a65300; }
.hidden { display: none; }
`;

/** Sorting and the subtree filter; column keys are compared as data, never built into selectors. */
const SCRIPT = `
(function () {
  var table = document.getElementById('matrix');
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var parentOf = {};
  headers.forEach(function (h) { if (h.dataset.column) parentOf[h.dataset.column] = h.dataset.parent; });
  function within(key, root) { for (var k = key; k; k = parentOf[k]) { if (k === root) return true; } return false; }
  function cellOf(row, key) { return Array.prototype.find.call(row.cells, function (c) { return c.dataset.column === key; }); }
  headers.forEach(function (header) {
    header.addEventListener('click', function () {
      var key = header.dataset.column;
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var ta = key ? (cellOf(a, key).textContent ? 0 : 1) : 0, tb = key ? (cellOf(b, key).textContent ? 0 : 1) : 0;
        return ta - tb || a.cells[0].textContent.localeCompare(b.cells[0].textContent);
      });
      rows.forEach(function (row) { body.appendChild(row); });
      headers.forEach(function (h) { h.classList.toggle('sorted', h === header); });
    });
  });
  document.getElementById('subtree').addEventListener('change', function (event) {
    var root = event.target.value;
    var shown = function (key) { return !root || within(key, root); };
    headers.forEach(function (h) { if (h.dataset.column) h.classList.toggle('hidden', !shown(h.dataset.column)); });
    Array.prototype.forEach.call(body.rows, function (row) {
      var any = false;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (!cell.dataset.column) return;
        cell.classList.toggle('hidden', !shown(cell.dataset.column));
        if (shown(cell.dataset.column) && cell.textContent) any = true;
      });
      row.classList.toggle('hidden', !any && Boolean(root));
    });
  });
})();
`;
