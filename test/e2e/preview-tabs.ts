/**
 * Page objects for the preview's tabs and its picture, for the e2e scenarios: the matrix's cells and the
 * timeline's rows, tooltips, the date slider, the moment a new picture is drawn, and how large and where
 * its labels are on the screen.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { waitFor } from './harness.js';

/**
 * Moves the pointer to an empty part of the title bar: a tooltip of what it was left on (an editor tab's
 * path, a node's details) would cover the preview's toolbar or picture, and catch clicks meant for them.
 */
export async function pointerAway(frame: FrameLocator): Promise<void> {
    const page = frame.owner().page();
    await page.mouse.move(1200, 16);
    // VS Code hides a hover a moment after the pointer leaves it.
    await page
        .locator('.context-view .hover-contents')
        .first()
        .waitFor({ state: 'hidden', timeout: 3000 })
        .catch(() => undefined);
}

/** The ids of a chart's elements as the server names them: the page puts its tab's name in front (`matrix/…`). */
async function serverIds(frame: FrameLocator, selector: string): Promise<string[]> {
    const ids = await frame.locator(selector).evaluateAll(elements => elements.map(element => element.id));
    return ids.map(id => id.slice(id.indexOf('/') + 1));
}

/** Opens a chart's tab and waits for its `selector` elements; their ids as the server names them. */
async function showChart(frame: FrameLocator, tab: 'matrix' | 'timeline', selector: string): Promise<string[]> {
    await pointerAway(frame);
    await frame.locator(`#tab-${tab}`).click();
    await frame.locator(selector).first().waitFor({ state: 'visible', timeout: 30_000 });
    return serverIds(frame, selector);
}

/** Opens the matrix tab; its cells (`cell:INSTITUTION:MANDATE`). */
export const showMatrix = (frame: FrameLocator) => showChart(frame, 'matrix', '#matrix-canvas a.cell');

/** Opens the timeline tab; its rows (`institution:KEY`). */
export const showTimeline = (frame: FrameLocator) => showChart(frame, 'timeline', '#timeline-canvas g.row');

/** The matrix's cells drawn now (`cell:INSTITUTION:MANDATE`). */
export const matrixCells = (frame: FrameLocator) => serverIds(frame, '#matrix-canvas a.cell');

/** Back to the diagram tab. */
export async function showDiagram(frame: FrameLocator): Promise<void> {
    await pointerAway(frame);
    await frame.locator('#tab-diagram').click();
    await frame.locator('#viewport').waitFor({ state: 'visible' });
}

/**
 * Waits until the page shows a picture and no notice (the model's picture, drawn anew or, when it is the
 * one the page kept under its notice, shown again); milliseconds from `since`.
 */
export async function pictureShown(frame: FrameLocator, since: number, timeout = 30_000): Promise<number> {
    await waitFor(async () => (await frame.locator('#canvas svg').count()) > 0 && !(await frame.locator('#notice').isVisible()), {
        timeout,
        interval: 20,
        message: 'the picture in the preview without a notice'
    });
    return Date.now() - since;
}

/**
 * Opens the quick fixes at the cursor (Ctrl+.) and applies the one whose title starts with `title`; the time
 * (Date.now()) the click on it began, at or before the fix is applied.
 */
export async function applyQuickFix(page: Page, title: string): Promise<number> {
    const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await waitFor(
        async () => {
            if (!(await item.isVisible().catch(() => false))) await page.keyboard.press('Control+.');
            return item.isVisible({ timeout: 2000 }).catch(() => false);
        },
        { timeout: 30_000, message: `the quick fix "${title}" offered` }
    );
    const clicked = Date.now();
    await item.click();
    return clicked;
}

/** Slides the date to `year`, as a drag that lets go there does, and waits for the picture of that year. */
export async function slideTo(frame: FrameLocator, year: number): Promise<void> {
    await frame.locator('#date').evaluate((slider, value) => {
        (slider as HTMLInputElement).value = String(value);
        slider.dispatchEvent(new Event('input'));
    }, year);
    await waitFor(async () => (await frame.locator('#caption span').textContent()) === `as of ${year}`, {
        message: `the preview drawn as of ${year}`
    });
}

/**
 * The font size, in the screen's pixels, at which the page draws the first line of a node's label: its width
 * on screen against the width of the same text in the same font at 100 px on a canvas.
 */
