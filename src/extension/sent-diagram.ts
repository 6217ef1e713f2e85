import { isDiagramUnchanged, type DiagramSuccess, type DiagramUnchanged } from '../diagram/protocol.js';
import type { ToPage } from '../webview/messages.js';

/**
 * Which answer the preview page was last sent as its picture. The request
 * names it (`shown`), and the server answers an equal picture (a quick fix
 * undoing a typo gives back the model, and so the picture, of before the
 * typo) as unchanged; the page is then told to keep the picture it has and
 * drop its notice, instead of taking half a megabyte through the language
 * server's pipe and the webview's channel and parsing and drawing the same
 * SVG again, which took most of a second of a quick fix's lag. No imports
 * from `vscode`, so the tests can run it as it is.
 */
export class SentDiagram {
    private digest: string | undefined;

    /** The digest of the picture the page has, for the next request. */
    get shown(): string | undefined {
        return this.digest;
    }

    /**
     * The message that brings the page to `answer`, asked for as `view` at `at`; undefined when the
     * answer is "unchanged" from a picture the page no longer has (it started afresh meanwhile): ask again.
     */
    message(answer: DiagramSuccess | DiagramUnchanged, view: string | undefined, at: string | undefined): ToPage | undefined {
        if (isDiagramUnchanged(answer)) return answer.unchanged === this.digest ? { type: 'unchanged', view, at } : undefined;
        this.digest = answer.digest;
        return { type: 'diagram', diagram: answer, view, at };
    }

    /** The page starts afresh (loaded again, or closed): it has no picture. */
    forget(): void {
        this.digest = undefined;
    }
}
