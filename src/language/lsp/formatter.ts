import { TextDocument, type AstNode, type LangiumDocument, type Lexer } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction, type LangiumServices, type NodeFormatter } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentRangeFormattingParams, Position, Range, TextEdit } from 'vscode-languageserver-protocol';
import { isCitation, isDispute, isDocument, isInstitution, isMandate, isPerson, isSource, isView } from '../generated/ast.js';
import { layout, type LayoutRules, type Separation } from '../format/layout.js';
import { layoutTokens } from '../format/tokens.js';
import { verifyLayout } from '../format/verify.js';

export interface FormatProblem {
    kind: 'syntax' | 'unsafe';
    message: string;
    /** 0-based, where the problem starts in the unformatted text. */
    position: Position;
}

export type FormatResult = { ok: true; edits: TextEdit[]; text: string } | { ok: false; problem: FormatProblem };

/**
 * On a line of its own; one blank line before it is kept, except right after a line that opens
 * a block or right before the `}` that closes one (an empty block is written `{}`).
 */
const OWN_LINE = Formatting.newLine({ allowMore: true });

/**
 * The canonical layout of a Polity file: one fact per line, two spaces per block level,
 * `{` on the declaration's line and `}` on its own, single spaces between tokens (none
 * before `,`, inside `[…]` or around the `.` of a qualified name), at most one blank line
 * in a row, and every comment where it was. The editor options (tab size) are ignored: the
 * editor and `polity fmt` give the same bytes.
 *
 * The rules are declared per node with Langium's node formatter; the layout itself is made
 * from the lexer's tokens, comments included (see `format/layout.ts`), because where a comment
 * goes depends on its neighbours on both sides, which Langium's node-by-node whitespace pass
 * does not weigh. Every result is checked against the input before it is handed out (see
 * {@link formatChecked}).
 */
export class PolityFormatter extends AbstractFormatter {
    private readonly lexer: Lexer;
    private readonly rules = new WeakMap<AstNode, LayoutRules>();

    constructor(services: LangiumServices) {
        super();
        this.lexer = services.parser.Lexer;
    }

    protected format(node: AstNode): void {
        const formatter = this.getNodeFormatter(node);
        formatter.keywords(',').prepend(Formatting.noSpace());
        formatter.keywords('.').surround(Formatting.noSpace());
        // A date range is one date: `1999..2001`.
        formatter.keywords('..').surround(Formatting.noSpace());
        if (isCitation(node)) {
            formatter.keyword('[').append(Formatting.noSpace());
            formatter.keyword(']').prepend(Formatting.noSpace());
        } else if (isDocument(node)) {
            formatter.nodes(...node.elements).prepend(OWN_LINE);
        } else if (isInstitution(node)) {
            this.block(formatter, node.members);
        } else if (isMandate(node)) {
            this.block(formatter, node.children);
        } else if (isPerson(node)) {
            this.block(formatter, node.members);
        } else if (isView(node)) {
            this.block(formatter, node.rules);
        } else if (isSource(node)) {
            formatter.keyword('url').prepend(OWN_LINE);
            formatter.keyword('}').prepend(OWN_LINE);
        } else if (isDispute(node)) {
            // The finding reads as the dispute's second line.
            formatter.property('finding').prepend(Formatting.indent());
        }
    }

    private block(formatter: NodeFormatter<AstNode>, children: AstNode[]): void {
        formatter.nodes(...children).prepend(OWN_LINE);
        formatter.keyword('}').prepend(OWN_LINE);
    }

    override formatDocument(document: LangiumDocument, _params: DocumentFormattingParams): TextEdit[] {
        const result = this.formatChecked(document);
        return result.ok ? result.edits : [];
    }

