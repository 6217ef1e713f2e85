/**
 * Page objects for the preview's tabs and its picture, for the e2e scenarios:
 * the matrix tab's cells, and the moment a new picture is drawn.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { waitFor } from './harness.js';

/** Opens the preview's matrix tab and waits for its cells; their ids as the server names them (`cell:INSTITUTION:MANDATE`). */
export async function showMatrix(frame: FrameLocator): Promise<string[]> {
    await frame.locator('#tab-matrix').click();
    await frame.locator('#matrix-canvas a.cell').first().waitFor({ state: 'visible', timeout: 30_000 });
    const ids = await frame.locator('#matrix-canvas a.cell').evaluateAll(cells => cells.map(cell => cell.id));
    return ids.map(id => id.slice(id.indexOf('/') + 1));
}

/** Back to the diagram tab. */
export async function showDiagram(frame: FrameLocator): Promise<void> {
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
