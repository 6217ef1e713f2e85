import { displayName, type SemanticModel } from '../model.js';
import type { DocumentFacts, Finding } from '../types.js';
import { finding } from './finding.js';

export function selfRelations(model: SemanticModel): Finding[] {
    return model.documents.flatMap(doc => selfRelationsIn(model, doc));
}

/** The document's relations from an institution to itself: what they read of others is the names of what they name. */
export function selfRelationsIn(model: SemanticModel, doc: DocumentFacts): Finding[] {
    return doc.relations
        .filter(r => r.subject === r.target)
        .map(r =>
            finding(
                'self-relation',
                `${displayName(model, r.subject)} ${displayName(model, r.kind)} itself: a relation needs two different institutions.`,
                r.loc
            )
        );
}
