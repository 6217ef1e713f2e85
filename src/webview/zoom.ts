/**
 * Pan and zoom of the picture in its viewport. The picture opens at a scale
 * where its labels read at least as large as the editor's text: the whole
 * picture when that allows it, else its full width, else the legible scale at
 * the top (left, for a left-to-right picture) where the hierarchy begins.
 * Once the user zooms or pans, new pictures keep the view they chose.
 */
import type { PageState } from './messages.js';

const MIN_SCALE = 0.03;
const MAX_SCALE = 8;
/** A click on a zoom button or key: the picture grows or shrinks by this factor. */
const STEP = 1.25;
const MARGIN = 8;

export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

export class Zoom {
    private state: PageState;
    private animation: ReturnType<typeof setTimeout> | undefined;

    constructor(
        private readonly viewport: HTMLElement,
        private readonly canvas: HTMLElement,
        saved: PageState | undefined,
        private readonly save: (state: PageState) => void
    ) {
        this.state = saved ?? { x: 0, y: 0, k: 1 };
    }

    get scale(): number {
        return this.state.k;
    }

    /** Whether the user has zoomed or panned since the picture was last fitted. */
    get moved(): boolean {
        return this.state.moved === true;
    }

    /** The scale at which the picture's labels are as large as the editor's text. */
    legibleScale(): number {
        const svg = this.svg();
        if (!svg) return 1;
        return editorFontPx() / labelPx(svg);
    }

    /** The readable default (see above). */
    fitLegible(direction: 'down' | 'right'): void {
        const content = this.content();
        if (!content) return;
        const box = this.viewport.getBoundingClientRect();
        const legible = this.legibleScale();
        const whole = Math.min((box.width - 2 * MARGIN) / content.width, (box.height - 2 * MARGIN) / content.height);
        const across = direction === 'right' ? (box.height - 2 * MARGIN) / content.height : (box.width - 2 * MARGIN) / content.width;
        const k = clamp(whole >= legible ? Math.min(whole, Math.max(1.5, legible)) : Math.max(across, legible));
        const [width, height] = [content.width * k, content.height * k];
        // Centred where it fits; else from the top (or the left) where the hierarchy begins, its middle across.
        const left = width <= box.width ? (box.width - width) / 2 : direction === 'right' ? MARGIN : (box.width - width) / 2;
        const top = height <= box.height ? (box.height - height) / 2 : direction === 'right' ? (box.height - height) / 2 : MARGIN;
        this.set({ k, x: left - content.x * k, y: top - content.y * k }, false);
    }

    /** The whole picture in the viewport, however small its text. */
    fitWhole(): void {
        const content = this.content();
        if (content) this.fitBox(content, 1.5, true);
    }

    /** The box (in picture pixels at scale 1) in the middle of the viewport, at most at `maxScale`. */
    fitBox(box: Box, maxScale: number, animate: boolean): void {
        const view = this.viewport.getBoundingClientRect();
        const k = clamp(
            Math.min(maxScale, (view.width - 2 * MARGIN) / Math.max(box.width, 1), (view.height - 2 * MARGIN) / Math.max(box.height, 1))
        );
        this.set({ k, x: view.width / 2 - (box.x + box.width / 2) * k, y: view.height / 2 - (box.y + box.height / 2) * k }, true, animate);
    }

    /** Pans, at the same scale, so that the box is in sight; nothing when it already is. */
    reveal(box: Box): void {
        const view = this.viewport.getBoundingClientRect();
        const { k, x, y } = this.state;
        const [left, top, right, bottom] = [x + box.x * k, y + box.y * k, x + (box.x + box.width) * k, y + (box.y + box.height) * k];
        if (left >= 0 && top >= 0 && right <= view.width && bottom <= view.height) return;
        this.set(
            { k, x: view.width / 2 - (box.x + box.width / 2) * k, y: view.height / 2 - (box.y + box.height / 2) * k },
            this.moved,
            true
        );
    }

    /** Zooms by `factor` about a point of the viewport (its middle by default). */
    zoomBy(factor: number, animate: boolean, cx?: number, cy?: number): void {
        const view = this.viewport.getBoundingClientRect();
        const px = cx ?? view.width / 2;
        const py = cy ?? view.height / 2;
        const k = clamp(this.state.k * factor);
        const ratio = k / this.state.k;
        this.set({ k, x: px - (px - this.state.x) * ratio, y: py - (py - this.state.y) * ratio }, true, animate);
    }

