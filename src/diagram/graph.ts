import { describeConflict, describeContest } from '../model/checks/index.js';
import type { Conflict } from '../model/conflicts.js';
import { claimVerb, displayName, effectivePeriod, kindAt, parentAt, type SemanticModel } from '../model/model.js';
import { findContests, type ContestedClaim } from '../model/contests.js';
import { certain, contains, formatPeriod, possible, type Period } from '../model/periods.js';
import type { PDate } from '../model/dates.js';
import { describeHolding, institutionNameAt, personNameIn } from '../model/people.js';
import type { Holding, Institution, Key, Location } from '../model/types.js';
import { kindOf, type Direction, type Selection } from './select.js';
import {
    clusterStyle, CONFLICT_EDGE, CONFLICT_MARKER, CONTEST_EDGE, DEFAULT_RELATION, DISPUTE_EDGE, DISPUTE_MARKER, nodeStyle, PERSON_NODE, plaqueStyle,
    POST_EDGE, relationStyle, SPHERE_ORDER, sphereStyle, uncertainStyle, UNIT_EDGE, type ClusterStyle, type EdgeStyle, type NodeStyle
} from './style.js';

/** What hovering an element shows: plain text, never markup. */
export interface Detail { heading: string; lines: string[] }

export interface GraphNode {
    /** Also the element id in the SVG: `institution:<key>`, or `conflict-marker:<mandate>` / `dispute-marker:<mandate>`. */
    id: string;
    /**
     * An institution, or the marker of a mandate that several institutions
     * clash over, which each of them is linked to (see conflictEdges).
     */
    category: 'institution' | 'conflict-marker' | 'dispute-marker' | 'person';
    /** The institution's key, the marker's mandate, or the person's key (`show people`). */
    key: Key;
    name: string;
    /** The title on the drawn date. */
    title?: string;
    /** The other names it is known by (its title as declared, former names), for search. */
    aliases: string[];
    /** The kind's name (`unit` for a unit without a kind of its own), shown small under the title. */
    kind?: string;
    sphere?: string;
    cluster?: string;
    style: NodeStyle;
    source: Location;
    detail: Detail;
}

export type EdgeCategory = 'relation' | 'unit' | 'conflict' | 'dispute' | 'contest' | 'post';

export interface GraphEdge {
    id: string;
    from: string;
    to: string;
    category: EdgeCategory;
    /** The relation kind's name, for classes and the legend. */
    kind?: string;
    label?: string;
    /** Oversight, `part-of` and units rank superior above subordinate; everything else follows the ranks. */
    ranks: boolean;
    /** A kind marked `upward` (`part-of`): the subject (`from`) is the subordinate, so the layers put `to` above it. */
    upward?: boolean;
    /** Hedged (`reportedly`, `allegedly`) or dated uncertainly around the drawn date: dotted, lighter, `?` after the label. */
    uncertain?: boolean;
    style: EdgeStyle;
    source: Location;
    detail: Detail;
}

export interface GraphCluster {
    id: string;
    label: string;
    parent?: string;
    style: ClusterStyle;
    source?: Location;
}

export interface LegendItem { label: string; edge?: EdgeStyle; node?: NodeStyle }

export interface DiagramGraph {
    title: string;
    subtitle: string;
    /** The date drawn, as written (`2020`) or today's (`2026-11-26`). */
    at: string;
    direction: Direction;
    nodes: GraphNode[];
    edges: GraphEdge[];
    /** Parents before their children. */
    clusters: GraphCluster[];
    legend: LegendItem[];
}

export function nodeId(key: Key): string {
    return `institution:${key}`;
}

