import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LayoutError } from '../diagram/render.js';
import { WorkerRenderer } from '../diagram/worker-renderer.js';
import { siteFonts } from '../publish/fonts.js';
import { ASSETS, buildSite } from '../publish/site.js';
import type { SitePage } from '../publish/site-pages.js';
import { xmlText } from '../text/xml.js';
import { displayFile } from './diagnostics.js';
import { errorCode, EXIT, UsageError } from './errors.js';
import { loadErrorFreeModel } from './error-free-model.js';
import { findModelFiles } from './workspace.js';
import { writeOutput } from './write-file.js';

export interface BuildOptions {
    output: string;
    baseUrl?: string;
    force?: boolean;
}

/** The build beside this CLI: the preview's page script and stylesheets, and the faces (dist/fonts/). */
const DIST = path.dirname(fileURLToPath(import.meta.url));

/** Written into every site polity builds: the files it wrote, so a rebuild may replace them and remove those gone. */
const MARKER = '.polity-site';

/**
 * `polity build`: the model as a static site in the folder `-o` names. It
 * writes only inside that folder, and into an existing one only when it is
 * empty or a site polity built (or with --force).
 */
export async function build(
    inputs: string[],
    options: BuildOptions,
    out: (text: string) => void,
    err: (text: string) => void
): Promise<number> {
    const baseUrl = options.baseUrl === undefined ? undefined : checkBaseUrl(options.baseUrl);
    const folder = path.resolve(options.output);
    const files = await findModelFiles(inputs);
    const previous = await siteFolder(folder, files, options.force ?? false);

    const loaded = await loadErrorFreeModel(files, 'no site built', err);
    if (!loaded) return EXIT.findings;
    const { model, conflicts, scope } = loaded;
    // Places are named from the folder the model files share, so the site is the same wherever it is built.
    const base = commonFolder(files);
    const renderer = new WorkerRenderer();
    let site: Awaited<ReturnType<typeof buildSite>>;
    try {
        site = await buildSite({
            model,
            conflicts,
            scope,
            renderer,
            title: scope || path.basename(base),
            place: loc => ({ file: path.relative(base, fileURLToPath(loc.uri)).split(path.sep).join('/'), line: loc.range.start.line + 1 })
        });
    } catch (error) {
        if (error instanceof LayoutError) throw new UsageError(`cannot draw the site's diagrams: ${error.message}`);
        throw error;
    }
    const fonts = await siteFonts(DIST, site.characters);
    const pages: SitePage[] = [...site.pages, ...(await assets()), fonts.css, ...fonts.files.map(f => ({ path: f.path, text: f.bytes }))];
    if (baseUrl) pages.push({ path: 'sitemap.xml', text: sitemap(baseUrl, pages) });

    for (const page of pages) {
        const target = path.join(folder, ...page.path.split('/'));
        await makeFolders(folder, path.dirname(target));
        await writeOutput(target, page.text, files);
    }
    const written = new Set(pages.map(p => p.path));
    for (const stale of previous.filter(p => !written.has(p))) await fs.rm(path.join(folder, ...stale.split('/')), { force: true });
    await writeOutput(path.join(folder, MARKER), [...written].sort().join('\n') + '\n', files);
    out(
        `${displayFile(folder)}: ${pages.filter(p => p.path.endsWith('.html')).length} pages; open ${displayFile(path.join(folder, 'index.html'))}`
    );
    return EXIT.ok;
}

/**
 * Where the site goes may be new, empty, or a site polity built there before
 * (whose files are returned); anything else is refused without --force, so
 * that a mistyped -o never mixes the site into someone's folder.
 */
async function siteFolder(folder: string, inputs: string[], force: boolean): Promise<string[]> {
    const name = displayFile(folder);
    const stat = await fs.lstat(folder).catch(() => undefined);
    if (!stat) return [];
    if (stat.isSymbolicLink())
        throw new UsageError(`${name}: a symbolic link; polity writes no site through a link (name the folder itself)`);
    if (!stat.isDirectory()) throw new UsageError(`${name}: not a folder; -o names the folder to build the site in`);
    for (const input of inputs) {
        if (!path.relative(folder, input).startsWith('..'))
            throw new UsageError(`${name}: holds the model file ${displayFile(input)}; build the site into a folder of its own`);
    }
    const entries = await fs.readdir(folder);
    if (entries.length === 0) return [];
    const marker = await fs.readFile(path.join(folder, MARKER), 'utf8').catch(() => undefined);
    if (marker === undefined) {
        if (force) return [];
        throw new UsageError(
            `${name}: not empty, and not a site polity built; choose a new folder, or add --force to write into it anyway`
        );
    }
    // Only names polity could have written: nothing outside the folder, however the marker was edited.
    return marker.split('\n').filter(line => /^[\w.-]+(\/[\w.-]+)*$/.test(line) && !line.split('/').includes('..'));
}

/** Creates the folders down to `target`, each inside the site and none a link. */
async function makeFolders(root: string, target: string): Promise<void> {
    const relative = path.relative(root, target);
    let current = root;
    await fs.mkdir(root, { recursive: true }).catch(error => {
        throw new UsageError(`${displayFile(root)}: cannot create folder (${errorCode(error)})`);
    });
    for (const part of relative ? relative.split(path.sep) : []) {
        current = path.join(current, part);
        const stat = await fs.lstat(current).catch(() => undefined);
        if (stat?.isSymbolicLink() || (stat && !stat.isDirectory()))
            throw new UsageError(`${displayFile(current)}: in the way of the site (not a folder, or a link); remove it`);
        if (!stat)
            await fs.mkdir(current).catch(error => {
                throw new UsageError(`${displayFile(current)}: cannot create folder (${errorCode(error)})`);
            });
    }
}

/** The preview's page script and stylesheet and the site's own, from the build beside this CLI, without source map links. */
async function assets(): Promise<SitePage[]> {
    const result: SitePage[] = [];
    for (const asset of ASSETS) {
        const text = await fs.readFile(path.join(DIST, asset), 'utf8').catch(() => {
            throw new UsageError(`${path.join(DIST, asset)} is missing: run \`npm run build\``);
        });
        result.push({ path: `assets/${asset}`, text: text.replace(/\n\/[/*]# sourceMappingURL=.*$/m, '\n') });
    }
    return result;
}

function checkBaseUrl(value: string): string {
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new UsageError(`--base-url ${value}: not an address; give one like https://example.org/china-cyber/`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--base-url ${value}: give an http or https address`);
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function sitemap(baseUrl: string, pages: SitePage[]): string {
    const urls = pages
        .filter(p => p.path.endsWith('.html'))
        .map(p => `  <url><loc>${xmlText(new URL(p.path, baseUrl).href)}</loc></url>\n`);
    return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('')}</urlset>\n`;
}

function commonFolder([first = '.', ...others]: string[]): string {
    let common = path.dirname(first);
    for (const file of others) {
        while (path.relative(common, file).startsWith('..')) common = path.dirname(common);
    }
    return common;
}
