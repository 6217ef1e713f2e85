import { AstUtils, GrammarUtils, type AstNode, type LangiumDocument, type Reference } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes, type CancellationToken } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { keyOf } from '../names.js';
import type { PolityServices } from '../module.js';
import { isPrelude } from '../prelude.js';
import { segmentKeys, segmentsOf } from './qualified.js';

/**
 * Semantic tokens, the same for a declaration's name and every reference to it:
 *
 * | token type    | what                                              |
 * | ------------- | ------------------------------------------------- |
 * | `class`       | institutions and units (`CAC`, `MPS.Bureau11`)    |
 * | `function`    | mandates, the functions of government (`cii`)     |
 * | `type`        | institution kinds (`ministry`)                    |
 * | `property`    | relation kinds (`oversees`, `office-of`)          |
 * | `variable`    | sources (`creemers2021` in `[creemers2021 "p. 3"]`) |
 * | `struct`      | views                                             |
 * | `parameter`   | people                                            |
 * | `namespace`   | model names (`model china.cyber`, `china.cyber.CAC`) |
 * | `number`      | dates (`2014`, `2014-03-01`)                      |
 * | `enumMember`  | spheres (`state`, `party`)                        |
 *
 * Modifiers: `declaration` where a name is declared; `defaultLibrary` for the
 * prelude's kinds and relation kinds; `deprecated` for institutions that have
 * been dissolved. In a qualified reference each segment gets the type of what
 * it names: `china.cyber` namespace, `MPS` class, `Bureau11` class.
 */
export const TOKEN_TYPES: Record<string, string> = {
    Institution: SemanticTokenTypes.class,
    Mandate: SemanticTokenTypes.function,
    Kind: SemanticTokenTypes.type,
    RelationKind: SemanticTokenTypes.property,
    Role: SemanticTokenTypes.method,
    Source: SemanticTokenTypes.variable,
    View: SemanticTokenTypes.struct,
    Person: SemanticTokenTypes.parameter,
    Post: SemanticTokenTypes.enumMember
};

export class PolitySemanticTokenProvider extends AbstractSemanticTokenProvider {
    /** Modifiers by declaration, for one run: a file refers to the same few declarations many times. */
    private readonly modifierCache = new Map<AstNode, string[]>();

    constructor(private readonly polity: PolityServices) {
        super(polity);
    }

    protected override async computeHighlighting(
        document: LangiumDocument,
        acceptor: SemanticTokenAcceptor,
        cancelToken: CancellationToken
    ): Promise<void> {
        this.modifierCache.clear();
        try {
            await super.computeHighlighting(document, acceptor, cancelToken);
        } finally {
            this.modifierCache.clear();
        }
    }

    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const type = TOKEN_TYPES[node.$type];
        if (type && GrammarUtils.findNodeForProperty(node.$cstNode, 'name')) {
            acceptor({ node, property: 'name' as never, type, modifier: [SemanticTokenModifiers.declaration, ...this.modifiers(node)] });
        }
        if (ast.isDocument(node) && node.name) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace });
        }
        for (const [property, value] of dates(node)) {
            if (value !== undefined) acceptor({ node, property: property as never, type: SemanticTokenTypes.number });
        }
        if (ast.isKind(node)) acceptor({ node, property: 'sphere', type: SemanticTokenTypes.enumMember });
        if (ast.isViewFilter(node)) {
            node.spheres.forEach((_, index) => acceptor({ node, property: 'spheres', index, type: SemanticTokenTypes.enumMember }));
        }
        AstUtils.streamReferences(node).forEach(info => this.highlightReference(info.reference as Reference, acceptor));
    }

    private highlightReference(reference: Reference, acceptor: SemanticTokenAcceptor): void {
        const target = reference.ref as (AstNode & { name: string }) | undefined;
        const cst = reference.$refNode;
        const document = this.currentDocument;
        if (!target || !cst || !document) return;
        const token = (named: AstNode | undefined) =>
            named
                ? { type: TOKEN_TYPES[named.$type] ?? SemanticTokenTypes.variable, modifier: this.modifiers(named) }
                : { type: SemanticTokenTypes.namespace };
        if (!reference.$refText.includes('.')) {
            acceptor({ cst, ...token(target) });
            return;
        }
        const segments = segmentsOf(cst.text, cst.offset);
        const keys = segmentKeys(keyOf(target), segments.length);
        segments.forEach((segment, index) => {
            const named =
                index === segments.length - 1
                    ? target
                    : this.polity.polity.NameIndex.lookup(keys[index] ?? '', ast.Institution.$type)?.node;
            const range = { start: document.textDocument.positionAt(segment.offset), end: document.textDocument.positionAt(segment.end) };
            acceptor({ range, ...token(named) });
        });
    }

    private modifiers(node: AstNode): string[] {
        let result = this.modifierCache.get(node);
        if (!result) {
            result = [];
            if (isPrelude(AstUtils.getDocument(node).uri)) result.push(SemanticTokenModifiers.defaultLibrary);
            if (ast.isInstitution(node) && this.polity.polity.WorkspaceModel.snapshot.model.institutions.get(keyOf(node))?.dissolved) {
                result.push(SemanticTokenModifiers.deprecated);
            }
            this.modifierCache.set(node, result);
        }
        return result;
    }
}

/** The date-valued properties of a node. */
function dates(node: AstNode): [string, string | undefined][] {
    if (ast.isLifeEvent(node) || ast.isViewDate(node)) return [['date', node.date]];
    if (ast.isFormerName(node)) return [['until', node.until]];
    if (ast.isPeriod(node))
        return [
            ['since', node.since],
            ['until', node.until]
        ];
    return [];
}
