import {
    AstUtils,
    CstUtils,
    GrammarAST,
    type AstNode,
    type AstNodeDescription,
    type LangiumDocument,
    type MaybePromise,
    type ReferenceInfo,
    type Stream
} from 'langium';
import {
    CompletionItemKind,
    CompletionList,
    type CancellationToken,
    type CompletionItem,
    type CompletionParams
} from 'vscode-languageserver';
import {
    DefaultCompletionProvider,
    type CompletionAcceptor,
    type CompletionContext,
    type CompletionValueItem,
    type NextFeature
} from 'langium/lsp';
import type { Declaration } from '../../model/types.js';
import { Fact, isFact, isInstitution, isLifeEvent, type Institution, type Member } from '../generated/ast.js';
import { keyOf, modelNameOf } from '../names.js';
import { compareText } from '../../model/order.js';
import type { PolityServices } from '../module.js';

/** Institution body lines that may appear once: offered only while the body lacks them (`kind` may repeat, dated). */
const ONCE: Record<string, (member: Member) => boolean> = {
    established: m => isLifeEvent(m) && m.event === 'established',
    dissolved: m => isLifeEvent(m) && m.event === 'dissolved'
};

/**
 * At most this many names in one answer. A `leads ` in a 10,000-institution
 * workspace had 2,185 (494 KB of JSON per keystroke); an editor shows a dozen,
 * and the list is marked incomplete, so it asks again as the user types.
 */
export const MAX_NAMES = 200;

/**
 * Langium offers the keywords the grammar allows at the cursor and the names
 * the scope provider lists. On top of that: every declaration once, under the
 * name the user would write there (the scope lists a model's declarations
 * both short and qualified); its title as detail; the model's own names first,
 * then keywords, the prelude, other models.
 */
export class PolityCompletionProvider extends DefaultCompletionProvider {
    /** `MPS.` lists its units, `[` the sources. */
    override readonly completionOptions = { triggerCharacters: ['.', '['] };

    constructor(private readonly polity: PolityServices) {
        super(polity);
    }

    /** Nothing to offer inside comments and strings, where `.` would otherwise pop up a list; names bounded by `MAX_NAMES`. */
    override async getCompletion(
        document: LangiumDocument,
        params: CompletionParams,
        cancelToken?: CancellationToken
    ): Promise<CompletionList | undefined> {
        const offset = document.textDocument.offsetAt(params.position);
        if (inText(document, offset)) return CompletionList.create([], false);
        const list = await super.getCompletion(document, params, cancelToken);
        if (!list || list.items.length <= MAX_NAMES) return list;
        const typed = /[\w.-]*$/.exec(document.textDocument.getText().slice(Math.max(0, offset - 200), offset))![0].toLowerCase();
        return { ...list, isIncomplete: true, items: bestNames(list.items, typed) };
    }

    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const seen = new Set<string>();
        return super.getReferenceCandidates(refInfo, context).filter(desc => {
            const id = `${desc.documentUri.toString()}#${desc.path}`;
            if (seen.has(id)) return false;
            seen.add(id);
            return true;
        });
    }

    protected override createReferenceCompletionItem(
        desc: AstNodeDescription,
        refInfo: ReferenceInfo,
        context: CompletionContext
    ): CompletionValueItem {
        const item = super.createReferenceCompletionItem(desc, refInfo, context);
        const declaration = desc.node ? this.declarationOf(desc.node) : undefined;
        const rank = !declaration
            ? 3
            : declaration.builtin
              ? 2
              : declaration.model === modelNameOf(context.document.parseResult.value)
                ? 0
                : 3;
        return { ...item, detail: declaration?.title ?? declaration?.type ?? desc.type, sortText: `${rank}${desc.name}` };
    }

    /**
     * Langium forgets the rule's type inside a fragment, so a fact's verb at
     * the start of a body line would be looked up on the institution: it is
     * completed on a new fact, as the parser will make one.
     */
    protected override completionForCrossReference(
        context: CompletionContext,
        next: NextFeature<GrammarAST.CrossReference>,
        acceptor: CompletionAcceptor
    ): MaybePromise<void> {
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule);
        const inFact = rule?.fragment === true && FACT_FRAGMENTS.has(rule.name) && context.node !== undefined && !isFact(context.node);
        return super.completionForCrossReference(
            context,
            inFact && !next.type ? { ...next, type: Fact.$type, property: 'members' } : next,
            acceptor
        );
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor) {
        return super.completionForKeyword(context, keyword, (ctx, value) => acceptor(ctx, { ...value, sortText: `1${keyword.value}` }));
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        if (!super.filterKeyword(context, keyword)) return false;
        const present = ONCE[keyword.value] as ((member: Member) => boolean) | undefined;
        if (!present) return true;
        const body = this.enclosingBody(context);
        return !body || !body.members.some(member => present(member) && !covers(member, context.offset));
    }

    /** The institution whose braces hold the cursor. */
    private enclosingBody(context: CompletionContext): Institution | undefined {
        for (let node: AstNode | undefined = context.node; node; node = node.$container) {
            const cst = node.$cstNode;
            if (isInstitution(node) && cst && cst.offset < context.offset && context.offset < cst.end) return node;
        }
        return undefined;
    }

    private declarationOf(node: AstNode): Declaration | undefined {
        if (typeof (node as { name?: unknown }).name !== 'string') return undefined;
        const key = keyOf(node as AstNode & { name: string });
        return this.polity.polity.WorkspaceModel.snapshot.model.declarations.get(key)?.[0];
    }
}

/**
 * Every keyword, and the first `MAX_NAMES` names: those that start with what is
 * typed before those that only match it fuzzily, then in the list's own order.
 */
function bestNames(items: CompletionItem[], typed: string): CompletionItem[] {
    const keywords = items.filter(item => item.kind === CompletionItemKind.Keyword);
    const names = items.filter(item => item.kind !== CompletionItemKind.Keyword);
    const startsTyped = (item: CompletionItem) => (item.label.toLowerCase().startsWith(typed) ? 0 : 1);
    names.sort((a, b) => startsTyped(a) - startsTyped(b) || compareText(a.sortText ?? a.label, b.sortText ?? b.label));
    return [...names.slice(0, MAX_NAMES), ...keywords];
}

/** Whether the offset falls inside a comment or a string. */
function inText(document: LangiumDocument, offset: number): boolean {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeBeforeOffset(root, offset);
    if (!leaf || offset <= leaf.offset) return false;
    const type = leaf.tokenType.name;
    return offset < leaf.end ? TEXT_TOKENS.includes(type) : type === 'SL_COMMENT' && offset === leaf.end;
}

const TEXT_TOKENS = ['SL_COMMENT', 'ML_COMMENT', 'STRING'];

/** The grammar's fragments that make up a fact (`FactTail` and its parts). */
const FACT_FRAGMENTS = new Set(['FactTail', 'Objects', 'Partners']);

function covers(node: AstNode, offset: number): boolean {
    const cst = node.$cstNode;
    return !!cst && cst.offset <= offset && offset <= cst.end;
}
