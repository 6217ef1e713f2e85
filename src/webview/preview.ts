/**
 * The preview page: shows the SVG the extension sends, pans and zooms it,
 * offers the model's views and a date slider, finds institutions by name,
 * focuses on one's neighbourhood, marks the one the editor's cursor is on, and
 * posts clicks back so the editor can jump to the declaration; its other
 * tabs show the competence matrix and the timeline (charts.ts), its legend
 * turns relation kinds off and on, and it draws the picture shown as a PNG
 * (png.ts). It only
 * displays: no layout, no network, and every model string goes into the page
 * as text. Its only tie to VS Code is `acquireVsCodeApi` here.
 */
import { LINE_CONTRAST, mix, parseColour, TEXT_CONTRAST, type Rgb } from '../diagram/contrast.js';
import type { Detail } from '../diagram/graph-types.js';
import type { DiagramSuccess, DiagramViewInfo } from '../diagram/protocol.js';
import { ChartPanels } from './charts.js';
import { keepLegible } from './contrast.js';
import { neighbourhood, search, type FocusMode } from './explore.js';
import { showCaption, showLegend } from './legend.js';
import type { FromPage, PageState, ReaderState, Tab, ToPage } from './messages.js';
import { svgToPng } from './png.js';
import { sanitizeSvg } from './sanitize.js';
import { Toolbar } from './toolbar.js';
import { union, Zoom } from './zoom.js';

