import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requirePrerequisite, skipWithout } from '../prerequisites.js';
import { exampleFiles } from './helpers.js';
import { diagramOf, launch, missing, openPreview, RESULTS, send, type Theme } from './preview-browser.js';

const HOSTILE = `model evil

mandate stuff "Stuff"
institution Evil "<script>window.pwned = 1</script> \\"quoted\\" & ]]> <img src=x onerror=window.pwned=2>" {
  kind ministry
  leads stuff
}
institution Other "Other & Co" {
  kind agency
  leads stuff since 2010
}
view v "View <script>window.pwned = 3</script>" { include * }
`;

describe.skipIf(skipWithout(missing))('the preview page in Chromium', () => {
    let browser: Browser;

    beforeAll(async () => {
        requirePrerequisite(missing);
        browser = await launch();
        mkdirSync(RESULTS, { recursive: true });
    }, 30_000);

    afterAll(async () => {
        await browser?.close();
    });

    const open = (theme: Theme = 'light') => openPreview(browser, { theme });
    const pwned = (page: Page) => page.evaluate('window.pwned');

    it('shows hostile model strings as text, runs none of them, and posts reveal on a click', async () => {
        const { page, posted, errors } = await open();
        expect(await posted()).toEqual([{ type: 'ready' }]);
        const diagram = await diagramOf({ 'evil.polity': HOSTILE }, 'evil', 'v', '2020');
        await send(page, { type: 'diagram', diagram, view: 'v' });
        await page.waitForSelector('#canvas svg g.node');

        expect(await pwned(page)).toBeUndefined();
        expect(await page.locator('#canvas script, #canvas img, #canvas foreignObject').count()).toBe(0);
        const text = ((await page.locator('#canvas svg').textContent()) ?? '').replace(/\s+/g, ' ');
        expect(text).toContain('<script>window.pwned = 1</script> "quoted" & ]]> <img src=x onerror=window.pwned=2>');
        expect(text).toContain('View <script>window.pwned = 3</script>');
        expect(await page.locator('#view option').allTextContents()).toEqual(['Whole model', 'View <script>window.pwned = 3</script> (v)']);
        expect(await page.locator('#caption').textContent()).toBe('View <script>window.pwned = 3</script>as of 2020');
        expect(
            await page
                .locator('#caption *, #legend-panel *')
                .evaluateAll(all => all.filter(e => ['script', 'img'].includes(e.localName)).length)
        ).toBe(0);

        const node = page.locator('g[id="institution:evil.Evil"]');
        await node.hover();
        const tooltip = page.locator('#tooltip');
        await expect.poll(() => tooltip.isVisible()).toBe(true);
        expect(await tooltip.locator('strong').textContent()).toBe(
            'Evil — <script>window.pwned = 1</script> "quoted" & ]]> <img src=x onerror=window.pwned=2>'
        );
        expect(await tooltip.locator('img, script').count()).toBe(0);
        expect(await tooltip.textContent()).toContain('leads stuff (always)');

        await node.click();
        const reveal = (await posted()).find(m => (m as { type: string }).type === 'reveal');
        // Only the element's id: the extension looks its declaration up in the diagram it sent.
        expect(reveal).toEqual({ type: 'reveal', id: 'institution:evil.Evil' });
        expect(errors).toEqual([]);
        await page.screenshot({ path: path.join(RESULTS, 'diagram-preview-hostile.png') });
        await page.close();
    });

    it('strips scripts, embedded HTML, handlers and outside links from an SVG that carries them', async () => {
        const { page, errors } = await open();
        const diagram = await diagramOf({ 'evil.polity': HOSTILE }, 'evil');
        const svg = diagram.svg.replace(
            '<g id="diagram"',
            [
                '<script>window.pwned = 4</script>',
                '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="window.pwned = 5"/></div></foreignObject>',
                '<a href="javascript:window.pwned = 6"><text id="link">link</text></a>',
                '<image href="https://example.com/tracker.png"/>',
                '<g id="diagram" onmouseover="window.pwned = 7"'
            ].join('')
        );
        await send(page, { type: 'diagram', diagram: { ...diagram, svg } });
        await page.waitForSelector('#canvas svg g.node');
        await page.locator('#link').click({ force: true });
        await page.mouse.move(300, 300);
        expect(await pwned(page)).toBeUndefined();
        expect(
            await page.locator('#canvas script, #canvas foreignObject, #canvas image, #canvas [onmouseover], #canvas [href]').count()
        ).toBe(0);
        expect(errors).toEqual([]);
        await page.close();
    });

    it('keeps only the elements and attributes Graphviz writes, and nothing that refers outside the picture', async () => {
        const { page, errors, outside } = await open();
        const diagram = await diagramOf({ 'evil.polity': HOSTILE }, 'evil');
        const remote = 'https://example.com';
        const svg = diagram.svg.replace(
            '<g id="diagram"',
            [
                `<animateMotion dur="1s" repeatCount="indefinite" path="M0,0 L100,100"/>`,
                `<animateTransform attributeName="transform" type="rotate" from="0" to="360" dur="1s"/>`,
                `<animate attributeName="fill" to="url(${remote}/animate)" dur="1s"/><set attributeName="onclick" to="window.pwned = 8"/>`,
                `<filter id="f"><feImage href="${remote}/feimage.png"/></filter><style>@import url(${remote}/style.css);</style>`,
                `<use href="${remote}/use.svg#x"/><image href="${remote}/image.png"/><a xlink:href="${remote}/"><text id="outlink">out</text></a>`,
                `<polygon id="remote-fill" fill="url(${remote}/fill.svg#p)" stroke="url('${remote}/stroke')" points="0,0 10,10 0,10"/>`,
                `<polygon id="escaped-fill" fill="\\75 rl(${remote}/escaped)" points="0,0 10,10 0,10"/>`,
                `<polygon id="local-fill" fill="url(#diagram)" stroke="#ff0000" points="0,0 10,10 0,10"/>`,
                `<path id="styled" style="fill: url(${remote}/style-attribute)" mask="url(${remote}/mask)" filter="url(#f)" d="M0,0 L5,5"/>`,
                '<g id="diagram"'
            ].join('')
        );
        await send(page, { type: 'diagram', diagram: { ...diagram, svg } });
        await page.waitForSelector('#canvas svg g.node');
        await page.waitForTimeout(200);

        const kept = await page.locator('#canvas').evaluate(canvas =>
            [...canvas.querySelectorAll('*')].map(e => ({
                name: e.localName,
                id: e.id,
                attributes: [...e.attributes].map(a => [a.name, a.value])
            }))
        );
        expect(new Set(kept.map(e => e.name))).toEqual(new Set(['svg', 'g', 'a', 'path', 'polygon', 'polyline', 'text']));
        const values = kept.flatMap(e => e.attributes.map(([name, value]) => `${e.name}#${e.id} ${name}="${value}"`));
        // The page's own theme adjustment may set a plain colour inline (after sanitising); any other style is the input's and must be gone.
        const themeColour = /^\S+ style="(?:(?:fill|stroke|color): rgba?\([\d., ]+\);\s*)+"$/;
        expect(values.filter(v => !themeColour.test(v) && /url\s*\((?!#)|\\|https?:|href=|style=| on\w+=/i.test(v))).toEqual([]);
        expect(values).toContain('polygon#local-fill fill="url(#diagram)"');
        expect(values.filter(v => /#(remote|escaped)-fill fill=/.test(v))).toEqual([]);
        expect(outside).toEqual([]);
        expect(await pwned(page)).toBeUndefined();
        expect(errors).toEqual([]);
        await page.close();
    });

    it('says so when a diagram cannot be read, and keeps the last good one', async () => {
        const { page, errors } = await open();
        const notice = page.locator('#notice');
        const good = await diagramOf({ 'evil.polity': HOSTILE }, 'evil');
        // What Graphviz wrote before titles were escaped: U+FFFE is not a character XML allows.
        const unreadable = { ...good, svg: good.svg.replace('Other &amp; Co', 'Other \uFFFE Co') };
        expect(unreadable.svg).not.toBe(good.svg);

        await send(page, { type: 'diagram', diagram: unreadable });
        await expect.poll(() => notice.textContent()).toBe('The diagram could not be read: it is not a well-formed SVG.');
        expect(await page.locator('#empty').isVisible()).toBe(false);
        expect(await page.locator('#canvas svg').count()).toBe(0);

        await send(page, { type: 'diagram', diagram: good });
        await page.waitForSelector('g[id="institution:evil.Other"]');
        expect(await notice.isVisible()).toBe(false);

        for (const svg of [unreadable.svg, 'not an SVG', '<html xmlns="http://www.w3.org/1999/xhtml"/>']) {
            await send(page, { type: 'diagram', diagram: { ...good, svg } });
            await expect
                .poll(() => notice.textContent())
                .toBe('The diagram could not be read: it is not a well-formed SVG. The diagram shows the last good model.');
            expect(await page.locator('g[id="institution:evil.Other"]').count()).toBe(1);
            await send(page, { type: 'diagram', diagram: good });
            await expect.poll(() => notice.isVisible()).toBe(false);
        }
        // A message the page cannot make sense of is a notice too, not an exception that leaves it waiting.
        await page.evaluate(`window.postMessage({ type: 'diagram', diagram: { svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' } }, '*')`);
        await expect
            .poll(() => notice.textContent())
            .toMatch(/^The diagram could not be shown \(.+\)\. The diagram shows the last good model\.$/);
        expect(errors).toEqual([]);
        await page.close();
    });

    it('draws titles holding characters XML forbids, shown as \\u{…}', async () => {
        const { page, errors } = await open();
        const model = `model odd\ninstitution A "bad \uFFFE \uFFFF \uFDD0 \u{10FFFF} \u0001 end"\nmandate m "M \uFFFF"\n`;
        const diagram = await diagramOf({ 'odd.polity': model }, 'odd');
        await send(page, { type: 'diagram', diagram });
        await page.waitForSelector('g[id="institution:odd.A"]');
        expect(await page.locator('#notice').isVisible()).toBe(false);
        expect((await page.locator('g[id="institution:odd.A"]').textContent())?.replace(/\s+/g, ' ')).toContain(
            'bad \\u{FFFE} \\u{FFFF} \\u{FDD0} \\u{10FFFF} end'
        );
        expect(errors).toEqual([]);
        await page.close();
    });

    it('keeps the last good diagram under a notice, and asks for views and dates from the controls', async () => {
        const { page, posted } = await open();
        const diagram = await diagramOf(exampleFiles('examples/china-cyber'), 'china.cyber', 'overview');
        await send(page, { type: 'diagram', diagram, view: 'overview' });
        await page.waitForSelector('g[id="institution:china.cyber.CAC"]');
        expect(await page.locator('#notice').isVisible()).toBe(false);
        expect(await page.locator('#date').getAttribute('min')).toBe(diagram.dates.min!.slice(0, 4));
        expect(await page.locator('#date').inputValue()).toBe('2020');

        await send(page, { type: 'error', message: 'The model has 1 error: state.polity:3: boom', view: 'overview' });
        await expect
            .poll(() => page.locator('#notice').textContent())
            .toBe('The model has 1 error: state.polity:3: boom The diagram shows the last good model.');
        expect(await page.locator('g[id="institution:china.cyber.CAC"]').count()).toBe(1);

        await page.selectOption('#view', 'cii-turf');
        await page.locator('#date').fill('2013');
        await expect
            .poll(async () => (await posted()).slice(-2))
            .toEqual([
                { type: 'select', view: 'cii-turf' },
                { type: 'select', view: 'overview', at: '2013' }
            ]);
        await page.locator('#more').click();
        await page.locator('#export').click();
        expect((await posted()).at(-1)).toEqual({ type: 'export' });
        await page.close();
    });

    it('shows its picture again without the notice when told the answer is unchanged, without drawing it anew', async () => {
        const { page, errors } = await open();
        // A page with no picture yet (loaded again) waits for the one the host sends on `ready`.
        await send(page, { type: 'unchanged', view: 'overview' });
        const diagram = await diagramOf(exampleFiles('examples/china-cyber'), 'china.cyber', 'overview');
        await send(page, { type: 'diagram', diagram, view: 'overview' });
        await page.waitForSelector('g[id="institution:china.cyber.CAC"]');
        await page.locator('#canvas svg').evaluate(svg => svg.setAttribute('data-drawn-before', ''));
        await send(page, { type: 'error', message: 'The model has 1 error: state.polity:3: boom', view: 'overview' });
        await expect.poll(() => page.locator('#notice').isVisible()).toBe(true);

        // A quick fix undid the typo: the model's picture is the one the page has.
        await send(page, { type: 'unchanged', view: 'overview' });
        await expect.poll(() => page.locator('#notice').isVisible()).toBe(false);
        expect(await page.locator('#canvas svg[data-drawn-before]').count()).toBe(1);
        expect(await page.locator('#canvas svg').count()).toBe(1);
        expect(await page.locator('#view').inputValue()).toBe('overview');
        expect(await page.locator('#date-value').textContent()).toBe('2020');
        expect(errors).toEqual([]);
        await page.close();
    });

    it("asks for the charts only on a chart's tab, from a host that sends them on request, and waits for them there", async () => {
        const { page, posted, errors } = await open();
        const { charts, ...picture } = await diagramOf(exampleFiles('examples/tutorial'), 'tutorial', 'data-map');
        const tabs = () =>
            page.$$eval('[role="tab"]', buttons => buttons.map(b => `${b.id}${b.hasAttribute('disabled') ? ' disabled' : ''}`));
        // The static site's pages carry no charts and fetch none: their tabs stay off.
        await send(page, { type: 'diagram', diagram: picture, view: 'data-map' });
        await page.waitForSelector('#canvas svg g.node');
        expect(await tabs()).toEqual(['tab-diagram', 'tab-matrix disabled', 'tab-timeline disabled']);
        await send(page, { type: 'diagram', diagram: picture, view: 'data-map', chartsOnRequest: true });
        await expect.poll(tabs).toEqual(['tab-diagram', 'tab-matrix', 'tab-timeline']);
        await page.click('#tab-matrix');
        expect((await posted()).slice(1)).toEqual([{ type: 'tab', tab: 'matrix' }]);
        expect(await page.locator('#matrix-canvas').textContent()).toBe('Drawing…');
        await send(page, { type: 'diagram', diagram: { ...picture, charts }, view: 'data-map', chartsOnRequest: true });
        await page.waitForSelector('#matrix-canvas svg a.cell');
        // An answer without them (the model changed while the diagram's tab was shown) drops the charts of before.
        await page.click('#tab-diagram');
        await send(page, { type: 'diagram', diagram: picture, view: 'data-map', chartsOnRequest: true });
        await page.click('#tab-timeline');
        expect(await page.locator('#timeline-canvas').textContent()).toBe('Drawing…');
        expect((await posted()).slice(1)).toEqual([
            { type: 'tab', tab: 'matrix' },
            { type: 'tab', tab: 'diagram' },
            { type: 'tab', tab: 'timeline' }
        ]);
        expect(errors).toEqual([]);
        await page.close();
    });

    it("fits the flagship's timeline to a 1280 px pane; in a 700 px pane it scrolls sideways with the row names in sight", async () => {
        const diagram = await diagramOf(exampleFiles('examples/china-cyber'), 'china.cyber');
        for (const width of [1280, 700]) {
            const { page, posted, errors } = await openPreview(browser, { width, height: 800 });
            await send(page, { type: 'diagram', diagram });
            await page.waitForSelector('#canvas svg g.node');
            await page.click('#tab-timeline');
            await page.waitForSelector('#timeline-canvas svg');
            const fit = () =>
                page.$eval('#timeline-canvas', canvas => {
                    const svg = canvas.querySelector('svg')!;
                    return {
                        room: canvas.clientWidth,
                        scrolls: canvas.scrollWidth > canvas.clientWidth,
                        drawn: svg.getBoundingClientRect().width,
                        // Pixels per unit of the writer's (the bar labels are 9 units high).
                        scale: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
                    };
                });
            await page.screenshot({ path: path.join(RESULTS, `timeline-preview-${width}.png`) });
            const shown = await fit();
            expect(shown.scale).toBeGreaterThanOrEqual(1);
            if (width === 1280) {
                expect(shown.drawn).toBeLessThanOrEqual(shown.room);
                expect(shown.scrolls).toBe(false);
                expect(await page.locator('.sticky-names').count()).toBe(0);
            } else {
                expect(shown.scrolls).toBe(true);
                await page.$eval('#timeline-canvas', canvas => canvas.scrollBy(400, 0));
                // Scrolled sideways, the row names are still at the pane's left edge, and a click on one goes to its declaration.
                const name = page.locator('.sticky-names [id="timeline-names/institution:china.cyber.CPD"] text').first();
                const box = (await name.boundingBox())!;
                expect(box.x).toBeLessThan(40);
                const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
                expect(await page.evaluate(`document.elementFromPoint(${x}, ${y})?.closest('[id]')?.id`)).toBe(
                    'timeline-names/institution:china.cyber.CPD'
                );
                await page.mouse.click(x, y);
                expect((await posted()).at(-1)).toEqual({ type: 'reveal', id: 'institution:china.cyber.CPD' });
                await page.screenshot({ path: path.join(RESULTS, `timeline-preview-${width}-scrolled.png`) });
            }
            expect(errors).toEqual([]);
            await page.close();
        }
    });

    it('zooms with the wheel and keeps the zoom when the diagram updates; screenshots in light and dark', async () => {
        for (const theme of ['light', 'dark'] as const) {
            const { page } = await open(theme);
            const diagram = await diagramOf(exampleFiles('examples/china-cyber'), 'china.cyber', 'cac', '2020');
            await send(page, { type: 'diagram', diagram, view: 'cac' });
            await page.waitForSelector('g[id="institution:china.cyber.CAC"]');
            await page.screenshot({ path: path.join(RESULTS, `diagram-preview-${theme}.png`) });
            const transform = () =>
                page.locator('#canvas').evaluate(e => (e as unknown as { style: { transform: string } }).style.transform);
            const before = await transform();
            await page.mouse.move(640, 400);
            await page.mouse.wheel(0, -400);
            await expect.poll(transform).not.toBe(before);
            const zoomed = await transform();
            await send(page, { type: 'diagram', diagram, view: 'cac', at: '2019' });
            await page.waitForTimeout(100);
            expect(await transform()).toBe(zoomed);
            await page.close();
        }
    });
});
