import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { labelsOutside, renderedFonts } from '../diagram/font-check.js';
import { scaledTimeout } from '../fuzz/budget.js';
import { requirePrerequisite, skipWithout } from '../prerequisites.js';

const CHROMIUM = process.env.POLITY_E2E_CHROMIUM ?? '/usr/bin/chromium';
const missing = existsSync(CHROMIUM)
    ? undefined
    : `chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set POLITY_E2E_CHROMIUM)`;
const TIMEOUT = scaledTimeout(120_000);

const dir = mkdtempSync(path.join(tmpdir(), 'polity-site-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file under the folder, by its path inside it. */
function tree(root: string): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    const walk = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
            const full = path.join(folder, entry.name);
            if (entry.isDirectory()) walk(full);
            else files.set(path.relative(root, full), readFileSync(full));
        }
    };
    walk(root);
    return files;
}

function build(args: string[]): string {
    const result = runCli(['build', ...args]);
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
}

const HOSTILE = `model evil

source src "<script>window.pwned = 4</script>" { url "javascript:window.pwned = 5" }
mandate stuff "<img src=x onerror=window.pwned=6>"
institution Evil "<script>window.pwned = 1</script> \\"quoted\\" & ]]> <img src=x onerror=window.pwned=2>" {
  kind ministry
  formerly "<iframe src=javascript:window.pwned=7>" until 2010
  leads stuff [src "</a><script>window.pwned = 8</script>"]
}
institution Other "Other & Co" {
  kind agency
  leads stuff since 2010
}
dispute stuff between Evil, Other [src "x"] "<b onmouseover=window.pwned=9>finding</b>"
view v "View <script>window.pwned = 3</script>" { include * }
`;

