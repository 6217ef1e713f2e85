/**
 * The charts read like tables: scrolled, the matrix keeps its row and column
 * headings in sight and the timeline its row names, and the headings kept in
 * sight do what the picture's own do. In headless Chromium against the real
 * preview page, with the flagship in a pane too small for either chart.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrangeMatrix } from '../../src/diagram/matrix-arrange.js';
import { toMatrixSvg } from '../../src/diagram/matrix-svg.js';
import type { DiagramSuccess } from '../../src/diagram/protocol.js';
import { requirePrerequisite, skipWithout } from '../prerequisites.js';
import { exampleFiles } from './helpers.js';
import { diagramOf, launch, missing, openPreview, RESULTS, send, type Theme } from './preview-browser.js';

describe.skipIf(skipWithout(missing))('the charts’ headings in sight', () => {
    let browser: Browser;
    let diagram: DiagramSuccess;

    beforeAll(async () => {
        requirePrerequisite(missing);
        browser = await launch();
        mkdirSync(RESULTS, { recursive: true });
        diagram = await diagramOf(exampleFiles('examples/china-cyber'), 'china.cyber');
    }, 30_000);

    afterAll(async () => {
        await browser?.close();
    });

    async function openTab(theme: Theme, tab: 'matrix' | 'timeline') {
        const preview = await openPreview(browser, { theme, width: 700, height: 600 });
        await send(preview.page, { type: 'diagram', diagram });
        await preview.page.waitForSelector('#canvas svg g.node');
        await preview.page.click(`#tab-${tab}`);
        await preview.page.waitForSelector(`#${tab}-canvas svg a`);
        return preview;
    }

    const scrollTo = (page: Page, canvas: string, x: number, y: number) =>
        page.$eval(canvas, (element, [left, top]) => element.scrollTo(left, top), [x, y]);

    /** The id of the element drawn at the middle of `selector`'s text, and where that is relative to the pane. */
    async function seen(page: Page, canvas: string, selector: string) {
        const [pane, box] = [(await page.locator(canvas).boundingBox())!, (await page.locator(`${selector} text`).first().boundingBox())!];
        const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
        const id = await page.evaluate(`document.elementFromPoint(${x}, ${y})?.closest('[id]')?.id`);
        return { id, left: box.x - pane.x, top: box.y - pane.y, x, y };
    }

    const byId = (id: string) => `[id="${id}"]`;

    for (const theme of ['light', 'dark'] as const) {
        it(`${theme}: the matrix scrolled right keeps its rows' names, scrolled down its mandates'; they go where the picture's own do`, async () => {
            const { page, posted, errors } = await openTab(theme, 'matrix');
            const canvas = '#matrix-canvas';
            const [row, mandate] = await page.$$eval(`${canvas} svg g.row, ${canvas} svg g.mandate`, gs => [
                gs.find(g => g.classList.contains('row'))!.id.replace(/^matrix\//, ''),
                gs.find(g => g.classList.contains('mandate'))!.id.replace(/^matrix\//, '')
            ]);
            const [rows, mandates] = [diagram.charts!.matrix.rows.length, diagram.charts!.matrix.columns.length];
            await page.screenshot({ path: path.join(RESULTS, `matrix-sticky-${theme}.png`) });

            // The picture's own headings (their copies lie over them: the pane scrolls both ways) are clicked as the
            // page is told: a row's name reveals its declaration, a mandate's sorts by it and, again, back.
            const original = (id: string) => page.locator(`${canvas} .chart-frame > svg ${byId(`matrix/${id}`)} text`);
            await original(row).dispatchEvent('click');
            expect((await posted()).at(-1)).toEqual({ type: 'reveal', id: row });
            await original(mandate).dispatchEvent('click');
            expect(await page.inputValue('#matrix-sort')).toBe(mandate.replace(/^mandate:/, ''));
            await original(mandate).dispatchEvent('click');
            expect(await page.inputValue('#matrix-sort')).toBe('');

            // Scrolled right to the end: the picture's names are out of sight, their copies at the pane's left edge.
            await scrollTo(page, canvas, 100_000, 0);
            expect((await original(row).boundingBox())!.x).toBeLessThan((await page.locator(canvas).boundingBox())!.x - 50);
            const name = await seen(page, canvas, byId(`matrix-names/${row}`));
            expect(name.id).toBe(`matrix-names/${row}`);
            expect(name.left).toBeGreaterThanOrEqual(0);
            expect(name.left).toBeLessThan(20);
            await page.mouse.move(name.x, name.y);
            await expect.poll(() => page.locator('#tooltip').isVisible()).toBe(true);
            await page.mouse.click(name.x, name.y);
            expect((await posted()).at(-1)).toEqual({ type: 'reveal', id: row });
            await page.screenshot({ path: path.join(RESULTS, `matrix-sticky-${theme}-right.png`) });

            // Scrolled down to the end: the mandates' names at the pane's top, sorting as the picture's own do.
            await scrollTo(page, canvas, 0, 100_000);
            const head = await seen(page, canvas, byId(`matrix-heads/${mandate}`));
            expect(head.id).toBe(`matrix-heads/${mandate}`);
            expect(head.top).toBeGreaterThanOrEqual(0);
            expect(head.top).toBeLessThan(60);
            expect((await original(mandate).boundingBox())!.y).toBeLessThan((await page.locator(canvas).boundingBox())!.y);
            await page.mouse.click(head.x, head.y);
            expect(await page.inputValue('#matrix-sort')).toBe(mandate.replace(/^mandate:/, ''));
            await page.screenshot({ path: path.join(RESULTS, `matrix-sticky-${theme}-down.png`) });

            // Scrolled both ways, the corner where names and headings meet covers what passes under it.
            await scrollTo(page, canvas, 300, 300);
            const pane = (await page.locator(canvas).boundingBox())!;
            expect(await page.evaluate(`!!document.elementFromPoint(${pane.x + 4}, ${pane.y + 4})?.closest('.sticky-corner')`)).toBe(true);
            await page.screenshot({ path: path.join(RESULTS, `matrix-sticky-${theme}-both.png`) });
            // The copies add no row, mandate or cell: the page holds each once, in the picture Export saves.
            expect(await page.locator(`${canvas} g.row`).count()).toBe(rows);
            expect(await page.locator(`${canvas} g.mandate`).count()).toBe(mandates);
            expect(await page.locator(`${canvas} .chart-frame > svg:first-child`).getAttribute('id')).toBe('matrix/matrix');
            expect(await page.locator(`${canvas} [aria-hidden="true"] a`).count()).toBe(0);
            expect(errors).toEqual([]);
            await page.close();
        });

        it(`${theme}: the timeline scrolled right keeps its rows' names, and has no band to keep`, async () => {
            const { page, posted, errors } = await openTab(theme, 'timeline');
            const canvas = '#timeline-canvas';
            const row = 'institution:china.cyber.CPD';
            await scrollTo(page, canvas, 100_000, 0);
            const name = await seen(page, canvas, byId(`timeline-names/${row}`));
            expect(name.id).toBe(`timeline-names/${row}`);
            expect(name.left).toBeLessThan(20);
            await page.mouse.click(name.x, name.y);
            expect((await posted()).at(-1)).toEqual({ type: 'reveal', id: row });
            expect(await page.locator(`${canvas} .sticky-heads, ${canvas} .sticky-corner`).count()).toBe(0);
            await page.screenshot({ path: path.join(RESULTS, `timeline-sticky-${theme}.png`) });
            expect(errors).toEqual([]);
            await page.close();
        });
    }

    it("draws long names shorter in the matrix tab, whole in the tooltip and in the Export PNG, as the CLI's SVG has them", async () => {
        const { page, posted, errors } = await openTab('light', 'matrix');
        const long = 'institution:china.cyber.CybersecurityCoordinationDept';
        const name = page.locator(`#matrix-canvas .chart-frame > svg [id="matrix/${long}"]`);
        expect(await name.locator('text').textContent()).toMatch(/^Cybersecurity\w+…$/);
        // The column of names is narrower than the long name: about twenty letters at 12 px.
        expect((await name.locator('rect').boundingBox())!.width).toBeLessThan(220);
        // What is seen of it is its copy, stuck to the left, over it.
        await page.locator(`#matrix-canvas .sticky-names [id="matrix-names/${long}"] text`).hover();
        await expect.poll(() => page.locator('#tooltip strong').textContent()).toMatch(/^CybersecurityCoordinationDept\b/);
        await page.click('#more');
        await page.click('#export-png');
        const png = async () => ((await posted()) as { type: string; data?: string }[]).find(m => m.type === 'png')?.data;
        await expect.poll(png, { timeout: 10_000 }).toBeDefined();
        // A PNG's width is in its header; the export is drawn at twice the size of the CLI's SVG (points, 4/3 px each).
        const width = Buffer.from((await png())!, 'base64').readUInt32BE(16);
        const cli = toMatrixSvg(arrangeMatrix(diagram.charts!.matrix, {}), uri => uri);
        expect(width).toBe(Math.round(Number(/width="([\d.]+)pt"/.exec(cli)![1]) * (4 / 3) * 2));
        expect(cli).toContain('>CybersecurityCoordinationDept<');
        expect(errors).toEqual([]);
        await page.close();
    });

    it('wraps a long mandate name onto two lines in the matrix tab, and the CLI draws it on one', async () => {
        const files = {
            'long.polity': `model long
mandate review "Review" {
  mandate international-cyberspace-governance-and-security-review "Review of everything"
}
institution Authority "Authority" {
  kind agency
  leads international-cyberspace-governance-and-security-review
}
`
        };
        const long = await diagramOf(files, 'long');
        const { page, errors } = await openPreview(browser, { width: 700, height: 600 });
        await send(page, { type: 'diagram', diagram: long });
        await page.waitForSelector('#canvas svg g.node');
        await page.click('#tab-matrix');
        await page.waitForSelector('#matrix-canvas svg a.cell');
        const heading = page.locator(
            '#matrix-canvas .chart-frame > svg [id="matrix/mandate:long.international-cyberspace-governance-and-security-review"]'
        );
        const lines = await heading.locator('text').allTextContents();
        // Broken after a hyphen, the rest cut: two lines that start the name, the second ending in `…`.
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(/^› international-/);
        expect(lines[1]).toMatch(/…$/);
        expect('› international-cyberspace-governance-and-security-review'.startsWith(lines.join('').slice(0, -1))).toBe(true);
        // Each line within the column, the column within the band above the rows.
        const [column, cell] = [
            (await heading.locator('rect').boundingBox())!,
            (await page.locator('#matrix-canvas a.cell rect').boundingBox())!
        ];
        for (const line of await heading.locator('text').all()) {
            const box = (await line.boundingBox())!;
            expect(box.x + box.width).toBeLessThanOrEqual(column.x + column.width);
            expect(box.y).toBeGreaterThanOrEqual(column.y);
        }
        expect(cell.width).toBe(column.width);
        const cli = toMatrixSvg(arrangeMatrix(long.charts!.matrix, {}), uri => uri);
        expect(cli).toContain('>› international-cyberspace-governance-and-security-review</text>');
        expect(errors).toEqual([]);
        await page.close();
    });
});
