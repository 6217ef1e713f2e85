/**
 * Reading and exploring a picture in the real preview page (headless
 * Chromium): the scale it opens at, zooming, search, focus, the cursor's
 * node, the date read-out, and colours legible on light, dark and
 * high-contrast themes.
 */
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagramSuccess } from '../../src/diagram/protocol.js';
import { requirePrerequisite, skipWithout } from '../prerequisites.js';
import { exampleFiles } from './helpers.js';
import { diagramOf, launch, missing, openPreview, RESULTS, send, type Theme } from './preview-browser.js';

const FLAGSHIP = exampleFiles('examples/china-cyber');
const id = (key: string) => `institution:china.cyber.${key}`;
/** The machine is shared: a glide or a debounce may take longer than its nominal time. */
const POLL = { timeout: 10_000 };

/** WCAG 2 contrast of two `rgb(…)` colours, written out here independently of the page's own. */
function contrast(a: string, b: string): number {
    const lum = (text: string) => {
        const [r = 0, g = 0, b2 = 0] = (text.match(/\d+(\.\d+)?/g) ?? [])
            .slice(0, 3)
            .map(Number)
            .map(c => {
                const s = c / 255;
                return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
            });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
    };
    const [x, y] = [lum(a), lum(b)];
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** The scale of the picture, as the page sets it (the buttons then glide there). */
// Browser code goes to the page as text: the tests' own TypeScript has Node's globals, not the DOM's.
const scale = (page: Page) => page.evaluate("new DOMMatrix(document.getElementById('canvas').style.transform).a") as Promise<number>;

/**
 * The font size, in CSS pixels, at which the page draws a node's first label
 * line: its width on screen against the width of the same text in the same
 * font drawn at 100 px on a canvas.
 */
function renderedFontPx(page: Page, nodeId: string): Promise<number> {
    return page.evaluate(`(() => {
        const text = document.querySelector('g[id="${nodeId}"] text');
        const style = getComputedStyle(text);
        const context = document.createElement('canvas').getContext('2d');
        context.font = style.fontWeight + ' 100px ' + style.fontFamily;
        return 100 * text.getBoundingClientRect().width / context.measureText(text.textContent).width;
    })()`) as Promise<number>;
}

/** Whether the element's box lies inside the viewport's. */
function inSight(page: Page, selector: string): Promise<boolean> {
    return page.evaluate(`(() => {
        const box = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
        const view = document.getElementById('viewport').getBoundingClientRect();
        return box.width > 0 && box.left >= view.left - 1 && box.top >= view.top - 1 && box.right <= view.right + 1 && box.bottom <= view.bottom + 1;
    })()`) as Promise<boolean>;
}

describe.skipIf(skipWithout(missing))('reading and exploring the preview in Chromium', () => {
    let browser: Browser;
    let overview: DiagramSuccess;
    let cac: DiagramSuccess;

    beforeAll(async () => {
        requirePrerequisite(missing);
        browser = await launch();
        [overview, cac] = await Promise.all([diagramOf(FLAGSHIP, 'china.cyber', 'overview'), diagramOf(FLAGSHIP, 'china.cyber', 'cac')]);
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
    });

    async function show(diagram: DiagramSuccess, view: string, options: { theme?: Theme; width?: number; height?: number } = {}) {
        const opened = await openPreview(browser, { width: 700, height: 800, ...options });
        await send(opened.page, { type: 'diagram', diagram, view });
        await opened.page.waitForSelector(`g[id="${id('CAC')}"]`);
        return opened;
    }

    it('opens the flagship overview in a 700×800 pane with labels no smaller than the editor font, title and legend in sight', async () => {
        const { page, errors } = await show(overview, 'overview');
        const px = await renderedFontPx(page, id('CAC'));
        console.log(`overview in 700×800: scale ${(await scale(page)).toFixed(3)}, CAC's label ${px.toFixed(1)} px`);
        expect(px).toBeGreaterThanOrEqual(14 * 0.97); // the editor's 14 px, within the font's rounding
        await page.screenshot({ path: path.join(RESULTS, 'diagram-preview-overview-700.png') });
        expect(await page.locator('#caption').textContent()).toBe("China's cyber governance system in 2020as of 2020");
        expect(await inSight(page, '#caption')).toBe(true);
        expect(await inSight(page, '#legend-panel')).toBe(true);
        // The legend lists exactly what the picture uses.
        expect(await page.locator('#legend-panel li').allTextContents()).toEqual(overview.legend.map(item => item.label));
        await page.screenshot({ path: path.join(RESULTS, 'diagram-preview-overview-700.png') });
        expect(errors).toEqual([]);
        await page.close();
    });

    it('the cac view in half of a 1400×900 window: legible, and its legend lists every relation kind it draws', async () => {
        const { page } = await show(cac, 'cac', { width: 700, height: 830 });
        const px = await renderedFontPx(page, id('CAC'));
        console.log(`cac in 700×830: scale ${(await scale(page)).toFixed(3)}, CAC's label ${px.toFixed(1)} px`);
        expect(px).toBeGreaterThanOrEqual(14 * 0.97);
        expect(await page.locator('#legend-panel li').allTextContents()).toEqual(
            expect.arrayContaining(['advises', 'member-of', 'office-of', 'oversees'])
        );
        await page.close();
    });

    it("a small view opens with all it draws in sight: the fit leaves out the SVG's own title and legend, which the page hides", async () => {
        const turf = await diagramOf(FLAGSHIP, 'china.cyber', 'cii-turf');
        const { page } = await show(turf, 'cii-turf', { width: 510, height: 780 });
        await expect.poll(() => inSight(page, `g[id="${id('CAC')}"]`), POLL).toBe(true);
        expect(await inSight(page, `g[id="${id('MPS')}"]`)).toBe(true);
        await page.close();
    });

    it('zooms with the buttons, the keys + − 0, the wheel in small steps and a pinch; Fit shows the whole picture', async () => {
        const { page } = await show(overview, 'overview');
        const settled = () => scale(page);
        const start = await settled();
        await page.click('#zoom-in');
        expect(await settled()).toBeCloseTo(start * 1.25, 3);
        await page.click('#zoom-out');
        expect(await settled()).toBeCloseTo(start, 3);
        await page.click('#zoom-reset');
        expect(await settled()).toBeCloseTo(1, 3);
        await page.click('#fit');
        // Whole: every institution and cluster drawn (the SVG's own title and legend, hidden, may lie outside).
        const outside = `(() => {
            const view = document.getElementById('viewport').getBoundingClientRect();
            return [...document.querySelectorAll('#canvas g.node:not(#legend), #canvas g.cluster')].filter(g => {
                const box = g.getBoundingClientRect();
                return box.left < view.left - 1 || box.top < view.top - 1 || box.right > view.right + 1 || box.bottom > view.bottom + 1;
            }).length;
        })()`;
        await expect.poll(() => page.evaluate(outside), POLL).toBe(0);

        await page.locator('#viewport').focus();
        const fitted = await scale(page);
        await page.keyboard.press('+');
        expect(await settled()).toBeCloseTo(fitted * 1.25, 3);
        await page.keyboard.press('-');
        expect(await settled()).toBeCloseTo(fitted, 3);
        await page.keyboard.press('0');
        expect(await settled()).toBeCloseTo(1, 3);

        // One notch of a mouse wheel is a small step, not a jump.
        await page.mouse.move(350, 400);
        await page.mouse.wheel(0, -100);
        const notch = (await settled()) / 1;
        expect(notch).toBeGreaterThan(1.05);
        expect(notch).toBeLessThan(1.2);
        // A pinch on a touchpad arrives as wheel events with ctrlKey.
        await page.evaluate(
            "document.getElementById('viewport').dispatchEvent(new WheelEvent('wheel', { deltaY: -20, ctrlKey: true, clientX: 350, clientY: 400, bubbles: true, cancelable: true }))"
        );
        expect(await settled()).toBeCloseTo(notch * Math.exp(0.2), 3);
        await page.close();
    });

    it('fits again when the picture changes shape, unless the user has zoomed', async () => {
        const earlier = await diagramOf(FLAGSHIP, 'china.cyber', 'overview', '2013');
        const fresh = await show(earlier, 'overview');
        const fittedEarlier = await fresh.page.locator('#canvas').evaluate(e => e.style.transform);
        await fresh.page.close();

        const { page } = await show(overview, 'overview');
        const transform = () => page.locator('#canvas').evaluate(e => e.style.transform);
        const first = await transform();
        await send(page, { type: 'diagram', diagram: earlier, view: 'overview', at: '2013' });
        await expect.poll(transform, POLL).toBe(fittedEarlier);
        expect(fittedEarlier).not.toBe(first);

        await page.click('#zoom-in');
        const zoomed = await transform();
        await send(page, { type: 'diagram', diagram: overview, view: 'overview' });
        await page.waitForTimeout(200);
        expect(await transform()).toBe(zoomed);
        await page.close();
    });

    it('finds institutions by name, title and former name, marks them and brings them into sight', async () => {
        const { page } = await show(overview, 'overview');
        const found = () => page.locator('g.node.match').evaluateAll(nodes => nodes.map(n => n.id).sort());
        await page.fill('#search', 'Cyberspace');
        await expect.poll(found, POLL).toContain(id('CAC'));
        expect(await found()).toEqual(
            Object.keys(overview.names)
                .filter(k => overview.names[k]?.some(n => n.includes('Cyberspace')))
                .sort()
        );
        expect(await page.locator('#search-count').textContent()).toBe(`${(await found()).length} found`);
        await expect.poll(() => inSight(page, `g[id="${id('CAC')}"]`), POLL).toBe(true);

        // The CAC's name until 2014, and the CCCI's until 2018: neither is drawn in 2020.
        await page.fill('#search', 'state internet information office');
        await expect.poll(found, POLL).toEqual([id('CAC')]);
        await page.fill('#search', 'Leading Group for Cybersecurity');
        await expect.poll(found, POLL).toEqual([id('CCCI')]);
        await expect.poll(() => inSight(page, `g[id="${id('CCCI')}"]`), POLL).toBe(true);
        await page.fill('#search', 'no such body');
        await expect.poll(() => page.locator('#search-count').textContent(), POLL).toBe('none found');
        await page.press('#search', 'Escape');
        await expect.poll(found, POLL).toEqual([]);
        await page.close();
    });

    it("focuses on a clicked institution's neighbourhood, to a chosen depth or along the hierarchy, and Escape leaves", async () => {
        const { page, posted } = await show(overview, 'overview');
        const mps = id('MPS');
        const linked = (ids: Set<string>) =>
            new Set([...ids, ...overview.links.flatMap(l => (ids.has(l.from) ? [l.to] : ids.has(l.to) ? [l.from] : []))]);
        const shown = () => page.locator('g.node:not(.faded):not(#legend)').evaluateAll(nodes => nodes.map(n => n.id).sort());

        await page.fill('#search', 'Ministry of Public Security');
        await expect.poll(() => inSight(page, `g[id="${mps}"]`), POLL).toBe(true);
        await page.locator(`g[id="${mps}"]`).click();
        const one = linked(new Set([mps]));
        await expect.poll(shown, POLL).toEqual([...one].sort());
        expect(one.size).toBeGreaterThan(2);
        // The search still holds its text: its dimming gives way to the focus, which draws the neighbourhood whole.
        expect(
            await page.evaluate(
                `[...document.querySelectorAll('g.node:not(.faded):not(#legend)')].filter(n => getComputedStyle(n).opacity !== '1').map(n => n.id)`
            )
        ).toEqual([]);
        expect((await posted()).at(-1)).toEqual({ type: 'reveal', id: mps });
        expect(await page.locator('g.edge:not(.faded)').evaluateAll(edges => edges.map(e => e.id))).toEqual(
            expect.arrayContaining(overview.links.filter(l => l.from === mps || l.to === mps).map(l => l.id))
        );
        // The neighbourhood spans the picture: the MPS stays legible in the middle rather than everything tiny.
        await expect.poll(() => inSight(page, `g[id="${mps}"]`), POLL).toBe(true);
        expect(await renderedFontPx(page, mps)).toBeGreaterThanOrEqual(14 * 0.97);
        await page.screenshot({ path: path.join(RESULTS, 'diagram-preview-focus.png') });

        // The depth is in the toolbar's ⋯ menu.
        await page.click('#more');
        await page.selectOption('#focus', 'neighbours:2');
        await expect.poll(shown, POLL).toEqual([...linked(one)].sort());
        await page.selectOption('#focus', 'upstream:Infinity');
        const superiors = overview.links.filter(l => l.hierarchy && l.to === mps).map(l => l.from);
        const up = new Set([mps]);
        for (let grown = true; grown;) {
            const before = up.size;
            overview.links.filter(l => l.hierarchy && up.has(l.to)).forEach(l => up.add(l.from));
            grown = up.size > before;
        }
        expect(superiors.every(s => up.has(s))).toBe(true);
        await expect.poll(shown, POLL).toEqual([...up].sort());

        await page.locator('#viewport').focus();
        // The first Escape closes the ⋯ menu, as VS Code's menus do; the next leaves the focus.
        await page.keyboard.press('Escape');
        expect(await page.locator('#menu').isVisible()).toBe(false);
        expect(await page.locator('g.faded').count()).toBeGreaterThan(0);
        await page.keyboard.press('Escape');
        await expect.poll(() => page.locator('g.faded').count(), POLL).toBe(0);
        await page.close();
    });

    it("marks the node the editor's cursor is on and brings it into sight", async () => {
        const { page } = await show(overview, 'overview');
        const target = id('CNCERT');
        await send(page, { type: 'highlight', id: target });
        await expect.poll(() => page.locator('g.node.highlighted').evaluateAll(nodes => nodes.map(n => n.id)), POLL).toEqual([target]);
        await expect.poll(() => inSight(page, `g[id="${target}"]`), POLL).toBe(true);
        // Still marked after the picture is redrawn; gone when the cursor leaves.
        await send(page, { type: 'diagram', diagram: overview, view: 'overview' });
        await page.waitForTimeout(100);
        expect(await page.locator('g.node.highlighted').count()).toBe(1);
        await send(page, { type: 'highlight' });
        await expect.poll(() => page.locator('g.node.highlighted').count(), POLL).toBe(0);
        await page.close();
    });

    it('says which date is shown while the model has errors, never nothing', async () => {
        const { page } = await openPreview(browser, { width: 700, height: 800 });
        await send(page, {
            type: 'error',
            message: 'The model has 1 error: views.polity:3: boom',
            views: overview.views,
            dates: overview.dates,
            view: 'overview',
            drawn: '2020'
        });
        await expect.poll(() => page.locator('#date-value').textContent(), POLL).toBe('2020');
        await send(page, { type: 'diagram', diagram: overview, view: 'overview' });
        await page.waitForSelector(`g[id="${id('CAC')}"]`);
        await send(page, { type: 'error', message: 'The model has 1 error: views.polity:3: boom', view: 'overview' });
        await expect.poll(() => page.locator('#notice').isVisible(), POLL).toBe(true);
        expect(await page.locator('#date-value').textContent()).toBe('2020');
        await page.close();
    });

    it("cuts off no control in the pane code-server gives it at 1400×900 with the side bar open (510 px); the SVG's own legend stays hidden", async () => {
        const { page } = await show(overview, 'overview', { width: 510 });
        expect(await page.evaluate(`getComputedStyle(document.querySelector('#canvas g[id="legend"]')).display`)).toBe('none');
        // Nothing is cut off at the pane's right edge, in the toolbar or in its ⋯ menu.
        await page.click('#more');
        for (const control of ['#export', '#fit', '#date-reset', '#search', '#focus']) {
            expect(await page.evaluate(`document.querySelector('${control}').getBoundingClientRect().right <= innerWidth`), control).toBe(
                true
            );
        }
        // Every legend entry whole, inside the legend.
        expect(
            await page.evaluate(`(() => {
                const panel = document.getElementById('legend-panel').getBoundingClientRect();
                return [...document.querySelectorAll('#legend-panel li')]
                    .filter(li => li.getBoundingClientRect().right > panel.right + 0.5 || li.scrollWidth > li.clientWidth + 0.5)
                    .map(li => li.textContent);
            })()`)
        ).toEqual([]);
        // While an institution is focused on, "Leave focus" shows: it and ⋯ stay in the pane.
        await page.keyboard.press('Escape');
        await page.locator(`g[id="${id('CAC')}"]`).click();
        await page.locator('#focus-leave').waitFor({ state: 'visible' });
        for (const control of ['#focus-leave', '#more']) {
            expect(await page.evaluate(`document.querySelector('${control}').getBoundingClientRect().right <= innerWidth`), control).toBe(
                true
            );
        }
        await page.close();
    });

    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
        it(`draws edge labels (AA) and lines and legend samples (3:1) legible on the ${theme} theme; the toolbar keeps one row and its buttons' look`, async () => {
            const { page } = await show(overview, 'overview', { theme });
            const background = (await page.evaluate('getComputedStyle(document.body).backgroundColor')) as string;
            const colours = (selector: string, property: 'fill' | 'stroke') =>
                page.evaluate(`[...new Set([...document.querySelectorAll(${JSON.stringify(selector)})]
                .map(e => getComputedStyle(e).getPropertyValue('${property}')).filter(c => c.startsWith('rgb')))]`) as Promise<string[]>;
            const labels = await colours('#canvas g.edge text', 'fill');
            expect(labels.length).toBeGreaterThan(0);
            for (const colour of labels)
                expect.soft(contrast(colour, background), `label ${colour} on ${background}`).toBeGreaterThanOrEqual(4.5);
            for (const colour of [
                ...(await colours('#canvas g.edge path', 'stroke')),
                ...(await colours('#legend-panel svg line', 'stroke'))
            ]) {
                expect.soft(contrast(colour, background), `line ${colour} on ${background}`).toBeGreaterThanOrEqual(3);
            }
            const toolbar = await page.locator('.toolbar').boundingBox();
            const button = await page.locator('#fit').boundingBox();
            expect(toolbar!.height).toBeLessThan(2 * button!.height + 8);
            const look = (await page.evaluate(
                "[getComputedStyle(document.getElementById('fit')).backgroundColor, getComputedStyle(document.getElementById('fit')).borderTopColor]"
            )) as string[];
            expect(look.some(c => c !== background && c !== 'rgba(0, 0, 0, 0)')).toBe(true);
            // In one row, the picker may be narrower than a long title in half a window: its tooltip has it whole.
            expect(await page.locator('#view').getAttribute('title')).toBe(await page.locator('#view option:checked').textContent());
            await page.setViewportSize({ width: 1400, height: 800 });
            // In a whole window, the picker is wide enough for the view's whole title.
            const room = (await page.evaluate(`(() => {
                const select = document.getElementById('view');
                const context = document.createElement('canvas').getContext('2d');
                const style = getComputedStyle(select);
                context.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
                return select.clientWidth - context.measureText(select.selectedOptions[0].textContent).width;
            })()`)) as number;
            expect(room).toBeGreaterThan(16); // the arrow's room
            await page.screenshot({ path: path.join(RESULTS, `diagram-preview-overview-${theme}.png`) });
            await page.close();
        });
    }
});
