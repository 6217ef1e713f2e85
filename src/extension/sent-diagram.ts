import type { DiagramSuccess } from '../diagram/protocol.js';
import type { ToPage } from '../webview/messages.js';

/**
 * What the preview page was last sent as its picture. A new answer equal to
 * it (a quick fix undoing a typo gives back the model, and so the picture, of
 * before the typo) goes to the page as `unchanged`: the page keeps the
 * picture it has and drops its notice, instead of taking half a megabyte
 * through the webview's channel and parsing and drawing the same SVG again,
 * which took most of a second of a quick fix's lag. The picture it keeps is
 * exactly the answer to the latest request, so nothing stale is shown. No
 * imports from `vscode`, so the tests can run it as it is.
 */
export class SentDiagram {
    private sent: string | undefined;

    /** The message that brings the page to `diagram`, asked for as `view` at `at`. */
    message(diagram: DiagramSuccess, view: string | undefined, at: string | undefined): ToPage {
        const text = JSON.stringify(diagram);
        if (text === this.sent) return { type: 'unchanged', view, at };
        this.sent = text;
        return { type: 'diagram', diagram, view, at };
    }

    /** The page starts afresh (loaded again, or closed): it has no picture. */
    forget(): void {
        this.sent = undefined;
    }
}
