import { AstUtils, type AstNode } from 'langium';
import { PRELUDE_MODEL } from '../model/types.js';
import { isDocument, isInstitution, isMandate, type Document } from './generated/ast.js';

/** The prelude's model name: its declarations are also reachable as `polity.oversees`. */
export { PRELUDE_MODEL };

export function modelNameOf(node: AstNode): string {
    const root = AstUtils.findRootNode(node);
    return isDocument(root) ? ((root as Document).name ?? '') : '';
}

/**
 * A declaration's name within its model: units are named through their
 * parents (`MPS.Bureau11`); nested mandates keep their own name, since an
 * analyst writes `leads personal-data`, not `leads data.personal-data`.
 */
export function pathOf(node: AstNode & { name?: string }): string {
    const name = node.name ?? '';
    if (isInstitution(node)) {
        const parent = node.$container;
        if (isInstitution(parent)) return `${pathOf(parent)}.${name}`;
    }
    return name;
}

export function qualify(model: string, path: string): string {
    return model ? `${model}.${path}` : path;
}

export function keyOf(node: AstNode & { name?: string }): string {
    return qualify(modelNameOf(node), pathOf(node));
}

/**
 * The declarations a document contributes to its model's name space. A
 * declaration whose name the parser's error recovery left out (`mandate }`)
 * declares nothing.
 */
export function* declarationsOf(document: Document): Generator<AstNode & { name: string }> {
    for (const element of document.elements) {
        if (named(element)) {
            yield element;
            if (isInstitution(element)) yield* unitsOf(element);
            if (isMandate(element)) yield* AstUtils.streamAllContents(element).filter(isMandate).filter(named);
        }
    }
}

function named<T extends AstNode>(node: T): node is T & { name: string } {
    const name = (node as { name?: unknown }).name;
    return typeof name === 'string' && name.length > 0;
}

function* unitsOf(institution: { members: AstNode[] }): Generator<AstNode & { name: string }> {
    for (const member of institution.members) {
        if (isInstitution(member) && named(member)) {
            yield member;
            yield* unitsOf(member);
        }
    }
}