declare function acquireVsCodeApi(): { postMessage(message: FromPage): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const post = (message: FromPage) => vscode.postMessage(message);

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const viewPicker = element<HTMLSelectElement>('view');
const dateSlider = element<HTMLInputElement>('date');
const dateValue = element<HTMLOutputElement>('date-value');
const dateReset = element<HTMLButtonElement>('date-reset');
const searchBox = element<HTMLInputElement>('search');
const searchCount = element<HTMLOutputElement>('search-count');
const focusReach = element<HTMLSelectElement>('focus');
const focusLeave = element<HTMLButtonElement>('focus-leave');
const viewport = element<HTMLElement>('viewport');
const canvas = element<HTMLDivElement>('canvas');
const caption = element<HTMLDivElement>('caption');
const legend = element<HTMLElement>('legend-panel');
const notice = element<HTMLDivElement>('notice');
const tooltip = element<HTMLDivElement>('tooltip');
const empty = element<HTMLParagraphElement>('empty');

const saved = vscode.getState() as (PageState & ReaderState) | undefined;
/** One state for VS Code to keep: the zoom's and the reader's. */
let zoomState: PageState | undefined = saved && { x: saved.x, y: saved.y, k: saved.k, moved: saved.moved };
const reader: ReaderState = { tab: saved?.tab, hidden: saved?.hidden ?? [] };
const keepState = () => vscode.setState({ ...zoomState, ...reader });
const zoom = new Zoom(viewport, canvas, zoomState, state => {
    zoomState = state;
    keepState();
});
const toolbar = new Toolbar(element('more'), element('menu'), element('zoom'));
const charts = new ChartPanels(element('matrix-canvas'), element('timeline-canvas'), element('matrix-subtree'), element('matrix-sort'), {
    reveal: id => post({ type: 'reveal', id }),
    tip: showTip
});
const tabs: Record<Tab, { button: HTMLButtonElement; panel: HTMLElement }> = {
    diagram: { button: element('tab-diagram'), panel: viewport },
    matrix: { button: element('tab-matrix'), panel: element('matrix-panel') },
    timeline: { button: element('tab-timeline'), panel: element('timeline-panel') }
};

/** The picture shown and what it maps to; kept when an update fails. */
let current: DiagramSuccess | undefined;
let selected: { view?: string; at?: string } = {};
/** A reloaded page keeps the view the user had. */
let fitted = saved !== undefined;
let shownSize: string | undefined;
/** The node the editor's cursor is on, the one focused on, and the search's matches with the one last zoomed to. */
let highlighted: string | undefined;
let focused: string | undefined;
let matches: string[] = [];
let matchIndex = -1;

window.addEventListener('message', (event: MessageEvent<ToPage>) => {
    try {
        receive(event.data);
    } catch (error) {
        // Whatever went wrong, the page says so rather than waiting for ever.
        showNotice(withLastGood(`The diagram could not be shown (${error instanceof Error ? error.message : String(error)}).`));
    }
});

function receive(message: ToPage): void {
    if (message.type === 'diagram') {
        // Another view is another picture: fit it. Edits and dates keep the zoom the user chose.
        const anotherView = current !== undefined && message.view !== selected.view;
        selected = { view: message.view, at: message.at };
        showControls(message.diagram.views, message.diagram.dates, message.diagram.at);
        showDiagram(message.diagram, anotherView);
        charts.show(message.diagram.charts, message.chartsOnRequest);
        showTab(reader.tab ?? 'diagram');
    } else if (message.type === 'unchanged') {
        // A page loaded again has no picture yet: the host, told it is ready, sends one in full.
        if (!current) return;
        selected = { view: message.view, at: message.at };
        showControls(current.views, current.dates, current.at);
        showNotice(undefined);
    } else if (message.type === 'error') {
        selected = { view: message.view, at: message.at };
        if (message.views) showControls(message.views, message.dates ?? {}, message.drawn);
        else showDate(message.drawn);
        showNotice(withLastGood(message.message));
    } else if (message.type === 'highlight') {
        highlight(message.id, true);
    } else if (message.type === 'renderPng') {
        void exportPng();
    }
}

/** A diagram that cannot be read leaves the last good one (or none) under a notice. */
function showDiagram(diagram: DiagramSuccess, anotherView: boolean): void {
    const svg = sanitizeSvg(diagram.svg, document);
    if (!svg) {
        showNotice(withLastGood('The diagram could not be read: it is not a well-formed SVG.'));
        return;
    }
    current = diagram;
    canvas.replaceChildren(svg);
    hideTooltip(); // its element may be gone from the new diagram
    showNotice(undefined);
    showCaption(caption, diagram.title, diagram.at);
    showRelationToggles();
    keepThemeLegible();
    // A picture of another shape (an institution added, another date) is fitted again, unless the user has zoomed.
    const size = `${svg.width.baseVal.value}x${svg.height.baseVal.value}`;
    if (!fitted || anotherView || (size !== shownSize && !zoom.moved)) zoom.fitLegible(diagram.direction);
    else zoom.apply();
    fitted = true;
    shownSize = size;
    if (anotherView) leaveFocus(false);
    markMatches();
    if (focused) focusOn(focused, false);
    highlight(highlighted, false);
}

function withLastGood(message: string): string {
    return current ? `${message} The diagram shows the last good model.` : message;
}

/** The server has answered once a notice or a picture is shown: "Waiting for the language server" is no longer true. */
function showNotice(message: string | undefined): void {
    notice.hidden = message === undefined;
    notice.textContent = message ?? '';
    empty.hidden = true;
}

// ---- View picker and date slider ----------------------------------------------------

function showControls(views: DiagramViewInfo[], dates: { min?: string; max?: string }, drawn: string | undefined): void {
    const options = [option('', 'Whole model'), ...views.map(v => option(v.name, v.title ? `${v.title} (${v.name})` : v.name))];
    viewPicker.replaceChildren(...options);
    viewPicker.value = selected.view ?? '';
    // The closed picker may be narrower than a long title: its tooltip has it whole.
    viewPicker.title = viewPicker.selectedOptions[0]?.textContent ?? '';
    const min = year(dates.min);
    const max = year(dates.max);
    dateSlider.disabled = min === undefined || max === undefined;
    if (min !== undefined && max !== undefined) {
        dateSlider.min = String(min);
        dateSlider.max = String(Math.max(max, min));
    }
    showDate(drawn);
}

/** The read-out says which date is shown, or would be once the model has no errors; never nothing. */
function showDate(drawn: string | undefined): void {
    const shown = selected.at ?? drawn ?? current?.at;
    if (year(shown) !== undefined) dateSlider.value = String(year(shown));
    dateValue.textContent = shown ?? '';
    dateReset.disabled = selected.at === undefined;
}

function option(value: string, label: string): HTMLOptionElement {
    const result = document.createElement('option');
    result.value = value;
    result.textContent = label;
    return result;
}

function year(date: string | undefined): number | undefined {
    const match = date ? /^(\d{4})/.exec(date) : null;
    return match ? Number(match[1]) : undefined;
}

viewPicker.addEventListener('change', () => {
    post({ type: 'select', view: viewPicker.value || undefined, at: undefined });
});

let slideTimer: ReturnType<typeof setTimeout> | undefined;
dateSlider.addEventListener('input', () => {
    dateValue.textContent = dateSlider.value;
    clearTimeout(slideTimer);
    slideTimer = setTimeout(() => post({ type: 'select', view: selected.view, at: dateSlider.value }), 120);
});

dateReset.addEventListener('click', () => post({ type: 'select', view: selected.view, at: undefined }));
element('export').addEventListener('click', () => post({ type: 'export' }));
element('export-png').addEventListener('click', () => void exportPng());

// ---- Tabs, relation toggles and the PNG -------------------------------------------------

for (const [tab, { button }] of Object.entries(tabs) as [Tab, (typeof tabs)[Tab]][]) {
    button.addEventListener('click', () => {
        reader.tab = tab;
        keepState();
        showTab(tab);
        post({ type: 'tab', tab });
    });
}

/** The tab shown; the charts' only while the server sends them (the static site's pages do not carry them). */
function showTab(wanted: Tab): void {
    const tab = charts.available ? wanted : 'diagram';
    for (const [name, { button, panel }] of Object.entries(tabs) as [Tab, (typeof tabs)[Tab]][]) {
        const active = name === tab;
        button.setAttribute('aria-selected', String(active));
        button.tabIndex = active ? 0 : -1;
        button.disabled = name !== 'diagram' && !charts.available;
        panel.hidden = !active;
    }
    document.body.dataset.tab = tab;
    charts.showTab(tab === 'diagram' ? undefined : tab);
    hideTooltip();
}

/** The relation kinds the picture draws: the legend's entries for them turn their lines off and on. */
function showRelationToggles(): void {
    if (!current) return;
    const kinds = new Set(current.links.map(link => link.relation).filter((k): k is string => k !== undefined));
    const hidden = new Set(reader.hidden);
    showLegend(legend, current.legend, {
        kinds,
        hidden,
        toggle: kind => {
            reader.hidden = hidden.has(kind) ? [...hidden].filter(k => k !== kind) : [...hidden, kind];
            keepState();
            showRelationToggles();
            // The legend is drawn anew: its samples take the theme's colours again.
            keepThemeLegible();
            if (focused) focusOn(focused, false);
        }
    });
    const off = new Set(current.links.filter(link => link.relation !== undefined && hidden.has(link.relation)).map(link => link.id));
    for (const edge of canvas.querySelectorAll('g.edge')) edge.classList.toggle('kind-hidden', off.has(edge.id));
}

/** The links drawn: without those of the kinds turned off. */
function shownLinks(): DiagramSuccess['links'] {
    const hidden = new Set(reader.hidden);
    return (current?.links ?? []).filter(link => link.relation === undefined || !hidden.has(link.relation));
}

/** The picture of the tab shown, as a PNG, to the host, which asks where to save it. */
async function exportPng(): Promise<void> {
    const tab = (document.body.dataset.tab ?? 'diagram') as Tab;
    const svg = tab === 'diagram' ? canvas.querySelector('svg') : charts.svgOf(tab);
    if (!svg) {
        showNotice('There is no picture to export yet.');
        return;
    }
    try {
        const png = await svgToPng(svg);
        post({ type: 'png', tab, data: png.data });
    } catch (error) {
        showNotice(`The picture could not be drawn as a PNG (${error instanceof Error ? error.message : String(error)}).`);
    }
}

// ---- Zoom ---------------------------------------------------------------------------

element('zoom-in').addEventListener('click', () => zoom.zoomIn());
element('zoom-out').addEventListener('click', () => zoom.zoomOut());
element('zoom-reset').addEventListener('click', () => zoom.actualSize());
element('fit').addEventListener('click', () => zoom.fitWhole());

document.addEventListener('keydown', event => {
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
    if (event.key === 'Escape') {
        if (toolbar.close()) return;
        if (event.target === searchBox && searchBox.value) {
            searchBox.value = '';
            runSearch();
        } else {
            leaveFocus(true);
        }
        return;
    }
    // The keys zoom the diagram; the charts scroll as pages do.
    if (typing || event.ctrlKey || event.metaKey || event.altKey || document.body.dataset.tab !== 'diagram') return;
    const action = { '+': zoom.zoomIn, '=': zoom.zoomIn, '-': zoom.zoomOut, '−': zoom.zoomOut, '0': zoom.actualSize }[event.key];
    if (action) {
        event.preventDefault();
        action.call(zoom);
    }
});

viewport.addEventListener(
    'wheel',
    event => {
        event.preventDefault();
        const box = viewport.getBoundingClientRect();
        // Pixels for every kind of wheel; a pinch (ctrlKey) sends small steps and zooms at its own rate.
        const pixels = event.deltaY * (event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? box.height : 1);
        zoom.zoomBy(Math.exp(-pixels * (event.ctrlKey ? 0.01 : 0.0015)), false, event.clientX - box.left, event.clientY - box.top);
    },
    { passive: false }
);

let drag: { x: number; y: number; moved: boolean } | undefined;
viewport.addEventListener('pointerdown', event => {
    if (event.button !== 0 || legend.contains(event.target as Node)) return;
    drag = { x: event.clientX, y: event.clientY, moved: false };
    viewport.setPointerCapture(event.pointerId);
});
viewport.addEventListener('pointermove', event => {
    if (drag) {
        const [dx, dy] = [event.clientX - drag.x, event.clientY - drag.y];
        if (drag.moved || Math.abs(dx) + Math.abs(dy) > 3) {
            drag = { x: event.clientX, y: event.clientY, moved: true };
            zoom.panBy(dx, dy);
            hideTooltip();
            return;
        }
    }
    hover(event);
});
viewport.addEventListener('pointerup', event => {
    const click = drag && !drag.moved;
    drag = undefined;
    if (viewport.hasPointerCapture(event.pointerId)) viewport.releasePointerCapture(event.pointerId);
    if (click) clicked(event);
});
viewport.addEventListener('pointerleave', hideTooltip);

// ---- Search, focus and the cursor's node ----------------------------------------------

let searchTimer: ReturnType<typeof setTimeout> | undefined;
searchBox.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 120);
});
searchBox.addEventListener('keydown', event => {
    if (event.key !== 'Enter' || matches.length === 0) return;
    // Enter steps through the matches one by one.
    matchIndex = (matchIndex + 1) % matches.length;
    zoomTo(matches.slice(matchIndex, matchIndex + 1));
});

