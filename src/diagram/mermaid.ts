import { labelText } from '../text/label.js';
import type { DiagramGraph, GraphEdge, GraphNode } from './graph-types.js';
import { wrap } from './strings.js';

/**
 * Writes the graph as a Mermaid `flowchart`, which GitHub and GitLab render
 * inside Markdown. Mermaid ids must be plain, so nodes and clusters are
 * numbered in the graph's fixed order; every label is quoted with its markup
 * characters as Mermaid entity codes.
 */
export function toMermaid(graph: DiagramGraph): string {
    const out: string[] = [];
    out.push('---', `title: ${yamlString(`${graph.title} (${graph.subtitle})`)}`, '---');
    out.push(`flowchart ${graph.direction === 'right' ? 'LR' : 'TD'}`);
    const nodeIds = new Map(graph.nodes.map((node, index) => [node.id, `n${index}`]));
    const clusterIds = new Map(graph.clusters.map((cluster, index) => [cluster.id, `g${index}`]));
    const writeLevel = (parent: string | undefined, indent: string) => {
        for (const cluster of graph.clusters.filter(c => c.parent === parent)) {
            out.push(`${indent}subgraph ${clusterIds.get(cluster.id)}["${label(cluster.label || ' ')}"]`);
            writeLevel(cluster.id, `${indent}  `);
            out.push(`${indent}end`);
        }
        for (const node of graph.nodes.filter(n => n.cluster === parent)) {
            // A marker is a stadium, the institutions boxes.
            const [open, close] = node.category === 'institution' ? ['[', ']'] : ['([', '])'];
            out.push(`${indent}${nodeIds.get(node.id)}${open}"${nodeLabel(node)}"${close}`);
        }
    };
    writeLevel(undefined, '  ');
    graph.edges.forEach(edge => out.push(`  ${nodeIds.get(edge.from)} ${link(edge)} ${nodeIds.get(edge.to)}`));
    const styles = new Map<string, string[]>();
    graph.nodes.forEach(node => {
        const colour = node.category === 'institution' ? '#000000' : '#ffffff';
        const style = `fill:${node.style.fill},stroke:${node.style.border},color:${colour}${node.style.double ? ',stroke-width:3px' : ''}`;
        styles.set(style, [...(styles.get(style) ?? []), nodeIds.get(node.id)!]);
    });
    [...styles.entries()].forEach(([style, ids], index) => {
        out.push(`  classDef s${index} ${style}`);
        out.push(`  class ${ids.join(',')} s${index}`);
    });
    graph.clusters.forEach(cluster =>
        out.push(`  style ${clusterIds.get(cluster.id)} fill:${cluster.style.fill},stroke:${cluster.style.border}`)
    );
    graph.edges.forEach((edge, index) => {
        const dash = edge.style.line === 'solid' ? '' : `,stroke-dasharray:${edge.style.line === 'dashed' ? '6 4' : '2 3'}`;
        out.push(`  linkStyle ${index} stroke:${edge.style.color},stroke-width:${edge.style.width}px${dash}`);
    });
    return `${out.join('\n')}\n`;
}

function nodeLabel(node: GraphNode): string {
    if (node.category !== 'institution') return label(node.name);
    const lines = [label(node.name), ...wrap(node.title ?? '', 30).map(label)];
    if (node.kind) lines.push(`#171;${label(node.kind)}#187;`);
    return lines.join('<br/>');
}

function link(edge: GraphEdge): string {
    const dotted = edge.style.line !== 'solid';
    const arrow = edge.style.arrow !== 'none';
    const shape = dotted ? (arrow ? '-.->' : '-.-') : arrow ? '-->' : '---';
    const text = edge.label ?? (edge.category === 'unit' ? 'unit' : undefined);
    return text ? `${shape}|"${label(text)}"|` : shape;
}

/**
 * Mermaid reads `#code;` as a character: markup, quotes, the `#` itself and
 * `%` (`%%{…}%%` anywhere in the text is a directive that reconfigures the
 * diagram) are written that way.
 */
function label(value: string): string {
    return labelText(value).replace(/["#%&<>`\\]/g, ch => `#${ch.charCodeAt(0)};`);
}

/** A YAML double-quoted string (JSON's escapes are YAML's too); `%` as `\x25`, so no directive can appear in the front matter either. */
function yamlString(value: string): string {
    return JSON.stringify(labelText(value)).replace(/%/g, '\\x25');
}
