/**
 * The legend and the caption (the view's title as written, "as of DATE"
 * beside it), kept in sight over the picture whatever its zoom. Built from
 * data with DOM calls: every model string is text, every colour a checked hex.
 */
import type { LegendItem } from '../diagram/graph-types.js';

const SVG = 'http://www.w3.org/2000/svg';
/** From this many entries the legend takes two columns. */
const LONG = 8;
const DASHES: Record<string, string | undefined> = { solid: undefined, dashed: '5 3', dotted: '1.5 2.5' };

export function showCaption(target: HTMLElement, title: string, at: string): void {
    const heading = document.createElement('strong');
    heading.textContent = title;
    const date = document.createElement('span');
    date.textContent = `as of ${at}`;
    target.replaceChildren(heading, date);
    target.hidden = false;
}

/** The relation kinds the picture draws, which of them the reader turned off, and how to turn one on or off. */
export interface LegendToggles {
    kinds: ReadonlySet<string>;
    hidden: ReadonlySet<string>;
    toggle(kind: string): void;
}

/** The legend; with `toggles`, each relation kind's entry is a button that hides or shows its lines. */
export function showLegend(target: HTMLElement, items: readonly LegendItem[], toggles?: LegendToggles): void {
    const rows = items.map(item => {
        const row = document.createElement('li');
        const label = document.createElement('span');
        label.textContent = item.label;
        if (item.edge && toggles?.kinds.has(item.label)) {
            const shown = !toggles.hidden.has(item.label);
            const button = document.createElement('button');
            button.type = 'button';
            button.className = 'toggle';
            button.dataset.relation = item.label;
            button.setAttribute('aria-pressed', String(shown));
            button.title = `${shown ? 'Hide' : 'Show'} the ${item.label} lines`;
            button.append(sample(item), label);
            button.addEventListener('click', () => toggles.toggle(item.label));
            row.append(button);
        } else {
            row.append(sample(item), label);
        }
        return row;
    });
    const list = document.createElement('ul');
    list.classList.toggle('long', rows.length > LONG);
    list.append(...rows);
    // A disclosure, so a reader can fold it away from the part of the picture it covers; it stays folded across updates.
    const wasOpen = target.querySelector('details')?.open ?? true;
    const details = document.createElement('details');
    details.open = wasOpen;
    const heading = document.createElement('summary');
    heading.textContent = 'Legend';
    details.append(heading, list);
    target.replaceChildren(details);
    target.hidden = items.length === 0;
}

/** A line as the picture draws it, or a swatch of a node's colours. */
function sample(item: LegendItem): SVGSVGElement {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', '36');
    svg.setAttribute('height', '14');
    svg.setAttribute('class', item.edge ? 'sample line' : 'sample swatch');
    if (item.edge) {
        const line = document.createElementNS(SVG, 'line');
        for (const [name, value] of Object.entries({
            x1: '2',
            y1: '7',
            x2: '34',
            y2: '7',
            stroke: colour(item.edge.color),
            'stroke-width': String(Math.max(1, item.edge.width))
        })) {
            line.setAttribute(name, value);
        }
        const dash = DASHES[item.edge.line];
        if (dash) line.setAttribute('stroke-dasharray', dash);
        svg.append(line);
    } else if (item.node) {
        const box = document.createElementNS(SVG, 'rect');
        for (const [name, value] of Object.entries({
            x: '2',
            y: '1',
            width: '32',
            height: '12',
            rx: '3',
            fill: colour(item.node.fill),
            stroke: colour(item.node.border)
        })) {
            box.setAttribute(name, value);
        }
        svg.append(box);
    }
    return svg;
}

function colour(value: string): string {
    return /^#[0-9a-fA-F]{6}$/.test(value) ? value : '#808080';
}
