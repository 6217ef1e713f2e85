import { createHash } from 'node:crypto';
import { DocumentState, URI, type LangiumDocument, type Stream } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { previewCharts } from '../../diagram/charts.js';
import { renderSvg } from '../../diagram/diagram.js';
import { type DiagramContext, type DiagramParams, type DiagramResult, type ModelChangedParams } from '../../diagram/protocol.js';
import { LayoutCancelled, LayoutError, type Renderer } from '../../diagram/render.js';
import { DiagramQueryError, graphFor, type DiagramQuery } from '../../diagram/request.js';
import { dateRange, findView, viewsOf } from '../../diagram/select.js';
import { RecentLayouts } from '../../diagram/recent-layouts.js';
import { WorkerRenderer } from '../../diagram/worker-renderer.js';
import type { Conflict } from '../../model/conflicts.js';
import { compareDates, today } from '../../model/dates.js';
import type { SemanticModel } from '../../model/model.js';
import type { PolityServices } from '../module.js';
import { modelNameOf } from '../names.js';
import { isPrelude } from '../prelude.js';
import { DiagramRequest, ModelChangedNotification } from '../protocol.js';
import type { WorkspaceSnapshot } from '../workspace-model.js';

const SHOWN_ERRORS = 3;

/**
 * Answers `polity/diagram`: the model that a document belongs to, as a view at
 * a date, laid out by Graphviz in a worker thread one job at a time, so that
 * every other request is answered meanwhile. A model with errors gets an
 * error result (the preview keeps its last good picture), never a half-drawn
 * one. A request that the client cancels, or that a newer request for the
 * same preview supersedes, stops its layout and is answered as cancelled.
 */
export class DiagramService {
    /** The request in progress for each preview id. */
    private readonly latest = new Map<string, AbortController>();

    constructor(
        private readonly services: PolityServices,
        private readonly renderer: Renderer = new RecentLayouts(new WorkerRenderer())
    ) {}

    async diagram(params: DiagramParams, cancel?: CancellationToken): Promise<DiagramResult> {
        const abort = new AbortController();
        const listener = cancel?.onCancellationRequested(() => abort.abort('cancelled by the client'));
        if (params.preview !== undefined) {
            this.latest.get(params.preview)?.abort('superseded by a newer diagram request for the same preview');
            this.latest.set(params.preview, abort);
        }
        try {
            return await this.draw(params, abort.signal, cancel);
        } catch (error) {
            if (error instanceof LayoutCancelled || abort.signal.aborted) {
                throw new ResponseError(LSPErrorCodes.RequestCancelled, `diagram request ${String(abort.signal.reason ?? 'cancelled')}`);
            }
            throw error;
        } finally {
            listener?.dispose();
            if (params.preview !== undefined && this.latest.get(params.preview) === abort) this.latest.delete(params.preview);
        }
    }

    /**
     * The picture reads the linked model, and validation only decides whether
     * it may be shown: it is laid out as soon as the documents are linked, so
     * that Graphviz's worker runs while this thread validates (on a fresh
     * 3,000-institution workspace, the first request waits for ~0.6 s of
     * validation). It is shown only if, once validated, the model is still the
     * one it was drawn from and has no errors; otherwise it is dropped, and a
     * changed model is drawn again.
     */
    private async draw(params: DiagramParams, signal: AbortSignal, cancel?: CancellationToken): Promise<DiagramResult> {
        const shared = this.services.shared;
        const builder = shared.workspace.DocumentBuilder;
        await shared.workspace.WorkspaceManager.ready;
        await builder.waitUntil(DocumentState.Linked, cancel);
        if (signal.aborted) throw new LayoutCancelled();
        const workspace = this.services.polity.WorkspaceModel;
        const snapshot = workspace.snapshot;
        const early = new AbortController();
        const stop = () => early.abort(signal.reason);
        signal.addEventListener('abort', stop, { once: true });
        let answer: DiagramResult | undefined;
        try {
            const validated = builder.waitUntil(DocumentState.Validated, cancel).then(() => workspace.snapshot === snapshot);
            // Awaited below unless the answer fails first; a cancelled build is then no one's error.
            validated.catch(() => undefined);
            answer = await this.answer(params, snapshot, validated, early.signal);
            if (signal.aborted) throw new LayoutCancelled();
        } finally {
            signal.removeEventListener('abort', stop);
            // A picture laid out for a model that changed, or that has errors, stops here.
            early.abort('no longer needed');
        }
        return answer ?? this.draw(params, signal, cancel);
    }