/** Marks what the box finds and brings all of it into sight. */
function runSearch(): void {
    matchIndex = -1;
    markMatches();
    if (matches.length > 0) zoomTo(matches);
}

function markMatches(): void {
    matches = current ? search(current.names, searchBox.value).filter(id => nodeElement(id)) : [];
    const active = searchBox.value.trim() !== '';
    canvas.classList.toggle('searching', active);
    for (const node of canvas.querySelectorAll('g.node')) node.classList.toggle('match', matches.includes(node.id));
    searchCount.textContent = !active ? '' : matches.length === 0 ? 'none found' : `${matches.length} found`;
}

focusReach.addEventListener('change', () => focused && focusOn(focused, true));
focusLeave.addEventListener('click', () => leaveFocus(true));

/** Keeps the node's neighbourhood (see `neighbourhood`) and fades the rest of the picture. */
function focusOn(id: string, bringIntoSight: boolean): void {
    if (!current || !nodeElement(id)) {
        leaveFocus(false);
        return;
    }
    focused = id;
    // `mode:depth`, e.g. `neighbours:2` or `upstream:Infinity`.
    const [mode, depth] = focusReach.value.split(':');
    const links = shownLinks();
    const kept = neighbourhood(links, id, mode as FocusMode, Number(depth));
    const keptEdges = new Set(links.filter(link => kept.has(link.from) && kept.has(link.to)).map(link => link.id));
    canvas.classList.add('focusing');
    for (const node of canvas.querySelectorAll('g.node')) {
        node.classList.toggle('faded', node.id !== 'legend' && !kept.has(node.id));
        node.classList.toggle('focused', node.id === id);
    }
    for (const edge of canvas.querySelectorAll('g.edge')) edge.classList.toggle('faded', !keptEdges.has(edge.id));
    focusLeave.hidden = false;
    if (bringIntoSight) zoomTo([...kept], id);
}

