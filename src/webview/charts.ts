/**
 * The matrix and timeline tabs: the charts the language server sent, drawn
 * here by the CLI's own writers (so sorting and filtering need no round
 * trip), sanitized like the diagram, with clicks and tooltips looked up by
 * element id in what the server sent.
 */
import { arrangeMatrix, type MatrixArrangement } from '../diagram/matrix-arrange.js';
import type { FileOf } from '../diagram/matrix-html.js';
import { toMatrixSvg, type MatrixLayout } from '../diagram/matrix-svg.js';
import type { PreviewCharts } from '../diagram/protocol.js';
import { toTimelineSvg } from '../diagram/timeline-svg.js';
import type { Detail } from '../diagram/graph-types.js';
import { sanitizeSvg } from './sanitize.js';
import { StickyHeadings, type Headings } from './sticky-headings.js';
import { fitTimeline } from './timeline-fit.js';

export interface ChartHooks {
    /** A click on an element with a declaration. */
    reveal(id: string): void;
    /** Hovering an element with a tooltip; undefined: none. */
    tip(detail: Detail | undefined, event: PointerEvent): void;
}

const fileOf: FileOf = uri => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
const MANDATE = 'mandate:';
/**
 * The widest a heading's name is drawn in the matrix tab (its tooltip gives it whole): about twenty letters, so
 * that one long name ('CybersecurityCoordinationDept', 290 px) does not make the sticky column of names as wide.
 */
const SHOWN: MatrixLayout = { headings: 144 };

type Chart = 'matrix' | 'timeline';

/**
 * The writers' ids (`institution:KEY` is also the diagram's node) get their tab's name in front in the page,
 * so that no id is on the page twice; the server's ids are what follows it.
 */
function placeIn(tab: Chart, svg: SVGSVGElement | undefined): SVGSVGElement | undefined {
    if (!svg) return undefined;
    // The arrowhead keeps its id: the transfers point at it.
    for (const element of [svg, ...svg.querySelectorAll('[id]')])
        if (element.id && !element.closest('defs')) element.id = `${tab}/${element.id}`;
    return svg;
}

/** The matrix's headings, where the writer drew them: its rows' names and its mandates' (src/diagram/matrix-svg.ts). */
function matrixHeadings(svg: SVGSVGElement): Headings {
    const [name, head] = [svg.querySelector('g.row > rect'), svg.querySelector('g.mandate > rect')];
    const at = (element: Element, name: string) => Number(element.getAttribute(name));
    return {
        column: name ? { width: at(name, 'width'), keep: 'g.row' } : undefined,
        band: head ? { top: at(head, 'y'), height: at(head, 'height'), keep: 'g.mandate' } : undefined
    };
}

/** The timeline's column of row names, which its writer marks (src/diagram/timeline-svg.ts). */
function timelineHeadings(svg: SVGSVGElement): Headings {
    const column = svg.querySelector('rect.names')?.getAttribute('width');
    return { column: column ? { width: Number(column), keep: 'g.row' } : undefined };
}

function serverId(id: string): string {
    return id.slice(id.indexOf('/') + 1);
}

export class ChartPanels {
    private charts: PreviewCharts | undefined;
    /** The host sends the charts when their tab is shown (the extension does; the static site never). */
    private onRequest = false;
    private arrangement: MatrixArrangement = {};
    /** The tab shown, if a chart's; charts are drawn only there (or for export): an update of the model draws neither otherwise. */
    private shown: Chart | undefined;
    private readonly stale = new Set<Chart>();
    private readonly matrix: StickyHeadings;
    private readonly timeline: StickyHeadings;

    constructor(
        private readonly matrixCanvas: HTMLElement,
        private readonly timelineCanvas: HTMLElement,
        private readonly subtree: HTMLSelectElement,
        private readonly sort: HTMLSelectElement,
        private readonly hooks: ChartHooks
    ) {
        this.matrix = new StickyHeadings(matrixCanvas, 'matrix', matrixHeadings);
        this.timeline = new StickyHeadings(timelineCanvas, 'timeline', timelineHeadings, svg => fitTimeline(timelineCanvas, svg));
        subtree.addEventListener('change', () => {
            this.arrange({ ...this.arrangement, subtree: subtree.value || undefined });
            // Another set of columns: seen from its start, with the institutions' names, not where the last one was scrolled to.
            matrixCanvas.scrollTo(0, 0);
        });
        sort.addEventListener('change', () => this.arrange({ ...this.arrangement, sortBy: sort.value || undefined }));
        for (const canvas of [matrixCanvas, timelineCanvas]) {
            canvas.addEventListener('click', event => this.clicked(event));
            canvas.addEventListener('pointermove', event => hooks.tip(this.target(event.target)?.detail, event));
            canvas.addEventListener('pointerleave', event => hooks.tip(undefined, event));
        }
    }

