import { isDiagramUnchanged, type DiagramSuccess, type DiagramUnchanged } from '../diagram/protocol.js';
import type { Tab, ToPage } from '../webview/messages.js';

/**
 * Which answer the preview page was last sent as its picture, and which tab
 * it shows. The request names the picture (`shown`), and the server answers
 * an equal picture (a quick fix undoing a typo gives back the model, and so
 * the picture, of before the typo) as unchanged; the page is then told to
 * keep the picture it has and drop its notice, instead of taking half a
 * megabyte through the language server's pipe and the webview's channel and
 * parsing and drawing the same SVG again, which took most of a second of a
 * quick fix's lag. The matrix and the timeline are asked for only while one
 * of their tabs is shown: they were 40 % of every answer (190 of 480 KB for
 * the flagship). No imports from `vscode`, so the tests can run it as it is.
 */
export class SentDiagram {
    private digest: string | undefined;
    /** Whether the picture sent came with its charts. */
    private charts = false;
    private tab: Tab = 'diagram';

    /** The digest of the picture the page has, for the next request. */
    get shown(): string | undefined {
        return this.digest;
    }

    /** Whether the next request asks for the charts: the page shows one of their tabs. */
    get wantsCharts(): boolean {
        return this.tab !== 'diagram';
    }

    /** The page shows a chart's tab, and the picture it has came without the charts: ask again. */
    get lacksCharts(): boolean {
        return this.wantsCharts && !this.charts;
    }

    /** The reader chose `tab`. */
    showTab(tab: Tab): void {
        this.tab = tab;
    }

    /**
     * The message that brings the page to `answer`, asked for as `view` at `at`; undefined when the
     * answer is "unchanged" from a picture the page no longer has (it started afresh meanwhile): ask again.
     */
    message(answer: DiagramSuccess | DiagramUnchanged, view: string | undefined, at: string | undefined): ToPage | undefined {
        if (isDiagramUnchanged(answer)) return answer.unchanged === this.digest ? { type: 'unchanged', view, at } : undefined;
        this.digest = answer.digest;
        this.charts = answer.charts !== undefined;
        return { type: 'diagram', diagram: answer, view, at, chartsOnRequest: true };
    }

    /** The page starts afresh (loaded again, on `tab`, or closed): it has no picture. */
    forget(tab: Tab = 'diagram'): void {
        this.digest = undefined;
        this.charts = false;
        this.tab = tab;
    }
}