function leaveFocus(refit: boolean): void {
    if (!focused) return;
    focused = undefined;
    canvas.classList.remove('focusing');
    for (const faded of canvas.querySelectorAll('.faded, .focused')) faded.classList.remove('faded', 'focused');
    focusLeave.hidden = true;
    if (refit && current) zoom.fitLegible(current.direction);
}

/** Marks the node the editor's cursor is on and, when asked, pans it into sight. */
function highlight(id: string | undefined, bringIntoSight: boolean): void {
    highlighted = id;
    for (const node of canvas.querySelectorAll('g.node.highlighted')) node.classList.remove('highlighted');
    const node = id ? nodeElement(id) : undefined;
    if (!node) return;
    node.classList.add('highlighted');
    if (bringIntoSight) zoom.reveal(zoom.toPicture(node.getBoundingClientRect()));
}

/**
 * The nodes' box in the middle of the viewport, at most at 100 % (or the
 * legible scale); when holding them all would make their labels illegible,
 * `anchor` (the focused node) in the middle at the legible scale instead.
 */
function zoomTo(ids: readonly string[], anchor?: string): void {
    const boxes = ids
        .map(nodeElement)
        .filter((e): e is SVGGElement => e !== undefined)
        .map(e => zoom.toPicture(e.getBoundingClientRect()));
    if (boxes.length === 0) return;
    const legible = zoom.legibleScale();
    const all = union(boxes);
    const view = viewport.getBoundingClientRect();
    const anchored = anchor ? nodeElement(anchor) : undefined;
    if (anchored && Math.min(view.width / all.width, view.height / all.height) < legible) {
        zoom.fitBox(zoom.toPicture(anchored.getBoundingClientRect()), legible, true);
    } else {
        zoom.fitBox(all, Math.max(1, legible), true);
    }
}

