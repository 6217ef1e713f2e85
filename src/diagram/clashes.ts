import { describeConflict } from '../model/checks/index.js';
import type { Conflict } from '../model/conflicts.js';
import { displayName, type SemanticModel } from '../model/model.js';
import type { Key } from '../model/types.js';
import { nodeId, type GraphEdge, type GraphNode } from './graph-types.js';
import { compare } from './strings.js';
import { CONFLICT_EDGE, CONFLICT_MARKER, DISPUTE_EDGE, DISPUTE_MARKER } from './style.js';

/**
 * From this many institutions clashing over one mandate (with the same
 * status: undeclared or recorded), the clash is drawn as a marker node for the
 * mandate with one edge to each of them: n edges instead of n(n-1)/2, which
 * at 100 institutions took Graphviz minutes and at 200 crashed it, and which
 * no one could read. Three already reads better as a marker than a triangle.
 */
export const MARKER_THRESHOLD = 3;

/** How many lines a hover shows at most; the rest is counted. */
const DETAIL_LINES = 12;

/** The conflicts over one mandate with one status, also by institution (each conflict under both of its two). */
interface MandateClash {
    disputed: boolean;
    mandate: Key;
    conflicts: Conflict[];
    institutions: Map<Key, Conflict[]>;
}

/**
 * Conflicts and disputes of the selection: a mandate clashed over by
 * MARKER_THRESHOLD or more institutions gets a marker; every other clash is
 * one edge per pair of institutions and status, labelled with every mandate
 * they clash over.
 */
export function conflictElements(
    model: SemanticModel,
    conflicts: readonly Conflict[],
    clusterOf: ReadonlyMap<Key, string | undefined>
): { markers: GraphNode[]; edges: GraphEdge[] } {
    const clashes = new Map<string, MandateClash>();
    for (const conflict of conflicts) {
        const disputed = conflict.disputes.length > 0;
        const id = markerId(disputed, conflict.mandate);
        const clash: MandateClash = clashes.get(id) ?? { disputed, mandate: conflict.mandate, conflicts: [], institutions: new Map() };
        clash.conflicts.push(conflict);
        for (const institution of [conflict.first.institution, conflict.second.institution]) {
            const own = clash.institutions.get(institution);
            if (own) own.push(conflict);
            else clash.institutions.set(institution, [conflict]);
        }
        clashes.set(id, clash);
    }
    const dense = [...clashes.entries()]
        .filter(([, clash]) => clash.institutions.size >= MARKER_THRESHOLD)
        .sort(([x], [y]) => compare(x, y));
    const denseIds = new Set(dense.map(([id]) => id));
    const paired = conflicts.filter(c => !denseIds.has(markerId(c.disputes.length > 0, c.mandate)));
    return {
        markers: dense.map(([id, clash]) => markerNode(model, id, clash, clusterOf)),
        edges: [...pairEdges(model, paired), ...dense.flatMap(([id, clash]) => markerEdges(model, id, clash))]
    };
}

function markerId(disputed: boolean, mandate: Key): string {
    return `${disputed ? 'dispute' : 'conflict'}-marker:${mandate}`;
}

/**
 * Clicking the marker reveals the mandate; hovering it lists the institutions
 * and each clash. When they all sit in one cluster (a turf fight among
 * ministries), so does the marker, close to them.
 */
function markerNode(model: SemanticModel, id: string, clash: MandateClash, clusterOf: ReadonlyMap<Key, string | undefined>): GraphNode {
    const mandate = model.mandates.get(clash.mandate);
    const names = [...clash.institutions.keys()].sort(compare).map(key => displayName(model, key));
    const clusters = new Set([...clash.institutions.keys()].map(key => clusterOf.get(key)));
    return {
        id,
        category: clash.disputed ? 'dispute-marker' : 'conflict-marker',
        key: clash.mandate,
        name: displayName(model, clash.mandate),
        title: mandate?.title,
        aliases: [],
        cluster: clusters.size === 1 ? [...clusters][0] : undefined,
        style: clash.disputed ? DISPUTE_MARKER : CONFLICT_MARKER,
        // A clash is made by its first conflict.
        source: mandate?.loc ?? (clash.conflicts as [Conflict, ...Conflict[]])[0].first.loc,
        detail: {
            heading: `${clash.disputed ? 'Recorded dispute' : 'Conflict'} over ${displayName(model, clash.mandate)}: ${capped(names, n => n).join(', ')}`,
            lines: clashLines(model, clash.conflicts)
        }
    };
}

