import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { codeOf, defined, TestWorkspace } from '../helpers.js';
import { applyEdit } from '../lsp/workspace-edits.js';
import { MISTAKES, NEWCOMER_WORKSPACE, TASK_FORCE } from './newcomer-workspace.js';

/**
 * A newcomer's mistakes (issue 12), through the language services: each
 * gives exactly one finding, in words, in the file it is in, and none in
 * any other file of the workspace; where the fix is obvious, the quick fix
 * makes the workspace clean.
 */

const shown = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`;

async function workspaceWith(text: string, also: Record<string, string> = {}): Promise<TestWorkspace> {
    const ws = new TestWorkspace();
    await ws.open({ ...NEWCOMER_WORKSPACE, ...also, 'x.polity': text });
    return ws;
}

/** The findings in every file but x.polity. */
function findingsElsewhere(ws: TestWorkspace, also: Record<string, string> = {}): Record<string, string[]> {
    return Object.fromEntries(Object.keys({ ...NEWCOMER_WORKSPACE, ...also }).map(name => [name, ws.diagnostics(name).map(shown)]));
}

function clean(also: Record<string, string> = {}): Record<string, string[]> {
    return Object.fromEntries(Object.keys({ ...NEWCOMER_WORKSPACE, ...also }).map(name => [name, []]));
}

describe("a newcomer's mistakes", () => {
    it('start from a workspace without findings', async () => {
        const ws = await workspaceWith(`model us.cyber\n\n${TASK_FORCE}`);
        expect({ ...findingsElsewhere(ws), x: ws.diagnostics('x.polity').map(shown) }).toEqual({ ...clean(), x: [] });
    });

    it.each(MISTAKES)('$name: one finding in words, none elsewhere', async ({ text, finding, also }) => {
        const ws = await workspaceWith(text, also);
        expect(ws.diagnostics('x.polity').map(shown)).toEqual([finding]);
        expect(findingsElsewhere(ws, also)).toEqual(clean(also));
    });

    it.each(MISTAKES.filter(m => m.fix))('$name: the quick fix writes what was meant', async ({ text, fix, also }) => {
        const ws = await workspaceWith(text, also);
        const diagnostic = defined(ws.diagnostics('x.polity')[0], 'a diagnostic');
        const document = ws.document('x.polity');
        const actions = (await ws.Polity.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic] }
        })) as CodeAction[];
        const action = actions.find(a => a.title === fix!.title);
        expect(action, actions.map(a => a.title).join(' | ')).toBeDefined();
        expect(action!.isPreferred).toBe(true);
        const texts = await applyEdit(ws, action!.edit);
        expect(texts['x.polity']).toBe(fix!.text);
        expect({ ...findingsElsewhere(ws, also), x: ws.diagnostics('x.polity').map(shown) }).toEqual({ ...clean(also), x: [] });
    });
});
