import { DocumentValidator, type LangiumDocument } from 'langium';
import { CodeActionKind, TextEdit, type CodeAction, type Diagnostic } from 'vscode-languageserver';

/** The text that fixes a newcomer's mistake, carried in the diagnostic's data (validator.ts, syntax-lexer.ts). */
interface Replacement {
    text: string;
    title: string;
}

function isReplacement(value: unknown): value is Replacement {
    return (
        typeof value === 'object' &&
        value !== null &&
        typeof (value as Replacement).text === 'string' &&
        typeof (value as Replacement).title === 'string'
    );
}

/**
 * The quick fix of a syntax error or a malformed date whose meaning is
 * obvious (`did you mean 'institution'?`, `here probably 2018-11-16`, a title
 * put in quotes): the text under the diagnostic replaced by what was meant.
 */
export function replacementFix(document: LangiumDocument, diagnostic: Diagnostic, data: Record<string, unknown>): CodeAction[] {
    if (!isReplacement(data.replacement)) return [];
    const { text, title } = data.replacement;
    return [
        {
            title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.uri.toString()]: [TextEdit.replace(diagnostic.range, text)] } }
        }
    ];
}

/** The codes in a diagnostic's data that may carry a replacement. */
export const REPLACEABLE = [DocumentValidator.LexingError, DocumentValidator.ParsingError, 'bad-date'];