/** One edge from each institution to the marker; clicking it reveals that institution's claim. */
function markerEdges(model: SemanticModel, marker: string, clash: MandateClash): GraphEdge[] {
    return [...clash.institutions.entries()]
        .sort(([a], [b]) => compare(a, b))
        .map(([institution, own]) => {
            // Each institution of a clash has at least the conflict that put it there.
            const [first] = own as [Conflict, ...Conflict[]];
            const claim = first.first.institution === institution ? first.first : first.second;
            return {
                id: `${marker}:${institution}`,
                from: nodeId(institution),
                to: marker,
                category: clash.disputed ? ('dispute' as const) : ('conflict' as const),
                ranks: false,
                style: clash.disputed ? DISPUTE_EDGE : CONFLICT_EDGE,
                source: claim.loc,
                detail: {
                    heading: `${clash.disputed ? 'Recorded dispute' : 'Conflict'} over ${displayName(model, clash.mandate)}: ${displayName(model, institution)}`,
                    lines: clashLines(model, own)
                }
            };
        });
}

function pairEdges(model: SemanticModel, conflicts: readonly Conflict[]): GraphEdge[] {
    const groups = new Map<string, { disputed: boolean; a: Key; b: Key; conflicts: Conflict[] }>();
    for (const conflict of conflicts) {
        const [a, b] = [conflict.first.institution, conflict.second.institution].sort(compare) as [Key, Key];
        const disputed = conflict.disputes.length > 0;
        const id = `${disputed ? 'dispute' : 'conflict'}:${a}:${b}`;
        const group = groups.get(id) ?? { disputed, a, b, conflicts: [] as Conflict[] };
        group.conflicts.push(conflict);
        groups.set(id, group);
    }
    return [...groups.entries()]
        .sort(([x], [y]) => compare(x, y))
        .map(([id, { disputed, a, b, conflicts: group }]) => ({
            id,
            from: nodeId(a),
            to: nodeId(b),
            category: disputed ? ('dispute' as const) : ('conflict' as const),
            label: [...new Set(group.map(c => displayName(model, c.mandate)))].join(', '),
            ranks: false,
            style: disputed ? DISPUTE_EDGE : CONFLICT_EDGE,
            source: disputed ? (group[0]?.disputes[0]?.loc ?? group[0]!.first.loc) : group[0]!.first.loc,
            detail: {
                heading: `${disputed ? 'Recorded dispute' : 'Conflict'}: ${displayName(model, a)} – ${displayName(model, b)}`,
                lines: clashLines(model, group)
            }
        }));
}

/**
 * Each conflict in words, then the recorded findings, each once; at most
 * DETAIL_LINES of each, the rest counted (a marker can stand for thousands).
 */
function clashLines(model: SemanticModel, conflicts: readonly Conflict[]): string[] {
    const findings = new Set(conflicts.flatMap(c => c.disputes.map(d => d.finding).filter((f): f is string => f !== undefined)));
    return [...capped(conflicts, c => describeConflict(model, c)), ...capped([...findings], f => f)];
}

function capped<T>(items: readonly T[], line: (item: T) => string): string[] {
    if (items.length <= DETAIL_LINES) return items.map(line);
    return [...items.slice(0, DETAIL_LINES - 1).map(line), `… and ${items.length - DETAIL_LINES + 1} more`];
}