/** Turns a selection into the graph every writer draws: nodes, edges, clusters and legend, all in a fixed order. */
export function buildGraph(model: SemanticModel, selection: Selection): DiagramGraph {
    const shown = new Set(selection.institutions.map(i => i.key));
    const clusters = new Map<string, GraphCluster>();
    const parents = parentsAt(model, selection, shown);
    const nodes = selection.institutions.map(institution => {
        const kind = kindOf(model, institution, selection.at);
        const cluster = clusterFor(model, selection, institution, parents, clusters);
        const title = nodeTitle(institution, selection);
        const node: GraphNode = {
            id: nodeId(institution.key),
            category: 'institution',
            key: institution.key,
            name: institution.path,
            title,
            aliases: [...new Set([institution.title, ...institution.formerNames.map(f => f.name), ...institution.names.map(n => n.value)])]
                .filter((n): n is string => n !== undefined && n !== title),
            kind: ownKindName(model, institution, selection.at),
            sphere: kind?.sphere,
            cluster,
            style: plaqueStyle(nodeStyle(kind), plaquesAt(institution, selection.at).find(p => p.sphere && p.sphere !== kind?.sphere)?.sphere),
            source: institution.loc,
            detail: institutionDetail(model, institution, selection)
        };
        return node;
    });
    const clusterOf = new Map(nodes.map(n => [n.key, n.cluster]));
    const conflicts = conflictElements(model, selection.conflicts, clusterOf);
    const people = peopleElements(model, selection, clusterOf);
    const edges = [
        ...unitEdges(selection, shown),
        ...relationEdges(model, selection),
        ...conflicts.edges,
        ...contestEdges(model, selection, shown),
        ...people.edges
    ];
    return {
        title: selection.title,
        subtitle: `as of ${selection.at.text}`,
        at: selection.at.text,
        direction: selection.direction,
        nodes: [...nodes, ...conflicts.markers, ...people.nodes],
        edges,
        clusters: orderClusters([...clusters.values()]),
        legend: legendFor(selection, nodes, edges, [...conflicts.markers, ...people.nodes])
    };
}

/** The name in force at the drawn date (in the view's language where the model has it), with the plaques held then. */
function nodeTitle(institution: Institution, selection: Selection): string | undefined {
    const name = institutionNameAt(institution, selection.at, selection.lang);
    const title = name === institution.path ? undefined : name;
    const plaques = plaquesAt(institution, selection.at).map(p => p.name);
    return plaques.length > 0 ? [title ?? institution.path, ...plaques].join(' / ') : title;
}

function plaquesAt(institution: Institution, at: PDate): Institution['plaques'] {
    return institution.plaques.filter(p => contains(possible(p.period.period), at));
}

/**
 * `show people`: each holder of a post in a shown institution at the drawn
 * date as a small node, linked to each institution they hold a post in (a
 * person with concurrent posts links two). A person whose institutions all
 * sit in one cluster sits there too.
 */
function peopleElements(model: SemanticModel, selection: Selection, clusterOf: ReadonlyMap<Key, string | undefined>): { nodes: GraphNode[]; edges: GraphEdge[] } {
    const byPerson = new Map<Key, Holding[]>();
    for (const holding of selection.holdings) byPerson.set(holding.person, [...byPerson.get(holding.person) ?? [], holding]);
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    for (const [key, holdings] of [...byPerson].sort(([a], [b]) => compare(a, b))) {
        const person = model.people.get(key);
        if (!person) continue;
        const clusters = new Set(holdings.map(h => clusterOf.get(h.institution)));
        nodes.push({
            id: personId(key), category: 'person', key, name: personNameIn(person, selection.lang, selection.at), aliases: person.names.map(n => n.value),
            cluster: clusters.size === 1 ? [...clusters][0] : undefined, style: PERSON_NODE, source: person.loc,
            detail: { heading: personNameIn(person), lines: holdings.map(h => `${describeHolding(model, h)} (${formatPeriod(h.period.period)})`) }
        });
        const seen = new Map<string, number>();
        for (const holding of holdings) {
            const base = `post:${key}:${holding.post}:${holding.institution}`;
            const count = (seen.get(base) ?? 0) + 1;
            seen.set(base, count);
            const uncertain = holding.certainty !== undefined || uncertainAt(holding.period.period, selection.at);
            const label = displayName(model, holding.post);
            edges.push({
                id: count === 1 ? base : `${base}:${count}`, from: personId(key), to: nodeId(holding.institution), category: 'post',
                label: uncertain ? `${label}?` : label, ranks: false, uncertain, style: uncertain ? uncertainStyle(POST_EDGE) : POST_EDGE,
                source: holding.extent, detail: { heading: describeHolding(model, holding), lines: [formatPeriod(holding.period.period)] }
            });
        }
    }
    return { nodes, edges };
}

