import { createTokenInstance, EOF, type IToken } from 'chevrotain';
import { GrammarUtils, type AstNode, type LexerResult, type ParseResult } from 'langium';
import * as ast from './generated/ast.js';
import { constructOfNode, constructOfRules, nodeAtOffset } from './constructs.js';
import type { SyntaxLexingError } from './syntax-lexer.js';
import { capitalise } from '../text/capitalise.js';
import { NESTING_MESSAGE } from './parser-limits.js';

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
export function containSyntaxErrors(result: ParseResult, lexed: LexerResult, keywordAt: ReadonlyMap<number, string>): void {
    if (result.parserErrors.length === 0 && result.lexerErrors.length === 0) return;
    const tokens = lexed.tokens;
    const lexing = firstOfEachRegion(
        tokens,
        (result.lexerErrors as SyntaxLexingError[]).map(error => ({ error, place: lexingPlace(tokens, error) })),
        true
    );
    const parsing = firstOfEachRegion(
        tokens,
        result.parserErrors.map(error => ({ error, place: parsingPlace(tokens, error) }))
    );
    const lexingRegions = lexing.map(l => l.region);
    prune(
        result.value,
        parsing.map(p => p.region)
    );
    result.parserErrors = parsing.filter(p => !within(lexingRegions, p.region.at)).map(p => placed(p.error, p.region, keywordAt));
    // The nesting limit stops reading: that is always said, whatever error came before it.
    const cut = result.lexerErrors.find(e => e.message === NESTING_MESSAGE && !lexing.some(l => l.error === e));
    result.lexerErrors = [...lexing.map(l => l.error), ...(cut ? [cut] : [])];
    for (const error of result.lexerErrors as SyntaxLexingError[]) {
        if (error.place) error.message = capitalise(error.place(constructOfNode(nodeAtOffset(result.value, error.offset))));
    }
}

/**
 * Where an error is: the offset it is attributed to, the token it is shown at (none for a lexing
 * error after the last token), the index of the first token after it.
 */
interface Place {
    at: number;
    shown: IToken | undefined;
    next: number;
    line: number;
}

interface Region extends Place {
    /** The start of the line the error is on: what the recovery read there is damaged too. */
    from: number;
    /** The offset of the token where the text resynchronises. */
    to: number;
}

/**
 * The errors that start a region of damage, each with its region, in text
 * order: one inside the region of the one before is that one's cascade, not
 * a mistake of its own. Regions are computed only for those (a scan to the
 * next line), so that a long line of errors costs no more than one.
 */
function firstOfEachRegion<E>(
    tokens: readonly IToken[],
    errors: { error: E; place: Place }[],
    byLine = false
): { error: E; region: Region }[] {
    const sorted = [...errors].sort((a, b) => a.place.at - b.place.at);
    const result: { error: E; region: Region }[] = [];
    for (const { error, place } of sorted) {
        const last = result[result.length - 1]?.region;
        // Characters Polity does not use are each a mistake of their own, unless on the line of the one before.
        const cascade = byLine ? last?.line === place.line : last && last.at <= place.at && (place.at < last.to || last.to === Infinity);
        if (last && cascade) continue;
        result.push({
            error,
            region: {
                ...place,
                from: lineStart(tokens, place.next),
                to: place.next >= tokens.length ? Infinity : resyncAfter(tokens, place.next - 1)
            }
        });
    }
    return result;
}

/** Whether `offset` falls in one of the regions (sorted, disjoint). */
function within(regions: readonly Region[], offset: number): boolean {
    let [low, high] = [0, regions.length - 1];
    while (low <= high) {
        const mid = (low + high) >> 1;
        const region = regions[mid]!; // low <= mid <= high < regions.length
        if (offset < region.at) high = mid - 1;
        else if (offset >= region.to) low = mid + 1;
        else return true;
    }
    return false;
}

/** The index of the first token at or after `offset` (binary search: a file may hold a million tokens). */
function tokenIndexAt(tokens: readonly IToken[], offset: number): number {
    let [low, high] = [0, tokens.length];
    while (low < high) {
        const mid = (low + high) >> 1;
        if (tokens[mid]!.startOffset < offset) low = mid + 1;
        else high = mid; // mid < high <= tokens.length
    }
    return low;
}

/** The offset of the first token on the line of the token before `index`. */
function lineStart(tokens: readonly IToken[], index: number): number {
    let i = Math.min(index, tokens.length) - 1;
    let start = tokens[i];
    if (!start) return 0;
    for (let previous = tokens[i - 1]; previous && previous.endLine === start.startLine; previous = tokens[--i - 1]) start = previous;
    return start.startOffset;
}

/** The construct in front of the message, the position at the end of the statement when the parser only noticed at the next one. */
function placed(error: ParserError, region: Region, keywordAt: ReadonlyMap<number, string>): ParserError {
    const keyword = keywordAt.get(error.token.startOffset);
    if (keyword) Object.assign(error, { replacement: { text: keyword, title: `Replace with '${keyword}'` } });
    error.message = `${capitalise(constructOfRules(error.context?.ruleStack ?? []))}: ${error.message}`;
    if (region.shown) error.token = region.shown;
    return error;
}