export function labelPx(frame: FrameLocator, nodeId: string): Promise<number> {
    return frame
        .locator(`g.node[id="${nodeId}"] text`)
        .first()
        .evaluate(text => {
            const style = getComputedStyle(text);
            const context = document.createElement('canvas').getContext('2d')!;
            context.font = `${style.fontWeight} 100px ${style.fontFamily}`;
            return (100 * text.getBoundingClientRect().width) / context.measureText(text.textContent ?? '').width;
        });
}

/** The editor's font size in pixels, as the text editor beside the preview draws it. */
export function editorFontPx(page: Page): Promise<number> {
    return page
        .locator('.editor-instance .monaco-editor .view-lines')
        .first()
        .evaluate(lines => parseFloat(getComputedStyle(lines).fontSize));
}

/** Whether the element's box lies inside the diagram's viewport. */
export async function inSight(frame: FrameLocator, selector: string): Promise<boolean> {
    const [box, view] = await Promise.all([frame.locator(selector).first().boundingBox(), frame.locator('#viewport').boundingBox()]);
    return (
        box !== null &&
        view !== null &&
        box.width > 0 &&
        box.x >= view.x - 1 &&
        box.y >= view.y - 1 &&
        box.x + box.width <= view.x + view.width + 1 &&
        box.y + box.height <= view.y + view.height + 1
    );
}

/** The heading of the tooltip the page shows over an element of a chart (the charts' own `<title>`s are not kept). */
export async function tipOf(frame: FrameLocator, selector: string): Promise<string> {
    const target = frame.locator(selector).first();
    await target.scrollIntoViewIfNeeded();
    // Scrolled sideways, a chart's row names are the sticky copy's (`g.row-name`, ids `matrix-names/…`), laid over the
    // originals: what the pointer reaches there, as a user's would.
    const copy = frame.locator(selector.replace(/g\.row\[id="(matrix|timeline)\//g, 'g.row-name[id="$1-names/')).first();
    await ((await copy.isVisible()) ? copy : target).hover();
    const heading = frame.locator('#tooltip strong');
    await heading.waitFor({ state: 'visible' });
    return (await heading.textContent()) ?? '';
}

/** The name a matrix row gives its institution on the matrix's date, as its tooltip says it (`CCCI — NAME`). */
export async function rowTitle(frame: FrameLocator, institution: string): Promise<string | undefined> {
    // Back to the matrix's start, where the row names are the picture's own, under no sticky band or corner.
    await frame.locator('#matrix-canvas').evaluate(canvas => canvas.scrollTo(0, 0));
    const tip = await tipOf(frame, `#matrix-canvas g.row[id="matrix/${institution}"] text`);
    return tip.split(' — ')[1];
}

/** What each transfer arrow of the timeline says on hover (`merged into: SILG → CCCI in 2014`). */
export async function transfers(frame: FrameLocator): Promise<string[]> {
    const count = await frame.locator('#timeline-canvas g.transfer').count();
    const tips: string[] = [];
    for (let i = 0; i < count; i++) tips.push(await tipOf(frame, `#timeline-canvas g.transfer >> nth=${i} >> text`));
    return tips;
}

/**
 * Starts noting, in the preview page, when each message from the extension arrives (its type and size in
 * JSON), so that a lag can be split at the webview: before (server, extension host, channel) and after (the
 * page). Returns a function that gives the first `diagram` whose text holds `needle` noted since (none: the first
 * `diagram` or `unchanged`).
 */
export async function noteArrivals(frame: FrameLocator): Promise<(needle?: string) => Promise<Arrival | undefined>> {
    await frame.locator('body').evaluate(body => {
        const page = body.ownerDocument.defaultView as unknown as {
            __arrivals?: (Arrival & { text: string })[];
            addEventListener: (type: 'message', listener: (event: { data: { type?: string } }) => void) => void;
        };
        if (!page.__arrivals)
            page.addEventListener('message', event => {
                const text = JSON.stringify(event.data);
                page.__arrivals!.push({ at: Date.now(), type: String(event.data?.type), size: text.length, text });
            });
        page.__arrivals = [];
    });
    return needle =>
        frame.locator('body').evaluate((body, wanted) => {
            const arrivals = (body.ownerDocument.defaultView as unknown as { __arrivals: (Arrival & { text: string })[] }).__arrivals;
            const found = arrivals.find(a =>
                wanted ? a.type === 'diagram' && a.text.includes(wanted) : a.type === 'unchanged' || a.type === 'diagram'
            );
            return found && { at: found.at, type: found.type, size: found.size };
        }, needle);
}

interface Arrival {
    at: number;
    type: string;
    size: number;
}