function personId(key: Key): string {
    return `person:${key}`;
}

function ownKindName(model: SemanticModel, institution: Institution, at: PDate): string | undefined {
    const kind = kindAt(institution, at);
    if (kind) return model.kinds.get(kind)?.name;
    return institution.parent ? 'unit' : undefined;
}

/** Each shown institution's shown parent on the drawn date (a unit's parent, or what it is `part-of` then), and the reverse. */
interface Parents { of: Map<Key, Key>; children: Set<Key> }

function parentsAt(model: SemanticModel, selection: Selection, shown: Set<Key>): Parents {
    const of = new Map<Key, Key>();
    if (selection.groupBy === 'parent') {
        for (const key of shown) {
            const parent = parentAt(model, key, selection.at);
            if (parent && shown.has(parent) && parent !== key) of.set(key, parent);
        }
    }
    return { of, children: new Set(of.values()) };
}

function clusterFor(model: SemanticModel, selection: Selection, institution: Institution, parents: Parents, clusters: Map<string, GraphCluster>): string | undefined {
    const kind = kindOf(model, institution, selection.at);
    const add = (cluster: GraphCluster) => {
        if (!clusters.has(cluster.id)) clusters.set(cluster.id, cluster);
        return cluster.id;
    };
    switch (selection.groupBy) {
        case 'sphere':
            return kind && add({ id: `cluster:sphere:${kind.sphere}`, label: capitalise(kind.sphere), style: clusterStyle(kind.sphere) });
        case 'kind':
            return kind && add({ id: `cluster:kind:${kind.key}`, label: kind.title ?? kind.name, style: clusterStyle(kind.sphere), source: kind.builtin ? undefined : kind.loc });
        case 'parent':
            return parentCluster(model, institution, parents, add, selection.at, new Set());
        case 'none':
            return undefined;
    }
}

/** An institution with shown parts (units, or what is `part-of` it on the date) sits in a cluster of its own, inside its parent's. */
function parentCluster(
    model: SemanticModel, institution: Institution, parents: Parents, add: (c: GraphCluster) => string, at: PDate, seen: Set<Key>
): string | undefined {
    // A `part-of` loop (a `cycle` error) must not recurse for ever.
    if (seen.has(institution.key)) return undefined;
    seen.add(institution.key);
    const parentKey = parents.of.get(institution.key);
    const parent = parentKey ? model.institutions.get(parentKey) : undefined;
    const outer = parent ? parentCluster(model, parent, parents, add, at, seen) : undefined;
    if (!parents.children.has(institution.key)) return outer;
    const sphere = kindOf(model, institution, at)?.sphere;
    return add({ id: `cluster:parent:${institution.key}`, label: '', parent: outer, style: clusterStyle(sphere), source: institution.loc });
}

/** Clusters sorted by sphere order, then id, parents first: the same input always draws the same picture. */
function orderClusters(clusters: GraphCluster[]): GraphCluster[] {
    const rank = (c: GraphCluster) => {
        const sphere = c.id.startsWith('cluster:sphere:') ? c.id.slice('cluster:sphere:'.length) : undefined;
        const index = sphere ? SPHERE_ORDER.indexOf(sphere) : -1;
        return index < 0 ? SPHERE_ORDER.length : index;
    };
    const depth = (c: GraphCluster): number => (c.parent ? 1 + depth(clusters.find(p => p.id === c.parent)!) : 0);
    return clusters.sort((a, b) => depth(a) - depth(b) || rank(a) - rank(b) || compare(a.id, b.id));
}

