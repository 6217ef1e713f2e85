import { AstNodeHoverProvider } from 'langium/lsp';
import type { AstNode } from 'langium';
import { keyOf } from '../names.js';
import type { PolityServices } from '../module.js';
import { describe } from './describe.js';

/**
 * Hover on a declaration or on any reference to it shows the same text,
 * built from the workspace's semantic model (see `describe`).
 */
export class PolityHoverProvider extends AstNodeHoverProvider {
    constructor(private readonly polity: PolityServices) {
        super(polity);
    }

    protected override getAstNodeHoverContent(node: AstNode): string | undefined {
        if (typeof (node as { name?: unknown }).name !== 'string') return undefined;
        const { model, conflicts } = this.polity.polity.WorkspaceModel.snapshot;
        return describe(model, conflicts, keyOf(node as AstNode & { name: string }));
    }
}
