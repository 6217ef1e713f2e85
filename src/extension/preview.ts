import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isDiagramFailure, isDiagramUnchanged, type DiagramParams, type DiagramResult, type DiagramSuccess } from '../diagram/protocol.js';
import { DiagramRequest, ModelChangedNotification } from '../language/protocol.js';
import type { Location } from '../model/types.js';
import type { FromPage, Tab, ToPage } from '../webview/messages.js';
import { nodeAt, nodeDeclaredAt } from './cursor.js';
import { pageMessage, revealTarget } from './from-page.js';
import { previewHtml } from './preview-html.js';
import { RefreshSchedule } from './refresh-schedule.js';
import { SentDiagram } from './sent-diagram.js';

/** Also the `activeWebviewPanelId` that package.json's `when` clauses test. */
export const PREVIEW_VIEW_TYPE = 'polity.preview';
/** Changes closer together than this (typing) are drawn once they stop. */
const MODEL_CHANGE_DELAY_MS = 300;
/** Waits for the cursor to rest: arrowing through a file asks for no definition at every step. */
const CURSOR_DELAY_MS = 150;

/**
 * The diagram preview beside the editor: opened by `polity.openPreview`,
 * following the active `.polity` editor, redrawn (debounced) whenever the
 * server reports a new build, and exporting the SVG it shows.
 */
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient): void {
    const preview = new Preview(context.extensionUri, client);
    context.subscriptions.push(
        preview,
        vscode.commands.registerCommand('polity.openPreview', (uri?: vscode.Uri) => preview.open(uri)),
        vscode.commands.registerCommand('polity.exportSvg', () => preview.exportSvg()),
        vscode.commands.registerCommand('polity.exportPng', () => preview.exportPng())
    );
}