function unitEdges(selection: Selection, shown: Set<Key>): GraphEdge[] {
    if (selection.groupBy === 'parent') return [];
    return selection.institutions
        .filter(unit => unit.parent && shown.has(unit.parent))
        .map(unit => ({
            id: `unit:${unit.parent}:${unit.key}`,
            from: nodeId(unit.parent!),
            to: nodeId(unit.key),
            category: 'unit' as const,
            ranks: true,
            style: UNIT_EDGE,
            source: unit.loc,
            detail: { heading: `${unit.path} is a unit of ${unit.parent}`, lines: [] }
        }));
}

function relationEdges(model: SemanticModel, selection: Selection): GraphEdge[] {
    const seen = new Map<string, number>();
    return selection.relations.map(relation => {
        const kind = model.relationKinds.get(relation.kind);
        const kindName = kind?.name ?? displayName(model, relation.kind);
        const base = `relation:${relation.subject}:${relation.kind}:${relation.target}`;
        const count = (seen.get(base) ?? 0) + 1;
        seen.set(base, count);
        const style = relationStyle(kind);
        const subject = displayName(model, relation.subject);
        const target = displayName(model, relation.target);
        const uncertain = relation.certainty !== undefined || uncertainAt(relation.period.period, selection.at);
        const label = style ? undefined : kindName;
        return {
            id: count === 1 ? base : `${base}:${count}`,
            from: nodeId(relation.subject),
            to: nodeId(relation.target),
            category: 'relation' as const,
            kind: kindName,
            label: uncertain ? `${label ?? ''}?` : label,
            // The layers put the superior above: the subject of `oversees`, the target of an upward kind such as `part-of`.
            ranks: kind?.hierarchical ?? false,
            upward: kind?.upward || undefined,
            uncertain,
            style: uncertain ? uncertainStyle(style ?? DEFAULT_RELATION) : style ?? DEFAULT_RELATION,
            source: relation.loc,
            detail: { heading: `${subject} ${kind?.title ?? kindName} ${target}`, lines: [formatPeriod(relation.period.period)] }
        };
    });
}

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
interface MandateClash { disputed: boolean; mandate: Key; conflicts: Conflict[]; institutions: Map<Key, Conflict[]> }

/**
 * Conflicts and disputes of the selection: a mandate clashed over by
 * MARKER_THRESHOLD or more institutions gets a marker; every other clash is
 * one edge per pair of institutions and status, labelled with every mandate
 * they clash over.
 */
function conflictElements(model: SemanticModel, conflicts: readonly Conflict[], clusterOf: ReadonlyMap<Key, string | undefined>): { markers: GraphNode[]; edges: GraphEdge[] } {
    const clashes = new Map<string, MandateClash>();
    for (const conflict of conflicts) {
        const disputed = conflict.disputes.length > 0;
        const id = markerId(disputed, conflict.mandate);
        const clash: MandateClash = clashes.get(id) ?? { disputed, mandate: conflict.mandate, conflicts: [], institutions: new Map() };
        clash.conflicts.push(conflict);
        for (const institution of [conflict.first.institution, conflict.second.institution]) {
            const own = clash.institutions.get(institution);
            if (own) own.push(conflict); else clash.institutions.set(institution, [conflict]);
        }
        clashes.set(id, clash);
    }
    const dense = [...clashes.entries()].filter(([, clash]) => clash.institutions.size >= MARKER_THRESHOLD).sort(([x], [y]) => compare(x, y));
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
        source: mandate?.loc ?? clash.conflicts[0].first.loc,
        detail: {
            heading: `${clash.disputed ? 'Recorded dispute' : 'Conflict'} over ${displayName(model, clash.mandate)}: ${capped(names, n => n).join(', ')}`,
            lines: clashLines(model, clash.conflicts)
        }
    };
}