describe('polity build', () => {
    const site = path.join(dir, 'site');
    const again = path.join(dir, 'again');

    beforeAll(() => {
        build(['examples/china-cyber', '-o', site]);
    }, TIMEOUT);

    it(
        'writes the same bytes on every build, with no date of the build and no path of the machine',
        () => {
            build(['examples/china-cyber', '-o', again]);
            const first = tree(site);
            const second = tree(again);
            expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
            for (const [name, bytes] of first) expect(second.get(name)?.equals(bytes), name).toBe(true);
            const all = [...first.values()].map(b => b.toString('utf8')).join('\n');
            expect(all).not.toContain(dir);
            expect(all).not.toContain(process.cwd());
            expect(all).not.toContain(new Date().toISOString().slice(0, 10));
            expect([...first.keys()]).toEqual(
                expect.arrayContaining([
                    'index.html',
                    'institutions/CAC.html',
                    'mandates/cii.html',
                    'matrix.html',
                    'sources.html',
                    'findings.html',
                    'views/model.html',
                    'views/cac.html',
                    path.join('views', 'cac.data.js'),
                    'assets/webview.js',
                    '.polity-site'
                ])
            );
        },
        TIMEOUT
    );

    it(
        'writes each distinct picture once, named by its content, however many years and views show it',
        () => {
            const files = tree(site);
            const pictures = [...files.keys()].filter(p => p.startsWith(path.join('views', 'pictures') + path.sep));
            // Distinct files, each named by what it holds: two names never hold the same picture.
            expect(new Set(pictures.map(p => files.get(p)!.toString('base64'))).size).toBe(pictures.length);
            const referred = new Set<string>();
            let years = 0;
            for (const [name, bytes] of files) {
                if (!name.endsWith('.data.js')) continue;
                const data = JSON.parse(bytes.toString('utf8').replace(/^window\.polityViewData = |;\n$/g, '')) as {
                    years: Record<string, number>;
                    diagrams: { picture: string }[];
                };
                years += Object.keys(data.years).length;
                for (const d of data.diagrams) referred.add(path.join('views', ...d.picture.split('/')));
            }
            expect(pictures.length).toBeGreaterThan(0);
            expect([...referred].sort()).toEqual([...pictures].sort());
            // The flagship's 38 years look alike for years at a time: far fewer pictures than view-years.
            expect(pictures.length * 2).toBeLessThan(years);
        },
        TIMEOUT
    );

    it(
        'refuses a folder that is not empty and not a site it built, unless --force; rebuilds its own',
        () => {
            const other = path.join(dir, 'notes');
            mkdirSync(other);
            writeFileSync(path.join(other, 'mine.txt'), 'keep me');
            const refused = runCli(['build', 'examples/tutorial', '-o', other]);
            expect(refused.status).toBe(2);
            expect(refused.stderr).toMatch(/notes: not empty, and not a site polity built; choose a new folder, or add --force/);
            expect(readdirSync(other)).toEqual(['mine.txt']);
            build(['examples/tutorial', '-o', other, '--force']);
            expect(readFileSync(path.join(other, 'mine.txt'), 'utf8')).toBe('keep me');
            // Its own site: rebuilt in place, and the pages of views that are gone are removed.
            const own = path.join(dir, 'own');
            build(['examples/china-cyber', '-o', own]);
            expect(existsSync(path.join(own, 'views', 'cac.html'))).toBe(true);
            build(['examples/tutorial', '-o', own]);
            expect(existsSync(path.join(own, 'views', 'cac.html'))).toBe(false);
            expect(existsSync(path.join(own, 'views', 'data-map.html'))).toBe(true);
        },
        TIMEOUT
    );

    it(
        'writes a sitemap with --base-url, and refuses an address that is not http(s)',
        () => {
            const hosted = path.join(dir, 'hosted');
            build(['examples/tutorial', '-o', hosted, '--base-url', 'https://example.org/polity/tutorial']);
            const sitemap = readFileSync(path.join(hosted, 'sitemap.xml'), 'utf8');
            expect(sitemap).toContain('<loc>https://example.org/polity/tutorial/index.html</loc>');
            expect(sitemap).toContain('<loc>https://example.org/polity/tutorial/views/data-map.html</loc>');
            const bad = runCli(['build', 'examples/tutorial', '-o', path.join(dir, 'bad'), '--base-url', 'javascript:alert(1)']);
            expect([bad.status, bad.stderr]).toEqual([2, 'polity: --base-url javascript:alert(1): give an http or https address\n']);
            expect(existsSync(path.join(dir, 'bad'))).toBe(false);
        },
        TIMEOUT
    );

    describe.skipIf(skipWithout(missing))('in Chromium, from file://', () => {
        let browser: Browser;
        beforeAll(async () => {
            requirePrerequisite(missing);
            browser = await chromium.launch({
                executablePath: CHROMIUM,
                args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
            });
        }, TIMEOUT);
        afterAll(async () => {
            await browser?.close();
        });

        /** Opens a page of a site; what it logs as an error and every request outside the site's folder are collected. */
        async function open(root: string, page: string): Promise<{ page: Page; errors: string[]; outside: string[] }> {
            const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
            const errors: string[] = [];
            const outside: string[] = [];
            const inside = pathToFileURL(root).href + '/';
            tab.on('console', message => {
                if (message.type() === 'error') errors.push(message.text());
            });
            tab.on('pageerror', error => errors.push(error.message));
            tab.on('request', request => {
                if (!request.url().startsWith(inside) && !request.url().startsWith('blob:')) outside.push(request.url());
            });
            await tab.goto(inside + page);
            return { page: tab, errors, outside };
        }

        it(
            'opens every page with no console error and no request outside the site',
            async () => {
                const pages = [...tree(site).keys()].filter(p => p.endsWith('.html'));
                expect(pages.length).toBeGreaterThan(50);
                // One tab for all: the listeners collect what each page does, and are emptied between pages.
                const { page, errors, outside } = await open(site, 'index.html');
                for (const name of pages) {
                    errors.length = 0;
                    outside.length = 0;
                    await page.goto(pathToFileURL(path.join(site, name)).href);
                    if (name.startsWith('views')) await page.waitForSelector('#canvas svg g.node');
                    expect([name, errors, outside]).toEqual([name, [], []]);
                }
                await page.close();
            },
            TIMEOUT * 3
        );

        it(
            "lists the CAC's competences with their citations, and links its relations both ways",
            async () => {
                const { page } = await open(site, 'institutions/CAC.html');
                const items = await page.locator('h2:text("Competences") + ul > li').allTextContents();
                const cii = items.map(t => t.replace(/\s+/g, ' ')).find(t => t.startsWith('leads cii'));
                expect(cii).toBe(
                    'leads cii, 2016 – present creemers2021, “The Cyberspace Administration of China” creemers2021, “Ministry of Public Security” state.polity:42'
                );
                const relations = (await page.locator('h2:text("Relations") + ul').textContent())!.replace(/\s+/g, ' ');
                expect(relations).toContain('CAC oversees CNCERT, 2018 – present');
                expect(relations).toContain('CACS advises CAC');
                await page.locator('a:text("CNCERT")').first().click();
                await page.waitForURL(/institutions\/CNCERT\.html$/);
                await page.close();
            },
            TIMEOUT
        );

        it(
            "replays the system with the preview's own date slider: in 2013 CNCERT/CC is under MIIT, in 2020 under the CAC",
            async () => {
                const { page, errors } = await open(site, 'views/overview.html');
                const oversees = (superior: string) =>
                    page.locator(`#canvas g[id="relation:china.cyber.${superior}:polity.oversees:china.cyber.CNCERT"]`);
                await page.waitForSelector('#canvas svg g.node');
                expect(await oversees('CAC').count()).toBe(1);
                await page.locator('#date').fill('2013');
                await expect.poll(() => oversees('MIIT').count(), { timeout: TIMEOUT }).toBe(1);
                expect(await oversees('CAC').count()).toBe(0);
                expect(await page.locator('#date-value').textContent()).toBe('2013');
                expect(page.url()).toMatch(/overview\.html#at=2013$/);
                // The view picker goes to the other view's page, which opens at its own date, as the preview does.
                await page.locator('#view').selectOption('cac');
                await page.waitForURL(/views\/cac\.html$/);
                await page.waitForSelector('#canvas svg g[id="institution:china.cyber.CAC"]');
                expect(await page.locator('#view').inputValue()).toBe('cac');
                // A click on an institution opens its page.
                await page.locator('#canvas g[id="institution:china.cyber.CAC"]').click();
                await page.waitForURL(/institutions\/CAC\.html$/);
                expect(errors).toEqual([]);
                await page.close();
            },
            TIMEOUT
        );

        it(
            "turns a relation kind off from the legend, as the preview does, across dates; the charts' tabs stay off",
            async () => {
                const { page, errors } = await open(site, 'views/overview.html');
                await page.waitForSelector('#canvas svg g.node');
                // Browser code as text: the tests' TypeScript has Node's globals, not the DOM's.
                const shown = () =>
                    page.evaluate(`[...document.querySelectorAll('#canvas g.edge.relation-advises')]
                .filter(e => getComputedStyle(e).display !== 'none').length`) as Promise<number>;
                expect(await shown()).toBeGreaterThan(0);
                await page.locator('#legend-panel button.toggle[data-relation="advises"]').click();
                expect(await shown()).toBe(0);
                await page.locator('#date').fill('2016');
                await page.waitForURL(/#at=2016$/);
                await expect.poll(() => page.locator('#date-value').textContent(), { timeout: TIMEOUT }).toBe('2016');
                expect(await shown()).toBe(0);
                // The site ships one diagram per year and no charts: the matrix has its own page.
                expect(await page.locator('#tab-matrix').isDisabled()).toBe(true);
                expect(errors).toEqual([]);
                await page.close();
            },
            TIMEOUT
        );

        it(
            "loads a year's picture when the slider reaches it, and exports the very SVG `polity diagram` draws for that year",
            async () => {
                const { page, errors } = await open(site, 'views/overview.html');
                const requested: string[] = [];
                page.on('request', request => {
                    if (request.url().includes('/pictures/')) requested.push(request.url());
                });
                await page.waitForSelector('#canvas svg g.node');
                await page.locator('#date').fill('2013');
                await expect
                    .poll(() => page.locator('#canvas g[id="relation:china.cyber.MIIT:polity.oversees:china.cyber.CNCERT"]').count(), {
                        timeout: TIMEOUT
                    })
                    .toBe(1);
                expect(requested).toHaveLength(1);
                await page.click('#more');
                const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
                const exported = readFileSync((await download.path())!, 'utf8');
                const drawn = runCli(['diagram', 'examples/china-cyber', '--view', 'overview', '--at', '2013']);
                expect(drawn.status, drawn.stderr).toBe(0);
                expect(exported === drawn.stdout, "the exported SVG is the CLI's, byte for byte").toBe(true);
                expect(exported).toContain('>as of 2013</text>');
                // Back to a year that shares a picture already loaded: nothing more is read.
                const before = requested.length;
                await page.locator('#date').fill('2014');
                await expect.poll(() => page.locator('#date-value').textContent(), { timeout: TIMEOUT }).toBe('2014');
                await page.locator('#date').fill('2013');
                await expect
                    .poll(
                        () =>
                            page
                                .locator('#canvas svg text')
                                .filter({ hasText: /^as of 2013$/ })
                                .count(),
                        { timeout: TIMEOUT }
                    )
                    .toBe(1);
                expect(requested.length).toBeLessThanOrEqual(before + 1);
                expect(errors).toEqual([]);
                await page.close();
            },
            TIMEOUT
        );

        it(
            "draws the Chinese view's labels in the faces the site ships, only the subsets it uses, each line inside its node",
            async () => {
                const { page, errors, outside } = await open(site, 'views/cac-zh.html');
                await page.waitForSelector('#canvas svg g.node.institution');
                await page.evaluate('document.fonts.ready');
                const drawn = await renderedFonts(page, '#canvas svg g.node.institution text');
                const chinese = drawn.filter(d => /\p{Script=Han}/u.test(d.text));
                expect(chinese.length).toBeGreaterThan(2);
                // Fontsource's Noto Sans SC files are cut from the variable font, whose name table says "Thin".
                for (const d of chinese)
                    expect(
                        d.fonts.map(f => f.replace(/^web:Noto Sans SC.*/, 'web:Noto Sans SC')),
                        d.text
                    ).toEqual(['web:Noto Sans SC']);
                expect(drawn.flatMap(d => d.fonts).filter(f => !f.startsWith('web:'))).toEqual([]);
                expect(await labelsOutside(page, '#canvas')).toEqual([]);
                expect([errors, outside]).toEqual([[], []]);
                await page.close();
                // Of the hundred-odd subsets of the faces, the site holds those its text uses, and its stylesheet names no other.
                const fonts = [...tree(site).keys()].filter(p => p.startsWith(path.join('assets', 'fonts') + path.sep));
                const named = [...readFileSync(path.join(site, 'assets', 'fonts.css'), 'utf8').matchAll(/url\(fonts\/([^)]+)\)/g)].map(
                    ([, file = '']) => path.join('assets', 'fonts', file)
                );
                expect(named.sort()).toEqual(fonts.sort());
                expect(fonts.length).toBeGreaterThan(1);
                expect(fonts.length).toBeLessThan(readdirSync(path.join('dist', 'fonts')).length / 2);
            },
            TIMEOUT
        );

        it(
            'keeps hostile titles, sources and findings as text on every page, and runs none of them',
            async () => {
                const model = path.join(dir, 'evil');
                mkdirSync(model);
                writeFileSync(path.join(model, 'evil.polity'), HOSTILE);
                const evil = path.join(dir, 'evil-site');
                build([model, '-o', evil]);
                for (const name of [...tree(evil).keys()].filter(p => p.endsWith('.html'))) {
                    const { page, errors } = await open(evil, name.split(path.sep).join('/'));
                    if (name.startsWith('views')) await page.waitForSelector('#canvas svg g.node');
                    for (const element of await page.locator('a[href^="javascript:"], [onerror], [onmouseover], iframe, main img').all()) {
                        throw new Error(`${name}: ${await element.evaluate(e => e.outerHTML)}`);
                    }
                    await page.mouse.move(400, 300);
                    expect([name, await page.evaluate('window.pwned'), errors]).toEqual([name, undefined, []]);
                    await page.close();
                }
                const { page } = await open(evil, 'institutions/Evil.html');
                expect(await page.locator('h1 .title').textContent()).toBe(
                    '<script>window.pwned = 1</script> "quoted" & ]]> <img src=x onerror=window.pwned=2>'
                );
                expect(await page.locator('main').textContent()).toContain('“<iframe src=javascript:window.pwned=7>” until 2010');
                await page.close();
                const sources = await open(evil, 'sources.html');
                expect(await sources.page.locator('main').textContent()).toContain('“</a><script>window.pwned = 8</script>”');
                expect(await sources.page.locator('a[href^="javascript:"]').count()).toBe(0);
                await sources.page.close();
            },
            TIMEOUT * 2
        );
    });

    it('leaves the folder as it was when the model has errors', () => {
        const model = path.join(dir, 'broken');
        mkdirSync(model);
        writeFileSync(path.join(model, 'b.polity'), 'institution A {\n  leads nothing\n}\n');
        const out = path.join(dir, 'broken-site');
        const result = runCli(['build', model, '-o', out]);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain('no site built');
        expect(existsSync(out) && statSync(out).isDirectory() ? readdirSync(out) : []).toEqual([]);
    });
});
