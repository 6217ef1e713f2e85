/**
 * The preview page as VS Code shows it (the same HTML, CSP, script and
 * stylesheet), in headless Chromium with a stand-in for `acquireVsCodeApi`
 * and the variables a VS Code theme gives a webview.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { previewCharts } from '../../src/diagram/charts.js';
import { renderSvg } from '../../src/diagram/diagram.js';
import type { DiagramSuccess } from '../../src/diagram/protocol.js';
import { GraphvizRenderer } from '../../src/diagram/render.js';
import { graphFor } from '../../src/diagram/request.js';
import { dateRange, viewsOf } from '../../src/diagram/select.js';
import { previewHtml } from '../../src/extension/preview-html.js';
import type { ToPage } from '../../src/webview/messages.js';
import { modelOf, REPO, TODAY } from './helpers.js';

export const CHROMIUM = process.env.POLITY_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const RESULTS = path.join(REPO, 'test-results');
const ORIGIN = 'https://webview.polity.test';

export const missing = !existsSync(CHROMIUM)
    ? `chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set POLITY_E2E_CHROMIUM)`
    : !existsSync(path.join(REPO, 'dist', 'webview.js'))
      ? 'dist/webview.js is missing: run `npm run build` first'
      : undefined;

export type Theme = 'light' | 'dark' | 'high-contrast';

/** A few of the variables of VS Code's Light Modern, Dark Modern and High Contrast themes, as a webview gets them. */
export const THEMES: Record<Theme, Record<string, string>> = {
    light: {
        '--vscode-editor-background': '#ffffff',
        '--vscode-editor-foreground': '#3b3b3b',
        '--vscode-foreground': '#3b3b3b',
        '--vscode-button-secondaryBackground': '#e5e5e5',
        '--vscode-button-secondaryForeground': '#3b3b3b',
        '--vscode-button-border': '#0000001a',
        '--vscode-focusBorder': '#005fb8',
        '--vscode-editor-font-size': '14px',
        '--vscode-font-size': '13px'
    },
    dark: {
        '--vscode-editor-background': '#1f1f1f',
        '--vscode-editor-foreground': '#cccccc',
        '--vscode-foreground': '#cccccc',
        '--vscode-button-secondaryBackground': '#313131',
        '--vscode-button-secondaryForeground': '#cccccc',
        '--vscode-button-border': '#ffffff12',
        '--vscode-focusBorder': '#0078d4',
        '--vscode-editor-font-size': '14px',
        '--vscode-font-size': '13px'
    },
    'high-contrast': {
        '--vscode-editor-background': '#000000',
        '--vscode-editor-foreground': '#ffffff',
        '--vscode-foreground': '#ffffff',
        '--vscode-button-background': '#000000',
        '--vscode-button-foreground': '#ffffff',
        '--vscode-button-border': '#6fc3df',
        '--vscode-contrastBorder': '#6fc3df',
        '--vscode-focusBorder': '#f38518',
        '--vscode-editor-font-size': '14px',
        '--vscode-font-size': '13px'
    }
};

export function launch(): Promise<Browser> {
    return chromium.launch({
        executablePath: CHROMIUM,
        args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run'
        ]
    });
}

export interface PreviewPage {
    page: Page;
    posted: () => Promise<unknown[]>;
    errors: string[];
    outside: string[];
}

/** A page served from a fake origin, as VS Code serves webviews; `posted` returns the messages the page posts. */
export async function openPreview(
    browser: Browser,
    { theme = 'light', width = 1280, height = 800 }: { theme?: Theme; width?: number; height?: number } = {}
): Promise<PreviewPage> {
    const page = await browser.newPage({ viewport: { width, height } });
    const errors: string[] = [];
    const outside: string[] = [];
    page.on('pageerror', error => errors.push(error.message));
    page.on('request', request => {
        if (!request.url().startsWith(`${ORIGIN}/`)) outside.push(request.url());
    });
    await page.route(
        url => !url.href.startsWith(`${ORIGIN}/`),
        route => route.abort()
    );
    await page.route(`${ORIGIN}/**`, route => {
        const name = new URL(route.request().url()).pathname.slice(1);
        if (name === 'index.html') {
            return route.fulfill({
                contentType: 'text/html',
                body: previewHtml({
                    cspSource: ORIGIN,
                    scriptUri: `${ORIGIN}/webview.js`,
                    styleUri: `${ORIGIN}/webview.css`,
                    fontsUri: `${ORIGIN}/fonts.css`,
                    nonce: 'TESTNONCE0123456789'
                })
            });
        }
        const file = path.join(REPO, 'dist', name);
        // What the extension lets the webview load (localResourceRoots: dist/): its page, stylesheets and faces.
        if (!(['webview.js', 'webview.css', 'fonts.css'].includes(name) || /^fonts\/[\w.-]+\.woff2$/.test(name)) || !existsSync(file))
            return route.fulfill({ status: 404 });
        const type = name.endsWith('.css') ? 'text/css' : name.endsWith('.woff2') ? 'font/woff2' : 'text/javascript';
        return route.fulfill({ contentType: type, body: readFileSync(file) });
    });
    // What VS Code gives a webview: acquireVsCodeApi, theme variables on <html>, the theme's class on <body>.
    await page.addInitScript(`
        window.__posted = [];
        window.acquireVsCodeApi = () => ({ postMessage: m => window.__posted.push(m), getState: () => undefined, setState: () => undefined });
        document.addEventListener('DOMContentLoaded', () => {
            for (const [name, value] of Object.entries(${JSON.stringify(THEMES[theme])})) document.documentElement.style.setProperty(name, value);
            document.body.classList.add('vscode-${theme}');
        });
    `);
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction('(window.__posted ?? []).length > 0');
    return { page, errors, outside, posted: () => page.evaluate('window.__posted') as Promise<unknown[]> };
}

export const send = (page: Page, message: ToPage) => page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);

/** What the language server would answer the preview (charts included) for the model in `files`. */
export async function diagramOf(files: Record<string, string>, scope: string, view?: string, at?: string): Promise<DiagramSuccess> {
    const { model, conflicts } = await modelOf(files);
    const query = { view, at, scope, today: TODAY };
    const graph = graphFor(model, conflicts, query);
    const range = dateRange(model, scope);
    return {
        ...(await renderSvg(graph, new GraphvizRenderer())),
        title: graph.title,
        at: graph.at,
        direction: graph.direction,
        views: viewsOf(model, scope).map(v => ({ name: v.name, title: v.title })),
        dates: { min: range.min?.text, max: range.max?.text },
        charts: previewCharts(model, conflicts, query, uri => uri.slice(uri.lastIndexOf('/') + 1))
    };
}
