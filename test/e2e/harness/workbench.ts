/**
 * The workbench in headless Chromium, driven by playwright-core, and page objects for what the
 * tests do in it: Quick Open, the command palette, editors, squiggles, the Problems panel, hover,
 * completion, go to definition and webviews.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// playwright-core is loaded at run time from the e2e cache (see loadPlaywright). These imports are types only
// and are erased; without playwright-core in the repo's node_modules they degrade to `any`.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- playwright-core may be resolvable only from the e2e cache, not from the repo
import type { Browser, BrowserContext, ConsoleMessage, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { startCodeServer, type CodeServer, type StartOptions } from './code-server.js';
import { loadPlaywright, requirePrerequisites, RESULTS_DIR, type PrerequisitesResult } from './prerequisites.js';
import { cleanEnv, installExitHook, liveStoppers, liveSyncKills, rmrf, sleep, UI_TIMEOUT, waitFor, withTimeout } from './processes.js';

export const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-dev-shm-usage'
];

export interface WorkbenchOptions {
    viewport?: { width: number; height: number };
    /** Bound for the workbench and explorer to appear (default 90 s). */
    loadTimeout?: number;
    /** Wait for the explorer to list the folder's files (default true). */
    waitForExplorer?: boolean;
    /** Extra chromium flags. */
    args?: string[];
    prerequisites?: PrerequisitesResult;
}

export interface Workbench {
    server: CodeServer;
    browser: Browser;
    context: BrowserContext;
    page: Page;
    /** Browser console messages and page errors, as "[type] text". */
    console: string[];
    timings: { loadMs: number };
    /** Close the browser (bounded) and remove its temp dir. Does not stop the server. */
    close(): Promise<void>;
}

export async function openWorkbench(server: CodeServer, opts: WorkbenchOptions = {}): Promise<Workbench> {
    const pre = requirePrerequisites(opts.prerequisites);
    installExitHook();
    const pw = await loadPlaywright(pre);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'polity-e2e-chromium-'));
    const t0 = Date.now();
    let browser: Browser;
    try {
        browser = await pw.chromium.launch({
            executablePath: pre.chromium,
            headless: true,
            args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
            timeout: 60_000,
            env: cleanEnv({
                HOME: home,
                TMPDIR: home,
                XDG_CONFIG_HOME: path.join(home, 'config'),
                XDG_CACHE_HOME: path.join(home, 'cache')
            })
        });
    } catch (e) {
        rmrf(home);
        throw e;
    }
    const syncRm = () => rmrf(home);
    liveSyncKills.add(syncRm);
    let closed: Promise<void> | undefined;
    const close = (): Promise<void> => {
        closed ??= (async () => {
            liveStoppers.delete(close);
            liveSyncKills.delete(syncRm);
            await withTimeout(browser.close(), 15_000, 'browser.close()').catch(() => undefined);
            rmrf(home);
        })();
        return closed;
    };
    liveStoppers.add(close);

    const consoleLines: string[] = [];
    try {
        const context = await browser.newContext({
            viewport: opts.viewport ?? { width: 1400, height: 900 },
            permissions: ['clipboard-read', 'clipboard-write']
        });
        context.setDefaultTimeout(UI_TIMEOUT);
        const page = await context.newPage();
        page.on('console', (m: ConsoleMessage) => consoleLines.push(`[${m.type()}] ${m.text()}`));
        page.on('pageerror', (e: Error) => consoleLines.push(`[pageerror] ${e.message}`));
        const loadTimeout = opts.loadTimeout ?? 90_000;
        await page.goto(server.folderUrl, { timeout: loadTimeout, waitUntil: 'domcontentloaded' });
        await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: loadTimeout });
        if (opts.waitForExplorer !== false) {
            await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: loadTimeout });
        }
        // focus the workbench once so keyboard shortcuts reach it
        await page
            .locator('.part.editor')
            .first()
            .click({ timeout: UI_TIMEOUT, position: { x: 200, y: 200 } })
            .catch(() => undefined);
        return { server, browser, context, page, console: consoleLines, timings: { loadMs: Date.now() - t0 }, close };
    } catch (e) {
        await close();
        throw new Error(`${(e as Error).message}\n--- code-server output ---\n${server.log().slice(-3000)}`, { cause: e });
    }
}

