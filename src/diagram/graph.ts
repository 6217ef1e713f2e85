import { describeContest } from '../model/checks/index.js';
import { claimVerb, displayName, effectivePeriod, kindAt, parentAt, type SemanticModel } from '../model/model.js';
import { findContests, type ContestedClaim } from '../model/contests.js';
import { certain, contains, formatPeriod, possible, type Period } from '../model/periods.js';
import type { PDate } from '../model/dates.js';
import { describeHolding, institutionNameAt, personNameIn } from '../model/people.js';
import type { Holding, Institution, Key } from '../model/types.js';
import { conflictElements } from './clashes.js';
import { nodeId, type Detail, type DiagramGraph, type GraphCluster, type GraphEdge, type GraphNode } from './graph-types.js';
import { legendFor } from './legend.js';
import { kindOf, type Selection } from './select.js';
import { capitalise } from '../text/capitalise.js';
import { compare } from './strings.js';
import {
    clusterStyle,
    CONTEST_EDGE,
    DEFAULT_RELATION,
    nodeStyle,
    PERSON_NODE,
    plaqueStyle,
    POST_EDGE,
    relationStyle,
    SPHERE_ORDER,
    uncertainStyle,
    UNIT_EDGE
} from './style.js';

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
            aliases: [
                ...new Set([institution.title, ...institution.formerNames.map(f => f.name), ...institution.names.map(n => n.value)])
            ].filter((n): n is string => n !== undefined && n !== title),
            kind: ownKindName(model, institution, selection.at),
            sphere: kind?.sphere,
            cluster,
            style: plaqueStyle(
                nodeStyle(kind),
                plaquesAt(institution, selection.at).find(p => p.sphere && p.sphere !== kind?.sphere)?.sphere
            ),
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
function peopleElements(
    model: SemanticModel,
    selection: Selection,
    clusterOf: ReadonlyMap<Key, string | undefined>
): { nodes: GraphNode[]; edges: GraphEdge[] } {
    const byPerson = new Map<Key, Holding[]>();
    for (const holding of selection.holdings) byPerson.set(holding.person, [...(byPerson.get(holding.person) ?? []), holding]);
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    for (const [key, holdings] of [...byPerson].sort(([a], [b]) => compare(a, b))) {
        const person = model.people.get(key);
        if (!person) continue;
        const clusters = new Set(holdings.map(h => clusterOf.get(h.institution)));
        nodes.push({
            id: personId(key),
            category: 'person',
            key,
            name: personNameIn(person, selection.lang, selection.at),
            aliases: person.names.map(n => n.value),
            cluster: clusters.size === 1 ? [...clusters][0] : undefined,
            style: PERSON_NODE,
            source: person.loc,
            detail: {
                heading: personNameIn(person),
                lines: holdings.map(h => `${describeHolding(model, h)} (${formatPeriod(h.period.period)})`)
            }
        });
        const seen = new Map<string, number>();
        for (const holding of holdings) {
            const base = `post:${key}:${holding.post}:${holding.institution}`;
            const count = (seen.get(base) ?? 0) + 1;
            seen.set(base, count);
            const uncertain = holding.certainty !== undefined || uncertainAt(holding.period.period, selection.at);
            const label = displayName(model, holding.post);
            edges.push({
                id: count === 1 ? base : `${base}:${count}`,
                from: personId(key),
                to: nodeId(holding.institution),
                category: 'post',
                label: uncertain ? `${label}?` : label,
                ranks: false,
                uncertain,
                style: uncertain ? uncertainStyle(POST_EDGE) : POST_EDGE,
                source: holding.extent,
                detail: { heading: describeHolding(model, holding), lines: [formatPeriod(holding.period.period)] }
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
interface Parents {
    of: Map<Key, Key>;
    children: Set<Key>;
}

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

function clusterFor(
    model: SemanticModel,
    selection: Selection,
    institution: Institution,
    parents: Parents,
    clusters: Map<string, GraphCluster>
): string | undefined {
    const kind = kindOf(model, institution, selection.at);
    const add = (cluster: GraphCluster) => {
        if (!clusters.has(cluster.id)) clusters.set(cluster.id, cluster);
        return cluster.id;
    };
    switch (selection.groupBy) {
        case 'sphere':
            return kind && add({ id: `cluster:sphere:${kind.sphere}`, label: capitalise(kind.sphere), style: clusterStyle(kind.sphere) });
        case 'kind':
            return (
                kind &&
                add({
                    id: `cluster:kind:${kind.key}`,
                    label: kind.title ?? kind.name,
                    style: clusterStyle(kind.sphere),
                    source: kind.builtin ? undefined : kind.loc
                })
            );
        case 'parent':
            return parentCluster(model, institution, parents, add, selection.at, new Set());
        case 'none':
            return undefined;
    }
}

/** An institution with shown parts (units, or what is `part-of` it on the date) sits in a cluster of its own, inside its parent's. */
function parentCluster(
    model: SemanticModel,
    institution: Institution,
    parents: Parents,
    add: (c: GraphCluster) => string,
    at: PDate,
    seen: Set<Key>
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
            style: uncertain ? uncertainStyle(style ?? DEFAULT_RELATION) : (style ?? DEFAULT_RELATION),
            source: relation.loc,
            detail: { heading: `${subject} ${kind?.title ?? kindName} ${target}`, lines: [formatPeriod(relation.period.period)] }
        };
    });
}

/** Whether the date falls where the period possibly, but not certainly, holds. */
function uncertainAt(period: Period, at: PDate): boolean {
    return contains(possible(period), at) && !contains(certain(period), at);
}

/** A contest that met its holder on the drawn date, between two shown institutions: contester → holder. */
function contestEdges(model: SemanticModel, selection: Selection, shown: Set<Key>): GraphEdge[] {
    if (model.contests.length === 0) return [];
    const met = findContests(model).contested.filter(
        found => shown.has(found.contest.institution) && shown.has(found.holder.institution) && contains(found.period, selection.at)
    );
    const groups = new Map<string, ContestedClaim[]>();
    for (const found of met) {
        const id = `contest:${found.contest.institution}:${found.holder.institution}`;
        groups.set(id, [...(groups.get(id) ?? []), found]);
    }
    return [...groups.entries()]
        .sort(([x], [y]) => compare(x, y))
        .map(([id, group]) => {
            // A group is made by its first contest.
            const [first] = group as [ContestedClaim, ...ContestedClaim[]];
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
