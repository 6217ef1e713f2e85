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
    hidePanel,
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
import {
    applyQuickFix,
    editorFontPx,
    inSight,
    labelPx,
    matrixCells,
    noteArrivals,
    pictureShown,
    rowTitle,
    showDiagram,
    showMatrix,
    pointerAway,
    showTimeline,
    slideTo,
    tipOf,
    transfers
} from './preview-tabs.js';
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
 * Runs a scenario; keeps the screenshots taken when the body calls `snap` (at the moments worth showing,
 * before it cleans up; `snap('2018')` is `e2e-NAME-2018.png`) or else one at its end; on failure keeps
 * everything that helps to find out why.
 */
function scenario(
    name: string,
    body: (snap: (moment?: string, options?: { keepPointer?: boolean }) => Promise<void>) => Promise<void>
): void {
    it(name, async () => {
        const started = Date.now();
        let snapped = false;
        const snap = async (moment?: string, { keepPointer = false } = {}) => {
            // The pointer out of the way, unless it points at what is shown.
            if (!keepPointer) await pointerAway(webview(page));
            await screenshot(page, `e2e-${name}${moment ? `-${moment}` : ''}`);
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
    // From the first group (Ctrl+1): Quick Open from the preview's group would open the file there, over the preview.
    await page.keyboard.press('Control+1');
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
        // The window as a new user has it: no panel under the editors.
        await hidePanel(page);
        await open(file);
        await runCommand(page, 'Polity: Open Preview to the Side');
        await webviewText(page, label, 60_000);
        const box = webview(page).locator(`g.node[id="${node}"]`);
        await box.waitFor({ state: 'visible' });
        // The whole model does not fit the pane at a legible scale: the cursor on the CAC's declaration brings it into sight.
        const { line, column } = at({ ...declaration, offset: 'institution '.length });
        await gotoPosition(page, line, column + 1);
        await waitFor(() => inSight(webview(page), `g.node[id="${node}"]`), { message: `${label} in sight` });
        await snap();
        // Away from the declaration first, so landing on it proves the click.
        await gotoPosition(page, 1, 1);
        await box.click();
        await waitFor(async () => (await activeEditorName(page)) === declaration.file && (await cursorPosition(page))?.line === line, {
            message: `the cursor on line ${line} of ${declaration.file}`
        });
    });

    scenario('06b-preview-view-and-date', async snap => {
        const frame = webview(page);
        const node = (key: string) => frame.locator(`g.node[id="institution:china.cyber.${key}"]`);
        // The CII turf view draws the two claimants of CII protection, and not the think tanks.
        await frame.locator('#view').selectOption('cii-turf');
        await node('MPS').waitFor({ state: 'visible' });
        await node('CAC').waitFor({ state: 'visible' });
        await node('CICIR').waitFor({ state: 'detached' });
        const both = async () =>
            (await inSight(frame, 'g.node[id="institution:china.cyber.MPS"]')) &&
            inSight(frame, 'g.node[id="institution:china.cyber.CAC"]');
        await waitFor(both, { message: 'the MPS and the CAC in sight' });
        await snap('cii-turf');
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
        // The Problems panel, opened by the first scenarios, would leave the preview a strip of the window's height.
        await hidePanel(page);
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
        await waitFor(() => inSight(frame, 'g.node.highlighted'), { message: 'the MPS in sight' });
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
            // The notice of the text as typed, not of a keystroke on the way ("iinstitution MPS").
            await waitFor(async () => /found '\{'/.test((await frame.locator('#notice').textContent()) ?? ''), {
                message: "the notice of the '{' typed"
            });
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
            const cii = frame.locator('[id="matrix/cell:china.cyber.CAC:china.cyber.cii"]');
            expect(await cii.getAttribute('class')).toMatch(/cell-(conflict|dispute)/);
            // The cybersecurity mandates only, so that the cell shows with its row's and column's headings.
            await frame.locator('#matrix-subtree').selectOption('china.cyber.cybersecurity');
            await cii.scrollIntoViewIfNeeded();
            await snap();
            // A click on the cell goes to the claim.
            await cii.click();
            const claim = at({ file: 'state.polity', needle: 'leads cii since 2016', offset: 0 });
            await waitFor(
                async () => (await activeEditorName(page)) === 'state.polity' && (await cursorPosition(page))?.line === claim.line,
                { message: "the CAC's claim on cii revealed in state.polity" }
            );
        } finally {
            await frame.locator('#matrix-subtree').selectOption('');
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
                if (round === 1 && tab === 'diagram') {
                    // The cursor on the typed line brings its node into sight: the screenshot shows what was typed.
                    await gotoPosition(page, line, 'institution '.length + 1);
                    await frame.locator(`g.node.highlighted[id="institution:china.cyber.${name}"]`).waitFor({ timeout: 30_000 });
                    await snap();
                }
                await revert();
                if (tab === 'matrix') await showDiagram(frame);
            }
        }
    });

    // ---- Issue 13's walkthrough, as a new user at 1400×900: the overview, its relation toggles, the MPS found
    // and focused on, the matrix at 2014 and 2018 and the timeline. The scenarios follow one another.

    const OVERVIEW = "China's cyber governance system in 2020";
    const key = (name: string) => `institution:china.cyber.${name}`;
    const cell = (institution: string, mandate: string) => `cell:china.cyber.${institution}:china.cyber.${mandate}`;
    /** The kinds of lines that cross the overview most: membership of the CCCI, and advice. */
    const TANGLE = ['member-of', 'advises'];

    /** The overview's lines as the CLI draws them, each with its ends and its relation kind; drawn once. */
    type Line = { id: string; from: string; to: string; kind?: string };
    let lines: Line[] | undefined;
    function overviewLines(): Line[] {
        const cli = [path.join(REPO_ROOT, 'bin', 'polity.js'), 'diagram', server.workspaceFolder, '--view', 'overview', '--format', 'json'];
        lines ??= (JSON.parse(execFileSync(process.execPath, cli, { encoding: 'utf8' })) as { edges: Line[] }).edges;
        return lines;
    }

    /** The preview beside state.polity showing the overview, its own date (2020) and the diagram tab. */
    async function overview(): Promise<ReturnType<typeof webview>> {
        const frame = await previewOfState();
        await frame.locator('#view').selectOption('overview');
        await waitFor(async () => (await frame.locator('#caption').textContent()) === `${OVERVIEW}as of 2020`, {
            message: 'the overview drawn'
        });
        return frame;
    }

    scenario('20a-walk-overview-legible', async () => {
        const frame = await overview();
        await page.waitForTimeout(400); // a new view is fitted with a glide
        const editor = await editorFontPx(page);
        // Every institution in sight reads at least as large as the editor's text, with nothing zoomed by hand.
        const inView: number[] = [];
        for (const id of await frame
            .locator('g.node')
            .evaluateAll(nodes => nodes.map(n => n.id).filter(id => id.startsWith('institution:')))) {
            if (await inSight(frame, `g.node[id="${id}"]`)) inView.push(await labelPx(frame, id));
        }
        console.log(
            `overview: editor ${editor} px, ${inView.length} institutions in sight, labels ${Math.min(...inView).toFixed(1)}–${Math.max(...inView).toFixed(1)} px`
        );
        // The pane is a third of the overview's width at that scale: its top row of Party bodies, in part.
        expect(inView.length).toBeGreaterThanOrEqual(2);
        expect(Math.min(...inView)).toBeGreaterThanOrEqual(editor * 0.97);
        expect(await inSight(frame, '#caption')).toBe(true);
        expect(await inSight(frame, '#legend-panel')).toBe(true);
    });

    /** Turns the tangle's kinds off with their legend entries (a choice the page keeps across updates). */
    async function tangleOff(frame: ReturnType<typeof webview>): Promise<void> {
        for (const kind of TANGLE) {
            const toggle = frame.locator(`#legend-panel button.toggle[data-relation="${kind}"]`);
            if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click();
            await waitFor(async () => (await toggle.getAttribute('aria-pressed')) === 'false', { message: `the ${kind} lines off` });
        }
    }

    scenario('20b-walk-relation-toggles', async snap => {
        const frame = await overview();
        const edges = frame.locator('g.edge');
        const drawn = await edges.count();
        // The whole picture (Fit), to see what the toggles tidy.
        const whole = async () => {
            await frame.locator('#more').click();
            await frame.locator('#fit').click();
            await page.waitForTimeout(400); // the fit glides
        };
        await whole();
        await snap('before');
        await tangleOff(frame);
        await whole();
        await snap('after');
        // What is left drawn is every line but those of the two kinds.
        const shown = await edges.evaluateAll(all => all.filter(e => getComputedStyle(e).display !== 'none').map(e => e.id));
        const tangle = overviewLines().filter(e => e.kind !== undefined && TANGLE.includes(e.kind));
        expect(tangle.length).toBeGreaterThan(10);
        expect(shown.length).toBe(drawn - tangle.length);
        expect(shown.filter(id => tangle.some(e => e.id === id))).toEqual([]);
    });

    scenario('20c-walk-search-and-focus-mps', async snap => {
        const frame = await overview();
        await tangleOff(frame);
        const mps = frame.locator(`g.node[id="${key('MPS')}"]`);
        // First action: type its name into Find.
        await frame.locator('#search').fill('MPS');
        await waitFor(async () => (await mps.getAttribute('class'))?.includes('match'), { message: 'the search to find the MPS' });
        await waitFor(() => inSight(frame, `g.node[id="${key('MPS')}"]`), { message: 'the MPS brought into sight' });
        await page.waitForTimeout(400); // the search's zoom glides
        // Second action: click it.
        await mps.click();
        // Its neighbourhood along the lines drawn (the tangle's kinds are off): the MPS and what one line links it to.
        const hidden = new Set(TANGLE);
        const expected = new Set([key('MPS')]);
        for (const e of overviewLines()) {
            if (e.kind !== undefined && hidden.has(e.kind)) continue;
            if (e.from === key('MPS')) expected.add(e.to);
            if (e.to === key('MPS')) expected.add(e.from);
        }
        const opacities = () =>
            frame.locator('g.node:not(#legend)').evaluateAll(nodes => nodes.map(n => [n.id, Number(getComputedStyle(n).opacity)] as const));
        await waitFor(async () => (await opacities()).filter(([, o]) => o < 0.5).length > 10, {
            message: 'all but the neighbourhood faded'
        });
        const drawnWhole = (await opacities()).filter(([, o]) => o === 1).map(([id]) => id);
        expect(drawnWhole.sort()).toEqual([...expected].sort());
        expect(expected.size).toBeGreaterThan(3);
        await page.waitForTimeout(400); // the focus's zoom glides
        expect(await labelPx(frame, key('MPS'))).toBeGreaterThanOrEqual((await editorFontPx(page)) * 0.97);
        await snap();
        // Escape in Find clears it; the next leaves the focus.
        await frame.locator('#search').press('Escape');
        await frame.locator('#search').press('Escape');
        await waitFor(async () => (await frame.locator('g.faded').count()) === 0, { message: 'the focus left' });
    });

    scenario('20d-walk-matrix-2013-2014', async snap => {
        const frame = await overview();
        await showMatrix(frame);
        // The informatization mandates only: the matrix then fits the pane's width, its headings in sight.
        await frame.locator('#matrix-subtree').selectOption('china.cyber.informatization');
        // Seen from its start, the institutions' names in sight (13e left the matrix scrolled to the CAC's cii cell).
        await waitFor(async () => (await frame.locator('#matrix-canvas').evaluate(canvas => canvas.scrollLeft)) === 0, {
            message: 'the filtered matrix from its start'
        });
        try {
            // Before: the State group coordinates informatization, MIIT promotes it.
            await slideTo(frame, 2013);
            expect(await matrixCells(frame)).toEqual(
                expect.arrayContaining([cell('SILG', 'informatization'), cell('MIIT', 'informatization-promotion')])
            );
            await snap('2013');
            // After: the Leading Group coordinates it, the CAC promotes it; the State group is gone.
            await slideTo(frame, 2014);
            const cells = await matrixCells(frame);
            expect(cells).toEqual(expect.arrayContaining([cell('CCCI', 'informatization'), cell('CAC', 'informatization-promotion')]));
            expect(cells.filter(c => /\.(SILG|SNISCG):/.test(c))).toEqual([]);
            await snap('2014');
            expect(await rowTitle(frame, key('CCCI'))).toBe('Central Leading Group for Cybersecurity and Informatization');
        } finally {
            await frame.locator('#matrix-subtree').selectOption('');
        }
    });

    scenario('20e-walk-matrix-2018', async snap => {
        const frame = await overview();
        await showMatrix(frame);
        await slideTo(frame, 2018);
        // The Leading Group became a Commission in 2018, its remit unchanged.
        expect(await matrixCells(frame)).toEqual(expect.arrayContaining([cell('CCCI', 'cybersecurity'), cell('CCCI', 'informatization')]));
        // Its row says which it was, on hover: shown with its tooltip.
        expect(await rowTitle(frame, key('CCCI'))).toBe('Central Commission for Cybersecurity and Informatization');
        await snap(undefined, { keepPointer: true });
    });

    scenario('20f-walk-timeline', async snap => {
        const frame = await overview();
        try {
            const rows = await showTimeline(frame);
            expect(rows).toEqual(expect.arrayContaining([key('CCCI'), key('SILG'), key('SNISCG'), key('CAC')]));
            // The two State groups merged into the Leading Group in 2014, drawn as arrows between the rows.
            expect(await transfers(frame)).toEqual(
                expect.arrayContaining([
                    expect.stringMatching(/^merged into: SILG → CCCI in 2014/),
                    expect.stringMatching(/^merged into: SNISCG → CCCI in 2014/)
                ])
            );
            // The CCCI's row: born in 2014, its name changing in 2018.
            const names = await frame.locator(`#timeline-canvas g.row[id="timeline/${key('CCCI')}"] text.name`).allTextContents();
            expect(names).toHaveLength(2);
            expect(names[0]).toMatch(/^Central Leading Group/);
            expect(names[1]).toMatch(/^Central Commission/);
            // Shown with the row's tooltip, which names it: the names on the left are out of sight by 2014 in half a window.
            expect(await tipOf(frame, `#timeline-canvas g.row[id="timeline/${key('CCCI')}"] text.name`)).toMatch(/^CCCI — /);
            await snap(undefined, { keepPointer: true });
        } finally {
            await showDiagram(frame);
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
