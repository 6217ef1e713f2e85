import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'polity-raster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FLAGSHIP = 'examples/china-cyber';

/** The SVG's size in points, as Graphviz writes it. */
function svgSize(svg: string): { width: number; height: number } {
    const [, width, height] = /<svg width="([\d.]+)pt" height="([\d.]+)pt"/.exec(svg)!;
    return { width: Number(width), height: Number(height) };
}

async function pdfPages(file: string): Promise<string[]> {
    const pdf = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false }).promise;
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
        const content = await (await pdf.getPage(n)).getTextContent();
        pages.push(content.items.map(item => ('str' in item ? item.str : '')).join(' '));
    }
    return pages;
}

describe('polity diagram --format png and pdf', () => {
    it('draws a PNG the size of the SVG times --scale, with the picture on it', () => {
        const svg = runCli(['diagram', FLAGSHIP, '--view', 'cac', '--at', '2020']);
        expect(svg.status, svg.stderr).toBe(0);
        const size = svgSize(svg.stdout);
        const file = path.join(dir, 'cac.png');
        const result = runCli(['diagram', FLAGSHIP, '--view', 'cac', '--at', '2020', '--format', 'png', '--scale', '2', '-o', file]);
        expect(result.status, result.stderr).toBe(0);
        const png = PNG.sync.read(readFileSync(file));
        // As a browser draws it: a point is 4/3 of a CSS pixel.
        expect(Math.abs(png.width - ((size.width * 4) / 3) * 2)).toBeLessThanOrEqual(1);
        expect(Math.abs(png.height - ((size.height * 4) / 3) * 2)).toBeLessThanOrEqual(1);
        // White background, and drawn on: dark text and the State cluster's blue fill (#d6e4f5-ish) both appear.
        let white = 0,
            dark = 0,
            tinted = 0;
        for (let i = 0; i < png.data.length; i += 4) {
            const [r = 0, g = 0, b = 0] = png.data.subarray(i, i + 3);
            if (r > 250 && g > 250 && b > 250) white++;
            else if (r < 60 && g < 60 && b < 60) dark++;
            else if (b > r + 20) tinted++;
        }
        const pixels = png.width * png.height;
        expect(white / pixels).toBeGreaterThan(0.3);
        expect(dark / pixels).toBeGreaterThan(0.005);
        expect(tinted / pixels).toBeGreaterThan(0.01);
    });

    it('writes every view into one PDF, a page each, with the labels as text, the same bytes each time', async () => {
        const views = runCli(['diagram', FLAGSHIP, '--all-views', '-o', path.join(dir, 'svgs')]);
        expect(views.status, views.stderr).toBe(0);
        const count = views.stdout.trim().split('\n').length;
        expect(count).toBeGreaterThan(1);
        const file = path.join(dir, 'views.pdf');
        const result = runCli(['diagram', FLAGSHIP, '--all-views', '--format', 'pdf', '-o', file]);
        expect(result.status, result.stderr).toBe(0);
        const pages = await pdfPages(file);
        expect(pages).toHaveLength(count);
        const all = pages.join('\n');
        expect(all).toContain('Cyberspace Administration');
        // Beyond Latin-1: the Chinese names are text too, in an embedded font.
        expect(all.replace(/\s/g, '')).toContain('工信部');
        const again = path.join(dir, 'again.pdf');
        expect(runCli(['diagram', FLAGSHIP, '--all-views', '--format', 'pdf', '-o', again]).status).toBe(0);
        expect(readFileSync(again).equals(readFileSync(file))).toBe(true);
    });

    it('refuses a bad --scale, and --scale for a text format', () => {
        const bad = runCli(['diagram', FLAGSHIP, '--format', 'png', '--scale', '0', '-o', path.join(dir, 'x.png')]);
        expect(bad.status).toBe(2);
        expect(bad.stderr).toContain('--scale 0: give a number above 0');
        const text = runCli(['diagram', FLAGSHIP, '--scale', '2']);
        expect(text.status).toBe(2);
        expect(text.stderr).toContain('--scale is for --format png or pdf');
    });
});
