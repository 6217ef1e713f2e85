/**
 * Contrast, measured (WCAG 2, AA): in headless Chromium against the real
 * preview page in VS Code's light, dark and high-contrast themes, every colour
 * the page computes — each relation kind's line and label in the diagram and
 * the legend, conflict, dispute and contest labels, nodes and clusters, the
 * toolbar, the matrix's and the timeline's text, cells and bars — against the
 * colour it sits on: 4.5:1 for text, 3:1 for lines and shapes. And the SVG the
 * CLI writes, on its white page.
 */
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagramSuccess } from '../../src/diagram/protocol.js';
import { requirePrerequisite, skipWithout } from '../prerequisites.js';
import { audit, type Check } from './contrast-audit.js';
import { exampleFiles } from './helpers.js';
import { diagramOf, launch, missing, openPreview, RESULTS, send, type Theme } from './preview-browser.js';

/** A model that draws every line the palette has: each prelude relation kind, a model's own, hedged, unit, post, conflict, dispute, contest; a node of every sphere. */
const PALETTE = `model palette
source s "A source"
relation funds "provides the budget of"
mandate cyber "Cyber" {
  mandate cii "Critical infrastructure"
  mandate data "Data"
}
mandate content "Content"
mandate archive "Archives"
institution CC "Central Commission" {
  kind party-commission
  established 2000 [s]
  leads content [s]
}
institution PD "Propaganda Department" { kind party-department established 2000 [s] }
institution MIN "Ministry" {
  kind ministry
  established 2000 [s]
  leads cii [s]
  unit BUR "Bureau" { established 2001 [s] }
}
institution AGY "Agency" {
  kind agency
  established 2000 [s]
  leads cii [s]
  leads data [s]
}
institution REG "Regulator" {
  kind commission
  established 2000 [s]
  leads data [s]
  leads archive since 2012 [s]
  contests content since 2020 [s]
}
institution PLA "Army command" { kind military-command established 2000 [s] }
institution TT "Think tank" { kind think-tank established 2000 [s] }
institution ASSOC "Association" { kind association established 2000 [s] }
institution FIRM "Firm" { kind enterprise established 2000 [s] }
institution ORG "Organisation" { kind organisation established 2000 [s] }
institution LOOSE "Unsorted body" { established 2000 [s] }
institution OLD "Old office" {
  kind office
  established 2000 [s]
  leads archive until 2012 [s]
}
person P "A Person" { holds director of MIN since 2010 [s] }
CC oversees MIN [s]
CC oversees AGY [s]
CC guides PD [s]
PD office-of CC [s]
TT advises MIN [s]
ASSOC member-of ORG [s]
FIRM affiliated-with AGY [s]
MIN hosts TT [s]
OLD merged-into REG since 2010 [s]
MIN funds REG [s]
FIRM reportedly affiliated-with PLA [s]
dispute data between AGY, REG [s] "Both say they lead it."
view all "Every kind of line" {
  include *
  show people
}
`;

/** What a reader must be able to tell apart on the diagram tab, and on the page around it. */
const DIAGRAM: Check[] = [
    { what: 'edge line', selector: '#canvas g.edge path', need: 'line' },
    { what: 'arrowhead', selector: '#canvas g.edge polygon', need: 'shape' },
    { what: 'edge label', selector: '#canvas g.edge text', need: 'text' },
    { what: 'node', selector: '#canvas g.node > polygon, #canvas g.node > path, #canvas g.node > ellipse', need: 'shape' },
    { what: 'node label', selector: '#canvas g.node text', need: 'text' },
    { what: 'cluster outline', selector: '#canvas g.cluster > path, #canvas g.cluster > polygon', need: 'line' },
    { what: 'cluster label', selector: '#canvas g.cluster text', need: 'text' },
    { what: 'legend text', selector: '#legend-panel summary, #legend-panel li span', need: 'text' },
    // A kind turned off fades its sample; its name, struck through, stays legible (checked above) and says so.
    { what: 'legend line', selector: "#legend-panel :is(li, [aria-pressed='true']) > svg.line line", need: 'line' },
    { what: 'legend swatch', selector: '#legend-panel li > svg.swatch rect', need: 'shape' },
    { what: 'caption', selector: '#caption strong, #caption span', need: 'text' }
];

const TOOLBAR: Check[] = [
    {
        what: 'toolbar text',
        selector: '.toolbar button, .toolbar label, .toolbar output, .toolbar select, .toolbar input[type=search], .toolbar span',
        need: 'text'
    },
    { what: 'date slider', selector: '.toolbar input[type=range]', need: 'shape', property: 'accent-color' }
];

const CHARTS: Check[] = [
    { what: 'chart controls', selector: '.chart-controls label, .chart-controls select, .chart-controls span', need: 'text' },
    { what: 'chart text', selector: '.chart-canvas svg text', need: 'text' },
    { what: 'matrix cell', selector: '#matrix-canvas a.cell rect', need: 'shape' },
    { what: 'timeline bar', selector: '#timeline-canvas a.bar rect, #timeline-canvas rect.lifetime', need: 'shape' },
    { what: 'timeline line', selector: '#timeline-canvas g.transfer path, #timeline-canvas g.at line', need: 'line' },
    { what: 'timeline key', selector: '#timeline-canvas g.legend rect', need: 'shape' },
    { what: 'timeline key line', selector: '#timeline-canvas g.legend line', need: 'line' }
];

