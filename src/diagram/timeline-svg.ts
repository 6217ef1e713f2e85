import type { Key } from '../model/types.js';
import { xmlText } from '../text/xml.js';
import { FONT_STACK } from './fonts.js';
import { locationText, sourceHref, type FileOf } from './matrix-html.js';
import { rowId } from './matrix-svg.js';
import { fitText, textWidth } from './measure.js';
import { CONFLICT_EDGE, DISPUTE_EDGE, sphereStyle } from './style.js';
import type { Timeline, TimelineBar, TimelineRow, Transfer } from './timeline.js';
import { placeAlong } from '../model/lists.js';

const PAD = 8;
const AXIS = 64;
const LIFE = 18;
const LANE = 15;
const GAP = 3;
const BAR_FONT = 9;
const TRANSFER = '#7b4a2a';
const AT_LINE = '#1f5fa8';
/** A transfer's label may cross other rows' bars: a white outline under its letters keeps it legible on any of them. */
const HALO = 'stroke="white" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';

/** Every bar has an outline that reaches 3:1 on the white page: the fills alone are too light to. */
const BAR_COLOURS = {
    plain: { fill: '#8fb3dc', stroke: '#3d6aa3', text: '#10243d' },
    conflict: { fill: '#f3b5b5', stroke: CONFLICT_EDGE.color, text: '#7a1213' },
    dispute: { fill: '#f7cf9f', stroke: DISPUTE_EDGE.color, text: '#5e2f00' }
} as const;

/** Bars are numbered in their row's order, so a bar keeps its id whatever lane it is drawn in. */
interface Placed {
    bar: TimelineBar;
    index: number;
    lane: number;
}

/** The elements' ids, by which the preview finds what a click or a hover is on (src/diagram/charts.ts). */
export const barId = (institution: Key, index: number) => `bar:${institution}:${index}`;
export const transferId = (index: number) => `transfer:${index}`;

/** What a transfer arrow stands for: "merged into: SILG → CCCI in 2014". */
export function transferText(transfer: Transfer, nameOf: ReadonlyMap<Key, string>): string {
    return `${transfer.label}: ${nameOf.get(transfer.from)} → ${nameOf.get(transfer.to)} in ${Math.floor(transfer.at)}`;
}

/**
 * The timeline as SVG: one row per institution with its lifetime (labelled
 * with the name it had then) and its competences as bars below, packed into
 * as few lanes as their labels allow; transfers as arrows between rows; the
 * drawn date as a vertical line. Positions are computed here, from the years
 * alone, so the same model always gives the same bytes.
 */
