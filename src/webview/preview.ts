/**
 * The preview page: shows the SVG the extension sends, pans and zooms it,
 * offers the model's views and a date slider, and posts clicks back so the
 * editor can jump to the declaration. It only displays: no layout, no
 * network, and every model string goes into the page as text.
 */
import type { DiagramSuccess, DiagramViewInfo } from '../diagram/protocol.js';
import type { FromPage, PageState, ToPage } from './messages.js';
import { sanitizeSvg } from './sanitize.js';

declare function acquireVsCodeApi(): { postMessage(message: FromPage): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const post = (message: FromPage) => vscode.postMessage(message);

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const viewPicker = element<HTMLSelectElement>('view');
const dateSlider = element<HTMLInputElement>('date');
const dateValue = element<HTMLOutputElement>('date-value');
const dateReset = element<HTMLButtonElement>('date-reset');
const viewport = element<HTMLElement>('viewport');
const canvas = element<HTMLDivElement>('canvas');
const notice = element<HTMLDivElement>('notice');
const tooltip = element<HTMLDivElement>('tooltip');
const empty = element<HTMLParagraphElement>('empty');

/** The picture shown and what it maps to; kept when an update fails. */
let current: DiagramSuccess | undefined;
let selected: { view?: string; at?: string } = {};
let transform: PageState = (vscode.getState() as PageState | undefined) ?? { x: 0, y: 0, k: 1 };
let fitted = vscode.getState() !== undefined;

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
        // Another view is another picture: fit it. Edits and dates keep the zoom.
        if (current && message.view !== selected.view) fitted = false;
        selected = { view: message.view, at: message.at };
        showControls(message.diagram.views, message.diagram.dates, message.diagram.at);
        showDiagram(message.diagram);
    } else if (message.type === 'error') {
        selected = { view: message.view, at: message.at };
        if (message.views) showControls(message.views, message.dates ?? {}, message.at);
        showNotice(withLastGood(message.message));
    }
}

/** A diagram that cannot be read leaves the last good one (or none) under a notice. */
function showDiagram(diagram: DiagramSuccess): void {
    const svg = sanitizeSvg(diagram.svg, document);
    if (!svg) {
        showNotice(withLastGood('The diagram could not be read: it is not a well-formed SVG.'));
        return;
    }
    current = diagram;
    canvas.replaceChildren(svg);
    hideTooltip(); // its element may be gone from the new diagram
    showNotice(undefined);
    if (!fitted) fit();
    applyTransform();
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
    const min = year(dates.min);
    const max = year(dates.max);
    dateSlider.disabled = min === undefined || max === undefined;
    if (min !== undefined && max !== undefined) {
        dateSlider.min = String(min);
        dateSlider.max = String(Math.max(max, min));
    }
    const shown = selected.at ?? drawn;
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
element('fit').addEventListener('click', () => {
    fit();
    applyTransform();
});

// ---- Pan and zoom ---------------------------------------------------------------------

function applyTransform(): void {
    canvas.style.transform = `translate(${transform.x}px, ${transform.y}px) scale(${transform.k})`;
    vscode.setState(transform);
}

function fit(): void {
    const svg = canvas.querySelector('svg');
    if (!svg) return;
    const width = svg.width.baseVal.value || 1;
    const height = svg.height.baseVal.value || 1;
    const box = viewport.getBoundingClientRect();
    const k = Math.min(1.5, Math.max(0.05, Math.min((box.width - 16) / width, (box.height - 16) / height)));
    transform = { k, x: (box.width - width * k) / 2, y: Math.max(8, (box.height - height * k) / 2) };
    fitted = true;
}

viewport.addEventListener('wheel', event => {
    event.preventDefault();
    const box = viewport.getBoundingClientRect();
    const cx = event.clientX - box.left;
    const cy = event.clientY - box.top;
    const k = Math.min(8, Math.max(0.05, transform.k * Math.exp(-event.deltaY * 0.0015)));
    transform = { k, x: cx - ((cx - transform.x) * k) / transform.k, y: cy - ((cy - transform.y) * k) / transform.k };
    applyTransform();
}, { passive: false });

let drag: { x: number; y: number; startX: number; startY: number; moved: boolean } | undefined;
viewport.addEventListener('pointerdown', event => {
    if (event.button !== 0) return;
    drag = { x: transform.x, y: transform.y, startX: event.clientX, startY: event.clientY, moved: false };
    viewport.setPointerCapture(event.pointerId);
});
viewport.addEventListener('pointermove', event => {
    if (drag) {
        const dx = event.clientX - drag.startX;
        const dy = event.clientY - drag.startY;
        if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
        if (drag.moved) {
            transform = { ...transform, x: drag.x + dx, y: drag.y + dy };
            applyTransform();
            hideTooltip();
            return;
        }
    }
    hover(event);
});
viewport.addEventListener('pointerup', event => {
    const click = drag && !drag.moved;
    drag = undefined;
    viewport.releasePointerCapture(event.pointerId);
    if (click) reveal(event);
});
viewport.addEventListener('pointerleave', hideTooltip);

// ---- Click to reveal, hover to explain -----------------------------------------------

/** The node, edge or cluster under the pointer that has a declaration. Pointer capture retargets events, so hit-test. */
function elementAt(event: PointerEvent): Element | undefined {
    const hit = document.elementFromPoint(event.clientX, event.clientY);
    let found = hit?.closest('g.node, g.edge, g.cluster') ?? undefined;
    while (found && !(current && Object.hasOwn(current.sources, found.id))) {
        found = found.parentElement?.closest('g.node, g.edge, g.cluster') ?? undefined;
    }
    return found;
}

function reveal(event: PointerEvent): void {
    // Only the id: the extension looks up the declaration in what it sent, and opens nothing else.
    const target = elementAt(event);
    if (target) post({ type: 'reveal', id: target.id });
}

function hover(event: PointerEvent): void {
    const target = elementAt(event);
    const detail = target && current && Object.hasOwn(current.details, target.id) ? current.details[target.id] : undefined;
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

post({ type: 'ready' });
