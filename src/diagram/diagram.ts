import type { Location } from '../model/types.js';
import type { DiagramFormat } from './formats.js';
import { toDot } from './dot.js';
import type { Detail, DiagramGraph } from './graph.js';
import { toJson } from './json.js';
import { toMermaid } from './mermaid.js';
import { LayoutError, LayoutTimeout, type LayoutFormat, type LayoutOutput, type Renderer } from './render.js';


/** An SVG and, for every element id in it, where its declaration is and what hovering it shows. */
export interface RenderedDiagram {
    svg: string;
    sources: Record<string, Location>;
    details: Record<string, Detail>;
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
    return { svg, sources, details };
}

/** The diagram in one of the export formats, as text; `fileOf` names source files in JSON. */
export async function writeDiagram(graph: DiagramGraph, format: DiagramFormat, renderer: Renderer, fileOf: (uri: string) => string = uri => uri): Promise<string> {
    switch (format) {
        case 'dot': return toDot(graph);
        case 'mermaid': return toMermaid(graph);
        case 'svg': return (await layout(graph, renderer, ['svg'])).svg;
        case 'json': return toJson(graph, (await layout(graph, renderer, ['json0'])).json0, fileOf);
    }
}

/** Graphviz's layout of the graph; one over its time budget fails with what makes it big and how to make it smaller. */
async function layout(graph: DiagramGraph, renderer: Renderer, formats: LayoutFormat[], signal?: AbortSignal): Promise<LayoutOutput> {
    try {
        return await renderer.render(toDot(graph), formats, { signal });
    } catch (error) {
        if (!(error instanceof LayoutTimeout)) throw error;
        const institutions = graph.nodes.filter(n => n.category === 'institution').length;
        throw new LayoutError(`the diagram has ${count(institutions, 'institution')} and ${count(graph.edges.length, 'edge')}; `
            + `layout took longer than ${error.seconds} s — narrow the view with include/exclude`);
    }
}

function count(n: number, noun: string): string {
    return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}
