import { AstUtils, DefaultReferences, type AstNode, type CstNode, type Reference } from 'langium';
import { isInstitution } from '../generated/ast.js';
import { keyOf } from '../names.js';
import type { PolityServices } from '../module.js';
import { segmentKeys, segmentsOf } from './qualified.js';

/**
 * In a qualified reference each segment names something of its own:
 * `MPS.Bureau11` names MPS in its first segment and the bureau in its last.
 * Go to definition, hover, find references and rename follow the segment under
 * the cursor; a model name (`china.cyber.`) names no declaration.
 */
export class PolityReferences extends DefaultReferences {
    constructor(private readonly polity: PolityServices) {
        super(polity);
    }

    override findDeclarations(sourceCstNode: CstNode): AstNode[] {
        const targets = super.findDeclarations(sourceCstNode);
        const found = referenceAt(sourceCstNode);
        const target = targets[0] as (AstNode & { name?: string }) | undefined;
        if (!found?.$refNode || !target || target !== found.ref) return targets;
        const segments = segmentsOf(found.$refNode.text, found.$refNode.offset);
        const index = segments.findIndex(s => s.offset <= sourceCstNode.offset && sourceCstNode.end <= s.end);
        if (segments.length < 2 || index < 0 || index === segments.length - 1) return targets;
        const key = segmentKeys(keyOf(target), segments.length)[index];
        const named = this.polity.polity.NameIndex.byKey
            .get(key ?? '')
            ?.map(d => d.node)
            .find(n => n && isInstitution(n));
        return named ? [named] : [];
    }
}

/** The reference whose written name contains this leaf, if any. */
export function referenceAt(leaf: CstNode): Reference | undefined {
    const node = leaf.astNode;
    return AstUtils.streamReferences(node)
        .map(info => info.reference)
        .find(
            (ref): ref is Reference => 'ref' in ref && !!ref.$refNode && ref.$refNode.offset <= leaf.offset && leaf.end <= ref.$refNode.end
        );
}
