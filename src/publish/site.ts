/**
 * The files of `polity build`: the pages of site-pages.ts, and a page per
 * view that runs the preview's own page script on the diagrams drawn here,
 * one for each year of the model (each distinct picture written once, see
 * pictures.ts). Same model, same bytes: no build date, no absolute path,
 * names that follow the model's.
 */
import { uniqueFileNames } from '../cli/diagram.js';
import { renderSvg } from '../diagram/diagram.js';
import type { Renderer } from '../diagram/render.js';
import { graphFor } from '../diagram/request.js';
import { dateRange, viewsOf } from '../diagram/select.js';
import { previewHtml } from '../extension/preview-html.js';
import type { Conflict } from '../model/conflicts.js';
import { parseDate } from '../model/dates.js';
import { exportModel, type ExportedPlace } from '../model/export.js';
import type { SemanticModel } from '../model/model.js';
import type { Key, Location } from '../model/types.js';
import { SITE_DATA_GLOBAL, type SiteViewData } from '../webview/site-data.js';
import { FONTS_CSS } from './fonts.js';
import { SitePictures } from './pictures.js';
import { rootOf, sitePages, type SiteLinks, type SitePage } from './site-pages.js';

export interface SiteInput {
    model: SemanticModel;
    conflicts: readonly Conflict[];
    /** The model the views belong to (one model in the workspace), as `polity diagram` scopes them. */
    scope?: string;
    /** The workspace's name, shown as the site's heading. */
    title: string;
    place(loc: Location): ExportedPlace;
    renderer: Renderer;
    /** Called before each diagram is drawn, for progress. */
    progress?(done: number, total: number): void;
}

/** The preview's page script and stylesheet, and the site's host and stylesheet, under assets/. */
export const ASSETS = ['webview.js', 'webview.css', 'site-host.js', 'site.css'] as const;

/** The site's pages, and every character they and their pictures show (for the faces to ship). */
export async function buildSite(input: SiteInput): Promise<{ pages: SitePage[]; characters: Set<number> }> {
    const { model, conflicts, scope } = input;
    const data = exportModel(model, [...conflicts], { place: input.place });
    const institutionNames = uniqueFileNames(data.institutions.map(i => i.path));
    const mandateNames = uniqueFileNames(data.mandates.map(m => m.name));
    const views = viewsOf(model, scope);
    // `model` is the whole model's page; a view called `model` gets another name.
    const viewNames = uniqueFileNames(
        views.map(v => v.name),
        ['model']
    );
    const links: SiteLinks = {
        institutions: new Map(data.institutions.map((i, n) => [i.key, `institutions/${institutionNames[n]}.html`])),
        mandates: new Map(data.mandates.map((m, n) => [m.key, `mandates/${mandateNames[n]}.html`])),
        views: [
            { name: '', title: 'The whole model', page: 'views/model.html' },
            ...views.map((v, n) => ({ name: v.name, title: v.title ?? v.name, page: `views/${viewNames[n]}.html` }))
        ]
    };
    const pages = sitePages(data, links, input.title);
    const range = dateRange(model, scope);
    // What "present" means in a view: the model's latest date, not the day of the build.
    const latest = range.max ?? parseDate('2000')!;
    const years =
        range.min && range.max ? Array.from({ length: range.max.year - range.min.year + 1 }, (_, n) => String(range.min!.year + n)) : [];
    const total = links.views.length * (years.length + 1);
    let done = 0;
    const pictures = new SitePictures();
    for (const [n, entry] of links.views.entries()) {
        const view = n === 0 ? undefined : views[n - 1];
        const draw = async (at: string) => {
            input.progress?.(done++, total);
            const graph = graphFor(model, conflicts, { view: view?.key, at, scope, today: latest });
            const rendered = await renderSvg(graph, input.renderer);
            const picture = pictures.add(
                { ...rendered, sources: pointAtPages(rendered.sources, links.institutions, rootOf(entry.page)) },
                graph.subtitle
            );
            return { ...picture, title: graph.title, at: graph.at, direction: graph.direction };
        };
        // Without a date of its own, a view shows the model's latest date: today would change the bytes every day.
        const initialAt = view?.at?.text ?? range.max?.text;
        const diagrams: SiteViewData['diagrams'] = [];
        const byYear: Record<string, number> = {};
        for (const year of years) {
            byYear[year] = diagrams.length;
            diagrams.push(await draw(year));
        }
        let initial = initialAt !== undefined && Object.hasOwn(byYear, initialAt) ? byYear[initialAt] : undefined;
        if (initial === undefined) {
            initial = diagrams.length;
            diagrams.push(await draw(initialAt ?? years[0] ?? '2000'));
        }
        const pagesFromHere = Object.fromEntries(links.views.map(v => [v.name, v.page.slice('views/'.length)]));
        const siteData: SiteViewData = {
            view: view?.name,
            views: views.map(v => ({ name: v.name, title: v.title })),
            dates: { min: range.min?.text, max: range.max?.text },
            pages: pagesFromHere,
            initial,
            years: byYear,
            diagrams
        };
        const dataFile = entry.page.replace(/\.html$/, '.data.js');
        pages.push({ path: dataFile, text: `window.${SITE_DATA_GLOBAL} = ${scriptJson(siteData)};\n` });
        const root = rootOf(entry.page);
        pages.push({
            path: entry.page,
            text: previewHtml({
                cspSource: "'self'",
                scriptUri: `${root}assets/webview.js`,
                styleUri: `${root}assets/webview.css`,
                fontsUri: `${root}${FONTS_CSS}`,
                // The first picture comes with the page; the slider's others when it reaches them.
                preload: [
                    dataFile.slice('views/'.length),
                    ...diagrams.slice(initial, initial + 1).map(d => d.picture),
                    `${root}assets/site-host.js`
                ]
            })
        });
    }
    const characters = new Set(pictures.characters);
    for (const page of pages) {
        if (typeof page.text === 'string') for (const c of page.text) characters.add(c.codePointAt(0)!);
    }
    pages.push(...pictures.pages());
    return { pages: pages.sort((a, b) => a.path.localeCompare(b.path)), characters };
}

/**
 * The diagram's element → declaration map, with each institution's node
 * pointing at its page (a click there opens it) and every other element at
 * nothing: the site shows no source file, and names no path on the machine that built it.
 */
function pointAtPages(sources: Record<string, Location>, institutions: ReadonlyMap<Key, string>, root: string): Record<string, Location> {
    const none = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const result: Record<string, Location> = {};
    for (const id of Object.keys(sources)) {
        const page = id.startsWith('institution:') ? institutions.get(id.slice('institution:'.length)) : undefined;
        result[id] = { uri: page ? root + page : '', range: none };
    }
    return result;
}

/** JSON that is safe inside a script file and the same bytes for the same data: `<`, U+2028 and U+2029 are escaped. */
function scriptJson(value: unknown): string {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}