    get available(): boolean {
        return this.charts !== undefined || this.onRequest;
    }

    /**
     * New charts (the model, view or date changed): the reader's sorting and filter stay where their mandates still are.
     * None, from a host that sends them `onRequest`: the old ones are of another picture, and their tabs wait for new ones.
     */
    show(charts: PreviewCharts | undefined, onRequest = false): void {
        this.charts = charts;
        this.onRequest = onRequest;
        if (!charts) {
            if (onRequest) for (const canvas of [this.matrixCanvas, this.timelineCanvas]) canvas.replaceChildren(waiting());
            return;
        }
        const columns = charts.matrix.columns;
        const options = (first: string) => [option('', first), ...columns.map(c => option(c.key, `${'\u2003'.repeat(c.depth)}${c.name}`))];
        this.subtree.replaceChildren(...options('all'));
        this.sort.replaceChildren(...options('as in the model'));
        const known = (key: string | undefined) => (key !== undefined && columns.some(c => c.key === key) ? key : undefined);
        this.arrangement = { subtree: known(this.arrangement.subtree), sortBy: known(this.arrangement.sortBy) };
        this.stale.add('matrix').add('timeline');
        if (this.shown) this.draw(this.shown);
    }

    /** The tab shown: a chart is drawn when it comes into sight, if the model changed since. */
    showTab(tab: Chart | undefined): void {
        this.shown = tab;
        if (tab) this.draw(tab);
    }

    /**
     * The SVG of the chart `tab` as drawn now (sorted and filtered as the reader left it), for export; the matrix
     * with its names whole, as the CLI draws it: an image has no tooltips to give the rest.
     */
    svgOf(tab: Chart): SVGSVGElement | undefined {
        if (tab === 'matrix') return this.charts && this.matrixSvg({});
        this.draw(tab);
        return this.timelineCanvas.querySelector('svg') ?? undefined;
    }

    private matrixSvg(layout: MatrixLayout): SVGSVGElement | undefined {
        const arranged = arrangeMatrix(this.charts!.matrix, this.arrangement);
        return placeIn('matrix', sanitizeSvg(toMatrixSvg(arranged, fileOf, layout), document, true));
    }

    private arrange(arrangement: MatrixArrangement): void {
        this.arrangement = arrangement;
        this.stale.add('matrix');
        this.draw('matrix');
    }

    private draw(tab: Chart): void {
        if (!this.charts || !this.stale.delete(tab)) return;
        if (tab === 'timeline') {
            this.timeline.show(placeIn('timeline', sanitizeSvg(toTimelineSvg(this.charts.timeline, fileOf), document, true)));
            return;
        }
        this.subtree.value = this.arrangement.subtree ?? '';
        this.sort.value = this.arrangement.sortBy ?? '';
        this.matrix.show(this.matrixSvg(SHOWN));
    }

    /** The element under the pointer that the server gave a declaration, and its tooltip. */
    private target(start: EventTarget | null): { id: string; detail?: Detail } | undefined {
        const charts = this.charts;
        let found = start instanceof Element ? start.closest('[id]') : null;
        while (found && charts && !Object.hasOwn(charts.sources, serverId(found.id))) found = found.parentElement?.closest('[id]') ?? null;
        if (!found || !charts) return undefined;
        const id = serverId(found.id);
        return { id, detail: Object.hasOwn(charts.details, id) ? charts.details[id] : undefined };
    }

    /** A mandate's heading sorts by it; anything else goes to its declaration. */
    private clicked(event: MouseEvent): void {
        const target = this.target(event.target);
        if (!target) return;
        if (target.id.startsWith(MANDATE) && this.matrixCanvas.contains(event.target as Node)) {
            const key = target.id.slice(MANDATE.length);
            this.arrange({ ...this.arrangement, sortBy: this.arrangement.sortBy === key ? undefined : key });
            return;
        }
        this.hooks.reveal(target.id);
    }
}

function waiting(): HTMLElement {
    const note = document.createElement('p');
    note.className = 'chart-waiting';
    note.textContent = 'Drawing…';
    return note;
}

function option(value: string, label: string): HTMLOptionElement {
    const result = document.createElement('option');
    result.value = value;
    result.textContent = label;
    return result;
}
