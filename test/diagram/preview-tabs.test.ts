/**
 * The preview page's matrix and timeline tabs, its relation toggles, its
 * one-row toolbar at half a window and its Export PNG, in headless Chromium
 * against the real page (dist/webview.js) with what the language server
 * sends it.
 */
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrangeMatrix } from '../../src/diagram/matrix-arrange.js';
import { toMatrixSvg } from '../../src/diagram/matrix-svg.js';
import type { DiagramSuccess } from '../../src/diagram/protocol.js';
import { pageMessage } from '../../src/extension/from-page.js';
import { requirePrerequisite, skipWithout } from '../prerequisites.js';
import { exampleFiles } from './helpers.js';
import { diagramOf, launch, missing, openPreview, RESULTS, send, type Theme } from './preview-browser.js';

const TUTORIAL = exampleFiles('examples/tutorial');
const FLAGSHIP = exampleFiles('examples/china-cyber');
const POLL = { timeout: 10_000 };

interface Posted {
    type: string;
    id?: string;
    tab?: string;
    data?: string;
}

describe.skipIf(skipWithout(missing))("the preview's tabs, toggles, toolbar and PNG in Chromium", () => {
    let browser: Browser;
    let dataMap: DiagramSuccess;
    let cac: DiagramSuccess;

    beforeAll(async () => {
        requirePrerequisite(missing);
        browser = await launch();
        [dataMap, cac] = await Promise.all([diagramOf(TUTORIAL, 'tutorial', 'data-map'), diagramOf(FLAGSHIP, 'china.cyber', 'cac')]);
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
    });

    async function show(diagram: DiagramSuccess, view: string, options: { theme?: Theme; width?: number; height?: number } = {}) {
        const opened = await openPreview(browser, { width: 900, height: 800, ...options });
        await send(opened.page, { type: 'diagram', diagram, view });
        await opened.page.waitForSelector('#canvas svg g.node');
        return opened;
    }

    /** Every cell of the matrix tab as `institution × mandate: roles (status)`, in the order drawn (rows, then columns). */
    const cells = (page: Page) =>
        page.$$eval('#matrix-canvas a.cell', as =>
            as.map(a => {
                const [, institution, mandate] = /^matrix\/cell:(.*):([^:]*)$/.exec(a.id)!;
                return `${institution} × ${mandate}: ${a.querySelector('text')!.textContent} (${a.getAttribute('class')!.replace('cell cell-', '')})`;
            })
        );
    const rows = (selector: string) => (page: Page) =>
        page.$$eval(`${selector} g.row`, gs => gs.map(g => g.id.replace(/^\w+\/institution:/, '')));

    it("the matrix tab: the tutorial's cells at the view's date, the dispute orange, a click goes to the claim; sorted and filtered by mandate", async () => {
        const { page, posted, errors } = await show(dataMap, 'data-map');
        expect(await page.locator('#matrix-panel').isVisible()).toBe(false);
        await page.click('#tab-matrix');
        await page.waitForSelector('#matrix-canvas svg a.cell');
        expect(await page.locator('#viewport').isVisible()).toBe(false);
        expect((await cells(page)).sort()).toEqual([
            'tutorial.DPA × tutorial.privacy: leads (dispute)',
            'tutorial.MDA × tutorial.data: coordinates (plain)',
            'tutorial.MDA × tutorial.open-data: leads (plain)',
            'tutorial.Police × tutorial.privacy: leads (dispute)',
            'tutorial.STAT × tutorial.open-data: shares (plain)',
            'tutorial.STAT × tutorial.privacy: supports (plain)'
        ]);
        const stroke = (id: string) =>
            page.evaluate(`getComputedStyle(document.getElementById(${JSON.stringify(id)}).querySelector('rect')).stroke`);
        expect(await stroke('matrix/cell:tutorial.DPA:tutorial.privacy')).toBe('rgb(166, 83, 0)');

        await page.click('[id="matrix/cell:tutorial.DPA:tutorial.privacy"]');
        const reveal = ((await posted()) as Posted[]).find(m => m.type === 'reveal');
        expect(reveal).toEqual({ type: 'reveal', id: 'cell:tutorial.DPA:tutorial.privacy' });
        // What the extension looks the id up in: the claim `leads privacy` of DPA, line 48 of the tutorial.
        expect(dataMap.charts!.sources[reveal!.id!]).toMatchObject({
            uri: expect.stringMatching(/tutorial\.polity$/),
            range: { start: { line: 47, character: 8 } }
        });

        const hover = page.locator('[id="matrix/cell:tutorial.Police:tutorial.privacy"]');
        await hover.hover();
        await expect.poll(() => page.locator('#tooltip').isVisible(), POLL).toBe(true);
        expect(await page.locator('#tooltip').textContent()).toContain('recorded dispute with');

        // A click on a mandate's heading sorts by it: the institutions holding open-data first.
        const before = await rows('#matrix-canvas')(page);
        await page.click('[id="matrix/mandate:tutorial.open-data"]');
        const sorted = await rows('#matrix-canvas')(page);
        expect(sorted.slice(0, 2).sort()).toEqual(['tutorial.MDA', 'tutorial.STAT']);
        expect(sorted.slice(2)).toEqual(before.filter(r => !['tutorial.MDA', 'tutorial.STAT'].includes(r)));
        expect(await page.inputValue('#matrix-sort')).toBe('tutorial.open-data');

        await page.selectOption('#matrix-subtree', 'tutorial.open-data');
        expect((await cells(page)).sort()).toEqual([
            'tutorial.MDA × tutorial.open-data: leads (plain)',
            'tutorial.STAT × tutorial.open-data: shares (plain)'
        ]);
        expect(await page.$$eval('#matrix-canvas g.mandate', gs => gs.map(g => g.id))).toEqual(['matrix/mandate:tutorial.open-data']);

        // An update of the model keeps the tab and the reader's arrangement.
        await send(page, { type: 'diagram', diagram: dataMap, view: 'data-map' });
        await expect.poll(() => page.locator('#matrix-canvas a.cell').count(), POLL).toBe(2);
        expect(await page.locator('#matrix-panel').isVisible()).toBe(true);
        expect(errors).toEqual([]);
        await page.screenshot({ path: path.join(RESULTS, 'preview-matrix-tab.png') });
        await page.close();
    });

    it("the timeline tab: a row per institution, its bars, and the slider's date as a line", async () => {
        const { page, posted } = await show(dataMap, 'data-map');
        await page.click('#tab-timeline');
        await page.waitForSelector('#timeline-canvas svg a.bar');
        expect(await rows('#timeline-canvas')(page)).toEqual(['tutorial.Police', 'tutorial.STAT', 'tutorial.MDA', 'tutorial.DPA']);
        const bars = await page.$$eval('#timeline-canvas a.bar', as =>
            as.map(a => `${a.id.split(':')[1]}: ${a.querySelector('text')!.textContent} (${a.getAttribute('class')})`)
        );
        expect(bars).toEqual(
            expect.arrayContaining([
                'tutorial.MDA: coordinates data (bar bar-plain)',
                'tutorial.DPA: leads privacy (bar bar-dispute)',
                'tutorial.Police: leads privacy (bar bar-dispute)'
            ])
        );
        const yearX = (year: number) =>
            page.$$eval(
                '#timeline-canvas text',
                (ts, y) => ts.find(t => t.textContent === String(y))!.getBoundingClientRect().left - 2,
                year
            );
        const line = await page.locator('#timeline-canvas [id="timeline/at"] line').evaluate(e => e.getBoundingClientRect().left);
        expect(Math.abs(line - (await yearX(2021)))).toBeLessThan(2);

        // The slider moves the line: the host asks for another date, and the answer draws it there.
        const later = await diagramOf(TUTORIAL, 'tutorial', 'data-map', '2023');
        await send(page, { type: 'diagram', diagram: later, view: 'data-map', at: '2023' });
        await expect
            .poll(
                async () =>
                    Math.abs(
                        (await page.locator('#timeline-canvas [id="timeline/at"] line').evaluate(e => e.getBoundingClientRect().left)) -
                            (await yearX(2023))
                    ),
                POLL
            )
            .toBeLessThan(2);
        expect(await page.locator('#timeline-panel').isVisible()).toBe(true);

        await page.click('[id="timeline/bar:tutorial.Police:0"]');
        const reveal = ((await posted()) as Posted[]).find(m => m.type === 'reveal');
        expect(later.charts!.sources[reveal!.id!]?.range.start.line).toBe(60); // `leads privacy from 2020 to 2024`, line 61
        await page.screenshot({ path: path.join(RESULTS, 'preview-timeline-tab.png') });
        await page.close();
    });

    it('a legend entry per relation kind hides and shows its lines, and the choice holds across updates', async () => {
        const { page } = await show(cac, 'cac');
        const kinds = [...new Set(cac.links.map(l => l.relation).filter((k): k is string => k !== undefined))];
        expect(kinds.length).toBeGreaterThan(1);
        const kind = kinds.includes('personnel-link') ? 'personnel-link' : kinds[0];
        const ofKind = cac.links.filter(l => l.relation === kind).map(l => l.id);
        const others = cac.links.filter(l => l.relation !== kind).map(l => l.id);
        const visible = (ids: string[]) =>
            page.evaluate(`${JSON.stringify(ids)}.filter(id => {
            const edge = document.getElementById(id);
            return edge && getComputedStyle(edge).display !== 'none' && edge.getBoundingClientRect().width > 0;
        }).length`) as Promise<number>;
        expect(await visible(ofKind)).toBe(ofKind.length);
        const toggle = page.locator(`#legend-panel button.toggle[data-relation="${kind}"]`);
        expect(await toggle.getAttribute('aria-pressed')).toBe('true');
        await toggle.click();
        expect(await visible(ofKind)).toBe(0);
        expect(await visible(others)).toBe(others.length);
        expect(await page.locator(`#legend-panel button.toggle[data-relation="${kind}"]`).getAttribute('aria-pressed')).toBe('false');

        await send(page, { type: 'diagram', diagram: cac, view: 'cac' });
        await page.waitForTimeout(100);
        expect(await visible(ofKind)).toBe(0);
        await page.locator(`#legend-panel button.toggle[data-relation="${kind}"]`).click();
        expect(await visible(ofKind)).toBe(ofKind.length);
        await page.close();
    });

    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
        it(`keeps the toolbar on one row at 510 px (${theme}); the ⋯ menu holds the rest, inside the pane`, async () => {
            const { page } = await show(cac, 'cac', { width: 510, theme });
            const box = (selector: string) => page.locator(selector).boundingBox();
            const toolbar = (await box('.toolbar'))!;
            const tab = (await box('#tab-diagram'))!;
            expect(toolbar.height).toBeLessThan(2 * tab.height);
            for (const control of ['#tab-diagram', '#tab-matrix', '#tab-timeline', '#view', '#date', '#search', '#more']) {
                const b = (await box(control))!;
                expect(b.width, control).toBeGreaterThan(10);
                expect(b.x + b.width, control).toBeLessThanOrEqual(510);
                expect(Math.abs(b.y + b.height / 2 - (tab.y + tab.height / 2)), control).toBeLessThan(4);
            }
            await page.click('#more');
            for (const control of ['#date-reset', '#focus', '#export', '#export-png', '#fit', '#zoom-in']) {
                const b = (await box(control))!;
                expect(b.x + b.width, control).toBeLessThanOrEqual(510);
                expect(b.x, control).toBeGreaterThanOrEqual(0);
            }
            await page.click('#fit');
            expect(await page.locator('#menu').isVisible()).toBe(false);
            await page.click('#more');
            await page.screenshot({ path: path.join(RESULTS, `preview-toolbar-510-${theme}.png`) });
            await page.keyboard.press('Escape');
            expect(await page.locator('#menu').isVisible()).toBe(false);
            await page.close();
        });
    }

    /** The PNG the page posts, decoded; how many of its pixels are not white. */
    async function exported(page: Page, posted: () => Promise<unknown[]>): Promise<{ png: PNG; tab?: string; inked: number }> {
        await page.click('#more');
        await page.click('#export-png');
        await expect.poll(async () => ((await posted()) as Posted[]).some(m => m.type === 'png'), POLL).toBe(true);
        const message = ((await posted()) as Posted[]).filter(m => m.type === 'png').pop()!;
        // The extension accepts it as the page's PNG.
        expect(pageMessage(message)).toEqual(message);
        const png = PNG.sync.read(Buffer.from(message.data!, 'base64'));
        let inked = 0;
        for (let i = 0; i < png.data.length; i += 4) if ([0, 1, 2].some(c => (png.data[i + c] ?? 255) < 240)) inked++;
        return { png, tab: message.tab, inked };
    }

    it("Export PNG draws the diagram shown at twice its size, not blank, without the lines turned off; and the matrix tab's", async () => {
        const { page, posted, errors, outside } = await show(cac, 'cac');
        const size = (await page.evaluate(`(() => { const svg = document.querySelector('#canvas svg');
            return [svg.width.baseVal.value, svg.height.baseVal.value]; })()`)) as [number, number];
        const whole = await exported(page, posted);
        expect(whole.tab).toBe('diagram');
        expect([whole.png.width, whole.png.height]).toEqual([Math.round(2 * size[0]), Math.round(2 * size[1])]);
        expect(whole.inked / (whole.png.width * whole.png.height)).toBeGreaterThan(0.02);

        const kind = cac.links.find(l => l.relation !== undefined)!.relation!;
        await page.locator(`#legend-panel button.toggle[data-relation="${kind}"]`).click();
        const fewer = await exported(page, posted);
        expect(fewer.inked).toBeLessThan(whole.inked);

        await page.click('#tab-matrix');
        // The matrix as the CLI draws it, its names whole (the tab cuts long ones: its tooltips give them whole), in points.
        const cli = toMatrixSvg(arrangeMatrix(cac.charts!.matrix, {}), uri => uri);
        const pixels = (side: string) => (Number(new RegExp(`${side}="([\\d.]+)pt"`).exec(cli)![1]) * 4) / 3;
        const matrix = await exported(page, posted);
        expect(matrix.tab).toBe('matrix');
        expect([matrix.png.width, matrix.png.height]).toEqual([Math.round(2 * pixels('width')), Math.round(2 * pixels('height'))]);
        expect(matrix.inked).toBeGreaterThan(0);
        expect(outside).toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
    });

    it('a message that is not a PNG is not taken for one', () => {
        expect(pageMessage({ type: 'png', tab: 'diagram', data: Buffer.from('<svg/>').toString('base64') })).toBeUndefined();
        expect(pageMessage({ type: 'png', tab: 'elsewhere', data: 'iVBORw0KGgoAAAA' })).toBeUndefined();
        expect(pageMessage({ type: 'png', tab: 'matrix', data: 'iVBORw0KGgo<script>' })).toBeUndefined();
    });
});
