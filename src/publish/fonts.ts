/**
 * The faces a site ships: of dist/fonts.css (esbuild.mjs writes it, one
 * @font-face a line, each a subset of a face by unicode-range), only the
 * lines of subsets holding a character the site's pages or pictures use,
 * and their woff2 files. The browser would load only those subsets anyway;
 * the rest need not be written.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SitePage } from './site-pages.js';

/** Where every page of a site finds its faces, from the site's root. */
export const FONTS_CSS = 'assets/fonts.css';

export async function siteFonts(
    dist: string,
    characters: ReadonlySet<number>
): Promise<{ css: SitePage; files: { path: string; bytes: Uint8Array }[] }> {
    const lines = (await fs.readFile(path.join(dist, 'fonts.css'), 'utf8')).split('\n');
    const used = lines.filter(line => line.startsWith('@font-face') && covers(line, characters));
    const files = await Promise.all(
        used.map(async line => {
            const [, file = ''] = /url\(fonts\/([\w.-]+\.woff2)\)/.exec(line) ?? [];
            return { path: `assets/fonts/${file}`, bytes: await fs.readFile(path.join(dist, 'fonts', file)) };
        })
    );
    return {
        css: { path: FONTS_CSS, text: [...lines.filter(line => !line.startsWith('@font-face')).filter(Boolean), ...used, ''].join('\n') },
        files
    };
}

/** Whether the face's `unicode-range` (U+41, U+4E00-4E5F, …) holds one of the characters; a face without one covers all. */
function covers(face: string, characters: ReadonlySet<number>): boolean {
    const range = /unicode-range:\s*([^;]*)/.exec(face)?.[1];
    if (!range) return true;
    const spans = range.split(',').map(part => {
        // `U+4??` stands for U+400-4FF.
        const [from = '', to = from] = part.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(from.replace(/\?/g, '0'), 16), parseInt(to.replace(/\?/g, 'F'), 16)] as const;
    });
    for (const c of characters) if (spans.some(([from, to]) => c >= from && c <= to)) return true;
    return false;
}
