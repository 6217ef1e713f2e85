import { GrammarUtils, type LangiumDocument, type LangiumDocuments } from 'langium';

/** What is needed of a reference: the name as written. */
type Written = { $refText: string };
import type { Range } from 'vscode-languageserver-types';
import { closestNames } from '../model/suggest.js';
import type { Document } from './generated/ast.js';
import { qualify } from './names.js';
import { isPrelude } from './prelude.js';
import type { NameIndex } from './scope.js';

export interface MisspeltModel {
    written: string;
    meant: string;
    range: Range;
    /** Whether a name this file could not resolve is declared in the model meant: then its error is this one. */
    explains(reference: Written, type: string): boolean;
}

/**
 * A model header with a typo (`model us.cybr`) makes every name from the
 * model meant unresolved. It is recognised by three things together: no
 * other file declares the model written, another model's name is close, and
 * names this file could not resolve are declared in that model. Then it is
 * one error, on the header, instead of one per name.
 */
export function misspeltModel(
    document: LangiumDocument,
    documents: LangiumDocuments,
    index: NameIndex,
    unresolved: readonly { reference: Written; type: string }[]
): MisspeltModel | undefined {
    const root = document.parseResult.value as Document;
    const written = root.name;
    if (!written || unresolved.length === 0 || !root.$cstNode) return undefined;
    const others = documents.all
        .filter(d => d !== document && !isPrelude(d.uri))
        .map(d => (d.parseResult.value as Document).name ?? '')
        .toArray();
    if (others.includes(written)) return undefined;
    const resolvesIn = (model: string, reference: Written, type: string) =>
        index.lookup(qualify(model, reference.$refText), type) !== undefined;
    const meant = closestNames(
        written,
        others.filter(m => m.length > 0)
    ).find(model => unresolved.some(u => resolvesIn(model, u.reference, u.type)));
    const header = GrammarUtils.findNodeForProperty(root.$cstNode, 'name');
    if (!meant || !header) return undefined;
    return { written, meant, range: header.range, explains: (reference, type) => resolvesIn(meant, reference, type) };
}
