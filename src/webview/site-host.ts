/**
 * The preview page's host on a static site: stands in for VS Code's
 * `acquireVsCodeApi` and answers the page's messages from the diagrams the
 * build wrote beside it, so the site runs the preview's own page script
 * (dist/webview.js) unchanged. Loaded after the view's data and its first
 * picture, before the page; the other pictures load when they are shown.
 */
import type { DiagramSuccess } from '../diagram/protocol.js';
import type { FromPage, ToPage } from './messages.js';
import type { SitePicture, SiteViewData } from './site-data.js';

declare global {
    interface Window {
        polityViewData?: SiteViewData;
        polityPictures?: Record<string, string>;
        acquireVsCodeApi?: () => { postMessage(message: FromPage): void; getState(): unknown; setState(state: unknown): void };
    }
}

let state: unknown;
/** The diagram on the page: what a click on a node and Export use. */
let shown: DiagramSuccess | undefined;
/** Counts the requests to show a date, so that a picture arriving after a later request is not shown. */
let requested = 0;
const loading = new Map<string, Promise<SitePicture>>();

window.acquireVsCodeApi = () => ({
    postMessage: message => receive(message),
    getState: () => state,
    setState: next => {
        state = next;
    }
});

function data(): SiteViewData {
    const found = window.polityViewData;
    if (!found) throw new Error("the view's data did not load");
    return found;
}

function receive(message: FromPage): void {
    const site = data();
    switch (message.type) {
        case 'ready':
            show(site, yearInAddress(site));
            break;
        case 'select': {
            if ((message.view ?? '') !== (site.view ?? '')) {
                // Another view is another page; the date goes with it.
                const page = site.pages[message.view ?? ''];
                if (page) location.href = page + (message.at ? `#at=${encodeURIComponent(message.at)}` : '');
                return;
            }
            show(site, message.at);
            break;
        }
        case 'reveal': {
            // The build points an institution's node at the institution's page.
            const target = shown?.sources[message.id]?.uri;
            if (target && target.endsWith('.html')) location.href = target;
            break;
        }
        case 'export':
            download(site.view);
            break;
        case 'png':
            save(`data:image/png;base64,${message.data}`, `${site.view ?? 'model'}-${shown?.at ?? ''}.png`);
            break;
    }
}

function show(site: SiteViewData, at: string | undefined): void {
    const year = at !== undefined && Object.hasOwn(site.years, at) ? site.years[at] : undefined;
    const index = year ?? site.initial;
    const entry = site.diagrams[index];
    if (!entry) return;
    const request = ++requested;
    history.replaceState(null, '', index === site.initial ? location.pathname : `#at=${encodeURIComponent(at!)}`);
    picture(entry.picture).then(
        ({ svg, ...rest }) => {
            if (request !== requested) return;
            shown = {
                ...rest,
                svg: svg.join(entry.dateLine),
                title: entry.title,
                at: entry.at,
                direction: entry.direction,
                views: site.views,
                dates: site.dates
            };
            const message: ToPage = { type: 'diagram', diagram: shown, view: site.view, at: index === site.initial ? undefined : at };
            window.postMessage(message, '*');
        },
        (error: unknown) => {
            if (request !== requested) return;
            const message: ToPage = {
                type: 'error',
                message: error instanceof Error ? error.message : String(error),
                views: site.views,
                dates: site.dates,
                view: site.view,
                at
            };
            window.postMessage(message, '*');
        }
    );
}

/** The picture's script, run once: the first came with the page, the others are added to it when first shown. */
function picture(file: string): Promise<SitePicture> {
    let found = loading.get(file);
    if (!found) {
        found = new Promise<string>((resolve, reject) => {
            const loaded = () => window.polityPictures?.[file];
            const now = loaded();
            if (now !== undefined) return resolve(now);
            const script = document.createElement('script');
            script.src = file;
            script.onload = () => {
                const done = loaded();
                if (done !== undefined) resolve(done);
                else reject(new Error(`${file} holds no picture`));
            };
            script.onerror = () => reject(new Error(`the picture ${file} did not load`));
            document.head.append(script);
        }).then(unpack);
        found.catch(() => loading.delete(file));
        loading.set(file, found);
    }
    return found;
}

/** The picture's JSON, from base64 and deflate (src/publish/pictures.ts) by the browser's own decompressor. */
async function unpack(packed: string): Promise<SitePicture> {
    const bytes = Uint8Array.from(atob(packed), c => c.charCodeAt(0));
    const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'))).text();
    return JSON.parse(text) as SitePicture;
}

function yearInAddress(site: SiteViewData): string | undefined {
    const match = /^#at=(\d{4})$/.exec(location.hash);
    const year = match?.[1];
    return year !== undefined && Object.hasOwn(site.years, year) ? year : undefined;
}

/** Export saves the picture shown as an SVG file, as the preview's button does; Export PNG the page's drawing of it. */
function download(view: string | undefined): void {
    const diagram = shown;
    if (!diagram) return;
    const url = URL.createObjectURL(new Blob([diagram.svg], { type: 'image/svg+xml' }));
    save(url, `${view ?? 'model'}-${diagram.at}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The browser's download of `url` as `name`: a static page has no other way to save a file. */
function save(url: string, name: string): void {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
}