export function toTimelineSvg(timeline: Timeline, fileOf: FileOf): string {
    const years = timeline.end - timeline.start;
    const perYear = Math.max(28, Math.min(64, Math.round(960 / years)));
    const left = Math.max(100, ...timeline.rows.map(r => textWidth(r.name, 12))) + 2 * PAD;
    const x = (year: number | undefined, open: number) => left + (Math.max(year ?? open, timeline.start) - timeline.start) * perYear;
    const right = x(timeline.end, timeline.end);
    const rows = placeAlong(
        AXIS,
        timeline.rows.map(row => {
            const layout = lanes(row, bar => [
                x(bar.from, timeline.start),
                Math.max(x(bar.to, timeline.end), x(bar.from, timeline.start) + textWidth(bar.label, BAR_FONT) + 6)
            ]);
            return { row, layout, size: 2 * GAP + LIFE + Math.max(0, ...layout.map(p => p.lane + 1)) * (LANE + GAP) + GAP };
        })
    );
    const bottom = rows.end;
    const legendY = bottom + 24;
    const width = Math.ceil(right + PAD);
    const height = legendY + 28;
    const out: string[] = [];
    out.push('<?xml version="1.0" encoding="UTF-8" standalone="no"?>');
    out.push(
        `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" id="timeline" width="${width}pt" height="${height}pt" viewBox="0 0 ${width} ${height}" font-family="${FONT_STACK}" font-size="11">`
    );
    out.push(
        `<defs><marker id="transfer-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${TRANSFER}"/></marker></defs>`
    );
    out.push(`<rect width="${width}" height="${height}" fill="white"/>`);
    // The row names' column: the preview keeps it in sight when the timeline scrolls sideways (src/webview/timeline-fit.ts).
    out.push(`<rect class="names" width="${left}" height="${height}" fill="white"/>`);
    out.push(`<text x="${PAD}" y="22" font-size="16" font-weight="bold">${xmlText(timeline.title)}</text>`);
    out.push(
        `<text x="${PAD}" y="40" fill="#555555">Lifetimes, names and competences over time; the line marks ${xmlText(timeline.at.text)}</text>`
    );
    // The axis: a tick every year, a label every year or every five when years are narrow.
    const step = perYear >= 34 ? 1 : 5;
    for (let year = timeline.start; year <= timeline.end; year++) {
        const at = x(year, year);
        out.push(`<line x1="${at}" y1="${AXIS - 6}" x2="${at}" y2="${bottom}" stroke="${year % step === 0 ? '#e0e0e0' : '#f3f3f3'}"/>`);
        if (year % step === 0 && year < timeline.end)
            out.push(`<text x="${at + 2}" y="${AXIS - 8}" font-size="10" fill="#555555">${year}</text>`);
    }
    rows.placed.forEach(({ row, layout, at }) => out.push(rowSvg(row, layout, at, left, right, x, fileOf)));
    const nameOf = new Map(timeline.rows.map(row => [row.key, row.name]));
    const centre = new Map(rows.placed.map(({ row, at }) => [row.key, at + GAP + LIFE / 2]));
    timeline.transfers.forEach((transfer, i) => {
        const [y1, y2] = [centre.get(transfer.from)!, centre.get(transfer.to)!];
        const at = x(transfer.at, transfer.at);
        const bend = 14;
        out.push(
            `<g id="${transferId(i)}" class="transfer"><title>${xmlText(`${transferText(transfer, nameOf)} — ${locationText(transfer.source, fileOf)}`)}</title>` +
                `<path d="M${at},${y1} C${at + bend},${y1} ${at + bend},${y2} ${at},${y2 + (y2 > y1 ? -LIFE / 2 : LIFE / 2)}" fill="none" stroke="${TRANSFER}" stroke-width="1.6" marker-end="url(#transfer-arrow)"/>` +
                `<text x="${at + bend + 3}" y="${(y1 + y2) / 2 + 3}" font-size="${BAR_FONT}" fill="${TRANSFER}" ${HALO}>${xmlText(transfer.label)}</text></g>`
        );
    });
    const atX = x(timeline.at.year, timeline.at.year);
    out.push(
        `<g id="at" class="at"><line x1="${atX}" y1="${AXIS - 4}" x2="${atX}" y2="${bottom}" stroke="${AT_LINE}" stroke-width="1.5" stroke-dasharray="5,3"/>` +
            `<text x="${atX + 3}" y="${AXIS - 22}" font-size="10" font-weight="bold" fill="${AT_LINE}">as of ${xmlText(timeline.at.text)}</text></g>`
    );
    out.push(legend(PAD, legendY));
    out.push('</svg>');
    return `${out.join('\n')}\n`;
}

/** Bars into lanes, first fit in start order: a bar (with its label) never overlaps another in its lane. */
function lanes(row: TimelineRow, extent: (bar: TimelineBar) => [number, number]): Placed[] {
    const ends: number[] = [];
    const sorted = row.bars.map((bar, index) => ({ bar, index, extent: extent(bar) })).sort((a, b) => a.extent[0] - b.extent[0]);
    return sorted.map(({ bar, index, extent: [from, to] }) => {
        let lane = ends.findIndex(end => end <= from);
        if (lane < 0) lane = ends.push(0) - 1;
        ends[lane] = to + 4;
        return { bar, index, lane };
    });
}

