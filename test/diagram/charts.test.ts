import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { scaledTimeout } from '../fuzz/budget.js';
import { requirePrerequisite, skipWithout } from '../prerequisites.js';
import { REPO } from './helpers.js';

/**
 * The competence matrix and the timeline as the CLI writes them, opened in
 * headless Chromium: the cells and bars a reader sees, not the markup.
 */
const CHROMIUM = process.env.POLITY_E2E_CHROMIUM ?? '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM)
    ? `chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set POLITY_E2E_CHROMIUM)`
    : undefined;
const TUTORIAL = ['diagram', 'examples/tutorial', '--view', 'data-map'];
/** A test that starts the CLI a few times. */
const SLOW = scaledTimeout(90_000);

const folders: string[] = [];
function workspace(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'polity-charts-'));
    folders.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
}

/** A conflict nobody recorded, a contest, and a title that tries to be markup. */
const CLASH = `model clash

mandate net "Network security"
institution A "<img src=x onerror=window.pwned=1> & Co" {
  kind ministry
  leads net since 2015
}
institution B "Bureau B" {
  kind agency
  leads net from 2010 to 2020
}
institution C "Commission C" {
  kind agency
  established 2012
  contests net from 2016 to 2019
}
`;

function draw(args: string[]): string {
    const result = runCli(args);
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
}

describe('polity diagram --format matrix-html / matrix-svg / timeline-svg', () => {
    afterAll(() => folders.forEach(dir => rmSync(dir, { recursive: true, force: true })));

    it(
        'writes the same bytes on every run, as valid XML for the SVGs',
        () => {
            for (const format of ['matrix-html', 'matrix-svg', 'timeline-svg']) {
                const first = draw([...TUTORIAL, '--format', format]);
                expect(draw([...TUTORIAL, '--format', format])).toBe(first);
                if (format.endsWith('svg')) expect(XMLValidator.validate(first)).toBe(true);
            }
        },
        SLOW
    );

    it(
        'names a file by the format: .html for the matrix page',
        () => {
            const dir = workspace({});
            const result = runCli([...TUTORIAL, '--format', 'matrix-html', '-o', dir]);
            expect(result.status, result.stderr).toBe(0);
            expect(existsSync(path.join(dir, 'data-map.html'))).toBe(true);
        },
        SLOW
    );

    it(
        "titles a row with the name the institution had on the matrix's date",
        () => {
            const dir = workspace({
                'renamed.polity': `model renamed

mandate net "Network security"
institution G "Commission for Networks" {
  kind agency
  formerly "Leading Group for Networks" until 2018
  leads net since 2014
}
`
            });
            const rowTitle = (at: string) =>
                /<g id="institution:renamed\.G" class="row"><title>([^<]*) — /.exec(
                    draw(['diagram', dir, '--at', at, '--format', 'matrix-svg'])
                )?.[1];
            expect(rowTitle('2016')).toBe('Leading Group for Networks');
            expect(rowTitle('2019')).toBe('Commission for Networks');
        },
        SLOW
    );
});

