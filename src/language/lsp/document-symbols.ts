import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { DocumentSymbolProvider, NodeKindProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { PolityServices } from '../module.js';

/**
 * The outline: every declaration with its title as detail, units inside their
 * institutions and sub-mandates inside their mandates. In the grammar only
 * declarations have a `name`.
 */
export class PolityDocumentSymbolProvider implements DocumentSymbolProvider {
    private readonly kinds: NodeKindProvider;

    constructor(services: PolityServices) {
        this.kinds = services.shared.lsp.NodeKindProvider;
    }

    getSymbols(document: LangiumDocument): DocumentSymbol[] {
        return (document.parseResult.value as ast.Document).elements.flatMap(element => this.symbol(element));
    }

    private symbol(node: AstNode): DocumentSymbol[] {
        const named = node as AstNode & { name?: string; title?: string };
        const nameNode = GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
        if (!named.name || !nameNode || !node.$cstNode) return [];
        const children = ast.isInstitution(node) ? node.members.filter(ast.isInstitution) : ast.isMandate(node) ? node.children : [];
        return [
            {
                name: named.name,
                detail: named.title,
                kind: this.kinds.getSymbolKind(node),
                range: node.$cstNode.range,
                selectionRange: nameNode.range,
                children: children.flatMap(child => this.symbol(child))
            }
        ];
    }
}