function nodeElement(id: string): SVGGElement | undefined {
    return [...canvas.querySelectorAll<SVGGElement>('g.node')].find(node => node.id === id);
}

// ---- Click to focus and reveal, hover to explain ---------------------------------------

/** The node, edge or cluster under the pointer that has a declaration. Pointer capture retargets events, so hit-test. */
function elementAt(event: PointerEvent): Element | undefined {
    const hit = document.elementFromPoint(event.clientX, event.clientY);
    let found = hit?.closest('g.node, g.edge, g.cluster') ?? undefined;
    while (found && !(current && Object.hasOwn(current.sources, found.id))) {
        found = found.parentElement?.closest('g.node, g.edge, g.cluster') ?? undefined;
    }
    return found;
}

function clicked(event: PointerEvent): void {
    const target = elementAt(event);
    if (!target) return;
    if (target.matches('g.node')) focusOn(target.id, true);
    // Only the id: the extension looks up the declaration in what it sent, and opens nothing else.
    post({ type: 'reveal', id: target.id });
}

function hover(event: PointerEvent): void {
    const target = elementAt(event);
    showTip(target && current && Object.hasOwn(current.details, target.id) ? current.details[target.id] : undefined, event);
}

function showTip(detail: Detail | undefined, event: PointerEvent): void {
    if (!detail) {
        hideTooltip();
        return;
    }
    const heading = document.createElement('strong');
    heading.textContent = detail.heading;
    const lines = detail.lines.map(line => {
        const item = document.createElement('div');
        item.textContent = line;
        return item;
    });
    tooltip.replaceChildren(heading, ...lines);
    tooltip.hidden = false;
    const x = Math.min(event.clientX + 14, window.innerWidth - tooltip.offsetWidth - 4);
    const y = Math.min(event.clientY + 14, window.innerHeight - tooltip.offsetHeight - 4);
    tooltip.style.left = `${Math.max(4, x)}px`;
    tooltip.style.top = `${Math.max(4, y)}px`;
}

