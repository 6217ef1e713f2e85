import { CstUtils, isJSDoc, type AstNode } from 'langium';
import { TextEdit, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Text edits that keep a model tidy: whole lines in, whole lines out. */

/** Appends a line at the end of a document, after a blank line. */
export function appendLine(document: TextDocument, line: string): TextEdit {
    const text = document.getText();
    const separator = text === '' || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    return TextEdit.insert(document.positionAt(text.length), `${separator}${line}\n`);
}

/** Inserts a line after line `line` (0-based). */
export function insertLineAfter(document: TextDocument, line: number, text: string): TextEdit {
    if (line + 1 < document.lineCount) return TextEdit.insert({ line: line + 1, character: 0 }, `${text}\n`);
    return TextEdit.insert(document.positionAt(document.getText().length), `\n${text}`);
}

/**
 * Removes a node and its doc comment: the whole lines when nothing else but
 * whitespace or a trailing `//` comment shares them, else just the node.
 */
export function removeNode(document: TextDocument, node: AstNode): TextEdit | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    const comment = CstUtils.findCommentNode(cst, ['ML_COMMENT']);
    const start = comment && isJSDoc(comment) ? comment.offset : cst.offset;
    const from = document.positionAt(start);
    const to = document.positionAt(cst.end);
    const before = document.getText({ start: { line: from.line, character: 0 }, end: from });
    const after = document.getText({ start: to, end: lineEnd(document, to.line) });
    if (before.trim() !== '' || !/^\s*(\/\/.*)?$/.test(after)) return TextEdit.del({ start: from, end: to });
    const end = to.line + 1 < document.lineCount ? { line: to.line + 1, character: 0 } : lineEnd(document, to.line);
    return TextEdit.del({ start: { line: from.line, character: 0 }, end });
}

function lineEnd(document: TextDocument, line: number): Position {
    const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return { line, character: text.replace(/\r?\n$/, '').length };
}

/** The whitespace a line starts with. */
export function indentOf(document: TextDocument, line: number): string {
    return /^[ \t]*/.exec(document.getText({ start: { line, character: 0 }, end: lineEnd(document, line) }))![0];
}
