import { displayName, type SemanticModel } from '../model.js';
import type { Finding } from '../types.js';
import { finding } from './finding.js';

export function selfRelations(model: SemanticModel): Finding[] {
    return model.relations
        .filter(r => r.subject === r.target)
        .map(r =>
            finding(
                'self-relation',
                `${displayName(model, r.subject)} ${displayName(model, r.kind)} itself: a relation needs two different institutions.`,
                r.loc
            )
        );
}
