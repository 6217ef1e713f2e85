import { createTokenInstance, EOF, type IToken } from 'chevrotain';
import { GrammarUtils, type AstNode, type LexerResult, type ParseResult } from 'langium';
import * as ast from './generated/ast.js';
import { constructOfNode, constructOfRules, nodeAtOffset } from './constructs.js';
import type { SyntaxLexingError } from './syntax-lexer.js';
import { capitalise } from './syntax-messages.js';

type ParserError = ParseResult['parserErrors'][number];

/**
 * One mistake, one error. After a syntax error the parser's recovery reads
 * the rest of the statement as something else (`and CISA` as a fact of
 * institution `and`), which gave false findings here and in other files.
 * Here, the damage of each error is bounded: from the error to where the
 * text resynchronises — the next line that starts a statement at the same
 * depth, or the `}` that closes the body the error is in. Within it, only the
 * first error is reported (with the construct it is in), and what was
 * parsed there is dropped: the statement the error is in (unless it is a
 * declaration whose name came before the error: its body's intact lines
 * count) and everything the recovery read after it. So a file with syntax
 * errors contributes the declarations it did parse, and nothing invented.
 */
export function containSyntaxErrors(result: ParseResult, lexed: LexerResult): void {
    if (result.parserErrors.length === 0 && result.lexerErrors.length === 0) return;
    const tokens = lexed.tokens;
    const regions: Region[] = [];
    const reported: ParserError[] = [];
    for (const error of result.parserErrors) {
        const region = regionOf(tokens, error);
        const covered = regions.some(r => r.from <= region.at && region.at < r.to);
        regions.push(region);
        prune(result.value, region.at, region.to);
        if (covered) continue;
        reported.push(placed(error, region));
    }
    const lexingRegions = (result.lexerErrors as SyntaxLexingError[]).map(e => lexingRegion(tokens, e));
    result.parserErrors = reported.filter(e => !lexingRegions.some(r => r.from <= e.token.startOffset && e.token.startOffset < r.to));
    for (const error of result.lexerErrors as SyntaxLexingError[]) {
        if (error.place) error.message = capitalise(error.place(constructOfNode(nodeAtOffset(result.value, error.offset))));
    }
}

interface Region {
    /** Where the error is attributed: the token it is at, or the end of the line before when it is at a new statement. */
    at: number;
    /** The offset of the token where the text resynchronises. */
    to: number;
    from: number;
    /** The token the error is shown at. */
    shown: IToken;
}

/** The construct in front of the message, the position at the end of the statement when the parser only noticed at the next one. */
function placed(error: ParserError, region: Region): ParserError {
    error.message = `${capitalise(constructOfRules(error.context?.ruleStack ?? []))}: ${error.message}`;
    error.token = region.shown;
    return error;
}

function isStatementStart(token: IToken): boolean {
    const name = token.tokenType.name;
    return name === 'ID' || (/^\p{L}/u.test(name) && name === token.image);
}

function regionOf(tokens: readonly IToken[], error: ParserError): Region {
    const token = error.token;
    const previous = (error as { previousToken?: IToken }).previousToken;
    const atEnd = token.tokenType === EOF || Number.isNaN(token.startOffset) || token.startOffset < 0;
    if (atEnd) {
        const last = previous && !Number.isNaN(previous.startOffset) ? previous : tokens[tokens.length - 1];
        const at = last ? last.endOffset! + 1 : 0;
        return { at, from: at, to: Infinity, shown: last ? after(last) : token };
    }
    let index = tokens.findIndex(t => t.startOffset >= token.startOffset);
    if (index < 0) index = tokens.length;
    const before = tokens[index - 1];
    // The parser noticed at the start of the next statement: the error is at the end of the one before.
    if (before && before.endLine !== token.startLine && isStatementStart(token)) {
        const at = before.endOffset! + 1;
        return { at, from: at, to: token.startOffset, shown: after(before) };
    }
    return { at: token.startOffset, from: token.startOffset, to: resyncAfter(tokens, index), shown: token };
}

function lexingRegion(tokens: readonly IToken[], error: SyntaxLexingError): { from: number; to: number } {
    // A repaired mistake leaves a stream the parser reads as meant; a character skipped may still confuse it until the next statement.
    const index = tokens.findIndex(t => t.startOffset >= error.offset);
    return { from: error.offset, to: index < 0 ? Infinity : resyncAfter(tokens, index - 1) };
}

/** The offset of the first token after `index` that starts a line at the same depth, or closes the body `index` is in. */
function resyncAfter(tokens: readonly IToken[], index: number): number {
    let depth = 0;
    for (let j = Math.max(index + 1, 0); j < tokens.length; j++) {
        const t = tokens[j];
        const name = t.tokenType.name;
        if (name === '}') {
            if (depth === 0) return t.startOffset;
            depth--;
            continue;
        }
        const firstOnLine = j === 0 || tokens[j - 1].endLine !== t.startLine;
        if (depth === 0 && firstOnLine && isStatementStart(t) && j > index) return t.startOffset;
        if (name === '{') depth++;
    }
    return Infinity;
}

/** A zero-width token just after `token`, where a missing part belongs. */
function after(token: IToken): IToken {
    const offset = token.endOffset! + 1;
    return createTokenInstance(token.tokenType, '', offset, offset - 1, token.endLine!, token.endLine!, token.endColumn! + 1, token.endColumn!);
}

/** The lists of statements, by container: what pruning walks. */
function statementsOf(node: AstNode): AstNode[] | undefined {
    if (ast.isDocument(node)) return node.elements;
    if (ast.isInstitution(node)) return node.members;
    if (ast.isMandate(node)) return node.children;
    if (ast.isPerson(node)) return node.posts;
    if (ast.isView(node)) return node.rules;
    return undefined;
}

/** Drops what the error at `at` damaged, up to `to`: the statement it is in, and what the recovery read after it. */
function prune(container: AstNode, at: number, to: number): void {
    const list = statementsOf(container);
    if (!list) return;
    const end = container.$cstNode?.end ?? Infinity;
    const keep: AstNode[] = [];
    for (let i = 0; i < list.length; i++) {
        const node = list[i];
        const start = node.$cstNode?.offset ?? -1;
        const next = list[i + 1]?.$cstNode?.offset ?? (ast.isDocument(container) ? Infinity : end);
        if (start > at && start < to) continue;
        if (start <= at && at < next) {
            if (!ownsDeclaration(node, at)) continue;
            prune(node, at, to);
        }
        keep.push(node);
    }
    list.splice(0, list.length, ...keep);
}

/** A declaration whose name was read before the error keeps its name and its intact lines. */
function ownsDeclaration(node: AstNode, at: number): boolean {
    if (!statementsOf(node)) return false;
    const name = node.$cstNode && GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
    return name !== undefined && name.length > 0 && name.end <= at;
}