/** One edge from each institution to the marker; clicking it reveals that institution's claim. */
function markerEdges(model: SemanticModel, marker: string, clash: MandateClash): GraphEdge[] {
    return [...clash.institutions.entries()].sort(([a], [b]) => compare(a, b)).map(([institution, own]) => {
        const claim = own[0].first.institution === institution ? own[0].first : own[0].second;
        return {
            id: `${marker}:${institution}`,
            from: nodeId(institution),
            to: marker,
            category: clash.disputed ? 'dispute' as const : 'conflict' as const,
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
        const [a, b] = [conflict.first.institution, conflict.second.institution].sort(compare);
        const disputed = conflict.disputes.length > 0;
        const id = `${disputed ? 'dispute' : 'conflict'}:${a}:${b}`;
        const group = groups.get(id) ?? { disputed, a, b, conflicts: [] };
        group.conflicts.push(conflict);
        groups.set(id, group);
    }
    return [...groups.entries()].sort(([x], [y]) => compare(x, y)).map(([id, { disputed, a, b, conflicts: group }]) => ({
        id,
        from: nodeId(a),
        to: nodeId(b),
        category: disputed ? 'dispute' as const : 'conflict' as const,
        label: [...new Set(group.map(c => displayName(model, c.mandate)))].join(', '),
        ranks: false,
        style: disputed ? DISPUTE_EDGE : CONFLICT_EDGE,
        source: disputed ? group[0].disputes[0].loc : group[0].first.loc,
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

/** Whether the date falls where the period possibly, but not certainly, holds. */
function uncertainAt(period: Period, at: PDate): boolean {
    return contains(possible(period), at) && !contains(certain(period), at);
}

/** A contest that met its holder on the drawn date, between two shown institutions: contester → holder. */
function contestEdges(model: SemanticModel, selection: Selection, shown: Set<Key>): GraphEdge[] {
    if (model.contests.length === 0) return [];
    const met = findContests(model).contested.filter(found =>
        shown.has(found.contest.institution) && shown.has(found.holder.institution) && contains(found.period, selection.at));
    const groups = new Map<string, ContestedClaim[]>();
    for (const found of met) {
        const id = `contest:${found.contest.institution}:${found.holder.institution}`;
        groups.set(id, [...groups.get(id) ?? [], found]);
    }
    return [...groups.entries()].sort(([x], [y]) => compare(x, y)).map(([id, group]) => {
        const [first] = group;
        const uncertain = group.every(f => f.contest.certainty !== undefined);
        const label = [...new Set(group.map(f => displayName(model, f.mandate)))].join(', ');
        return {
            id,
            from: nodeId(first.contest.institution),
            to: nodeId(first.holder.institution),
            category: 'contest' as const,
            label: uncertain ? `${label}?` : label,
            ranks: false,
            uncertain,
            style: uncertain ? uncertainStyle(CONTEST_EDGE) : CONTEST_EDGE,
            source: first.contest.loc,
            detail: {
                heading: `Contest: ${displayName(model, first.contest.institution)} → ${displayName(model, first.holder.institution)}`,
                lines: group.map(f => `${describeContest(model, f)}${f.disputes.length > 0 ? ' (recorded as a dispute)' : ''}`)
            }
        };
    });
}

function institutionDetail(model: SemanticModel, institution: Institution, selection: Selection): Detail {
    const kind = kindOf(model, institution, selection.at);
    const lines: string[] = [];
    if (kind) lines.push(`${kind.title ?? kind.name} (${kind.sphere})`);
    if (institution.lifetime.start || institution.lifetime.end) lines.push(`exists ${formatPeriod(institution.lifetime)}`);
    for (const claim of model.claimsByInstitution.get(institution.key) ?? []) {
        const period = effectivePeriod(model, claim);
        if (!period || !contains(period, selection.at)) continue;
        const partners = claim.partners.length > 0 ? ` with ${claim.partners.map(p => displayName(model, p)).join(', ')}` : '';
        lines.push(`${claimVerb(model, claim)} ${displayName(model, claim.mandate)}${partners} (${formatPeriod(period)})`);
    }
    const title = nodeTitle(institution, selection);
    const heading = title ? `${institution.path} — ${title}` : institution.path;
    return { heading, lines };
}

/** Only what the picture uses: the spheres of its nodes (unless clusters name them), its kinds of line and of marker. */
function legendFor(selection: Selection, nodes: GraphNode[], edges: GraphEdge[], markers: GraphNode[]): LegendItem[] {
    const items: LegendItem[] = [];
    if (selection.groupBy !== 'sphere') {
        const spheres = new Set(nodes.map(n => n.sphere).filter((s): s is string => s !== undefined));
        for (const sphere of [...spheres].sort((a, b) => sphereRank(a) - sphereRank(b) || compare(a, b))) {
            items.push({ label: capitalise(sphere), node: sphereStyle(sphere) });
        }
    }
    const seen = new Set<string>();
    const addEdge = (key: string, label: string, edge: EdgeStyle) => {
        if (seen.has(key)) return;
        seen.add(key);
        items.push({ label, edge });
    };
    // Every kind of line drawn, a model's own kinds too: their edges carry the name, but a reader scans the legend for it.
    const relations = edges.filter(e => e.category === 'relation').sort((a, b) => compare(a.kind!, b.kind!));
    for (const edge of relations) addEdge(`relation:${edge.kind}`, edge.kind!, edge.uncertain ? relationStyleOf(edges, edge) : edge.style);
    if (edges.some(e => e.category === 'unit')) addEdge('unit', 'unit of', UNIT_EDGE);
    if (edges.some(e => e.category === 'conflict')) addEdge('conflict', 'conflict (mandate)', CONFLICT_EDGE);
    if (edges.some(e => e.category === 'dispute')) addEdge('dispute', 'recorded dispute (mandate)', DISPUTE_EDGE);
    if (edges.some(e => e.category === 'contest')) addEdge('contest', 'contested (mandate): contester → holder', CONTEST_EDGE);
    if (edges.some(e => e.category === 'post')) addEdge('post', 'holds a post in (post)', POST_EDGE);
    if (edges.some(e => e.uncertain)) addEdge('uncertain', 'reportedly, allegedly or uncertainly dated (?)', uncertainStyle(DEFAULT_RELATION));
    if (markers.some(m => m.category === 'conflict-marker')) items.push({ label: 'mandate in conflict', node: CONFLICT_MARKER });
    if (markers.some(m => m.category === 'dispute-marker')) items.push({ label: 'mandate in dispute', node: DISPUTE_MARKER });
    if (markers.some(m => m.category === 'person')) items.push({ label: 'person', node: PERSON_NODE });
    return items;
}

/** The plain style of an uncertain edge's kind, for the legend: from a certain edge of the kind, else undimmed. */
function relationStyleOf(edges: GraphEdge[], edge: GraphEdge): EdgeStyle {
    return edges.find(e => e.category === 'relation' && e.kind === edge.kind && !e.uncertain)?.style ?? edge.style;
}

function sphereRank(sphere: string): number {
    const index = SPHERE_ORDER.indexOf(sphere);
    return index < 0 ? SPHERE_ORDER.length : index;
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

export function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** Breaks text into lines of at most `width` characters at spaces (longer words stay whole). */
export function wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
        if (line && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else {
            line = line ? `${line} ${word}` : word;
        }
    }
    if (line) lines.push(line);
    return lines;
}