/** One call: start code-server and open the workbench; `stop()` closes both and removes temp dirs. */
export async function startSession(
    opts: StartOptions & { workbench?: WorkbenchOptions }
): Promise<{ server: CodeServer; workbench: Workbench; page: Page; stop: () => Promise<void> }> {
    const server = await startCodeServer(opts);
    let workbench: Workbench;
    try {
        workbench = await openWorkbench(server, { prerequisites: opts.prerequisites, ...opts.workbench });
    } catch (e) {
        await server.stop();
        throw e;
    }
    return {
        server,
        workbench,
        page: workbench.page,
        stop: async () => {
            await workbench.close();
            await server.stop();
        }
    };
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = '.quick-input-widget input';
const QUICK_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';
const EDITOR = '.editor-instance .monaco-editor';

/** Screenshot of the whole page into <repo>/test-results/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    await page.screenshot({ path: file, timeout: UI_TIMEOUT });
    return file;
}

/**
 * Writes a screenshot, the browser console, code-server's output and VS Code's logs into
 * <repo>/test-results/<name>.* — call it when a scenario fails. Never throws.
 */
export async function saveDiagnostics(wb: Workbench, name: string): Promise<string[]> {
    const base = path.join(RESULTS_DIR, name.replace(/[^\w.-]+/g, '_'));
    const files: string[] = [];
    try {
        fs.mkdirSync(RESULTS_DIR, { recursive: true });
        files.push(await screenshot(wb.page, name));
    } catch {
        /* ignore */
    }
    const write = (suffix: string, text: string) => {
        try {
            fs.writeFileSync(base + suffix, text);
            files.push(base + suffix);
        } catch {
            /* ignore */
        }
    };
    write('.console.txt', wb.console.join('\n'));
    write('.code-server.txt', wb.server.log());
    write('.vscode-logs.txt', wb.server.vscodeLogs());
    return files;
}

async function closeQuickInput(page: Page): Promise<void> {
    if (
        await page
            .locator(QUICK_INPUT)
            .isVisible()
            .catch(() => false)
    )
        await page.keyboard.press('Escape');
}

async function openQuickInput(page: Page, keys: string, prefix: string): Promise<Locator> {
    await closeQuickInput(page);
    const box = page.locator(QUICK_INPUT_BOX).first();
    await waitFor(
        async () => {
            if (!(await box.isVisible().catch(() => false))) await page.keyboard.press(keys);
            await box.waitFor({ state: 'visible', timeout: 3000 });
            return true;
        },
        { timeout: UI_TIMEOUT, message: `quick input (${keys}) to open` }
    );
    await box.fill(prefix);
    return box;
}

/**
 * Waits for a quick-input row matching `label` and returns its index: exact aria-label/label match first,
 * then a row whose label starts with it, then one that contains it (case-insensitive).
 */
async function pickRow(page: Page, label: string, timeout: number): Promise<void> {
    const idx = await waitFor(
        async () => {
            const labels: string[] = await page.locator(QUICK_ROWS).evaluateAll((rows: Element[]) =>
                rows.map(r => {
                    const l = r.querySelector('.label-name, .monaco-icon-label .label-name')?.textContent ?? '';
                    return `${l}\u0000${r.getAttribute('aria-label') ?? ''}`;
                })
            );
            const want = label.toLowerCase();
            const parts = labels.map(s => s.toLowerCase().split('\u0000'));
            let i = parts.findIndex(([l, a]) => l === want || a === want);
            if (i < 0) i = parts.findIndex(([l = '', a = '']) => l.startsWith(want) || a.startsWith(want));
            if (i < 0) i = parts.findIndex(([l = '', a = '']) => l.includes(want) || a.includes(want));
            return i >= 0 ? i + 1 : 0; // +1 so index 0 is truthy
        },
        { timeout, interval: 150, message: `quick-input row "${label}"` }
    );
    await page
        .locator(QUICK_ROWS)
        .nth(idx - 1)
        .click({ timeout });
}

/** Opens a file by name via Quick Open (Ctrl+P) and waits until its editor tab is active. */
export async function openFile(page: Page, name: string, opts: { timeout?: number } = {}): Promise<void> {
    const timeout = opts.timeout ?? UI_TIMEOUT;
    const base = path.basename(name);
    await openQuickInput(page, 'Control+P', '');
    await page.locator(QUICK_INPUT_BOX).first().fill(name);
    await pickRow(page, base, timeout);
    await waitFor(async () => (await activeEditorName(page)) === base, {
        timeout,
        message: `editor tab "${base}" to be active`
    });
    await page.locator(`${EDITOR} .view-lines`).first().waitFor({ state: 'visible', timeout });
}

/** Runs a command by its palette label (e.g. "View: Toggle Word Wrap") via Ctrl+Shift+P. */
export async function runCommand(page: Page, label: string, opts: { timeout?: number } = {}): Promise<void> {
    const timeout = opts.timeout ?? UI_TIMEOUT;
    await openQuickInput(page, 'Control+Shift+P', '>');
    await page.locator(QUICK_INPUT_BOX).first().fill(`>${label}`);
    await pickRow(page, label, timeout);
    await page
        .locator(QUICK_INPUT)
        .first()
        .waitFor({ state: 'hidden', timeout: 5000 })
        .catch(() => undefined);
}

/** File name of the active editor tab in the focused editor group ('' if none). */
export async function activeEditorName(page: Page): Promise<string> {
    return page
        .evaluate(() => {
            const tab =
                document.querySelector('.editor-group-container.active .tabs-container .tab.active') ??
                document.querySelector('.tabs-container .tab.active');
            return tab?.getAttribute('data-resource-name') || tab?.getAttribute('aria-label') || '';
        })
        .catch(() => '');
}

/** Cursor position from the status bar ("Ln 3, Col 5"), 1-based. */
export async function cursorPosition(page: Page): Promise<{ line: number; column: number } | undefined> {
    const t =
        (await page
            .locator('#status\\.editor\\.selection')
            .first()
            .textContent({ timeout: 2000 })
            .catch(() => '')) ?? '';
    const m = /Ln (\d+), Col (\d+)/.exec(t);
    return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

/**
 * Moves the cursor of the active editor to line:column (1-based) via Quick Open ":line:col". Under load the
 * workbench can swallow the Enter while Quick Open is still filtering: then it asks again, up to three times.
 */
export async function gotoPosition(page: Page, line: number, column = 1): Promise<void> {
    const arrived = async () => {
        const p = await cursorPosition(page);
        return p?.line === line && p.column === column;
    };
    for (let attempt = 1; ; attempt++) {
        await openQuickInput(page, 'Control+P', `:${line}:${column}`);
        await sleep(150);
        await page.keyboard.press('Enter');
        try {
            await waitFor(arrived, { timeout: 5_000, message: `cursor at ${line}:${column}` });
            return;
        } catch (error) {
            if (attempt === 3) throw error;
            await page.keyboard.press('Escape');
        }
    }
}

/**
 * Types `text` at line:column (1-based) of the active editor. Keystrokes go through the editor, so
 * auto-closing brackets/quotes and auto-indent apply; use `pasteText` for verbatim text.
 */
export async function typeAt(page: Page, line: number, column: number, text: string): Promise<void> {
    await gotoPosition(page, line, column);
    await page.keyboard.type(text, { delay: 10 });
}

/** Inserts `text` verbatim at the cursor through the clipboard (Ctrl+V). */
export async function pasteText(page: Page, text: string): Promise<void> {
    await page.evaluate((t: string) => navigator.clipboard.writeText(t), text);
    await page.keyboard.press('Control+V');
}

/** Replaces the whole content of the active editor (verbatim, via the clipboard). Does not save. */
export async function setEditorText(page: Page, text: string): Promise<void> {
    await page.locator(`${EDITOR} .view-lines`).first().click({ timeout: UI_TIMEOUT });
    await page.keyboard.press('Control+A');
    await pasteText(page, text);
}

/** Saves the active editor (Ctrl+S). */
export async function save(page: Page): Promise<void> {
    await page.keyboard.press('Control+S');
    await waitFor(async () => (await page.locator('.tabs-container .tab.active.dirty').count()) === 0, {
        timeout: 10_000,
        message: 'active editor to be saved'
    });
}

/**
 * Text of the visible lines of the active editor, top to bottom (only what is rendered: Monaco
 * virtualises long files). Non-breaking spaces become spaces.
 */
export async function editorText(page: Page): Promise<string> {
    return page
        .locator(`${EDITOR} .view-lines`)
        .first()
        .evaluate((el: Element) =>
            [...el.querySelectorAll('.view-line')]
                .map(l => ({ top: parseFloat((l as HTMLElement).style.top || '0'), text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
                .sort((a, b) => a.top - b.top)
                .map(l => l.text)
                .join('\n')
        );
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Number of squiggles of a severity rendered in the active editor. */
export async function squiggleCount(page: Page, severity: Severity = 'error'): Promise<number> {
    return page.locator(`${EDITOR} .squiggly-${severity}`).count();
}

/** Waits for at least `min` squiggles of a severity in the active editor; returns the count. */
export async function waitForSquiggles(page: Page, severity: Severity = 'error', min = 1, timeout = UI_TIMEOUT): Promise<number> {
    return waitFor(
        async () => {
            const n = await squiggleCount(page, severity);
            return n >= min ? n : 0;
        },
        { timeout, message: `${min} ${severity} squiggle(s)` }
    );
}

/** Opens the Problems panel if it is not visible (Ctrl+Shift+M). */
export async function showProblems(page: Page): Promise<void> {
    const panel = page.locator('.markers-panel').first();
    if (await panel.isVisible().catch(() => false)) return;
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: UI_TIMEOUT }).catch(async () => {
        await runCommand(page, 'View: Focus Problems');
        await panel.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    });
}

/** Hides the panel (Problems, Output, …) if it is shown, giving the editors the window's height. */
export async function hidePanel(page: Page): Promise<void> {
    const panel = page.locator('.part.panel').first();
    if (!(await panel.isVisible().catch(() => false))) return;
    await runCommand(page, 'View: Hide Panel');
    await panel.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

export interface ProblemRow {
    /** Visible text of the row. */
    text: string;
    /** aria-label: for a marker e.g. "Error: <message> at line 2 and character 1 in a.polity generated by src". */
    ariaLabel: string;
    /** true for a file (resource) row, false for a marker row. */
    isFile: boolean;
}

/** Rows of the Problems panel (opened if needed), as rendered: the list is virtualised. */
export async function problemRows(page: Page): Promise<ProblemRow[]> {
    await showProblems(page);
    return page.locator('.markers-panel .monaco-list-row').evaluateAll((rows: Element[]) =>
        rows
            .map(r => ({
                top: parseFloat((r as HTMLElement).style.top || '0'),
                text: ((r as HTMLElement).innerText ?? '').replace(/\s+/g, ' ').trim(),
                ariaLabel: r.getAttribute('aria-label') ?? '',
                isFile: !!r.querySelector('.file-icon, .monaco-icon-label.file-icon') && !r.querySelector('.marker-icon')
            }))
            .sort((a, b) => a.top - b.top)
            .map(({ text, ariaLabel, isFile }) => ({ text, ariaLabel, isFile }))
    );
}

/** Texts of the Problems panel rows (file rows and marker rows), top to bottom. */
export async function problems(page: Page): Promise<string[]> {
    return (await problemRows(page)).map(r => r.ariaLabel || r.text);
}

/** Waits until some Problems row matches `match` (substring or RegExp); returns all row texts then. */
export async function waitForProblem(page: Page, match: string | RegExp, timeout = UI_TIMEOUT): Promise<string[]> {
    let last: string[] = [];
    return waitFor(
        async () => {
            last = await problems(page);
            return last.some(t => (typeof match === 'string' ? t.includes(match) : match.test(t))) ? last : undefined;
        },
        { timeout, interval: 300, message: `a Problems row matching ${String(match)}` }
    ).catch((e: Error) => {
        throw new Error(`${e.message}; rows were: ${JSON.stringify(last)}`);
    });
}

/** Error/warning counts from the status bar problems item. */
export async function problemCounts(page: Page): Promise<{ errors: number; warnings: number } | undefined> {
    const label =
        (await page
            .locator('#status\\.problems a, #status\\.problems')
            .first()
            .getAttribute('aria-label', { timeout: 2000 })
            .catch(() => null)) ?? '';
    const errors = /(\d+)\s+Errors?|Errors?:\s*(\d+)/i.exec(label);
    const warnings = /(\d+)\s+Warnings?|Warnings?:\s*(\d+)/i.exec(label);
    if (!errors && !warnings) return undefined;
    return { errors: Number(errors?.[1] ?? errors?.[2] ?? 0), warnings: Number(warnings?.[1] ?? warnings?.[2] ?? 0) };
}

/** Shows the hover at line:column (keyboard: editor.action.showHover) and returns its text. */
export async function hoverText(page: Page, line: number, column: number, timeout = UI_TIMEOUT): Promise<string> {
    await gotoPosition(page, line, column);
    const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content');
    return waitFor(
        async () => {
            if (
                !(await hover
                    .first()
                    .isVisible()
                    .catch(() => false))
            ) {
                await page.keyboard.press('Control+K');
                await page.keyboard.press('Control+I');
                await hover.first().waitFor({ state: 'visible', timeout: 3000 });
            }
            const t = (await hover.allInnerTexts()).join('\n').trim();
            return t && !/^Loading\.\.\.$/.test(t) ? t : '';
        },
        { timeout, message: `hover at ${line}:${column}` }
    );
}

/** Triggers completion (Ctrl+Space) at line:column (or at the cursor) and returns the item labels shown. */
export async function completionItems(
    page: Page,
    at?: { line: number; column: number },
    opts: { timeout?: number; keepOpen?: boolean } = {}
): Promise<string[]> {
    if (at) await gotoPosition(page, at.line, at.column);
    const widget = page.locator('.editor-widget.suggest-widget.visible').first();
    const rows = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    let state = '';
    let emptySince = 0;
    const items = await waitFor(
        async () => {
            if (!(await widget.isVisible().catch(() => false))) {
                state = 'widget not shown';
                emptySince = 0;
                await page.keyboard.press('Control+Space');
                await widget.waitFor({ state: 'visible', timeout: 3000 });
            }
            const labels: string[] = await rows.evaluateAll((rs: Element[]) =>
                rs
                    .map(r => ({
                        top: parseFloat((r as HTMLElement).style.top || '0'),
                        label: (r.querySelector('.label-name')?.textContent ?? r.getAttribute('aria-label') ?? '').trim()
                    }))
                    .sort((a, b) => a.top - b.top)
                    .map(r => r.label)
            );
            if (labels.length) return labels;
            // "Loading..." or "No suggestions.": give it 2 s, then close and trigger again
            state = ((await widget.innerText({ timeout: 1000 }).catch(() => '')) ?? '').trim() || 'no rows';
            emptySince ||= Date.now();
            if (Date.now() - emptySince > 2000) {
                await page.keyboard.press('Escape');
                emptySince = 0;
            }
            return undefined;
        },
        { timeout: opts.timeout ?? UI_TIMEOUT, message: 'completion items' }
    ).catch((e: Error) => {
        throw new Error(`${e.message}; suggest widget: ${JSON.stringify(state)}`);
    });
    if (!opts.keepOpen) await page.keyboard.press('Escape');
    return items;
}

/** Go to Definition (F12) at line:column; returns the active editor name and cursor position afterwards. */
export async function goToDefinition(
    page: Page,
    line: number,
    column: number,
    opts: { timeout?: number } = {}
): Promise<{ file: string; line: number; column: number }> {
    await gotoPosition(page, line, column);
    const before = { file: await activeEditorName(page), pos: await cursorPosition(page) };
    await page.keyboard.press('F12');
    return waitFor(
        async () => {
            const file = await activeEditorName(page);
            const pos = await cursorPosition(page);
            if (!pos) return undefined;
            if (file === before.file && pos.line === before.pos?.line && pos.column === before.pos?.column) return undefined;
            return { file, ...pos };
        },
        { timeout: opts.timeout ?? 10_000, message: `definition at ${line}:${column} to open` }
    );
}

/** Names (file name or title) of the editor tabs, all groups, left to right. */
export async function editorTabs(page: Page): Promise<string[]> {
    return page
        .locator('.tabs-container .tab')
        .evaluateAll((tabs: Element[]) => tabs.map(t => t.getAttribute('data-resource-name') || t.getAttribute('aria-label') || ''));
}

/** Text of notification toasts currently shown. */
export async function notifications(page: Page): Promise<string[]> {
    return page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
}

/**
 * FrameLocator for the content of a webview (outer `iframe.webview.ready` → inner `#active-frame`).
 * With several webviews, `index` picks among the visible ones (default: the last one opened).
 */
export function webview(page: Page, index: 'last' | number = 'last'): FrameLocator {
    const outer = page.frameLocator('iframe.webview.ready >> visible=true');
    const picked = index === 'last' ? outer.last() : outer.nth(index);
    return picked.frameLocator('#active-frame');
}

/** The webview's inner Frame (for evaluate()), once its document has a body. */
export async function webviewFrame(page: Page, timeout = UI_TIMEOUT): Promise<Frame> {
    return waitFor(
        async () => {
            const outers = await page.locator('iframe.webview.ready >> visible=true').elementHandles();
            const outer = await outers[outers.length - 1]?.contentFrame();
            const inner = await (await outer?.$('#active-frame'))?.contentFrame();
            if (!inner) return undefined;
            return (await inner.$('body')) ? inner : undefined;
        },
        { timeout, message: 'a webview frame (iframe.webview.ready → #active-frame)' }
    );
}

/** Waits for the visible webview's body text to be non-empty (or to match `match`) and returns it. */
export async function webviewText(page: Page, match?: string | RegExp, timeout = UI_TIMEOUT): Promise<string> {
    let last = '';
    return waitFor(
        async () => {
            last = (await webview(page).locator('body').innerText({ timeout: 2000 })).trim();
            if (!last) return '';
            if (match === undefined) return last;
            return (typeof match === 'string' ? last.includes(match) : match.test(last)) ? last : '';
        },
        { timeout, message: `webview text${match ? ` matching ${String(match)}` : ''}` }
    ).catch((e: Error) => {
        throw new Error(`${e.message}; text was: ${JSON.stringify(last.slice(0, 500))}`);
    });
}
