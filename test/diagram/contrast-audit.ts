/**
 * A WCAG 2 contrast audit of what a page shows, run in the page: for each
 * element, the colour Chromium computed (with its opacity) against the colour
 * actually beneath it (the SVG shapes painted before it at that point, then
 * the backgrounds of its HTML ancestors), composited. Written here, apart
 * from the page's own contrast code, so that the two do not share a mistake.
 *
 * Browser code goes to the page as text: the tests' own TypeScript has Node's
 * globals, not the DOM's.
 */
import type { Page } from 'playwright-core';

/** Text: AA, 4.5:1. Lines and shapes that carry meaning (edges, cells, bars): 3:1. */
export type Need = 'text' | 'line' | 'shape';

/**
 * What to check: elements matching `selector` (visible, not disabled).
 * `line`: the stroke, at points along it; `shape`: the fill or, failing it,
 * the outline; `text`: the fill of SVG text or the colour of HTML text.
 */
export interface Check {
    what: string;
    selector: string;
    need: Need;
    /** For a control drawn in one colour (the slider's accent-color), that property rather than fill or stroke. */
    property?: string;
}

export interface Failure {
    what: string;
    element: string;
    colour: string;
    on: string;
    ratio: number;
}

const AUDIT = String.raw`(checks) => {
    const RATIO = { text: 4.5, line: 3, shape: 3 };
    const parse = text => {
        const value = text.trim();
        let m = /^rgba?\(([^)]*)\)$/.exec(value);
        if (m) {
            const p = m[1].split(/[\s,/]+/).filter(Boolean).map(parseFloat);
            return [p[0], p[1], p[2], p[3] ?? 1];
        }
        m = /^color\(srgb ([^)]*)\)$/.exec(value);
        if (m) {
            const p = m[1].split(/[\s/]+/).filter(Boolean).map(parseFloat);
            return [p[0] * 255, p[1] * 255, p[2] * 255, p[3] ?? 1];
        }
        return undefined;
    };
    const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
    const luminance = c => {
        const channel = v => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
    };
    const ratio = (a, b) => {
        const [x, y] = [luminance(a), luminance(b)];
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    };
    const show = c => 'rgb(' + c.slice(0, 3).map(Math.round).join(', ') + ')';
    /** The product of the opacities from the element up to (not including) the element 'upTo'. */
    const opacity = (element, upTo) => {
        let result = 1;
        for (let e = element; e && e !== upTo; e = e.parentElement) result *= parseFloat(getComputedStyle(e).opacity);
        return result;
    };
    /** What the element's HTML ancestors paint beneath it: their backgrounds, composited, down to the first opaque one. */
    const htmlBackdrop = element => {
        const layers = [];
        for (let e = element; e; e = e.parentElement) {
            const colour = parse(getComputedStyle(e).backgroundColor);
            if (colour && colour[3] > 0) {
                layers.push(colour);
                if (colour[3] >= 1) break;
            }
        }
        return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    /** Drawn: Chromium's own test, and no ancestor left out (it misses an SVG group's display: none). */
    const visible = element => {
        if (!element.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true })) return false;
        for (let e = element; e; e = e.parentElement) if (getComputedStyle(e).display === 'none') return false;
        return true;
    };
    const shapesCache = new Map();
    /** The SVG shapes with a fill that could lie beneath something in this picture, with their screen-to-user transforms. */
    const shapesOf = svg => {
        if (!shapesCache.has(svg)) {
            const shapes = [];
            for (const shape of svg.querySelectorAll('rect, path, polygon, ellipse, circle')) {
                if (shape.closest('defs, g.edge, marker') || !visible(shape)) continue;
                const style = getComputedStyle(shape);
                const colour = parse(style.fill);
                if (!colour) continue;
                colour[3] *= parseFloat(style.fillOpacity) * opacity(shape, svg.parentElement);
                if (colour[3] > 0) shapes.push({ shape, colour, inverse: shape.getScreenCTM().inverse() });
            }
            shapesCache.set(svg, shapes);
        }
        return shapesCache.get(svg);
    };
    /** The colour beneath 'element' at 'point' (in its user space); for a shape, leaving out the others of its group. */
    const beneath = (element, point, ownGroup) => {
        const svg = element.ownerSVGElement;
        if (!svg) return htmlBackdrop(element.parentElement);
        const screen = point.matrixTransform(element.getScreenCTM());
        let colour = htmlBackdrop(svg.parentElement);
        for (const { shape, colour: fill, inverse } of shapesOf(svg)) {
            if (shape === element || !(shape.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
            // A shape stands out against what lies around it, not against its own group's other outlines (a double border).
            if (ownGroup && shape.parentElement === element.parentElement) continue;
            if (shape.isPointInFill(screen.matrixTransform(inverse))) colour = over(fill, colour);
        }
        return colour;
    };
    const points = element => {
        if (element instanceof SVGGeometryElement && element.tagName !== 'rect' && element.tagName !== 'polygon') {
            const length = element.getTotalLength();
            return [0.2, 0.35, 0.5, 0.65, 0.8].map(t => element.getPointAtLength(length * t));
        }
        const box = element.getBBox();
        return [new DOMPoint(box.x + box.width / 2, box.y + box.height / 2)];
    };
    const name = element => {
        const id = element.closest('[id]')?.id ?? '';
        const text = element instanceof SVGElement ? '' : (element.textContent ?? '').trim().slice(0, 40);
        return element.tagName.toLowerCase() + (id ? ' in #' + id : '') + (text ? ' "' + text + '"' : '');
    };
    const failures = [];
    let checked = 0;
    for (const { what, selector, need, property } of checks) {
        for (const element of document.querySelectorAll(selector)) {
            if (!visible(element) || element.closest(':disabled')) continue;
            const style = getComputedStyle(element);
            const svg = element instanceof SVGElement;
            const upTo = svg ? element.ownerSVGElement?.parentElement : undefined;
            const paint = property => {
                const colour = parse(style.getPropertyValue(property));
                if (!colour) return undefined;
                const own = property === 'fill' ? style.fillOpacity : property === 'stroke' ? style.strokeOpacity : '1';
                colour[3] *= parseFloat(own) * opacity(element, upTo);
                return colour[3] > 0 ? colour : undefined;
            };
            // A text drawn over a halo (an outline painted first, wide enough to show round each letter) sits on the halo.
            const halo =
                need === 'text' && svg && style.paintOrder.startsWith('stroke') && parseFloat(style.strokeWidth) >= 2 ? paint('stroke') : undefined;
            const candidates = property
                ? [paint(property)]
                :
                need === 'text' ? [paint(svg ? 'fill' : 'color')] : need === 'line' ? [paint('stroke')] : [paint('fill'), paint('stroke')];
            const drawn = candidates.filter(c => c);
            if (drawn.length === 0) continue;
            checked++;
            // The worst point along the element; a shape passes if its fill or its outline does.
            let worst;
            for (const point of svg ? points(element) : [undefined]) {
                // A control the browser draws in its accent colour sits on its parent: its own background-color is not what it paints.
                const around = svg ? beneath(element, point, need === 'shape') : htmlBackdrop(property ? element.parentElement : element);
                const below = halo ? over(halo, around) : around;
                const best = drawn
                    .map(c => ({ colour: over(c, below), on: below }))
                    .map(x => ({ ...x, ratio: ratio(x.colour, x.on) }))
                    .sort((a, b) => b.ratio - a.ratio)[0];
                if (!worst || best.ratio < worst.ratio) worst = best;
            }
            if (worst.ratio < RATIO[need])
                failures.push({ what, element: name(element), colour: show(worst.colour), on: show(worst.on), ratio: Math.round(worst.ratio * 100) / 100 });
        }
    }
    return { checked, failures };
}`;

/**
 * Every element that falls short, one per distinct colour pair and check
 * (a picture repeats its palette), with how many elements were checked.
 */
export async function audit(page: Page, checks: readonly Check[]): Promise<{ checked: number; failures: Failure[] }> {
    const result = (await page.evaluate(`(${AUDIT})(${JSON.stringify(checks)})`)) as { checked: number; failures: Failure[] };
    const seen = new Set<string>();
    const failures = result.failures.filter(f => {
        const key = `${f.what}|${f.colour}|${f.on}`;
        return !seen.has(key) && Boolean(seen.add(key));
    });
    return { checked: result.checked, failures };
}
