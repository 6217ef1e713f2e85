import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';
import type { AstNode, AstNodeDescription } from 'langium';
import type { NodeKindProvider } from 'langium/lsp';
import type { DeclarationType } from '../../model/types.js';

/**
 * One icon per kind of declaration, the same in completion, the outline and
 * workspace symbols: institutions are classes, mandates (the functions of
 * government) functions, roles methods (what an institution does with a mandate), kinds type parameters, relation kinds operators (they join two
 * institutions), sources files, views, people and posts what they are closest to.
 */
const KINDS: Record<string, [SymbolKind, CompletionItemKind]> = {
    Institution: [SymbolKind.Class, CompletionItemKind.Class],
    Mandate: [SymbolKind.Function, CompletionItemKind.Function],
    Kind: [SymbolKind.TypeParameter, CompletionItemKind.TypeParameter],
    RelationKind: [SymbolKind.Operator, CompletionItemKind.Operator],
    Role: [SymbolKind.Method, CompletionItemKind.Method],
    Source: [SymbolKind.File, CompletionItemKind.File],
    View: [SymbolKind.Object, CompletionItemKind.Module],
    Person: [SymbolKind.Variable, CompletionItemKind.Variable],
    Post: [SymbolKind.Property, CompletionItemKind.Property]
};

/** The AST type of each of the semantic model's declaration types. */
const AST_TYPES: Record<DeclarationType, string> = {
    institution: 'Institution',
    mandate: 'Mandate',
    kind: 'Kind',
    relation: 'RelationKind',
    role: 'Role',
    source: 'Source',
    view: 'View',
    person: 'Person',
    post: 'Post'
};

/** The symbol kind of a declaration of the semantic model. */
export function declarationSymbolKind(type: DeclarationType): SymbolKind {
    return KINDS[AST_TYPES[type]]?.[0] ?? SymbolKind.Field;
}

export class PolityNodeKindProvider implements NodeKindProvider {
    getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return KINDS[typeOf(node)]?.[0] ?? SymbolKind.Field;
    }

    getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return KINDS[typeOf(node)]?.[1] ?? CompletionItemKind.Reference;
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return '$type' in node ? node.$type : node.type;
}
