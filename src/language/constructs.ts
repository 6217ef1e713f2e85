import { CstUtils, type AstNode } from 'langium';
import * as ast from './generated/ast.js';

/**
 * What a newcomer was writing where a mistake is, in words ("in a dispute",
 * "in the period of a competence"), for every syntax message: from the
 * parser's rule stack while it reads, or from the syntax tree afterwards.
 */

/** The noun for each grammar rule a statement is made of; rules absent here (names, words, dates) are parts of the enclosing one. */
const RULE_NOUNS: Record<string, string> = {
    Document: 'the file',
    Source: 'a source',
    Kind: 'a kind declaration',
    RelationKind: 'a relation declaration',
    Role: 'a role declaration',
    Mandate: 'a mandate',
    Institution: 'an institution',
    Unit: 'a unit',
    InstitutionBody: 'the body of an institution',
    KindClause: "a 'kind' line",
    LifeEvent: "an 'established' or 'dissolved' line",
    FormerName: "a 'formerly' line",
    BodyFact: 'a fact',
    TopFact: 'a fact',
    Dispute: 'a dispute',
    Person: 'a person',
    Post: "a 'holds' line",
    View: 'a view',
    ViewFilter: "an 'include' or 'exclude' rule of a view",
    ViewDate: "the 'at' date of a view",
    ViewGrouping: "the 'group by' rule of a view",
    ViewDirection: "the 'direction' of a view"
};

/** Parts named after the statement they belong to. */
const RULE_PARTS: Record<string, string> = { Period: 'the period of', Citation: 'a citation of', Partners: "the 'with' list of" };

/** "in a dispute", "in the period of a fact": the construct from a rule stack, outermost rule first (Chevrotain's order). */
export function constructOfRules(ruleStack: readonly string[]): string {
    const rules = ruleStack.map(r => r.replace(/\u200B$/, ''));
    const noun = [...rules].reverse().find(r => RULE_NOUNS[r] !== undefined);
    const part = [...rules].reverse().find(r => RULE_PARTS[r] !== undefined);
    const whole = noun === undefined ? 'the file' : RULE_NOUNS[noun];
    if (noun === 'Document') return part ? `in ${RULE_PARTS[part]} a statement` : 'at the top level of the file';
    // A part counts only inside its statement: `Period` after `Dispute` on the stack, not before it.
    return part !== undefined && rules.lastIndexOf(part) > rules.lastIndexOf(noun ?? '')
        ? `in ${RULE_PARTS[part]} ${whole}`
        : `in ${whole}`;
}

/** The construct the node is, or is part of: "in the period of a competence", "in institution CAC". */
export function constructOfNode(node: AstNode): string {
    if (ast.isPeriod(node) && node.$container) return `in the period of ${nounOf(node.$container)}`;
    if (ast.isCitation(node) && node.$container) return `in a citation of ${nounOf(node.$container)}`;
    return ast.isDocument(node) ? 'at the top level of the file' : `in ${nounOf(node)}`;
}

function nounOf(node: AstNode): string {
    if (ast.isFact(node)) {
        const verb = node.verb?.ref;
        return ast.isRelationKind(verb) ? 'a relation' : 'a competence';
    }
    if (ast.isInstitution(node)) return `${node.unit ? 'unit' : 'institution'} ${node.name}`;
    if (ast.isLifeEvent(node)) return `the '${node.event}' line of ${nounOf(node.$container)}`;
    if (ast.isFormerName(node)) return `the 'formerly' line of ${nounOf(node.$container)}`;
    if (ast.isKindClause(node)) return `the 'kind' line of ${nounOf(node.$container)}`;
    if (ast.isViewDate(node)) return `the 'at' date of view ${node.$container.name}`;
    if (ast.isDispute(node)) return 'a dispute';
    if (ast.isMandate(node)) return `mandate ${node.name}`;
    if (ast.isView(node)) return `view ${node.name}`;
    if (ast.isPerson(node)) return `person ${node.name}`;
    const container = node.$container;
    return container && !ast.isDocument(container) ? nounOf(container) : `this ${node.$type.toLowerCase()}`;
}

/** The innermost node whose text holds `offset` (or ends before it), for lexing errors, which arrive before any tree. */
export function nodeAtOffset(root: AstNode, offset: number): AstNode {
    const cst = root.$cstNode;
    const leaf = cst && (CstUtils.findLeafNodeAtOffset(cst, offset) ?? CstUtils.findLeafNodeBeforeOffset(cst, offset));
    return leaf?.astNode ?? root;
}
