/**
 * Runs inside VS Code's extension host (started by test/electron/run.ts through @vscode/test-electron) with
 * the extension under development and a copy of examples/china-cyber open: the editor scenarios of
 * test/scenarios/china-cyber.ts through VS Code's own API, as far as the extension host can see them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SCENARIOS, locate, type Anchor } from '../scenarios/china-cyber.js';

const WAIT_MS = 60_000;

export async function run(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'a workspace folder is open');
    const uriOf = (file: string) => vscode.Uri.joinPath(folder, file);
    const positionOf = async (anchor: Anchor) => {
        const document = await vscode.workspace.openTextDocument(uriOf(anchor.file));
        const { line, character } = locate(document.getText(), anchor);
        return { document, position: new vscode.Position(line, character) };
    };
    const steps: Array<[string, () => Promise<void>]> = [
        [
            'problems',
            async () => {
                const uri = uriOf(SCENARIOS.problems.file);
                await vscode.window.showTextDocument(uri);
                const infos = await waitFor(
                    () => diagnostics(uri).filter(d => SCENARIOS.problems.message.test(d.message)),
                    'dispute infos'
                );
                assert.ok(infos.every(d => d.severity === vscode.DiagnosticSeverity.Information));
                assert.equal(diagnostics(uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error).length, 0);
            }
        ],
        [
            'typo',
            async () => {
                const { at, insert, name } = SCENARIOS.typo;
                const { document, position } = await positionOf(at);
                await vscode.window.showTextDocument(document);
                await edit(document.uri, edits => edits.insert(document.uri, position, insert));
                const [error] = await waitFor(
                    () => diagnostics(document.uri).filter(d => d.message.includes(name)),
                    `an error on '${name}'`
                );
                assert.equal(error!.severity, vscode.DiagnosticSeverity.Error);
                assert.equal(codeOf(error!), 'unresolved');
                await revert(document);
            }
        ],
        [
            'completion',
            async () => {
                const { at, line, expect } = SCENARIOS.completion;
                const { document, position } = await positionOf(at);
                await vscode.window.showTextDocument(document);
                await edit(document.uri, edits => edits.insert(document.uri, position, `${line}\n`));
                const list = await vscode.commands.executeCommand<vscode.CompletionList>(
                    'vscode.executeCompletionItemProvider',
                    document.uri,
                    position.translate(0, line.length)
                );
                const labels = list.items.map(item => (typeof item.label === 'string' ? item.label : item.label.label));
                assert.ok(labels.includes(expect), `completion offers ${expect}; got ${labels.slice(0, 20).join(', ')}`);
                await revert(document);
            }
        ],
        [
            'hover',
            async () => {
                const { at, expect } = SCENARIOS.hover;
                const { document, position } = await positionOf(at);
                const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
                const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
                assert.ok(text.includes(expect), `hover shows '${expect}'; got ${text.slice(0, 300)}`);
            }
        ],
        [
            'definition',
            async () => {
                const { at, file, expect } = SCENARIOS.definition;
                const { document, position } = await positionOf(at);
                const targets = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
                    'vscode.executeDefinitionProvider',
                    document.uri,
                    position
                );
                const target = targets.map(t => ('targetUri' in t ? t.targetUri : t.uri))[0];
                assert.ok(target, `a definition in ${file}; got none`);
                assert.ok(target.path.endsWith(`/${file}`), `definition in ${file}; got ${target.toString()}`);
                const prelude = await vscode.workspace.openTextDocument(target);
                assert.ok(prelude.getText().includes(expect), 'the prelude document shows its text');
            }
        ],
        [
            'rename',
            async () => {
                const { at, to, file, expect } = SCENARIOS.rename;
                const { document, position } = await positionOf(at);
                const workspaceEdit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
                    'vscode.executeDocumentRenameProvider',
                    document.uri,
                    position,
                    to
                );
                assert.ok(await vscode.workspace.applyEdit(workspaceEdit), 'the rename applies');
                const other = await vscode.workspace.openTextDocument(uriOf(file));
                assert.ok(other.getText().includes(expect), `${file} follows the rename`);
            }
        ]
    ];
    for (const [name, step] of steps) {
        try {
            await step();
            console.log(`  ✓ ${name}`);
        } catch (error) {
            console.log(`  ✗ ${name}`);
            throw error;
        }
    }
}

function diagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
    return vscode.languages.getDiagnostics(uri);
}

function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
    return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

async function edit(uri: vscode.Uri, build: (edits: vscode.WorkspaceEdit) => void): Promise<void> {
    const edits = new vscode.WorkspaceEdit();
    build(edits);
    assert.ok(await vscode.workspace.applyEdit(edits), `edit of ${uri.toString()} applies`);
}

/** Drops unsaved edits of a document and waits until it shows no error again. */
async function revert(document: vscode.TextDocument): Promise<void> {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    const clean = () => diagnostics(document.uri).every(d => d.severity !== vscode.DiagnosticSeverity.Error);
    await waitFor(() => (clean() ? [document] : []), 'no errors after revert');
}

/** Polls until `probe` gives a non-empty array, or fails after WAIT_MS naming what it waited for. */
async function waitFor<T>(probe: () => T[], what: string): Promise<T[]> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
        const found = probe();
        if (found.length > 0) return found;
        if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
        await new Promise(resolve => setTimeout(resolve, 200));
    }
}