function isStatementStart(token: IToken): boolean {
    const name = token.tokenType.name;
    return name === 'ID' || name === '}' || (/^\p{L}/u.test(name) && name === token.image);
}

function parsingPlace(tokens: readonly IToken[], error: ParserError): Place {
    const token = error.token;
    const previous = (error as { previousToken?: IToken }).previousToken;
    const atEnd = token.tokenType === EOF || Number.isNaN(token.startOffset) || token.startOffset < 0;
    if (atEnd) {
        const last = previous && !Number.isNaN(previous.startOffset) ? previous : tokens[tokens.length - 1];
        return { at: last ? last.endOffset! + 1 : 0, shown: last ? after(last) : token, next: tokens.length, line: last?.endLine ?? 1 };
    }
    const index = tokenIndexAt(tokens, token.startOffset);
    const before = tokens[index - 1];
    // The parser noticed at the start of the next line (a statement, a `}`): the error is at the end of the line before.
    if (before && before.endLine !== token.startLine && isStatementStart(token)) {
        return { at: before.endOffset! + 1, shown: after(before), next: index, line: before.endLine! };
    }
    return { at: token.startOffset, shown: token, next: index + 1, line: token.startLine! };
}

function lexingPlace(tokens: readonly IToken[], error: SyntaxLexingError): Place {
    // A repaired mistake leaves a stream the parser reads as meant; a character skipped may still confuse it until the next statement.
    const index = tokenIndexAt(tokens, error.offset);
    return { at: error.offset, shown: tokens[index], next: index, line: error.line ?? 0 };
}

/** Keywords that start a declaration and no line of a body (`kind` and `mandate` do both). */
const DECLARATIONS = new Set(['institution', 'source', 'relation', 'role', 'dispute', 'person', 'view']);

/** The offset of the first token after `index` that starts a line at the same depth, or closes the body `index` is in. */
function resyncAfter(tokens: readonly IToken[], index: number): number {
    let depth = 0;
    for (let j = Math.max(index + 1, 0); j < tokens.length; j++) {
        const t = tokens[j]!; // j < tokens.length
        const name = t.tokenType.name;
        if (name === '}') {
            if (depth === 0) return t.startOffset;
            depth--;
            continue;
        }
        const firstOnLine = tokens[j - 1]?.endLine !== t.startLine;
        // A declaration keyword at the start of a line resynchronises at any depth: a `{` left open does not swallow the file.
        if (firstOnLine && j > index && (depth === 0 ? isStatementStart(t) : DECLARATIONS.has(name))) return t.startOffset;
        if (name === '{') depth++;
    }
    return Infinity;
}

/** A zero-width token just after `token`, where a missing part belongs. */
function after(token: IToken): IToken {
    const offset = token.endOffset! + 1;
    return createTokenInstance(
        token.tokenType,
        '',
        offset,
        offset - 1,
        token.endLine!,
        token.endLine!,
        token.endColumn! + 1,
        token.endColumn!
    );
}

/** The lists of statements, by container: what pruning walks. */
function statementsOf(node: AstNode): AstNode[] | undefined {
    if (ast.isDocument(node)) return node.elements;
    if (ast.isInstitution(node)) return node.members;
    if (ast.isMandate(node)) return node.children;
    if (ast.isPerson(node)) return node.members;
    if (ast.isView(node)) return node.rules;
    return undefined;
}

/**
 * Drops what the errors damaged: for each region, the statements on the
 * error's line and what the recovery read after it, up to where the text
 * resynchronises, and a statement over several lines that holds the error.
 * A declaration whose name came before the error stays, with its intact lines.
 */
function prune(container: AstNode, regions: readonly Region[]): void {
    const list = statementsOf(container);
    if (!list || regions.length === 0) return;
    const end = container.$cstNode?.end ?? Infinity;
    const keep: AstNode[] = [];
    let r = 0;
    for (const [i, node] of list.entries()) {
        const start = node.$cstNode?.offset ?? -1;
        const next = list[i + 1]?.$cstNode?.offset ?? (ast.isDocument(container) ? Infinity : end);
        while ((regions[r]?.to ?? Infinity) <= start) r++;
        const region = regions[r];
        if (region && start > region.at && start < region.to) continue;
        const owned: Region[] = [];
        // `<=`: an error at the start of the next statement on the same line is where the recovery began that statement.
        for (const g of regions.slice(r)) {
            if (g.from > next) break;
            if ((start <= g.at && g.at <= next) || (start >= g.from && start <= g.at)) owned.push(g);
        }
        const [firstOwned] = owned;
        if (firstOwned) {
            if (!declaredBefore(node, firstOwned.at)) continue;
            prune(node, owned);
        }
        keep.push(node);
    }
    list.splice(0, list.length, ...keep);
}

/** A declaration whose name was read before the error: it keeps its name, and its body's intact lines. */
function declaredBefore(node: AstNode, at: number): boolean {
    if (typeof (node as { name?: unknown }).name !== 'string') return false;
    const name = node.$cstNode && GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
    return name !== undefined && name.length > 0 && name.end <= at;
}