    override formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
        const result = this.formatChecked(document, params.range);
        return result.ok ? result.edits : [];
    }

    /**
     * The edits that format the document (or the lines of `range`), and the text they give.
     * Nothing is formatted in a document with syntax errors, nor when the result would differ
     * from the input in more than the layout may change (see {@link verifyLayout}).
     */
    formatChecked(document: LangiumDocument, range?: Range): FormatResult {
        // Nothing is formatted with syntax errors, even those of a parse that is out of date.
        const syntax = firstSyntaxError(document);
        if (syntax) return { ok: false, problem: syntax };
        const before = document.textDocument.getText();
        // A layout made from a parse of another text (the document's before an edit) would join and split the wrong lines.
        if (document.parseResult.value.$cstNode?.root.fullText !== before) {
            return {
                ok: false,
                problem: { kind: 'unsafe', message: 'the document changed since it was parsed', position: { line: 0, character: 0 } }
            };
        }
        const edits = this.doDocumentFormat(document, { tabSize: 2, insertSpaces: true }, range);
        const text = TextDocument.applyEdits(document.textDocument, edits);
        const fault = verifyLayout(this.lexer, before, text, this.collectRules(document));
        if (fault) {
            return {
                ok: false,
                problem: {
                    kind: 'unsafe',
                    message: `${fault.message} (a bug in the formatter)`,
                    position: document.textDocument.positionAt(fault.offset)
                }
            };
        }
        return { ok: true, edits, text };
    }

    /** The layout is computed for the whole document; a range only selects the edits on its lines. */
    protected override doDocumentFormat(document: LangiumDocument, _options: unknown, range?: Range): TextEdit[] {
        const rules = this.collectRules(document);
        const textDocument = document.textDocument;
        const text = textDocument.getText();
        // A selection of whole lines ends at the start of the next one, which is not part of it.
        const lastLine = range && (range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line);
        const inRange = (offset: number) =>
            !range || (line => line >= range.start.line && line <= lastLine!)(textDocument.positionAt(offset).line);
        return layout(text, layoutTokens(this.lexer, text), rules)
            .filter(edit => inRange(edit.owner.from) && inRange(edit.owner.to))
            .map(edit => ({
                range: { start: textDocument.positionAt(edit.offset), end: textDocument.positionAt(edit.end) },
                newText: edit.text
            }));
    }

    /** The separations the node formatter declares for the document's parse, keyed by offset (once per parse). */
    private collectRules(document: LangiumDocument): LayoutRules {
        const root = document.parseResult.value;
        const known = this.rules.get(root);
        if (known) return known;
        const rules: LayoutRules = { before: new Map(), after: new Map() };
        this.collector = (node, mode, formatting) => {
            if (mode === 'prepend') rules.before.set(node.offset, separation(formatting));
            else rules.after.set(node.end, separation(formatting));
        };
        this.iterateAstFormatting(document);
        this.rules.set(root, rules);
        return rules;
    }
}

function separation(formatting: FormattingAction): Separation {
    const move = formatting.moves[0] ?? {};
    if (move.tabs) return { kind: 'continue' };
    if (move.lines !== undefined) return { kind: 'line', blank: formatting.options.allowMore === true };
    return { kind: move.characters === 0 ? 'none' : 'space' };
}

type ParserError = LangiumDocument['parseResult']['parserErrors'][number];

function firstSyntaxError(document: LangiumDocument): FormatProblem | undefined {
    const { lexerErrors, parserErrors } = document.parseResult;
    const errors = [
        ...lexerErrors.map(e => ({ offset: e.offset, message: e.message })),
        ...parserErrors.map(e => ({ offset: parserErrorOffset(e), message: e.message.replace('found ``', 'found the end of the file') }))
    ].sort((a, b) => a.offset - b.offset);
    const first = errors[0];
    return first && { kind: 'syntax', message: first.message, position: document.textDocument.positionAt(first.offset) };
}

/** Where a parser error is; one the parser's recovery made up (at the end of the file) sits right after the token before it. */
function parserErrorOffset(error: ParserError): number {
    const valid = (offset: number | undefined) => offset !== undefined && Number.isFinite(offset) && offset >= 0;
    if (valid(error.token.startOffset)) return error.token.startOffset;
    const previous = (error as { previousToken?: ParserError['token'] }).previousToken;
    return previous && valid(previous.endOffset) ? previous.endOffset! + 1 : 0;
}