describe.skipIf(skipWithout(missing))('contrast of every colour the preview shows, in three themes (WCAG AA)', () => {
    let browser: Browser;
    let diagram: DiagramSuccess;

    beforeAll(async () => {
        requirePrerequisite(missing);
        browser = await launch();
        diagram = await diagramOf({ 'palette.polity': PALETTE }, 'palette', 'all');
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
    });

    it('the fixture draws every kind of line and marker the legend knows', () => {
        const legend = diagram.legend?.map(l => l.label) ?? [];
        expect(legend).toEqual(
            expect.arrayContaining([
                'oversees',
                'guides',
                'office-of',
                'advises',
                'member-of',
                'affiliated-with',
                'hosts',
                'merged-into',
                'funds',
                'conflict (mandate)',
                'recorded dispute (mandate)',
                'contested (mandate): contester → holder',
                'holds a post in (post)',
                'reportedly, allegedly or uncertainly dated (?)',
                'person'
            ])
        );
        const charts = diagram.charts!;
        expect(new Set(charts.matrix.cells.map(c => c.status))).toEqual(new Set(['plain', 'conflict', 'dispute']));
        expect(charts.timeline.transfers.length).toBeGreaterThan(0);
    });

    /** Every shortfall is listed (soft), so one run shows them all. */
    async function expectLegible(page: Page, where: string, checks: Check[], least: number) {
        const { checked, failures } = await audit(page, checks);
        expect(checked, `${where}: elements checked`).toBeGreaterThanOrEqual(least);
        expect.soft(failures, where).toEqual([]);
    }

    for (const theme of ['light', 'dark', 'high-contrast'] as const satisfies readonly Theme[]) {
        it(`${theme}: the diagram, its legend and toolbar, the matrix and the timeline`, async () => {
            const { page, errors } = await openPreview(browser, { theme, width: 1280, height: 900 });
            await send(page, { type: 'diagram', diagram, view: 'all' });
            await page.waitForSelector('#canvas svg g.edge');
            await expectLegible(page, 'diagram', [...DIAGRAM, ...TOOLBAR], 100);
            await page.screenshot({ path: path.join(RESULTS, `contrast-diagram-${theme}.png`) });

            // A relation kind turned off in the legend is struck through, still legible so it can be turned on again.
            await page.click('#legend-panel button.toggle[data-relation="advises"]');
            await expectLegible(
                page,
                'a kind turned off',
                DIAGRAM.filter(c => c.what.startsWith('legend')),
                10
            );
            // The ⋯ menu's items, in the menu's colours.
            await page.click('#more');
            await expectLegible(page, 'the ⋯ menu', TOOLBAR, 10);
            await page.click('#more');

            await page.click('#tab-matrix');
            await page.waitForSelector('#matrix-canvas svg a.cell');
            await expectLegible(page, 'matrix', [...TOOLBAR, ...CHARTS], 20);
            await page.screenshot({ path: path.join(RESULTS, `contrast-matrix-${theme}.png`) });

            await page.click('#tab-timeline');
            await page.waitForSelector('#timeline-canvas svg a.bar');
            await expectLegible(page, 'timeline', [...TOOLBAR, ...CHARTS], 30);
            await page.screenshot({ path: path.join(RESULTS, `contrast-timeline-${theme}.png`) });
            expect(errors).toEqual([]);
            await page.close();
        }, 60_000);
    }

    it('the flagship overview (74 institutions, its own relation kinds) on the dark theme, and its CAC view on the light one', async () => {
        const flagship = exampleFiles('examples/china-cyber');
        for (const [view, theme] of [
            ['overview', 'dark'],
            ['cac', 'light']
        ] as const) {
            const { page, errors } = await openPreview(browser, { theme, width: 1280, height: 900 });
            await send(page, { type: 'diagram', diagram: await diagramOf(flagship, 'china.cyber', view), view });
            await page.waitForSelector('#canvas svg g.edge');
            await expectLegible(page, `${view} (${theme})`, DIAGRAM, 50);
            expect(errors).toEqual([]);
            await page.close();
        }
    }, 90_000);

    it("Export PNG draws the picture's own colours on its white page, whatever the theme (not the dark theme's lightened lines)", async () => {
        const exports: string[] = [];
        for (const theme of ['light', 'dark', 'high-contrast'] as const) {
            const { page, posted } = await openPreview(browser, { theme, width: 1280, height: 900 });
            await send(page, { type: 'diagram', diagram, view: 'all' });
            await page.waitForSelector('#canvas svg g.edge');
            await page.click('#more');
            await page.click('#export-png');
            const png = async () => ((await posted()) as { type: string; data?: string }[]).find(m => m.type === 'png')?.data;
            await expect.poll(png, { timeout: 10_000 }).toBeDefined();
            exports.push((await png())!);
            await page.close();
        }
        expect(exports[1] === exports[0], 'dark = light').toBe(true);
        expect(exports[2] === exports[0], 'high contrast = light').toBe(true);
    }, 60_000);

    it('the SVG the CLI writes: its light palette on its own white page', async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.setContent(`<!doctype html><body style="margin:0;background:white">${diagram.svg}</body>`);
        await expectLegible(
            page,
            'CLI SVG',
            [
                ...DIAGRAM.filter(c => c.selector.startsWith('#canvas')).map(c => ({
                    ...c,
                    // The legend's frame only frames it: what it lists is checked below.
                    selector: c.selector.replaceAll('#canvas ', 'svg ').replaceAll('g.node >', 'g.node:not(#legend) >')
                })),
                { what: 'title', selector: 'svg g.graph > text', need: 'text' },
                { what: 'legend line', selector: 'svg g#legend polyline', need: 'line' }
            ],
            100
        );
        await page.close();
    });
});
