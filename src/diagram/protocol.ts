/**
 * The shapes of the diagram's messages between the language server and the
 * VS Code client (the messages themselves: src/language/protocol.ts).
 * Type-only imports: the extension bundle includes this file and must not
 * pull in the server.
 */
import type { RenderedDiagram } from './diagram.js';
import type { Detail } from './graph-types.js';
import type { Location } from '../model/types.js';
import type { MatrixData } from './matrix-arrange.js';
import type { Timeline } from './timeline.js';

export interface DiagramParams {
    uri: string;
    /** A view's name; none: every institution of the model. */
    view?: string;
    /** YYYY, YYYY-MM or YYYY-MM-DD; none: the view's own date, or today. */
    at?: string;
    /** For views that do not set their own. */
    direction?: 'down' | 'right';
    /** Also the competence matrix and the timeline of the view at the date (the preview's tabs). */
    charts?: boolean;
    /**
     * Names the picture this request is for (the client's preview panel): a
     * newer request with the same id stops this one's layout, and this one is
     * answered as cancelled (RequestCancelled). Requests without an id are
     * only stopped by `$/cancelRequest`.
     */
    preview?: string;
    /**
     * The `digest` of the answer the client shows: an answer equal to it comes back as
     * {@link DiagramUnchanged}, without the half megabyte of the whole model's picture.
     */
    shown?: string;
}

export interface DiagramViewInfo {
    name: string;
    title?: string;
}

/** What the preview needs besides the picture: the views to pick from and the dates to slide over (up to today at least). */
export interface DiagramContext {
    views: DiagramViewInfo[];
    dates: { min?: string; max?: string };
}

/** The preview's other tabs, for the same view and date: what src/diagram/matrix-svg.ts and timeline-svg.ts draw. */
export interface PreviewCharts {
    matrix: MatrixData;
    timeline: Timeline;
    /** The charts' element ids (cells, rows, mandates, bars, transfers) → declaration, as `sources` is for the diagram's. */
    sources: Record<string, Location>;
    details: Record<string, Detail>;
}

export interface DiagramSuccess extends DiagramContext, RenderedDiagram {
    /** Only the language server's answers carry them; the static site's pages do not (one diagram per year is enough to ship). */
    charts?: PreviewCharts;
    title: string;
    /** The date drawn. */
    at: string;
    /** Which way the hierarchy runs: where the preview starts when the whole picture is too big to read. */
    direction: 'down' | 'right';
    /** Only the language server's answers carry it: names this answer, for {@link DiagramParams.shown}. */
    digest?: string;
}

/** The answer is the one the client showed (a quick fix undid a typo, an edit changed only a comment). */
export interface DiagramUnchanged {
    unchanged: string;
}

export interface DiagramFailure extends Partial<DiagramContext> {
    error: string;
    /** The date the request would have drawn, so the preview's read-out still says which. */
    at?: string;
}

export type DiagramResult = DiagramSuccess | DiagramFailure | DiagramUnchanged;

export interface ModelChangedParams {
    uris: string[];
}

export function isDiagramFailure(result: DiagramResult): result is DiagramFailure {
    return 'error' in result;
}

export function isDiagramUnchanged(result: DiagramResult): result is DiagramUnchanged {
    return 'unchanged' in result;
}
