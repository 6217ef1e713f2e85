import { readdirSync, readFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { codeOf, TestWorkspace } from '../helpers.js';

/**
 * The examples of the 0.2 language specification (sections 1–9),
 * kept as our own fixtures so the suite runs without it, each completed with
 * the declarations it needs. The second line of each file says which findings
 * it must give (`// expect: dispute dispute`, `// expect: none`); a folder is
 * one workspace of several files.
 */
const DIR = new URL('./fixtures/language-0.2/', import.meta.url);
const opened: TestWorkspace[] = [];
afterAll(async () => {
    for (const ws of opened) await ws.dispose();
});

function expectedOf(text: string, name: string): string[] {
    const line = text.split('\n').find(l => l.startsWith('// expect:'));
    if (!line) throw new Error(`${name} has no '// expect:' line`);
    const codes = line.slice('// expect:'.length).trim();
    return codes === 'none' ? [] : codes.split(/\s+/).sort();
}

describe('the examples of the 0.2 specification', () => {
    const entries = readdirSync(DIR).sort();
    it('are all here', () => {
        expect(entries.map(e => e.slice(0, 2))).toEqual(expect.arrayContaining(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9']));
    });
    for (const entry of entries) {
        it(`${entry} gives exactly the findings it expects`, async () => {
            const folder = statSync(new URL(entry, DIR)).isDirectory();
            const names = folder ? readdirSync(new URL(`${entry}/`, DIR)).sort() : [entry];
            const files = Object.fromEntries(
                names.map(name => [name, readFileSync(new URL(folder ? `${entry}/${name}` : name, DIR), 'utf8')])
            );
            const ws = new TestWorkspace();
            opened.push(ws);
            await ws.open(files);
            for (const [name, text] of Object.entries(files)) {
                const diagnostics = ws.diagnostics(name);
                const described = diagnostics
                    .map(d => `  ${d.range.start.line + 1}:${d.range.start.character + 1} [${codeOf(d)}] ${d.message}`)
                    .join('\n');
                expect(diagnostics.map(codeOf).sort(), `${entry}/${name} gave\n${described}`).toEqual(expectedOf(text, name));
            }
        });
    }
});