    zoomIn(): void {
        this.zoomBy(STEP, true);
    }

    zoomOut(): void {
        this.zoomBy(1 / STEP, true);
    }

    /** 100 %: the picture as Graphviz sized it, about the middle of the viewport. */
    actualSize(): void {
        this.zoomBy(1 / this.state.k, true);
    }

    panBy(dx: number, dy: number): void {
        this.set({ ...this.state, x: this.state.x + dx, y: this.state.y + dy }, true);
    }

    /** Where a point of the viewport is in the picture (pixels at scale 1). */
    toPicture(box: DOMRect): Box {
        const view = this.viewport.getBoundingClientRect();
        const { k, x, y } = this.state;
        return { x: (box.left - view.left - x) / k, y: (box.top - view.top - y) / k, width: box.width / k, height: box.height / k };
    }

    apply(): void {
        const { x, y, k } = this.state;
        this.canvas.style.transform = `translate(${x}px, ${y}px) scale(${k})`;
        this.save(this.state);
    }

    private set(state: Omit<PageState, 'moved'>, moved: boolean, animate = false): void {
        this.state = { ...state, moved };
        // Buttons and keys glide; the wheel and drags follow the hand as they are.
        clearTimeout(this.animation);
        this.canvas.classList.toggle('animated', animate);
        if (animate) this.animation = setTimeout(() => this.canvas.classList.remove('animated'), 200);
        this.apply();
    }

    private svg(): SVGSVGElement | null {
        return this.canvas.querySelector('svg');
    }

    /**
     * What the picture draws, in its pixels at scale 1: Graphviz's box holds the title and the legend too,
     * which the page hides (it shows its own), so fitting that box would push a small view off its middle.
     */
    private content(): Box | undefined {
        const svg = this.svg();
        if (!svg) return undefined;
        const frame = svg.getBoundingClientRect();
        // The scale drawn now, mid-glide too: the SVG's box on screen against its own width.
        const k = frame.width / (svg.width.baseVal.value || 1) || 1;
        const boxes = [...svg.querySelectorAll('g.graph > g:not(#legend)')]
            .map(part => part.getBoundingClientRect())
            .filter(r => r.width > 0 || r.height > 0)
            .map(r => ({ x: (r.left - frame.left) / k, y: (r.top - frame.top) / k, width: r.width / k, height: r.height / k }));
        if (boxes.length === 0) return { x: 0, y: 0, width: svg.width.baseVal.value || 1, height: svg.height.baseVal.value || 1 };
        const all = union(boxes);
        return { ...all, width: Math.max(1, all.width), height: Math.max(1, all.height) };
    }
}

/** The smallest box holding all of them. */
export function union(boxes: Box[]): Box {
    const left = Math.min(...boxes.map(b => b.x));
    const top = Math.min(...boxes.map(b => b.y));
    const right = Math.max(...boxes.map(b => b.x + b.width));
    const bottom = Math.max(...boxes.map(b => b.y + b.height));
    return { x: left, y: top, width: right - left, height: bottom - top };
}

function clamp(k: number): number {
    return Math.min(MAX_SCALE, Math.max(MIN_SCALE, k));
}

/** The editor's font size in CSS pixels, as VS Code tells webviews; the page's own size elsewhere. */
function editorFontPx(): number {
    const declared = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-font-size'));
    return Number.isFinite(declared) && declared > 0 ? declared : parseFloat(getComputedStyle(document.body).fontSize) || 13;
}

/**
 * How tall, in CSS pixels at scale 1, the picture draws its institutions'
 * names: the largest font size of the text in its nodes, in the SVG's units,
 * times the pixels per unit (Graphviz draws in points: 4/3).
 */
function labelPx(svg: SVGSVGElement): number {
    const sizes = [...svg.querySelectorAll('g.node text[font-size]')]
        .map(t => parseFloat(t.getAttribute('font-size') ?? ''))
        .filter(n => n > 0);
    const units = sizes.length > 0 ? Math.max(...sizes) : 14;
    const viewBox = svg.viewBox.baseVal;
    const perUnit = viewBox && viewBox.width > 0 ? (svg.width.baseVal.value || viewBox.width) / viewBox.width : 1;
    return units * perUnit;
}
