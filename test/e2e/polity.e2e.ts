/**
 * The packaged extension in a real VS Code (code-server in headless Chromium) on a copy of the flagship
 * example: what an analyst sees, not what the server returns. Each scenario leaves a screenshot in
 * test-results/; a failing one also leaves the browser console, code-server's output and VS Code's logs.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
    REPO_ROOT,
    RESULTS_DIR,
    activeEditorName,
    completionItems,
    cursorPosition,
    editorText,
    findPrerequisites,
    goToDefinition,
    gotoPosition,
    hoverText,
    problemCounts,
    problemRows,
    problems,
    runCommand,
    saveDiagnostics,
    screenshot,
    showProblems,
    startSession,
    waitFor,
    waitForProblem,
    waitForSquiggles,
    webview,
    webviewText,
    type CodeServer,
    type Workbench
} from './harness.js';
import { applyQuickFix, noteArrivals, pictureShown, showDiagram, showMatrix } from './preview-tabs.js';
import { SCENARIOS, locate, type Anchor } from '../scenarios/china-cyber.js';
import { requirePrerequisite, skipWithout } from '../prerequisites.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'china-cyber');
const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const VSIX = path.join(RESULTS_DIR, `polity-${version}.vsix`);

let server: CodeServer;
let workbench: Workbench;
let page: Page;
let stop: () => Promise<void>;
const timings: Record<string, number> = {};

/** 1-based line and column of an anchor in the workspace copy, as the status bar and Quick Open count. */
function at(anchor: Anchor): { line: number; column: number } {
    const { line, character } = locate(fs.readFileSync(path.join(server.workspaceFolder, anchor.file), 'utf8'), anchor);
    return { line: line + 1, column: character + 1 };
}

/**
 * Runs a scenario; keeps a screenshot taken when the body calls `snap` (at the moment worth showing,
 * before it cleans up) or else at its end; on failure keeps everything that helps to find out why.
 */
function scenario(name: string, body: (snap: () => Promise<void>) => Promise<void>): void {
    it(name, async () => {
        const started = Date.now();
        let snapped = false;
        const snap = async () => {
            await screenshot(page, `e2e-${name}`);
            snapped = true;
        };
        try {
            await body(snap);
            if (!snapped) await snap();
        } catch (error) {
            await saveDiagnostics(workbench, `e2e-${name}-FAILED`);
            throw error;
        } finally {
            timings[name] = Date.now() - started;
        }
    });
}

async function errorCount(): Promise<number> {
    return (await problemCounts(page))?.errors ?? 0;
}

/**
 * Opens a file through Quick Open with the keyboard: its rows re-render while results and problem
 * decorations update, so a click can keep missing a row; Enter on the first, focused one does not.
 */
