import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { DocumentSymbolProvider, NodeKindProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { PolityServices } from '../module.js';

/**
 * The outline: every declaration with its title as detail, units inside their
 * institutions and sub-mandates inside their mandates. Former names, which the
 * grammar also calls `name`, are not declarations and stay out.
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
        if (!isDeclaration(node) || !named.name || !nameNode || !node.$cstNode) return [];
        const children = ast.isInstitution(node) ? node.members.filter(ast.isInstitution)
            : ast.isMandate(node) ? node.children : [];
        return [{
            name: named.name,
            detail: named.title,
            kind: this.kinds.getSymbolKind(node),
            range: node.$cstNode.range,
            selectionRange: nameNode.range,
            children: children.flatMap(child => this.symbol(child))
        }];
    }
}

function isDeclaration(node: AstNode): boolean {
    return ast.isInstitution(node) || ast.isMandate(node) || ast.isSource(node) || ast.isKind(node)
        || ast.isRelationKind(node) || ast.isView(node) || ast.isPerson(node) || ast.isPost(node);
}
