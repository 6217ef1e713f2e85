/**
 * The timeline in its pane. The writer's units are points, so at its own
 * size the flagship's timeline was 1,583 px wide, wider than a 1,280 px pane.
 * It is drawn as wide as the pane, between one pixel per unit (its bar labels
 * at 9 px, the row names at 12) and its own size; a timeline still wider
 * scrolls sideways, its column of row names kept in sight (sticky-headings.ts).
 */
const SMALLEST = 1;
/** One point per unit: the size the SVG gives itself. */
const LARGEST = 4 / 3;

/** Sizes the timeline `svg`, in its frame, to the width of `canvas`. */
export function fitTimeline(canvas: HTMLElement, svg: SVGSVGElement): void {
    const frame = svg.parentElement;
    if (!frame) return;
    const [pane, margin] = [getComputedStyle(canvas), getComputedStyle(frame)];
    // The pane's padding, the frame's margin and the SVG's border (1 px each side) are not room for the picture.
    const room = canvas.clientWidth - parseFloat(pane.paddingLeft) - parseFloat(pane.paddingRight) - parseFloat(margin.marginLeft) - 2;
    if (room <= 0) return;
    const { width, height } = svg.viewBox.baseVal;
    if (!(width > 0 && height > 0)) return;
    const scale = Math.min(LARGEST, Math.max(SMALLEST, room / width));
    svg.style.width = `${width * scale}px`;
    svg.style.height = `${height * scale}px`;
}
