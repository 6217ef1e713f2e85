import { CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';
import { FoldingRangeKind } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';

/**
 * Folds what reads as a block: institutions, units, mandates, views, sources
 * and people with bodies, disputes with a long finding, block comments, and runs
 * of three or more `//` lines (the section notes analysts write). Single
 * facts that wrap over lines do not fold.
 */
export class PolityFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override shouldProcess(node: AstNode): boolean {
        return (
            ast.isInstitution(node) ||
            ast.isMandate(node) ||
            ast.isView(node) ||
            ast.isSource(node) ||
            ast.isPerson(node) ||
            ast.isDispute(node)
        );
    }

    /** Only documents, institutions and mandates hold foldable blocks: the rest of the tree is not walked. */
    protected override shouldProcessContent(node: AstNode): boolean {
        return ast.isDocument(node) || ast.isInstitution(node) || ast.isMandate(node);
    }

    protected override collectCommentFolding(document: LangiumDocument, node: AstNode, acceptor: FoldingRangeAcceptor): void {
        super.collectCommentFolding(document, node, acceptor);
        if (!node.$cstNode) return;
        // The lines of the run of line comments being read.
        let run: { start: number; end: number; count: number } | undefined;
        const flush = () => {
            if (run && run.count >= 3) acceptor({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
            run = undefined;
        };
        for (const leaf of CstUtils.flattenCst(node.$cstNode)) {
            if (leaf.hidden && leaf.tokenType.name === 'SL_COMMENT') {
                const line = leaf.range.start.line;
                if (run && line !== run.end + 1) flush();
                run = run ? { ...run, end: line, count: run.count + 1 } : { start: line, end: line, count: 1 };
            } else if (!leaf.hidden || leaf.tokenType.name !== 'WS') {
                flush();
            }
        }
        flush();
    }
}