    /** The answer for the model of the snapshot; undefined when validation found the model changed meanwhile. */
    private async answer(
        params: DiagramParams,
        { model, conflicts }: WorkspaceSnapshot,
        validated: Promise<boolean>,
        signal: AbortSignal
    ): Promise<DiagramResult | undefined> {
        const uri = URI.parse(params.uri).toString();
        const facts = model.documents.find(d => d.uri === uri);
        if (!facts) return (await validated) ? { error: `${params.uri} is not a Polity document of this workspace.` } : undefined;
        const scope = facts.model;
        const now = today();
        const range = dateRange(model, scope);
        // The slider reaches today too: a view of the present is the one most often asked for.
        const max = range.max && compareDates(range.max, now) > 0 ? range.max : now;
        const context: DiagramContext = {
            views: viewsOf(model, scope).map(view => ({ name: view.name, title: view.title })),
            dates: { min: range.min?.text, max: range.min ? max.text : undefined }
        };
        const query = { view: params.view, at: params.at, scope, direction: params.direction, today: now };
        const layout = () => this.layout(model, conflicts, query, params, context, signal);
        // Laid out early only while validation is still to come (after an edit the preview asks once it is
        // done), and not for a model that does not parse or link: it has errors for sure.
        const drawing = this.validated(scope) || this.unreadable(scope) ? undefined : layout();
        // A dropped picture's failure is no one's answer.
        drawing?.catch(() => undefined);
        if (!(await validated)) return undefined;
        const errors = this.errors(scope);
        if (errors.length > 0) {
            const more = errors.length > SHOWN_ERRORS ? ` (and ${errors.length - SHOWN_ERRORS} more)` : '';
            const at = params.at ?? (params.view ? findView(model, params.view, scope)?.at?.text : undefined) ?? now.text;
            return {
                ...context,
                at,
                error: `The model has ${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors.slice(0, SHOWN_ERRORS).join('; ')}${more}`
            };
        }
        return drawing ?? layout();
    }

    private async layout(
        model: SemanticModel,
        conflicts: readonly Conflict[],
        query: DiagramQuery,
        params: DiagramParams,
        context: DiagramContext,
        signal: AbortSignal
    ): Promise<DiagramResult> {
        try {
            const graph = graphFor(model, conflicts, query);
            const charts = params.charts ? previewCharts(model, conflicts, query, fileName) : undefined;
            // Building the graph and writing its DOT each take about a second at 20,000 institutions:
            // requests that came in meanwhile are answered in between, and a superseded request stops here.
            await new Promise(resolve => setImmediate(resolve));
            if (signal.aborted) throw new LayoutCancelled();
            const rendered = await renderSvg(graph, this.renderer, signal);
            const result = { ...context, ...rendered, title: graph.title, at: graph.at, direction: graph.direction, charts };
            const digest = digestOf(result);
            // Most edits leave the picture as it was: the client keeps what it shows instead of taking it in again.
            return digest === params.shown ? { unchanged: digest } : { ...result, digest };
        } catch (error) {
            if (error instanceof DiagramQueryError || error instanceof LayoutError) return { ...context, error: error.message };
            throw error;
        }
    }

    /** The documents of one model, the prelude left out. */
    private documentsOf(scope: string): Stream<LangiumDocument> {
        return this.services.shared.workspace.LangiumDocuments.all.filter(
            doc => !isPrelude(doc.uri) && modelNameOf(doc.parseResult.value) === scope
        );
    }

    /** Whether every document of the model is validated already: its errors are known. */
    private validated(scope: string): boolean {
        return this.documentsOf(scope).every(doc => doc.state >= DocumentState.Validated);
    }

    /** Whether a document of the model has a syntax error or an unknown name, which validation will report. */
    private unreadable(scope: string): boolean {
        return this.documentsOf(scope).some(
            doc =>
                doc.parseResult.lexerErrors.length > 0 ||
                doc.parseResult.parserErrors.length > 0 ||
                doc.references.some(reference => reference.error !== undefined)
        );
    }

    /** `file.polity:12: message` for each error in the documents of one model. */
    private errors(scope: string): string[] {
        return this.documentsOf(scope)
            .flatMap(doc =>
                (doc.diagnostics ?? [])
                    .filter(d => d.severity === 1)
                    .map(d => `${doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1)}:${d.range.start.line + 1}: ${d.message}`)
            )
            .toArray();
    }
}

/**
 * What names an answer, for the client to say which it shows. The SVG is
 * hashed as it is: at 3,000 institutions, writing it into the JSON of the
 * whole answer (quotes escaped) took twice as long as hashing it, and made
 * a 6 MB string only to drop it. JSON escapes every control character, so the
 * NUL between the two parts cannot occur in the JSON: different answers never
 * run together into the same bytes.
 */
function digestOf(result: { svg: string }): string {
    const { svg, ...rest } = result;
    return createHash('sha256').update(svg).update('\u0000').update(JSON.stringify(rest)).digest('base64url');
}

/** A source file as a tooltip names it: its name. */
function fileName(uri: string): string {
    return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/**
 * Registers the request and tells the client, once an update is through, that the model may have changed.
 * One update can validate twice (the edited documents, then those whose workspace-wide findings changed,
 * see document-builder.ts): a notice after each made the preview draw the same picture twice, the second
 * time a third of a second later. A read of the workspace lock runs once the writes queued before it are
 * done, so the client hears once, with every document validated meanwhile, and asks about a finished build.
 */
export function registerDiagramService(shared: LangiumSharedServices, services: PolityServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    connection.onRequest(DiagramRequest, (params, cancel) => services.polity.DiagramService.diagram(params, cancel));
    const validated = new Set<string>();
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
        const told = validated.size > 0;
        for (const document of documents) validated.add(document.uri.toString());
        if (told) return;
        void shared.workspace.WorkspaceLock.read(() => {
            const params: ModelChangedParams = { uris: [...validated] };
            validated.clear();
            void connection.sendNotification(ModelChangedNotification, params);
        });
    });
}