function rowSvg(
    row: TimelineRow,
    placed: Placed[],
    top: number,
    left: number,
    right: number,
    x: (year: number | undefined, open: number) => number,
    fileOf: FileOf
): string {
    const sphere = sphereStyle(row.sphere);
    const parts: string[] = [];
    parts.push(
        `<g id="${xmlText(rowId(row.key))}" class="row"><title>${xmlText(`${row.name} — ${locationText(row.source, fileOf)}`)}</title>`
    );
    parts.push(`<line x1="0" y1="${top}" x2="${right}" y2="${top}" stroke="#dddddd"/>`);
    parts.push(`<text x="${PAD}" y="${top + GAP + LIFE / 2 + 4}" font-weight="bold" font-size="12">${xmlText(row.name)}</text>`);
    const [start, end] = [x(row.lifetime.from, Number.NaN), x(row.lifetime.to, Number.NaN)];
    const from = Number.isNaN(start) ? left : start;
    const to = Number.isNaN(end) ? right : end;
    parts.push(
        `<rect class="lifetime" x="${from}" y="${top + GAP}" width="${Math.max(1, to - from)}" height="${LIFE}" rx="3" fill="${sphere.fill}" stroke="${sphere.border}"/>`
    );
    row.names.forEach(name => {
        const nx = name.from === undefined ? from : x(name.from, name.from);
        const nto = name.to === undefined ? to : x(name.to, name.to);
        if (name.from !== undefined && name.from !== row.lifetime.from)
            parts.push(
                `<line x1="${nx}" y1="${top + GAP}" x2="${nx}" y2="${top + GAP + LIFE}" stroke="${sphere.border}" stroke-width="1.5"/>`
            );
        parts.push(
            `<text class="name" x="${nx + 4}" y="${top + GAP + LIFE / 2 + 4}" font-size="10" fill="#222222">${xmlText(fitText(name.name, nto - nx - 8, 10))}</text>`
        );
    });
    parts.push('</g>');
    placed.forEach(({ bar, index, lane }) => {
        const y = top + GAP + LIFE + GAP + lane * (LANE + GAP);
        const bx = x(bar.from, Number.NaN);
        const bFrom = Number.isNaN(bx) ? from : bx;
        const bEnd = x(bar.to, Number.NaN);
        const bTo = Number.isNaN(bEnd) ? to : bEnd;
        const colours = BAR_COLOURS[bar.status];
        // A contested or hedged bar is white or dashed: a plain one's outline then takes its text's darker blue.
        const outline = bar.status === 'plain' && (bar.contest || bar.hedged) ? colours.text : colours.stroke;
        const stroke = ` stroke="${outline}" stroke-width="1.5"`;
        const fill = bar.contest ? 'white' : colours.fill;
        const dash = bar.contest || bar.hedged ? ' stroke-dasharray="3,2"' : '';
        parts.push(
            `<a id="${xmlText(barId(row.key, index))}" class="bar bar-${bar.status}${bar.contest ? ' contest' : ''}" xlink:href="${xmlText(sourceHref(bar.source))}">` +
                `<title>${xmlText(`${bar.detail} — ${locationText(bar.source, fileOf)}`)}</title>` +
                `<rect x="${bFrom}" y="${y}" width="${Math.max(2, bTo - bFrom)}" height="${LANE}" rx="2" fill="${fill}"${stroke}${dash}/>` +
                `<text x="${bFrom + 3}" y="${y + LANE - 4}" font-size="${BAR_FONT}" fill="${colours.text}">${xmlText(bar.label)}</text></a>`
        );
    });
    return parts.join('');
}

function legend(x: number, y: number): string {
    const items: [string, string][] = [
        [
            `<rect width="24" height="10" rx="2" fill="${BAR_COLOURS.plain.fill}" stroke="${BAR_COLOURS.plain.stroke}" stroke-width="1.5"/>`,
            'competence'
        ],
        [
            `<rect width="24" height="10" rx="2" fill="${BAR_COLOURS.conflict.fill}" stroke="${CONFLICT_EDGE.color}" stroke-width="1.5"/>`,
            'conflict'
        ],
        [
            `<rect width="24" height="10" rx="2" fill="${BAR_COLOURS.dispute.fill}" stroke="${DISPUTE_EDGE.color}" stroke-width="1.5"/>`,
            'recorded dispute'
        ],
        [`<rect width="24" height="10" rx="2" fill="white" stroke="${CONFLICT_EDGE.color}" stroke-dasharray="3,2"/>`, 'contest'],
        [`<line x1="0" y1="5" x2="24" y2="5" stroke="${TRANSFER}" stroke-width="1.6" marker-end="url(#transfer-arrow)"/>`, 'transfer'],
        [`<line x1="12" y1="-2" x2="12" y2="12" stroke="${AT_LINE}" stroke-width="1.5" stroke-dasharray="5,3"/>`, 'date drawn']
    ];
    let offset = x;
    const parts = items.map(([sample, label]) => {
        const part = `<g transform="translate(${offset},${y})">${sample}<text x="30" y="9" font-size="10">${label}</text></g>`;
        offset += 40 + textWidth(label, 10);
        return part;
    });
    return `<g id="legend" class="legend">${parts.join('')}</g>`;
}