describe.skipIf(skipWithout(missing))('the matrix and the timeline in Chromium', () => {
    let browser: Browser;
    /** The tutorial's matrix page, drawn once: every CLI run starts a process and loads the workspace. */
    let tutorialMatrix: string;
    beforeAll(async () => {
        requirePrerequisite(missing);
        tutorialMatrix = draw([...TUTORIAL, '--format', 'matrix-html']);
        browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
        mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
    }, scaledTimeout(60_000));
    afterAll(async () => {
        await browser?.close();
    });

    async function open(file: string, html: string): Promise<Page> {
        const target = path.join(workspace({}), file);
        writeFileSync(target, html);
        const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
        await page.goto(`file://${target}`);
        return page;
    }

    /** Every non-empty cell as `row × column: text (status)`. */
    async function cells(page: Page): Promise<string[]> {
        return page.$$eval('#matrix tbody tr:not(.hidden) td:not(.hidden)', tds =>
            tds
                .filter(td => td.textContent)
                .map(td => {
                    const row = td.parentElement!.getAttribute('data-institution');
                    return `${row} × ${td.getAttribute('data-column')}: ${td.textContent} (${td.className.replace('cell-', '')})`;
                })
        );
    }

    it('the tutorial matrix in 2021: each role in its cell, the recorded dispute orange, linked to the claim', async () => {
        const page = await open('matrix.html', tutorialMatrix);
        expect(await cells(page)).toEqual([
            'tutorial.DPA × tutorial.privacy: leads (dispute)',
            'tutorial.MDA × tutorial.data: coordinates (plain)',
            'tutorial.MDA × tutorial.open-data: leads (plain)',
            'tutorial.Police × tutorial.privacy: leads (dispute)',
            'tutorial.STAT × tutorial.privacy: supports (plain)',
            'tutorial.STAT × tutorial.open-data: shares (plain)'
        ]);
        const dispute = page.locator('td[data-column="tutorial.privacy"].cell-dispute').first();
        expect(await page.evaluate(`getComputedStyle(document.querySelector('td.cell-dispute')).borderTopColor`)).toBe('rgb(166, 83, 0)');
        // The claim `leads privacy` of DPA is on line 48 of the tutorial.
        expect(await dispute.getAttribute('data-source')).toBe(`${path.join('examples', 'tutorial', 'tutorial.polity')}:48:9`);
        expect(await dispute.locator('a').getAttribute('href')).toMatch(/^file:\/\/.*tutorial\.polity#L48$/);
        await page.screenshot({ path: path.join(REPO, 'test-results', 'matrix-tutorial.png'), fullPage: true });
        await page.close();
    });

    it('sorts by a mandate and filters by a mandate subtree', async () => {
        const page = await open('matrix.html', tutorialMatrix);
        await page.click('th[data-column="tutorial.open-data"]');
        expect(await page.$$eval('#matrix tbody tr', rows => rows.map(r => r.getAttribute('data-institution')))).toEqual([
            'tutorial.MDA',
            'tutorial.STAT',
            'tutorial.DPA',
            'tutorial.Police'
        ]);
        await page.selectOption('#subtree', 'tutorial.data');
        expect(await page.$$eval('#matrix thead th:not(.hidden)', ths => ths.map(th => th.getAttribute('data-column')))).toEqual([
            '',
            'tutorial.data',
            'tutorial.privacy',
            'tutorial.open-data'
        ]);
        await page.selectOption('#subtree', 'tutorial.open-data');
        expect(await cells(page)).toEqual([
            'tutorial.MDA × tutorial.open-data: leads (plain)',
            'tutorial.STAT × tutorial.open-data: shares (plain)'
        ]);
        await page.close();
    });

    it(
        'an undeclared conflict and a contest are red; a hostile title stays text',
        async () => {
            const dir = workspace({ 'clash.polity': CLASH });
            const page = await open('clash.html', draw(['diagram', dir, '--at', '2017', '--format', 'matrix-html']));
            expect(await cells(page)).toEqual([
                'clash.A × clash.net: leads (conflict)',
                'clash.B × clash.net: leads (conflict)',
                'clash.C × clash.net: contests (conflict)'
            ]);
            expect(await page.evaluate('window.pwned')).toBeUndefined();
            expect(await page.locator('tbody th .title').first().textContent()).toBe('<img src=x onerror=window.pwned=1> & Co');
            await page.close();
        },
        SLOW
    );

    it(
        'the tutorial timeline: a row per institution, bars for lifetimes, names and competences, the date as a line',
        async () => {
            const svg = draw([...TUTORIAL, '--format', 'timeline-svg']);
            const page = await open('timeline.html', `<!DOCTYPE html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, '')}</body>`);
            const rows = await page.$$eval('g.row', gs => gs.map(g => g.id));
            expect(rows).toEqual([
                'institution:tutorial.Police',
                'institution:tutorial.STAT',
                'institution:tutorial.MDA',
                'institution:tutorial.DPA'
            ]);
            const bars = await page.$$eval('a.bar', as =>
                as.map(a => `${a.id.split(':')[1]}: ${a.querySelector('text')!.textContent} (${a.getAttribute('class')})`)
            );
            expect(bars).toEqual(
                expect.arrayContaining([
                    'tutorial.MDA: coordinates data (bar bar-plain)',
                    'tutorial.MDA: leads open-data (bar bar-plain)',
                    'tutorial.DPA: leads privacy (bar bar-dispute)',
                    'tutorial.Police: leads privacy (bar bar-dispute)',
                    'tutorial.STAT: shares open-data (bar bar-plain)'
                ])
            );
            // Positions as drawn: the year lines and the bars share one scale.
            const yearX = async (year: number) =>
                page.$$eval('text', (ts, y) => ts.find(t => t.textContent === String(y))!.getBoundingClientRect().left - 2, year);
            const box = async (selector: string) =>
                page
                    .locator(selector)
                    .first()
                    .evaluate(e => {
                        const r = e.getBoundingClientRect();
                        return { left: r.left, right: r.right };
                    });
            const police = await box('#institution\\:tutorial\\.Police ~ a.bar rect');
            expect(Math.abs(police.left - (await yearX(2020)))).toBeLessThan(2);
            expect(Math.abs(police.right - (await yearX(2024)))).toBeLessThan(2);
            // The MDA's lifetime reads "Ministry of Telecommunications" until 2018, then its name today.
            expect(await page.$$eval('#institution\\:tutorial\\.MDA text.name', ts => ts.map(t => t.textContent))).toEqual([
                'Ministry of Telecommunications',
                'Ministry of Digital Affairs'
            ]);
            const line = await box('#at line');
            expect(Math.abs(line.left - (await yearX(2021)))).toBeLessThan(2);
            await page.screenshot({ path: path.join(REPO, 'test-results', 'timeline-tutorial.png'), fullPage: true });
            await page.close();
        },
        SLOW
    );

    it(
        'a claim that ends when another starts is drawn as a transfer between the rows',
        async () => {
            const dir = workspace({
                'handover.polity': `model handover

mandate net "Network security"
institution Old "Old office" {
  kind agency
  leads net from 2010 to 2014
}
institution New "New office" {
  kind agency
  established 2014
  leads net since 2014
}
`
            });
            const svg = draw(['diagram', dir, '--at', '2016', '--format', 'timeline-svg']);
            expect(svg).toContain('<g id="transfer:0" class="transfer"><title>net: Old → New in 2014');
        },
        SLOW
    );
});