async function open(file: string): Promise<void> {
    const box = page.locator('.quick-input-widget input').first();
    const first = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
    await waitFor(
        async () => {
            if (!(await box.isVisible().catch(() => false))) await page.keyboard.press('Control+P');
            await box.fill(file, { timeout: 3000 });
            await waitFor(async () => (await first.getAttribute('aria-label', { timeout: 1000 }))?.startsWith(file), {
                timeout: 8000,
                message: `${file} first in Quick Open`
            });
            await page.keyboard.press('Enter');
            return waitFor(async () => (await activeEditorName(page)) === file, { timeout: 5000, message: `${file} active` });
        },
        { timeout: 45_000, message: `${file} to open` }
    );
    await box.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Drops the unsaved edits of the active editor and waits until no error is left. */
async function revert(): Promise<void> {
    await runCommand(page, 'File: Revert File');
    await waitFor(async () => (await errorCount()) === 0, { timeout: 20_000, message: 'no errors after revert' });
}

/** Types into the Problems panel's filter box ('' clears it). */
async function filterProblems(text: string): Promise<void> {
    await showProblems(page);
    await page.locator('.markers-panel-container .viewpane-filter input, .panel .viewpane-filter input').first().fill(text);
}

const prerequisites = findPrerequisites();
const missing = prerequisites.ok ? undefined : prerequisites.reason;

describe.skipIf(skipWithout(missing))('Polity in VS Code (code-server)', () => {
    beforeAll(async () => {
        requirePrerequisite(missing);
        // Screenshots and failure logs of an earlier run would pass for this one's.
        fs.mkdirSync(RESULTS_DIR, { recursive: true });
        for (const old of fs.readdirSync(RESULTS_DIR, { withFileTypes: true })) {
            if (old.isFile() && old.name.startsWith('e2e-')) fs.rmSync(path.join(RESULTS_DIR, old.name));
        }
        let t = Date.now();
        execFileSync('npm', ['run', 'package', '--', '--out', VSIX], { cwd: REPO_ROOT, stdio: 'pipe' });
        timings.package = Date.now() - t;
        t = Date.now();
        const session = await startSession({ workspaceFolder: EXAMPLE, vsixPath: VSIX });
        ({ server, workbench, page, stop } = session);
        timings.start = Date.now() - t;
    });

    afterAll(async () => {
        await stop?.();
        console.log(`e2e timings (ms): ${JSON.stringify(timings)}`);
    });

    scenario('01-problems', async () => {
        const { file, message } = SCENARIOS.problems;
        await open(file);
        const rows = await waitForProblem(page, new RegExp(`^Info: .*${message.source}`, message.flags), 60_000);
        expect(rows.length).toBeGreaterThan(1);
        await waitForSquiggles(page, 'info');
        expect(await errorCount()).toBe(0);
    });

    scenario('02-typo-unresolved', async snap => {
        const { at: anchor, insert, name } = SCENARIOS.typo;
        await open(anchor.file);
        const { line, column } = at(anchor);
        await gotoPosition(page, line, column);
        await page.keyboard.type(insert);
        try {
            await waitForSquiggles(page, 'error');
            // The Problems list renders only the rows in view: filter it down to the typo.
            await filterProblems(name);
            await waitForProblem(page, name);
            const row = (await problemRows(page)).find(r => r.text.includes(name));
            expect(row?.ariaLabel).toMatch(/^Error: /);
            expect(row?.text).toMatch(/polity\W+unresolved/); // the code, shown as "polity(unresolved)"
            await snap();
        } finally {
            await filterProblems('');
            await revert();
        }
    });

    scenario('03-completion', async snap => {
        const { at: anchor, line: typed, expect: wanted } = SCENARIOS.completion;
        await open(anchor.file);
        const { line, column } = at(anchor);
        await gotoPosition(page, line, column);
        // A fresh line before the anchor, so what is typed stands alone.
        await page.keyboard.press('Enter');
        await page.keyboard.press('ArrowUp');
        try {
            await page.keyboard.type(typed, { delay: 10 });
            const items = await completionItems(page, undefined, { keepOpen: true });
            expect(items).toContain(wanted);
            await snap();
            await page.keyboard.press('Escape');
        } finally {
            await revert();
        }
        expect(await editorText(page)).not.toContain(typed);
    });

    scenario('04-hover', async () => {
        const { at: anchor, expect: wanted } = SCENARIOS.hover;
        await open(anchor.file);
        const { line, column } = at(anchor);
        expect(await hoverText(page, line, column)).toContain(wanted);
    });

    scenario('05-definition-in-prelude', async () => {
        const { at: anchor, file, expect: wanted } = SCENARIOS.definition;
        await open(anchor.file);
        const { line, column } = at(anchor);
        expect((await goToDefinition(page, line, column)).file).toBe(file);
        await waitFor(async () => (await editorText(page)).includes(wanted), { message: 'the prelude to show' });
    });

    scenario('06-preview', async snap => {
        const { file, node, label, declaration } = SCENARIOS.preview;
        await open(file);
        await runCommand(page, 'Polity: Open Preview to the Side');
        await webviewText(page, label, 60_000);
        const box = webview(page).locator(`g.node[id="${node}"]`);
        await box.waitFor({ state: 'visible' });
        await snap();
        // Away from the declaration first, so landing on it proves the click.
        await gotoPosition(page, 1, 1);
        await box.click();
        const { line } = at(declaration);
        await waitFor(async () => (await activeEditorName(page)) === declaration.file && (await cursorPosition(page))?.line === line, {
            message: `the cursor on line ${line} of ${declaration.file}`
        });
    });

    scenario('06b-preview-view-and-date', async () => {
        const frame = webview(page);
        const node = (key: string) => frame.locator(`g.node[id="institution:china.cyber.${key}"]`);
        // The CII turf view draws the two claimants of CII protection, and not the think tanks.
        await frame.locator('#view').selectOption('cii-turf');
        await node('MPS').waitFor({ state: 'visible' });
        await node('CAC').waitFor({ state: 'visible' });
        await node('CICIR').waitFor({ state: 'detached' });
        // Back to the whole model, replayed to 2005: the CAC (established 2011) is not there yet.
        await frame.locator('#view').selectOption('');
        await node('CICIR').waitFor({ state: 'visible' });
        await frame.locator('#date').evaluate(slider => {
            (slider as HTMLInputElement).value = '2005';
            slider.dispatchEvent(new Event('input'));
        });
        await node('CAC').waitFor({ state: 'detached' });
        await node('MPS').waitFor({ state: 'visible' });
    });

    /** The preview beside state.polity, showing the whole model today. */
    async function previewOfState(): Promise<ReturnType<typeof webview>> {
        await open('state.polity');
        const frame = webview(page);
        // Opened by an earlier scenario, or here: the command palette once more would only reveal it.
        if (
            (await frame
                .locator('#view')
                .count()
                .catch(() => 0)) === 0
        )
            await runCommand(page, 'Polity: Open Preview to the Side');
        await frame.locator('g.node[id="institution:china.cyber.MPS"]').waitFor({ state: 'attached', timeout: 60_000 });
        await frame.locator('#view').selectOption('');
        // Reset the date from the toolbar's ⋯ menu, unless the view's change above already did: the button can
        // turn disabled between looking at it and clicking it, so each attempt looks again.
        const reset = frame.locator('#date-reset');
        await waitFor(
            async () => {
                if (!(await reset.isEnabled())) return true;
                if (!(await frame.locator('#menu').isVisible())) await frame.locator('#more').click();
                await reset.click({ timeout: 2_000 }).catch(() => undefined);
                return !(await reset.isEnabled());
            },
            { message: "the preview back at today's date" }
        );
        if (await frame.locator('#menu').isVisible()) await frame.locator('#more').click();
        // The controls above made the preview the active editor: give the keyboard back to the text editor
        // in the first group (Ctrl+1), where the scenarios go to lines and type.
        await page.keyboard.press('Control+1');
        return frame;
    }

    scenario('13a-preview-follows-the-cursor', async snap => {
        const frame = await previewOfState();
        const { line, column } = at({ file: 'state.polity', needle: 'institution MPS ', offset: 'institution '.length });
        await gotoPosition(page, line, column + 1);
        const marked = frame.locator('g.node.highlighted');
        await waitFor(async () => (await marked.getAttribute('id', { timeout: 1000 })) === 'institution:china.cyber.MPS', {
            message: 'the MPS marked in the preview'
        });
        await waitFor(
            async () => {
                const [box, view] = await Promise.all([marked.boundingBox(), frame.locator('#viewport').boundingBox()]);
                return (
                    box &&
                    view &&
                    box.x >= view.x &&
                    box.y >= view.y &&
                    box.x + box.width <= view.x + view.width &&
                    box.y + box.height <= view.y + view.height
                );
            },
            { message: 'the MPS in sight' }
        );
        await snap();
    });

    scenario('13b-preview-follows-a-reference', async () => {
        const frame = await previewOfState();
        const marked = frame.locator('g.node.highlighted');
        await gotoPosition(page, 1, 1);
        await waitFor(async () => (await marked.count()) === 0, { message: 'no mark on the model line' });
        // A reference marks what it refers to: from the CAC's own body, the MPS.
        const reference = at({ file: 'state.polity', needle: 'data-security with MPS', offset: 'data-security with '.length });
        await gotoPosition(page, reference.line, reference.column + 1);
        await waitFor(async () => (await marked.getAttribute('id', { timeout: 1000 })) === 'institution:china.cyber.MPS', {
            message: 'the MPS marked from a reference'
        });
    });

    scenario('13c-preview-focus', async snap => {
        const frame = await previewOfState();
        await frame.locator('#search').fill('Ministry of Public Security');
        const mps = frame.locator('g.node[id="institution:china.cyber.MPS"]');
        await waitFor(async () => (await mps.getAttribute('class'))?.includes('match'), { message: 'the search to find the MPS' });
        await frame.locator('#search').fill('');
        await page.waitForTimeout(400); // the search's zoom glides
        await mps.click();
        await waitFor(async () => (await frame.locator('g.node.faded').count()) > 10, { message: 'all but the neighbourhood faded' });
        expect(await mps.getAttribute('class')).not.toContain('faded');
        expect(await frame.locator('g.node:not(.faded):not(#legend)').count()).toBeLessThan(15);
        await snap();
        await frame.locator('#focus-leave').click();
        await waitFor(async () => (await frame.locator('g.faded').count()) === 0, { message: 'the focus left' });
    });

    scenario('13d-preview-date-after-syntax-error', async snap => {
        const frame = await previewOfState();
        const today = (await frame.locator('#date-value').textContent())?.trim();
        expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const { line } = at({ file: 'state.polity', needle: 'institution MPS ', offset: 0 });
        await gotoPosition(page, line, 1);
        await page.keyboard.type('institution {\n');
        try {
            await frame.locator('#notice').waitFor({ state: 'visible', timeout: 30_000 });
            expect(await frame.locator('#notice').textContent()).toMatch(/^The model has \d+ errors?: /);
            expect((await frame.locator('#date-value').textContent())?.trim()).toBe(today);
            await snap();
        } finally {
            await revert();
        }
        await frame.locator('#notice').waitFor({ state: 'hidden', timeout: 30_000 });
    });

    scenario('13e-preview-matrix-tab', async snap => {
        const frame = await previewOfState();
        try {
            const cells = await showMatrix(frame);
            // The CAC leads CII protection, and the MPS's claim on it clashes: a red or orange cell.
            expect(cells).toContain('cell:china.cyber.CAC:china.cyber.cii');
            expect(await frame.locator('#matrix-canvas a.cell-conflict, #matrix-canvas a.cell-dispute').count()).toBeGreaterThan(0);
            await snap();
            // A click on the cell goes to the claim.
            await frame.locator('[id="matrix/cell:china.cyber.CAC:china.cyber.cii"]').click();
            const claim = at({ file: 'state.polity', needle: 'leads cii since 2016', offset: 0 });
            await waitFor(
                async () => (await activeEditorName(page)) === 'state.polity' && (await cursorPosition(page))?.line === claim.line,
                { message: "the CAC's claim on cii revealed in state.polity" }
            );
        } finally {
            await showDiagram(frame);
        }
    });

    scenario('13f-preview-after-quick-fix', async snap => {
        const frame = await previewOfState();
        const { at: anchor, insert } = SCENARIOS.typo;
        const { line, column } = at(anchor);
        await gotoPosition(page, line, column);
        await page.keyboard.type(insert);
        try {
            await frame.locator('#notice').waitFor({ state: 'visible', timeout: 30_000 });
            const arrival = await noteArrivals(frame);
            const menu = Date.now();
            const applied = await applyQuickFix(page, "Replace with 'cii'");
            const lag = await pictureShown(frame, applied);
            const arrived = await arrival();
            if (arrived) {
                timings['quick-fix-to-page'] = arrived.at - applied;
                console.log(
                    `… of which until the answer (${arrived.type}, ${arrived.size} B) reached the page: ${arrived.at - applied} ms`
                );
            }
            timings['quick-fix-to-picture'] = lag;
            timings['quick-fix-menu-to-picture'] = applied + lag - menu;
            console.log(`quick fix applied → picture in the preview: ${lag} ms (${applied + lag - menu} ms from Ctrl+.)`);
            await snap();
        } finally {
            await revert();
        }
    });

    scenario('13g-preview-after-typing', async snap => {
        const frame = await previewOfState();
        const { line } = at({ file: 'state.polity', needle: 'institution MPS ', offset: 0 });
        // Interleaved, so the load falls on both alike: on the matrix's tab the answer carries the charts too.
        for (const round of [1, 2, 3]) {
            for (const tab of ['diagram', 'matrix'] as const) {
                if (tab === 'matrix') await showMatrix(frame);
                await page.keyboard.press('Control+1');
                await gotoPosition(page, line, 1);
                const name = `Typed${round}${tab}`;
                // One edit, as a paste is: the time is the preview's, not the keyboard's.
                const arrival = await noteArrivals(frame);
                await page.keyboard.insertText(`institution ${name} { }\n`);
                const typed = Date.now();
                await frame.locator(`g.node[id="institution:china.cyber.${name}"]`).waitFor({ state: 'attached', timeout: 30_000 });
                const lag = Date.now() - typed;
                const arrived = await arrival(`institution:china.cyber.${name}`);
                timings[`typing-to-picture-${tab}-${round}`] = lag;
                if (arrived) timings[`typing-to-page-${tab}-${round}`] = arrived.at - typed;
                console.log(
                    `typed a new institution → its node in the preview (${tab} tab): ${lag} ms; the answer (${arrived?.size ?? '?'} B) reached the page after ${arrived ? arrived.at - typed : '?'} ms`
                );
                if (round === 1 && tab === 'diagram') await snap();
                await revert();
                if (tab === 'matrix') await showDiagram(frame);
            }
        }
    });

    scenario('07-rename', async () => {
        const { at: anchor, to, file, expect: wanted } = SCENARIOS.rename;
        await open(anchor.file);
        const { line, column } = at(anchor);
        await gotoPosition(page, line, column);
        await page.keyboard.press('F2');
        const input = page.locator('.rename-box input, .rename-input').first();
        await input.waitFor({ state: 'visible' });
        await input.fill(to);
        await page.keyboard.press('Enter');
        await input.waitFor({ state: 'hidden' });
        await waitFor(async () => (await editorText(page)).includes(`institution ${to}`), { message: 'the declaration to be renamed' });
        await open(file);
        await waitFor(async () => (await editorText(page)).includes(wanted), { message: `${file} to follow the rename` });
        await waitFor(async () => (await problems(page)).length > 0 && (await errorCount()) === 0, {
            message: 'no errors after the rename'
        });
    });
});
