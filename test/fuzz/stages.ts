import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { renderSvg } from '../../src/diagram/diagram.js';
import { toDot } from '../../src/diagram/dot.js';
import { toMermaid } from '../../src/diagram/mermaid.js';
import { GraphvizRenderer } from '../../src/diagram/render.js';
import { DiagramQueryError, graphFor } from '../../src/diagram/request.js';
import { formatText } from '../../src/language/format/text.js';
import { createPolityServices, type PolityServices } from '../../src/language/module.js';
import { today } from '../../src/model/dates.js';
import { cpuDeadline } from './budget.js';
import type { FuzzCase } from './mutate.js';

/**
 * An exception while validating becomes an `internal` error finding, and one
 * while linking a diagnostic with Langium's message, instead of a crash: each is a bug.
 */
const SWALLOWED = /An error occurred (during validation|while resolving reference)/;

/**
 * The in-process stages of a fuzz case: parse, link and validate; the
 * formatter; the diagram. Each returns what went wrong, or nothing.
 */
export class InProcessStages {
    private readonly services: { shared: PolityServices['shared']; Polity: PolityServices } = createPolityServices(EmptyFileSystem);
    private readonly renderer = new GraphvizRenderer();

    /** Parses, links and validates the case as one file of a workspace; the document stays until `forget`. */
    async check(fuzzCase: FuzzCase, boundMs: number): Promise<{ problems: string[]; document: LangiumDocument }> {
        const { shared } = this.services;
        const uri = URI.parse(`file:///fuzz/case-${fuzzCase.index}.polity`);
        const document = shared.workspace.LangiumDocumentFactory.fromString(fuzzCase.text, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        // A build passes its token to Langium's interruption points: a runaway build is cancelled, not waited for.
        const deadline = cpuDeadline(boundMs);
        const problems: string[] = [];
        try {
            await shared.workspace.DocumentBuilder.build([document], { validation: true }, deadline);
        } catch (error) {
            problems.push(
                deadline.isCancellationRequested
                    ? `the build did not finish within ${boundMs} ms of CPU time`
                    : `the build threw: ${describe(error)}`
            );
        }
        for (const d of document.diagnostics ?? []) {
            const message = typeof d.message === 'string' ? d.message : d.message.value;
            if (d.code === 'internal' || SWALLOWED.test(message)) problems.push(`a check threw: ${message}`);
        }
        return { problems, document };
    }

    async forget(document: LangiumDocument): Promise<void> {
        await this.services.shared.workspace.DocumentBuilder.update([], [document.uri]);
    }

    /**
     * The formatter leaves a file with syntax errors byte for byte alone;
     * otherwise it changes only white space (every token and comment stays,
     * in order) and formatting its output again changes nothing.
     */
    format(document: LangiumDocument): string[] {
        const text = document.textDocument.getText();
        const { lexerErrors, parserErrors } = document.parseResult;
        const outcome = formatText(text);
        if (lexerErrors.length + parserErrors.length > 0) {
            return outcome.text === text ? [] : ['the formatter changed a file with syntax errors'];
        }
        if (!outcome.ok) return [];
        const problems: string[] = [];
        const before = this.tokens(text);
        const after = this.tokens(outcome.text);
        const lost = before.findIndex((token, i) => token !== after[i]);
        if (lost >= 0 || before.length !== after.length) {
            problems.push(
                `the formatter changed more than white space: token ${lost < 0 ? before.length : lost} was ${JSON.stringify(before[lost]?.slice(0, 80))}, became ${JSON.stringify(after[lost]?.slice(0, 80))}`
            );
        }
        if (formatText(outcome.text).text !== outcome.text) problems.push('formatting the formatted text changed it again');
        return problems;
    }

    /** Every token and comment of the text, in order; comments compared without their white space. */
    private tokens(text: string): string[] {
        const result = this.services.Polity.parser.Lexer.tokenize(text.replace(/^\uFEFF/, ''));
        return [...result.tokens, ...(result.hidden ?? [])]
            .sort((a, b) => a.startOffset - b.startOffset)
            .map(t => (t.image.startsWith('/') ? t.image.replace(/\s+/g, ' ').trim() : t.image));
    }

    /** Draws the model's default view and each declared view: DOT and Mermaid always, SVG when asked. */
    async diagram(svg: boolean): Promise<string[]> {
        const { model, conflicts } = this.services.Polity.polity.WorkspaceModel.snapshot;
        const problems: string[] = [];
        const now = today();
        for (const view of [undefined, ...[...model.views.values()].filter(v => !v.builtin)]) {
            try {
                const graph = graphFor(model, conflicts, { view: view?.key, today: now });
                toDot(graph);
                toMermaid(graph);
                if (svg) await renderSvg(graph, this.renderer);
            } catch (error) {
                if (!(error instanceof DiagramQueryError))
                    problems.push(`the diagram of ${view ? `view '${view.name}'` : 'the model'} threw: ${describe(error)}`);
            }
        }
        return problems;
    }
}

export function describe(error: unknown): string {
    return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : String(error).slice(0, 500);
}
