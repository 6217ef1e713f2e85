/**
 * A chart's headings kept in sight while it scrolls. The matrix and the
 * timeline are one SVG each, the very picture the CLI writes and Export
 * saves, so their row names would scroll out at the left and the matrix's
 * mandate names out at the top. Copies of the picture, each cut to its
 * headings (the column of row names, the band of column names, and the corner
 * where both meet, which hides what scrolls under them), lie over it in one
 * grid cell and stick to the pane's edges. A copy is there only while the pane
 * scrolls its way; the picture itself is left as drawn.
 */

export interface Headings {
    /** The row names' column at the picture's left: its width in the SVG's units, and what its headings are. */
    column?: { width: number; keep: string };
    /** The column names' band: its top and height in the SVG's units, and what its headings are. */
    band?: { top: number; height: number; keep: string };
}

type Part = 'names' | 'heads' | 'corner';

export class StickyHeadings {
    private svg: SVGSVGElement | undefined;
    private headings: Headings = {};
    private readonly copies = new Map<Part, HTMLDivElement>();

    /**
     * @param tab the name in front of the picture's ids (`matrix/…`), which the copies change to `matrix-names/…`,
     * so that no id is on the page twice and what follows the slash is still the server's
     * @param size sizes the picture to the pane, when the pane's size changes, before the copies follow it
     */
    constructor(
        private readonly canvas: HTMLElement,
        private readonly tab: string,
        private readonly headingsOf: (svg: SVGSVGElement) => Headings,
        private readonly size: (svg: SVGSVGElement) => void = () => {}
    ) {
        // The pane is resized with the editor group; a hidden pane (another tab) has no size to fit.
        new ResizeObserver(() => this.update()).observe(canvas);
    }

    /** Shows `svg` (or nothing) in the canvas, with its headings in sight. */
    show(svg: SVGSVGElement | undefined): void {
        this.svg = svg;
        this.copies.clear();
        if (!svg) {
            this.canvas.replaceChildren();
            return;
        }
        this.headings = this.headingsOf(svg);
        const frame = document.createElement('div');
        frame.className = 'chart-frame';
        frame.append(svg);
        this.canvas.replaceChildren(frame);
        this.update();
    }

    private update(): void {
        const svg = this.svg;
        // Something else was put in the pane since (the note that the charts are on their way).
        if (!svg?.isConnected) return;
        this.size(svg);
        const { width } = svg.viewBox.baseVal;
        const scale = parseFloat(getComputedStyle(svg).width) / width;
        if (!(scale > 0)) return;
        const { column, band } = this.headings;
        const sideways = column !== undefined && this.canvas.scrollWidth > this.canvas.clientWidth;
        const down = band !== undefined && this.canvas.scrollHeight > this.canvas.clientHeight;
        const border = parseFloat(getComputedStyle(svg).borderTopWidth) || 0;
        const wanted: [Part, boolean][] = [
            ['names', sideways],
            ['heads', down],
            ['corner', sideways && down]
        ];
        for (const [part, shown] of wanted) {
            if (!shown) {
                this.copies.get(part)?.remove();
                this.copies.delete(part);
                continue;
            }
            const copy = this.copies.get(part) ?? this.copy(svg, part);
            this.copies.set(part, copy);
            const picture = copy.firstElementChild as SVGSVGElement;
            picture.style.width = svg.style.width;
            picture.style.height = svg.style.height;
            if (part !== 'heads') copy.style.width = `${border + column!.width * scale}px`;
            if (part !== 'names') {
                // The band lies where it is in the picture; the copy shows it from there, and sticks at the top.
                const top = border + band!.top * scale;
                copy.style.marginTop = `${top}px`;
                copy.style.height = `${band!.height * scale}px`;
                picture.style.marginTop = `${-top}px`;
            }
        }
    }

    /**
     * A copy with only what its part shows: its headings (their ids under the part's name, so that clicks and
     * tooltips work there too; their class another, so that the page holds each row, mandate and cell once), and
     * what has no id (the background, titles, axis lines) within its bounds. Nothing the part cuts off is copied.
     */
    private copy(svg: SVGSVGElement, part: Part): HTMLDivElement {
        const { column, band } = this.headings;
        const keep = part === 'names' ? column!.keep : part === 'heads' ? band!.keep : undefined;
        const right = part === 'heads' ? Infinity : column!.width;
        const bottom = part === 'names' ? Infinity : band!.top + band!.height;
        const picture = svg.cloneNode(false) as SVGSVGElement;
        for (const child of svg.children) {
            const named = child.id !== '' || child.matches('a, defs');
            if (named ? keep === undefined || !child.matches(keep) : !within(child, right, bottom)) continue;
            picture.append(child.cloneNode(true));
        }
        const renamed = `${this.tab}-${part}/`;
        for (const element of [picture, ...picture.querySelectorAll('[id]')]) {
            element.id = element.id.replace(`${this.tab}/`, renamed);
            const kind = element.getAttribute('class');
            if (kind && element !== picture) element.setAttribute('class', `${kind}-name`);
        }
        const copy = document.createElement('div');
        copy.className = `sticky-${part}`;
        copy.setAttribute('aria-hidden', 'true');
        copy.append(picture);
        svg.parentElement!.append(copy);
        return copy;
    }
}

/** Whether an element without an id starts within the part's bounds (one that gives no place is taken to). */
function within(element: Element, right: number, bottom: number): boolean {
    const at = (name: string) => parseFloat(element.getAttribute(name) ?? '') || 0;
    return at('x') < right && at('x1') < right && at('y') < bottom && at('y1') < bottom;
}
