/**
 * The pictures of the site's view pages, each written once: a file named by
 * its content, in views/pictures/, that every date and view showing the same
 * picture refers to. Dates are mostly alike (the flagship's 38 years draw 13
 * distinct overviews), and two dates' SVGs differ at least in their "as of"
 * line, so the SVG is stored cut there and the date's own line joins it again.
 * Each is compressed (zlib's deflate, which browsers undo with their own
 * DecompressionStream), as a page read from file:// is never compressed in
 * transit: Graphviz's SVG shrinks about sixfold.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { RenderedDiagram } from '../diagram/diagram.js';
import { xmlText } from '../text/xml.js';
import { SITE_PICTURES_GLOBAL, type SiteDiagram, type SitePicture } from '../webview/site-data.js';
import type { SitePage } from './site-pages.js';

const FOLDER = 'pictures';

export class SitePictures {
    private readonly files = new Map<string, string>();
    /** Every character the pictures draw, for the faces the site ships (fonts.ts). */
    readonly characters = new Set<number>();

    /** Where a view page (in views/) finds the picture of `rendered`, whose date line reads `subtitle`. */
    add(rendered: RenderedDiagram, subtitle: string): Pick<SiteDiagram, 'picture' | 'dateLine'> {
        const { svg, ...rest } = rendered;
        // The date line as Graphviz writes the label's text; if it is not there exactly once, the SVG stays whole.
        const dateLine = xmlText(subtitle);
        const pieces = svg.split(`>${dateLine}</text>`);
        const cut = pieces.length === 2;
        const picture: SitePicture = { ...rest, svg: cut ? [`${pieces[0]}>`, `</text>${pieces[1]}`] : [svg] };
        const json = JSON.stringify(picture);
        const file = `${FOLDER}/${createHash('sha256').update(json).digest('hex').slice(0, 16)}.js`;
        if (!this.files.has(file)) {
            for (const c of svg) this.characters.add(c.codePointAt(0)!);
            const packed = deflateSync(json, { level: 9 }).toString('base64');
            this.files.set(
                file,
                `(window.${SITE_PICTURES_GLOBAL} = window.${SITE_PICTURES_GLOBAL} || {})[${JSON.stringify(file)}] = "${packed}";\n`
            );
        }
        return { picture: file, dateLine: cut ? dateLine : '' };
    }

    /** The picture files, under views/. */
    pages(): SitePage[] {
        return [...this.files].map(([file, text]) => ({ path: `views/${file}`, text }));
    }
}