class Preview implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    private document: vscode.Uri | undefined;
    private selection: { view?: string; at?: string } = {};
    private shown: DiagramSuccess | undefined;
    private readonly sent = new SentDiagram();
    /** Only the answer to the latest request is shown; earlier ones may arrive after it. */
    private sequence = 0;
    private readonly changes = new RefreshSchedule(MODEL_CHANGE_DELAY_MS, () => void this.refresh());
    private cursorTimer: ReturnType<typeof setTimeout> | undefined;
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(
        private readonly extensionUri: vscode.Uri,
        private readonly client: LanguageClient
    ) {
        this.subscriptions.push(
            vscode.window.onDidChangeActiveTextEditor(editor => {
                if (this.panel && editor && isPolity(editor.document) && editor.document.uri.toString() !== this.document?.toString()) {
                    this.document = editor.document.uri;
                    void this.refresh();
                }
            }),
            vscode.workspace.onDidChangeConfiguration(event => {
                if (event.affectsConfiguration('polity.diagram')) this.schedule();
            }),
            client.onNotification(ModelChangedNotification, () => this.schedule()),
            vscode.window.onDidChangeTextEditorSelection(event => {
                if (this.panel && isPolity(event.textEditor.document)) this.followCursor(event.textEditor);
            })
        );
    }

    open(uri?: vscode.Uri): void {
        const target = uri ?? activePolityDocument();
        if (!target) {
            void vscode.window.showInformationMessage('Open a .polity file to preview its model.');
            return;
        }
        this.document = target;
        if (this.panel) {
            this.panel.reveal(vscode.ViewColumn.Beside, true);
            void this.refresh();
            return;
        }
        const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
        const panel = vscode.window.createWebviewPanel(
            PREVIEW_VIEW_TYPE,
            'Polity Preview',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            { enableScripts: true, localResourceRoots: [dist] }
        );
        const webview = panel.webview;
        webview.html = previewHtml({
            cspSource: webview.cspSource,
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
            styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
            fontsUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'fonts.css')).toString(),
            nonce: randomBytes(18).toString('base64url')
        });
        webview.onDidReceiveMessage(
            (raw: unknown) => {
                const message = pageMessage(raw);
                if (message) this.receive(message);
            },
            undefined,
            this.subscriptions
        );
        panel.onDidDispose(
            () => {
                this.panel = undefined;
                this.shown = undefined;
                this.sent.forget();
            },
            undefined,
            this.subscriptions
        );
        this.panel = panel;
    }

    async exportSvg(): Promise<void> {
        const document = this.panel ? this.document : activePolityDocument();
        if (!document) {
            void vscode.window.showInformationMessage('Open a .polity file or its preview to export a diagram.');
            return;
        }
        const diagram = this.panel ? this.shown : await this.request({ uri: document.toString(), direction: direction() });
        // Asked without naming a picture shown, the server never answers "unchanged".
        if (!diagram || isDiagramFailure(diagram) || isDiagramUnchanged(diagram)) {
            void vscode.window.showErrorMessage(
                `No diagram to export${diagram && isDiagramFailure(diagram) ? `: ${diagram.error}` : ' yet.'}`
            );
            return;
        }
        const name = this.panel ? (this.selection.view ?? 'model') : 'model';
        const target = await vscode.window.showSaveDialog({
            defaultUri: vscode.Uri.joinPath(document, '..', `${name}.svg`),
            filters: { 'SVG image': ['svg'] },
            title: 'Export Diagram as SVG'
        });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(diagram.svg));
        void vscode.window.showInformationMessage(`Diagram saved to ${vscode.workspace.asRelativePath(target)}.`);
    }

    /** The page draws the PNG (its canvas: the extension cannot carry resvg's binary) and posts it back as `png`. */
    exportPng(): void {
        if (!this.panel) {
            void vscode.window.showInformationMessage('Open the preview (Polity: Open Preview) to export its picture as PNG.');
            return;
        }
        this.post({ type: 'renderPng' });
    }

    /** Asks where to save the PNG the page drew; the save dialog asks before it replaces a file. */
    private async savePng(tab: Tab, data: string): Promise<void> {
        const document = this.document;
        if (!document) return;
        const name = `${this.selection.view ?? 'model'}${tab === 'diagram' ? '' : `-${tab}`}`;
        const target = await vscode.window.showSaveDialog({
            defaultUri: vscode.Uri.joinPath(document, '..', `${name}.png`),
            filters: { 'PNG image': ['png'] },
            title: 'Export the Picture as PNG'
        });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, Buffer.from(data, 'base64'));
        void vscode.window.showInformationMessage(`Picture saved to ${vscode.workspace.asRelativePath(target)}.`);
    }

    private receive(message: FromPage): void {
        switch (message.type) {
            case 'ready':
                this.sent.forget(message.tab);
                void this.refresh();
                break;
            case 'tab':
                this.sent.showTab(message.tab);
                // The picture shown came without its charts: ask again, with them (this supersedes a request without).
                if (this.sent.lacksCharts) void this.refresh();
                break;
            case 'select':
                this.selection = { view: message.view, at: message.at };
                void this.refresh();
                break;
            case 'reveal': {
                // The diagram shown is the last one sent; a click on an element it no longer has does nothing.
                const target = revealTarget(this.shown?.sources, message.id) ?? revealTarget(this.shown?.charts?.sources, message.id);
                if (target) void this.reveal(target);
                break;
            }
            case 'export':
                void this.exportSvg();
                break;
            case 'png':
                void this.savePng(message.tab, message.data);
                break;
        }
    }

    /** Marks in the preview the node the cursor is on, like the Markdown preview follows the editor's scrolling. */
    private followCursor(editor: vscode.TextEditor): void {
        clearTimeout(this.cursorTimer);
        this.cursorTimer = setTimeout(() => void this.highlightAt(editor), CURSOR_DELAY_MS);
    }

    private async highlightAt(editor: vscode.TextEditor): Promise<void> {
        const uri = editor.document.uri.toString();
        const position = editor.selection.active;
        const shown = this.shown;
        let id = nodeAt(shown, uri, { line: position.line, character: position.character });
        if (!id) {
            const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[] | undefined>(
                'vscode.executeDefinitionProvider',
                editor.document.uri,
                position
            );
            id = nodeDeclaredAt(shown, (targets ?? []).map(toLocation));
        }
        // The cursor may have moved on, or another diagram come, while the definition was looked up.
        if (shown === this.shown && editor.selection.active.isEqual(position)) this.post({ type: 'highlight', id });
    }

    private schedule(): void {
        if (this.panel) this.changes.changed();
    }

    private async refresh(): Promise<void> {
        if (!this.panel || !this.document) return;
        const sequence = ++this.sequence;
        const { view, at } = this.selection;
        // A newer request for the panel stops the layout of this one on the server; only the latest is shown anyway.
        const result = await this.request({
            uri: this.document.toString(),
            view,
            at,
            direction: direction(),
            preview: PREVIEW_VIEW_TYPE,
            charts: this.sent.wantsCharts,
            shown: this.sent.shown
        });
        if (sequence !== this.sequence || !this.panel) return;
        if (isDiagramFailure(result) && view !== undefined && result.views && !result.views.some(v => v.name === view)) {
            // The view belongs to another model (the editor moved on) or was renamed: fall back to the whole model.
            this.selection = { at };
            return this.refresh();
        }
        if (isDiagramFailure(result)) {
            this.post({ type: 'error', message: result.error, views: result.views, dates: result.dates, view, at, drawn: result.at });
            return;
        }
        const message = this.sent.message(result, view, at);
        if (!message) return this.refresh();
        if (!isDiagramUnchanged(result)) {
            this.shown = result;
            this.panel.title = `Preview: ${result.title}`;
        }
        this.post(message);
        // The reader turned to a chart's tab while this answer, asked for without the charts, was on its way.
        if (this.sent.lacksCharts) return this.refresh();
    }

    private async request(params: DiagramParams): Promise<DiagramResult> {
        try {
            return await this.client.sendRequest(DiagramRequest, params);
        } catch (error) {
            return { error: `The Polity language server did not answer (${error instanceof Error ? error.message : String(error)}).` };
        }
    }

    private post(message: ToPage): void {
        void this.panel?.webview.postMessage(message);
    }

    private async reveal({ uri, range }: Location): Promise<void> {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
        const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
        const column = vscode.window.visibleTextEditors.find(e => isPolity(e.document))?.viewColumn ?? vscode.ViewColumn.One;
        const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection, preserveFocus: false });
        editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    dispose(): void {
        this.changes.dispose();
        clearTimeout(this.cursorTimer);
        this.panel?.dispose();
        this.subscriptions.forEach(s => s.dispose());
    }
}

function isPolity(document: vscode.TextDocument): boolean {
    return document.languageId === 'polity';
}

function activePolityDocument(): vscode.Uri | undefined {
    const editor = vscode.window.activeTextEditor;
    return editor && isPolity(editor.document) ? editor.document.uri : undefined;
}

function direction(): 'down' | 'right' {
    return vscode.workspace.getConfiguration('polity').get<'down' | 'right'>('diagram.direction') ?? 'down';
}

function toLocation(target: vscode.Location | vscode.LocationLink): Location {
    const uri = 'targetUri' in target ? target.targetUri : target.uri;
    const range = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
    return {
        uri: uri.toString(),
        range: {
            start: { line: range.start.line, character: range.start.character },
            end: { line: range.end.line, character: range.end.character }
        }
    };
}
