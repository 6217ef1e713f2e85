/**
 * The preview page's host on a static site: stands in for VS Code's
 * `acquireVsCodeApi` and answers the page's messages from the diagrams the
 * build wrote beside it, so the site runs the preview's own page script
 * (dist/webview.js) unchanged. Loaded after the view's data, before the page.
 */
import type { FromPage, ToPage } from './messages.js';
import type { SiteViewData } from './site-data.js';

declare global {
    interface Window {
        polityViewData?: SiteViewData;
        acquireVsCodeApi?: () => { postMessage(message: FromPage): void; getState(): unknown; setState(state: unknown): void };
    }
}

let state: unknown;
let shown = -1;

window.acquireVsCodeApi = () => ({
    postMessage: message => receive(message),
    getState: () => state,
    setState: next => { state = next; }
});

function data(): SiteViewData {
    const found = window.polityViewData;
    if (!found) throw new Error('the view\'s data did not load');
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
            const target = site.diagrams[shown]?.sources[message.id]?.uri;
            if (target && target.endsWith('.html')) location.href = target;
            break;
        }
        case 'export':
            download(site);
            break;
    }
}

function show(site: SiteViewData, at: string | undefined): void {
    const year = at !== undefined && Object.hasOwn(site.years, at) ? site.years[at] : undefined;
    const index = year ?? site.initial;
    const diagram = site.diagrams[index];
    if (!diagram) return;
    shown = index;
    const message: ToPage = {
        type: 'diagram',
        diagram: { ...diagram, views: site.views, dates: site.dates },
        view: site.view,
        at: index === site.initial ? undefined : at
    };
    history.replaceState(null, '', index === site.initial ? location.pathname : `#at=${encodeURIComponent(at!)}`);
    window.postMessage(message, '*');
}

function yearInAddress(site: SiteViewData): string | undefined {
    const match = /^#at=(\d{4})$/.exec(location.hash);
    const year = match?.[1];
    return year !== undefined && Object.hasOwn(site.years, year) ? year : undefined;
}

/** Export saves the picture shown as an SVG file, as the preview's button does. */
function download(site: SiteViewData): void {
    const diagram = site.diagrams[shown];
    if (!diagram) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([diagram.svg], { type: 'image/svg+xml' }));
    link.download = `${site.view ?? 'model'}-${diagram.at}.svg`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
}
