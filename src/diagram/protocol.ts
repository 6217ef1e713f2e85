/**
 * The shapes of the diagram's messages between the language server and the
 * VS Code client (the messages themselves: src/language/protocol.ts).
 * Type-only imports: the extension bundle includes this file and must not
 * pull in the server.
 */
import type { Location } from '../model/types.js';
import type { Detail } from './graph.js';

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

/** What the preview needs besides the picture: the views to pick from and the dates to slide over. */
export interface DiagramContext {
    views: DiagramViewInfo[];
    dates: { min?: string; max?: string };
}

export interface DiagramSuccess extends DiagramContext {
    svg: string;
    /** Element id in the SVG → where it is declared. */
    sources: Record<string, Location>;
    /** Element id → what hovering it shows (plain text). */
    details: Record<string, Detail>;
    title: string;
    /** The date drawn. */
    at: string;
}

export interface DiagramFailure extends Partial<DiagramContext> {
    error: string;
}

export type DiagramResult = DiagramSuccess | DiagramFailure;

export interface ModelChangedParams { uris: string[] }

export function isDiagramFailure(result: DiagramResult): result is DiagramFailure {
    return 'error' in result;
}
