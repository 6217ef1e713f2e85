/**
 * The timeline in its pane. The writer's units are points, so at its own
 * size the flagship's timeline was 1,583 px wide, wider than a 1,280 px pane.
 * It is drawn as wide as the pane, between one pixel per unit (its bar labels
 * at 9 px, the row names at 12) and its own size; a timeline still wider
 * scrolls sideways, and its column of row names stays in sight: a copy of the
 * picture, cut to that column, stuck to the pane's left edge.
 */
const SMALLEST = 1;
/** One point per unit: the size the SVG gives itself. */
const LARGEST = 4 / 3;

export class TimelineFit {
    private svg: SVGSVGElement | undefined;
    private names: HTMLDivElement | undefined;

    constructor(private readonly canvas: HTMLElement) {
        // The pane is resized with the editor group; a hidden pane (another tab) has no width to fit.
        new ResizeObserver(() => this.fit()).observe(canvas);
    }

    /** Shows `svg` (or nothing) in the canvas, fitted. */
    show(svg: SVGSVGElement | undefined): void {
        this.svg = svg;
        this.names = undefined;
        if (!svg) {
            this.canvas.replaceChildren();
            return;
        }
        const frame = document.createElement('div');
        frame.className = 'timeline-frame';
        frame.append(svg);
        this.canvas.replaceChildren(frame);
        this.fit();
    }

    private fit(): void {
        const svg = this.svg;
        const frame = svg?.parentElement;
        if (!svg || !frame) return;
        const [pane, margin] = [getComputedStyle(this.canvas), getComputedStyle(frame)];
        // The pane's padding, the frame's margin and the SVG's border (1 px each side) are not room for the picture.
        const room =
            this.canvas.clientWidth - parseFloat(pane.paddingLeft) - parseFloat(pane.paddingRight) - parseFloat(margin.marginLeft) - 2;
        if (room <= 0) return;
        const { width, height } = svg.viewBox.baseVal;
        if (!(width > 0 && height > 0)) return;
        const scale = Math.min(LARGEST, Math.max(SMALLEST, room / width));
        svg.style.width = `${width * scale}px`;
        svg.style.height = `${height * scale}px`;
        const column = svg.querySelector('rect.names')?.getAttribute('width');
        const scrolls = width * scale > room + 0.5 && column !== null && column !== undefined;
        if (!scrolls) {
            this.names?.remove();
            this.names = undefined;
            return;
        }
        this.names ??= this.namesColumn(svg);
        this.names.style.width = `${Number(column) * scale}px`;
        const copy = this.names.firstElementChild as SVGSVGElement;
        copy.style.width = svg.style.width;
        copy.style.height = svg.style.height;
    }

    /**
     * The copy stuck to the left, with only what the column shows: the rows' names (their ids under another
     * tab name, `timeline-names/…`, so clicks and tooltips work there too; their class another, so that the
     * page holds each row and bar once), the title and the axis lines.
     */
    private namesColumn(svg: SVGSVGElement): HTMLDivElement {
        const copy = svg.cloneNode(true) as SVGSVGElement;
        for (const element of copy.querySelectorAll('defs, a, .transfer, .at, .legend')) element.remove();
        for (const element of [copy, ...copy.querySelectorAll('[id]')]) element.id = element.id.replace(/^timeline\//, 'timeline-names/');
        for (const row of copy.querySelectorAll('g.row')) row.setAttribute('class', 'row-name');
        const names = document.createElement('div');
        names.className = 'timeline-names';
        names.setAttribute('aria-hidden', 'true');
        names.append(copy);
        svg.after(names);
        return names;
    }
}
