/**
 * PNG and PDF from the diagram's SVG, with libraries made for it: resvg draws
 * the PNG (with the system's fonts, as the preview does), PDFKit with
 * SVG-to-PDFKit writes the PDF as vector graphics and real text, one page
 * per diagram. Both are loaded on first use: `check` and `fmt` never pay for them.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type * as ResvgModule from '@resvg/resvg-js';
import type PdfKit from 'pdfkit';

const require = createRequire(import.meta.url);

/** The SVG drawn at `scale` times the size a browser shows it (Graphviz sizes in points, 4/3 px each), on white. */
export async function svgToPng(svg: string, scale = 1): Promise<Uint8Array> {
    const { Resvg } = require('@resvg/resvg-js') as typeof ResvgModule;
    const fallback = fallbackFont(svg);
    const resvg = new Resvg(svg, {
        fitTo: { mode: 'zoom', value: scale },
        background: 'white',
        // The SVG names Helvetica first and Liberation Sans (Helvetica's metrics) after it. Loaded first, the
        // fallback is where resvg looks for a glyph those lack, rather than in whatever font comes first (a serif one).
        font: {
            loadSystemFonts: true,
            fontFiles: fallback ? [fallback.file] : [],
            defaultFontFamily: 'Liberation Sans',
            sansSerifFamily: 'Liberation Sans'
        },
        logLevel: 'off'
    });
    return resvg.render().asPng();
}

export interface PdfPage {
    svg: string;
    /** The page's title, in the PDF's outline. */
    title: string;
}

/**
 * One page per SVG, each the size of its diagram (at `scale`), text as text.
 * The same diagrams give the same bytes: the creation date is fixed, and the
 * PDF's file id is made from it.
 */
export async function svgsToPdf(pages: PdfPage[], title: string, scale = 1): Promise<Uint8Array> {
    const PDFDocument = require('pdfkit') as typeof PdfKit;
    const SVGtoPDF = require('svg-to-pdfkit') as (doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: object) => void;
    const doc = new PDFDocument({
        autoFirstPage: false,
        compress: true,
        info: { Title: title, Creator: 'polity', Producer: 'polity', CreationDate: new Date(0) }
    });
    const font = fallbackFont(pages.map(p => p.svg).join(''));
    if (font) doc.registerFont('polity-text', font.file, font.postscriptName);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<void>((resolve, reject) => {
        doc.on('end', resolve);
        doc.on('error', reject);
    });
    for (const page of pages) {
        const { width, height } = svgSize(page.svg);
        doc.addPage({ size: [width * scale, height * scale], margin: 0 });
        doc.outline.addItem(page.title);
        SVGtoPDF(doc, page.svg, 0, 0, {
            width: width * scale,
            height: height * scale,
            assumePt: true,
            fontCallback: (_family: string, bold: boolean) => (font ? 'polity-text' : bold ? 'Helvetica-Bold' : 'Helvetica'),
            warningCallback: () => undefined
        });
    }
    doc.end();
    await done;
    return Buffer.concat(chunks);
}

/** Graphviz writes the size in points: `width="123pt" height="45pt"`. */
function svgSize(svg: string): { width: number; height: number } {
    const width = /<svg[^>]*\swidth="([\d.]+)pt"/.exec(svg);
    const height = /<svg[^>]*\sheight="([\d.]+)pt"/.exec(svg);
    return { width: Number(width?.[1] ?? 595), height: Number(height?.[1] ?? 842) };
}

/**
 * A sans-serif system font for the characters beyond Latin-1 that labels
 * hold (Chinese names, say), as fontconfig finds it; none when there are no
 * such characters or no fontconfig. PDF's built-in Helvetica covers only
 * Western European text, so the PDF embeds (a subset of) this font instead.
 */
function fallbackFont(svgs: string): { file: string; postscriptName: string } | undefined {
    const text = [...svgs.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, text = '']) => decodeEntities(text)).join('');
    const beyond = [...new Set([...text].map(c => c.codePointAt(0)!).filter(code => code > 0xff))];
    if (beyond.length === 0) return undefined;
    try {
        const found = execFileSync(
            'fc-match',
            [
                '-f',
                '%{file}|%{postscriptname}',
                `sans-serif:charset=${beyond
                    .slice(0, 200)
                    .map(c => c.toString(16))
                    .join(' ')}`
            ],
            { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }
        );
        const [file, postscriptName] = found.split('|');
        return file && postscriptName && /\.(ttf|otf|ttc)$/i.test(file) ? { file, postscriptName } : undefined;
    } catch {
        return undefined;
    }
}

function decodeEntities(text: string): string {
    return text.replace(/&#(x[0-9a-f]+|\d+);/gi, (_, code: string) =>
        String.fromCodePoint(code.charAt(0).toLowerCase() === 'x' ? parseInt(code.slice(1), 16) : Number(code))
    );
}
