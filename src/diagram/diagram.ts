import type { Location } from '../model/types.js';
import type { DiagramFormat } from './formats.js';
import { toDot } from './dot.js';
import type { Detail, DiagramGraph, LegendItem } from './graph-types.js';
import { toJson } from './json.js';
import { toMermaid } from './mermaid.js';
import { packedLayout, packs } from './pack.js';
import { LayoutError, LayoutTimeout, type LayoutFormat, type LayoutOutput, type Renderer } from './render.js';

export { FORMATS, type DiagramFormat } from './formats.js';

export const EXTENSIONS: Record<DiagramFormat, string> = { svg: '.svg', dot: '.dot', mermaid: '.mmd', json: '.json' };

/**
 * An edge between two node ids; `hierarchy` when it ranks the superior (`from`) above the subordinate;
 * `relation`, a relation's kind, by which the preview's toggles hide it.
 */
export interface DiagramLink {
    id: string;
    from: string;
    to: string;
    hierarchy: boolean;
    relation?: string;
}

/**
 * An SVG and, for every element id in it, where its declaration is and what
 * hovering it shows; what the preview searches and follows (each node's names,
 * the edges between nodes) and the legend, which it keeps in sight.
 */
export interface RenderedDiagram {
    svg: string;
    sources: Record<string, Location>;
    details: Record<string, Detail>;
    names: Record<string, string[]>;
    links: DiagramLink[];
    legend: LegendItem[];
}

export async function renderSvg(graph: DiagramGraph, renderer: Renderer, signal?: AbortSignal): Promise<RenderedDiagram> {
    const { svg } = await layout(graph, renderer, ['svg'], signal);
    const sources: Record<string, Location> = {};
    const details: Record<string, Detail> = {};
    for (const element of [...graph.nodes, ...graph.edges]) {
        sources[element.id] = element.source;
        details[element.id] = element.detail;
    }
    for (const cluster of graph.clusters) {
        if (cluster.source) sources[cluster.id] = cluster.source;
    }
    const names: Record<string, string[]> = {};
    for (const node of graph.nodes) names[node.id] = [node.name, ...(node.title ? [node.title] : []), ...node.aliases];
    const links = graph.edges.map(edge => ({
        id: edge.id,
        from: edge.from,
        to: edge.to,
        hierarchy: edge.ranks,
        ...(edge.category === 'relation' ? { relation: edge.kind } : {})
    }));
    return { svg, sources, details, names, links, legend: graph.legend };
}

/** The diagram in one of the export formats, as text; `fileOf` names source files in JSON. */
export async function writeDiagram(
    graph: DiagramGraph,
    format: DiagramFormat,
    renderer: Renderer,
    fileOf: (uri: string) => string = uri => uri
): Promise<string> {
    switch (format) {
        case 'dot':
            return toDot(graph);
        case 'mermaid':
            return toMermaid(graph);
        case 'svg':
            return (await layout(graph, renderer, ['svg'])).svg;
        case 'json':
            return toJson(graph, (await layout(graph, renderer, ['json0'])).json0, fileOf);
    }
}

/** Graphviz's layout of the graph; one over its time budget fails with what makes it big and how to make it smaller. */
async function layout(graph: DiagramGraph, renderer: Renderer, formats: LayoutFormat[], signal?: AbortSignal): Promise<LayoutOutput> {
    try {
        return await (packs(graph) ? packedLayout(graph, renderer, formats, signal) : renderer.render(toDot(graph), formats, { signal }));
    } catch (error) {
        if (!(error instanceof LayoutTimeout)) throw error;
        const institutions = graph.nodes.filter(n => n.category === 'institution').length;
        throw new LayoutError(
            `the diagram has ${count(institutions, 'institution')} and ${count(graph.edges.length, 'edge')}; ` +
                `layout took longer than ${error.seconds} s — narrow the view with include/exclude`
        );
    }
}

function count(n: number, noun: string): string {
    return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}
