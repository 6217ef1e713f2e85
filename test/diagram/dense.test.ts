import { XMLValidator } from 'fast-xml-parser';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/diagram/diagram.js';
import { toDot } from '../../src/diagram/dot.js';
import { toMermaid } from '../../src/diagram/mermaid.js';
import { MARKER_THRESHOLD } from '../../src/diagram/clashes.js';
import { GraphvizRenderer } from '../../src/diagram/render.js';
import { graphFor } from '../../src/diagram/request.js';
import { runCli } from '../cli/run-cli.js';
import { defined } from '../helpers.js';
import { modelOf, TODAY } from './helpers.js';

/** `count` institutions that all lead one mandate: one conflict per pair. */
function sharedMandate(count: number): string {
    const institutions = Array.from({ length: count }, (_, i) => `institution I${i} "Institution ${i}" {\n  kind agency\n  leads m\n}\n`);
    return `model dense\n\nmandate m "Shared mandate"\n\n${institutions.join('')}`;
}

/** a: two claimants; b: three, two of whom have recorded their dispute. */
const MIXED = `model t

mandate a "Alpha"
mandate b "Beta"

institution A "Agency A" {
  kind agency
  leads a
  leads b
}
institution B "Agency B" {
  kind agency
  leads a
  leads b
}
institution C "Agency C" {
  kind agency
  leads b
}

dispute b between A, B "A and B argue over b."
`;

/** Graphviz writes `-` in ids as `&#45;`. */
function ids(svg: string): string {
    return svg.replace(/&#45;/g, '-');
}

const folders: string[] = [];
afterAll(() => folders.forEach(dir => rmSync(dir, { recursive: true, force: true })));

describe('dense conflicts', () => {
    it(`draws a mandate clashed over by ${MARKER_THRESHOLD} or more institutions as a marker with one edge each, and two as a pair edge`, async () => {
        const { model, conflicts } = await modelOf({ 'm.polity': MIXED });
        const graph = graphFor(model, conflicts, { scope: 't', today: TODAY });
        const dot = toDot(graph);
        const line = (id: string) => dot.split('\n').find(l => l.includes(`[id="${id}"`));
        // a: only A and B, so the pair edge stays, labelled with the mandate.
        expect(line('conflict:t.A:t.B')).toContain('label="a"');
        // b: A–C and B–C are conflicts, A–B a recorded dispute: a conflict marker for A, B, C and the dispute as a pair edge.
        expect(line('conflict-marker:t.b')).toMatch(
            /^\s+"conflict-marker:t.b" \[id="conflict-marker:t.b", class="conflict-marker", label=<<B>b<\/B>>/
        );
        for (const key of ['A', 'B', 'C']) {
            expect(line(`conflict-marker:t.b:t.${key}`)).toMatch(
                new RegExp(`^ {2}"institution:t.${key}" -> "conflict-marker:t.b" .*class="conflict"`)
            );
        }
        expect(line('dispute:t.A:t.B')).toContain('label="b"');
        expect(graph.edges.filter(e => e.category === 'conflict').map(e => e.id)).toEqual([
            'conflict:t.A:t.B',
            'conflict-marker:t.b:t.A',
            'conflict-marker:t.b:t.B',
            'conflict-marker:t.b:t.C'
        ]);
        expect(graph.legend.map(item => item.label)).toContain('mandate in conflict');
    });

    it("maps the marker to the mandate and each of its edges to that institution's claim", async () => {
        const { model, conflicts } = await modelOf({ 'm.polity': MIXED });
        const rendered = await renderSvg(graphFor(model, conflicts, { scope: 't', today: TODAY }), new GraphvizRenderer());
        const { sources, details } = rendered;
        const svg = ids(rendered.svg);
        expect(svg).toContain('<g id="conflict-marker:t.b" class="node');
        expect(svg).toContain('<g id="conflict-marker:t.b:t.C" class="edge');
        const lines = MIXED.split('\n');
        const at = (range: { start: { line: number; character: number }; end: { character: number } }) =>
            lines[range.start.line]?.slice(range.start.character, range.end.character);
        const marker = defined(sources['conflict-marker:t.b'], "the marker's source");
        expect(at(marker.range)).toBe('b');
        expect(lines[marker.range.start.line]).toBe('mandate b "Beta"');
        const claim = defined(sources['conflict-marker:t.b:t.C'], "the claim's source");
        expect(claim.range.start.line).toBe(lines.indexOf('institution C "Agency C" {') + 2);
        expect(details['conflict-marker:t.b']?.heading).toBe('Conflict over b: A, B, C');
        expect(details['conflict-marker:t.b']?.lines).toEqual(["A and C both lead 'b' (always)", "B and C both lead 'b' (always)"]);
    });

    it("keeps the marker's hover short: a dozen lines, the rest counted", async () => {
        const { model, conflicts } = await modelOf({ 'm.polity': sharedMandate(20) });
        const marker = graphFor(model, conflicts, { scope: 'dense', today: TODAY }).nodes.find(n => n.id === 'conflict-marker:dense.m')!;
        expect(marker.detail.heading).toBe('Conflict over m: I0, I1, I10, I11, I12, I13, I14, I15, I16, I17, I18, … and 9 more');
        expect(marker.detail.lines).toHaveLength(12);
        expect(marker.detail.lines[0]).toMatch(/^I\d+ and I\d+ both lead 'm' \(always\)$/);
        expect(marker.detail.lines[11]).toBe(`… and ${(20 * 19) / 2 - 11} more`);
    });

    it('writes the marker in Mermaid as a stadium in its colour, with an unlabelled link from each institution', async () => {
        const { model, conflicts } = await modelOf({ 'm.polity': MIXED });
        const graph = graphFor(model, conflicts, { scope: 't', today: TODAY });
        const lines = toMermaid(graph).split('\n');
        const marker = `n${graph.nodes.findIndex(n => n.id === 'conflict-marker:t.b')}`;
        expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^ +${marker}\\(\\["b"\\]\\)$`)));
        expect(lines.filter(l => l.endsWith(` -.- ${marker}`))).toHaveLength(3);
        expect(lines).toContain(`  class ${marker} s1`);
        expect(lines).toContain('  classDef s1 fill:#d62728,stroke:#d62728,color:#ffffff');
    });

    it('draws 200 institutions that all lead one mandate, through the CLI, as 200 edges to one marker', () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'polity-dense-'));
        folders.push(dir);
        writeFileSync(path.join(dir, 'dense.polity'), sharedMandate(200));
        const result = runCli(['diagram', dir]);
        expect(result.status, result.stderr).toBe(0);
        expect(XMLValidator.validate(result.stdout)).toBe(true);
        const svg = ids(result.stdout);
        expect(svg).toContain('<g id="conflict-marker:dense.m" class="node');
        expect(svg.match(/<g id="conflict-marker:dense\.m:dense\.I\d+" class="edge/g)).toHaveLength(200);
        expect(svg).not.toMatch(/id="conflict:dense\./);
    });
});
