import { componentCycles, findMandateCycles, hierarchyComponents, type HierarchyComponent } from '../cycles.js';
import { displayName, type SemanticModel } from '../model.js';
import { formatPeriod } from '../periods.js';
import type { Finding } from '../types.js';
import { finding, MAX_RELATED } from './finding.js';

/** Hierarchies and mandate trees that loop. */

export function cycles(model: SemanticModel): Finding[] {
    return hierarchyComponents(model).flatMap(component => componentCycleFindings(model, component));
}

/** The findings of the cycles within one component: what they read is its relations and the names of its institutions. */
export function componentCycleFindings(model: SemanticModel, component: HierarchyComponent): Finding[] {
    return componentCycles(component).flatMap(cycle => {
        const names = cycle.path.map(key => displayName(model, key));
        const kinds = [...new Set(cycle.edges.map(e => displayName(model, e.kind)))].join("', '");
        // Every relation of the cycle gets the finding: a long cycle is named by its ends, and each
        // finding points at the next few relations, so that a cycle of a thousand stays small.
        const path =
            names.length <= MAX_RELATED
                ? [...names, names[0]].join(' → ')
                : `${[...names.slice(0, MAX_RELATED - 1), '…', names[names.length - 1], names[0]].join(' → ')} (${names.length.toLocaleString('en-GB')} institutions)`;
        const message = `Cycle of hierarchical relations ('${kinds}'): ${path} (${formatPeriod(cycle.period)}). A hierarchy cannot loop: end one of these relations or change its period.`;
        return cycle.edges.map((edge, i) =>
            finding(
                'cycle',
                message,
                edge.loc,
                Array.from(
                    { length: Math.min(MAX_RELATED, cycle.edges.length - 1) },
                    (_, k) => cycle.edges[(i + 1 + k) % cycle.edges.length]!
                ).map(e => ({
                    loc: e.loc,
                    message: `${displayName(model, e.subject)} ${displayName(model, e.kind)} ${displayName(model, e.target)}`
                }))
            )
        );
    });
}

export function mandateCycles(model: SemanticModel): Finding[] {
    return findMandateCycles(model).flatMap(cycle => {
        const names = cycle.map(link => displayName(model, link.mandate));
        const path = [...names, names[0]].join(' within ');
        const message = `Cycle of mandates: ${path}. A mandate cannot be part of itself: remove one of these 'within' parents.`;
        return cycle.map(link => finding('cycle', message, link.loc));
    });
}