function hideTooltip(): void {
    tooltip.hidden = true;
}

// ---- Theme ------------------------------------------------------------------------------

/**
 * Edge lines, arrowheads and labels, node and cluster outlines, and the
 * legend's samples, legible on the theme's background and on every cluster's
 * tint over it (see contrast.ts).
 */
function keepThemeLegible(): void {
    const background = parseColour(getComputedStyle(document.body).backgroundColor) ?? [255, 255, 255];
    keepLegible(
        document,
        [background, ...clusterTints(background)],
        [
            { selector: '#canvas g.edge path', property: 'stroke', ratio: LINE_CONTRAST },
            { selector: '#canvas g.edge polygon', property: 'stroke', ratio: LINE_CONTRAST },
            { selector: '#canvas g.edge polygon', property: 'fill', ratio: LINE_CONTRAST },
            { selector: '#canvas g.edge text', property: 'fill', ratio: TEXT_CONTRAST },
            // A node's outline, so that a dark box (a person) stands out on a dark theme; the second border of a party body.
            { selector: '#canvas g.node > path, #canvas g.node > polygon', property: 'stroke', ratio: LINE_CONTRAST },
            { selector: '#canvas g.cluster > path, #canvas g.cluster > polygon', property: 'stroke', ratio: LINE_CONTRAST },
            { selector: '#legend-panel svg.line line', property: 'stroke', ratio: LINE_CONTRAST },
            { selector: '#legend-panel svg.swatch rect', property: 'stroke', ratio: LINE_CONTRAST }
        ]
    );
}

/** The colours the clusters' fills (faded on dark themes) make of the background beneath them. */
function clusterTints(background: Rgb): Rgb[] {
    const tints = new Map<string, Rgb>();
    for (const shape of canvas.querySelectorAll<SVGElement>('g.cluster > path, g.cluster > polygon')) {
        const style = getComputedStyle(shape);
        const fill = parseColour(style.fill);
        if (fill) tints.set(`${style.fill}/${style.fillOpacity}`, mix(background, fill, parseFloat(style.fillOpacity)));
    }
    return [...tints.values()];
}

// VS Code switches the theme by changing the body's class and the variables on <html>.
const themeWatch = new MutationObserver(() => keepThemeLegible());
themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

// A reloaded page on a chart's tab asks for the charts with its first picture.
post(reader.tab && reader.tab !== 'diagram' ? { type: 'ready', tab: reader.tab } : { type: 'ready' });
