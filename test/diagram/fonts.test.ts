import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/diagram/diagram.js';
import { GraphvizRenderer } from '../../src/diagram/render.js';
import { graphFor } from '../../src/diagram/request.js';
import { requirePrerequisite, skipWithout } from '../prerequisites.js';
import { labelsOutside, renderedFonts } from './font-check.js';
import { modelOf, REPO, TODAY } from './helpers.js';
import { diagramOf, openPreview, send } from './preview-browser.js';

/**
 * Chinese names drawn by Graphviz and shown by a browser: the SVG names CJK
 * faces, and every line of every label lies inside its box as the browser
 * actually draws it (Graphviz sizes boxes with its own estimate of the text).
 */
const CHROMIUM = process.env.POLITY_E2E_CHROMIUM ?? '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM)
    ? `chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set POLITY_E2E_CHROMIUM)`
    : undefined;

const CHINESE = `model zh

mandate content "网络内容管理"
institution CAC "国家互联网信息办公室（中央网络安全和信息化委员会办公室）" {
  kind administration
  leads content
}
institution TC260 "全国信息安全标准化技术委员会" { kind committee }
institution MPS "公安部" { kind ministry }
institution Mixed "China Academy 中国信息通信研究院 of ICT" { kind think-tank }
CAC oversees TC260
`;

describe('fonts', () => {
    it('the SVG names Helvetica-metric faces first and common CJK faces after them', async () => {
        const { model, conflicts } = await modelOf({ 'zh.polity': CHINESE });
        const { svg } = await renderSvg(graphFor(model, conflicts, { scope: 'zh', today: TODAY }), new GraphvizRenderer());
        const families = [...new Set([...svg.matchAll(/font-family="([^"]*)"/g)].map(m => m[1]))];
        expect(families).toEqual([
            'Helvetica,Arial,Liberation Sans,Nimbus Sans,Noto Sans CJK SC,Source Han Sans SC,PingFang SC,Microsoft YaHei,sans-serif'
        ]);
    });
});

describe.skipIf(skipWithout(missing))('Chinese labels in Chromium', () => {
    let browser: Browser;
    const folder = mkdtempSync(path.join(tmpdir(), 'polity-fonts-'));
    beforeAll(async () => {
        requirePrerequisite(missing);
        browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    }, 30_000);
    afterAll(async () => {
        await browser?.close();
        rmSync(folder, { recursive: true, force: true });
    });

    it('every label line lies inside its node', async () => {
        const { model, conflicts } = await modelOf({ 'zh.polity': CHINESE });
        const { svg } = await renderSvg(graphFor(model, conflicts, { scope: 'zh', today: TODAY }), new GraphvizRenderer());
        const file = path.join(folder, 'zh.html');
        writeFileSync(
            file,
            `<!DOCTYPE html><meta charset="utf-8"><body style="margin:0">${svg.replace(/^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>)?/, '')}</body>`
        );
        const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
        await page.goto(`file://${file}`);
        await page.evaluate('document.fonts.ready');
        const outside = await labelsOutside(page);
        expect(await page.$$eval('g.node.institution', nodes => nodes.length)).toBe(4);
        expect(outside).toEqual([]);
        await page.screenshot({ path: path.join(REPO, 'test-results', 'diagram-chinese-labels.png') });
        await page.close();
    });

    it('the preview page draws labels in the faces it ships, which the boxes were sized for, each line inside its node', async () => {
        const { page, errors, outside } = await openPreview(browser, { width: 1600, height: 900 });
        await send(page, { type: 'diagram', diagram: await diagramOf({ 'zh.polity': CHINESE }, 'zh') });
        await page.waitForSelector('#canvas svg g.node.institution');
        await page.evaluate('document.fonts.ready');
        await page.screenshot({ path: path.join(REPO, 'test-results', 'preview-chinese-labels.png') });
        // Chinese in Noto Sans SC and Latin in Arimo, both loaded by the page (fonts.css), whatever the machine has
        // installed. (Fontsource's Noto Sans SC files are cut from the variable font, whose name table says "Thin".)
        const drawn = (await renderedFonts(page, '#canvas svg g.node.institution text')).map(d => ({
            text: d.text,
            fonts: d.fonts.map(f => f.replace(/^web:Noto Sans SC.*/, 'web:Noto Sans SC')).sort()
        }));
        expect(drawn.find(d => d.text === '公安部')?.fonts).toEqual(['web:Noto Sans SC']);
        expect(drawn.find(d => d.text === 'MPS')?.fonts).toEqual(['web:Arimo']);
        expect(drawn.find(d => d.text.includes('中国信息通信研究院'))?.fonts).toEqual(['web:Arimo', 'web:Noto Sans SC']);
        expect(drawn.flatMap(d => d.fonts).filter(f => !f.startsWith('web:'))).toEqual([]);
        expect(await labelsOutside(page, '#canvas')).toEqual([]);
        expect([errors, outside]).toEqual([[], []]);
        await page.close();
    });
});
