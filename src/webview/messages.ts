/** Messages between the preview panel (extension host) and its page. Types only: both bundles include this file. */
import type { DiagramSuccess, DiagramViewInfo } from '../diagram/protocol.js';

export type ToPage =
    /**
     * A new picture, with the view and date it was asked for (undefined: the default) so the controls follow.
     * `chartsOnRequest`: the host sends the matrix and the timeline only while one of their tabs is shown
     * (the page says which with `tab`), so an answer without `charts` leaves their tabs usable.
     */
    | { type: 'diagram'; diagram: DiagramSuccess; view?: string; at?: string; chartsOnRequest?: boolean }
    /** The answer is the picture the page was last sent (src/extension/sent-diagram.ts): it shows it again, without its notice. */
    | { type: 'unchanged'; view?: string; at?: string }
    /** The model has errors or the request failed: the page keeps its last picture and shows the message. */
    | {
          type: 'error';
          message: string;
          views?: DiagramViewInfo[];
          dates?: { min?: string; max?: string };
          view?: string;
          at?: string;
          drawn?: string;
      }
    /** The element the editor's cursor is on (none: the cursor left every element): the page marks it and brings it into sight. */
    | { type: 'highlight'; id?: string }
    /** `polity.exportPng`: the page draws the picture of its tab and posts it back as `png`. */
    | { type: 'renderPng' };

export type FromPage =
    /** The page has loaded; `tab`, the tab it shows if not the diagram (kept across reloads). */
    | { type: 'ready'; tab?: Tab }
    /** The reader chose a tab: a chart's needs the charts, which the host does not send for the diagram's. */
    | { type: 'tab'; tab: Tab }
    | { type: 'select'; view?: string; at?: string }
    /** A click on the element with this id; the extension finds its declaration in the diagram it sent. */
    | { type: 'reveal'; id: string }
    | { type: 'export' }
    /** The picture of the tab shown (`diagram`, `matrix` or `timeline`), drawn as a PNG: its bytes in base64. */
    | { type: 'png'; tab: Tab; data: string };

export type Tab = 'diagram' | 'matrix' | 'timeline';

/** What the page keeps across reloads of the webview (vscode.setState): the pan and zoom, and whether the user set them. */
export interface PageState {
    x: number;
    y: number;
    k: number;
    moved?: boolean;
}

/** The rest of what the page keeps: the tab shown and the relation kinds the reader turned off. */
export interface ReaderState {
    tab?: Tab;
    hidden?: string[];
}
