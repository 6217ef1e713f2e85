import type { Location } from '../model/types.js';
import { toDot } from './dot.js';
import type { Detail, DiagramGraph } from './graph.js';
import { toJson } from './json.js';
import { toMermaid } from './mermaid.js';
import type { GraphvizRenderer } from './render.js';

export const FORMATS = ['svg', 'dot', 'mermaid', 'json'] as const;
export type DiagramFormat = typeof FORMATS[number];

export const EXTENSIONS: Record<DiagramFormat, string> = { svg: '.svg', dot: '.dot', mermaid: '.mmd', json: '.json' };

/** An SVG and, for every element id in it, where its declaration is and what hovering it shows. */
export interface RenderedDiagram {
    svg: string;
    sources: Record<string, Location>;
    details: Record<string, Detail>;
}

export async function renderSvg(graph: DiagramGraph, renderer: GraphvizRenderer): Promise<RenderedDiagram> {
    const { svg } = await renderer.render(toDot(graph), ['svg']);
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
export async function writeDiagram(graph: DiagramGraph, format: DiagramFormat, renderer: GraphvizRenderer, fileOf: (uri: string) => string = uri => uri): Promise<string> {
    switch (format) {
        case 'dot': return toDot(graph);
        case 'mermaid': return toMermaid(graph);
        case 'svg': return (await renderer.render(toDot(graph), ['svg'])).svg;
        case 'json': return toJson(graph, (await renderer.render(toDot(graph), ['json0'])).json0, fileOf);
    }
}
