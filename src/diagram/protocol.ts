/**
 * The shapes of the diagram's messages between the language server and the
 * VS Code client (the messages themselves: src/language/protocol.ts).
 * Type-only imports: the extension bundle includes this file and must not
 * pull in the server.
 */
import type { RenderedDiagram } from './diagram.js';

export interface DiagramParams {
    uri: string;
    /** A view's name; none: every institution of the model. */
    view?: string;
    /** YYYY, YYYY-MM or YYYY-MM-DD; none: the view's own date, or today. */
    at?: string;
    /** For views that do not set their own. */
    direction?: 'down' | 'right';
    /**
     * Names the picture this request is for (the client's preview panel): a
     * newer request with the same id stops this one's layout, and this one is
     * answered as cancelled (RequestCancelled). Requests without an id are
     * only stopped by `$/cancelRequest`.
     */
    preview?: string;
}

export interface DiagramViewInfo { name: string; title?: string }

/** What the preview needs besides the picture: the views to pick from and the dates to slide over (up to today at least). */
export interface DiagramContext {
    views: DiagramViewInfo[];
    dates: { min?: string; max?: string };
}

export interface DiagramSuccess extends DiagramContext, RenderedDiagram {
    title: string;
    /** The date drawn. */
    at: string;
    /** Which way the hierarchy runs: where the preview starts when the whole picture is too big to read. */
    direction: 'down' | 'right';
}

export interface DiagramFailure extends Partial<DiagramContext> {
    error: string;
    /** The date the request would have drawn, so the preview's read-out still says which. */
    at?: string;
}

export type DiagramResult = DiagramSuccess | DiagramFailure;

export interface ModelChangedParams { uris: string[] }

export function isDiagramFailure(result: DiagramResult): result is DiagramFailure {
    return 'error' in result;
}
