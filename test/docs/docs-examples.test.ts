import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { CHECKS } from '../../src/model/checks/index.js';
import { codeOf, TestWorkspace } from '../helpers.js';

/**
 * Keeps docs/language.md true: every ```polity block on the page is checked
 * with the language services and must produce exactly the findings its
 * annotation (an HTML comment on the line before the block) lists:
 *
 *   <!-- expect: conflict conflict -->          one model, these codes
 *   <!-- expect: none -->                       one model, no findings at all
 *   <!-- workspace: w; file: a.polity; expect: none -->   blocks sharing `w` form one workspace
 *   <!-- fragment -->                           not a whole model: skipped
 */
const PAGE = 'docs/language.md';
const markdown = readFileSync(new URL(`../../${PAGE}`, import.meta.url), 'utf8');

interface Example {
    /** 1-based line of the opening fence, for failure messages. */
    line: number;
    text: string;
    fragment: boolean;
    expected?: string[];
    workspace?: string;
    file?: string;
}

function examplesOf(page: string): Example[] {
    const lines = page.split('\n');
    const examples: Example[] = [];
    for (let i = 0; i < lines.length; i++) {
        if (lines[i]?.trim() !== '```polity') continue;
        let end = i + 1;
        while (end < lines.length && lines[end]?.trim() !== '```') end++;
        const annotation = /^<!--(.*)-->$/.exec(lines[i - 1]?.trim() ?? '')?.[1]?.trim();
        examples.push({ line: i + 1, text: lines.slice(i + 1, end).join('\n'), ...parseAnnotation(annotation) });
        i = end;
    }
    return examples;
}

function parseAnnotation(annotation: string | undefined): Pick<Example, 'fragment' | 'expected' | 'workspace' | 'file'> {
    if (annotation === 'fragment') return { fragment: true };
    const fields = new Map(
        (annotation ?? '')
            .split(';')
            .filter(Boolean)
            .map(field => {
                const colon = field.indexOf(':');
                return [field.slice(0, colon).trim(), field.slice(colon + 1).trim()] as const;
            })
    );
    const expected = fields.get('expect');
    return {
        fragment: false,
        expected: expected === undefined ? undefined : expected === 'none' ? [] : expected.split(/\s+/).sort(),
        workspace: fields.get('workspace'),
        file: fields.get('file')
    };
}

/** Blocks of one workspace are checked together; every other block is a workspace of its own. */
function workspacesOf(examples: Example[]): Example[][] {
    const groups = new Map<string, Example[]>();
    for (const example of examples.filter(e => !e.fragment)) {
        const id = example.workspace ?? `line ${example.line}`;
        groups.set(id, [...(groups.get(id) ?? []), example]);
    }
    return [...groups.values()];
}

function describeDiagnostics(diagnostics: Diagnostic[]): string {
    return diagnostics.map(d => `  ${d.range.start.line + 1}:${d.range.start.character + 1} [${codeOf(d)}] ${d.message}`).join('\n');
}

/** The Markdown tables under a `## heading`, up to the next heading of that level: rows of cells, header and rule dropped. */
function tablesUnder(page: string, heading: string): string[][][] {
    const start = page.indexOf(`\n## ${heading}\n`);
    if (start < 0) throw new Error(`${PAGE} has no section '${heading}'`);
    const next = page.indexOf('\n## ', start + 1);
    const tables: string[][][] = [];
    let current: string[][] | undefined;
    for (const line of page.slice(start, next < 0 ? undefined : next).split('\n')) {
        if (!line.startsWith('|')) {
            current = undefined;
            continue;
        }
        if (!current) tables.push((current = []));
        current.push(
            line
                .split('|')
                .slice(1, -1)
                .map(cell => cell.trim().replace(/^`(.*)`$/, '$1'))
        );
    }
    return tables.map(rows => rows.slice(2));
}

const examples = examplesOf(markdown);
const opened: TestWorkspace[] = [];
afterAll(async () => {
    for (const ws of opened) await ws.dispose();
});

describe(`the examples of ${PAGE}`, () => {
    it('are annotated, and fragments are rare', () => {
        expect(examples.length).toBeGreaterThan(20);
        for (const example of examples) {
            expect(
                example.fragment || example.expected !== undefined,
                `${PAGE}:${example.line}: annotate the block with <!-- expect: … --> or <!-- fragment -->`
            ).toBe(true);
            if (example.workspace) expect(example.file, `${PAGE}:${example.line}: a block in a workspace needs a file name`).toBeDefined();
        }
        expect(examples.filter(e => e.fragment).length).toBeLessThanOrEqual(2);
    });

    for (const group of workspacesOf(examples)) {
        const where = group.map(e => `${PAGE}:${e.line}`).join(', ');
        it(`${where} parses and gives exactly the annotated findings`, async () => {
            const ws = new TestWorkspace();
            opened.push(ws);
            const name = (e: Example) => e.file ?? 'example.polity';
            await ws.open(Object.fromEntries(group.map(e => [name(e), e.text])));
            for (const example of group) {
                const diagnostics = ws.diagnostics(name(example));
                const context = `${PAGE}:${example.line} gave\n${describeDiagnostics(diagnostics)}`;
                expect(diagnostics.map(codeOf), context).not.toContain('syntax');
                expect(diagnostics.map(codeOf).sort(), context).toEqual(example.expected);
            }
        });
    }

    it('demonstrate every check the language has, except syntax errors and failures of Polity itself', () => {
        const shown = new Set(examples.flatMap(e => e.expected ?? []));
        const missing = Object.keys(CHECKS).filter(code => code !== 'syntax' && code !== 'internal' && !shown.has(code));
        expect(missing).toEqual([]);
    });
});

describe(`the tables of ${PAGE}`, () => {
    it('list every check code with its severity, and no others', () => {
        const [table] = tablesUnder(markdown, 'Checks');
        const documented = Object.fromEntries((table ?? []).map(([code, severity]) => [code, severity]));
        const actual = Object.fromEntries(Object.entries(CHECKS).map(([code, check]) => [code, check.severity]));
        expect(documented).toEqual(actual);
    });

    it("list the prelude's roles, kinds, relation kinds and posts as the prelude declares them", async () => {
        const ws = new TestWorkspace();
        opened.push(ws);
        await ws.open({ 'empty.polity': '' });
        const model = ws.Polity.polity.WorkspaceModel.snapshot.model;
        const [roles, kinds, relationKinds, posts] = tablesUnder(markdown, 'The prelude');
        const builtinRoles = [...model.roles.values()].filter(r => r.builtin).map(r => [r.name, r.title, r.exclusive ? 'yes' : 'no']);
        const builtinKinds = [...model.kinds.values()].filter(k => k.builtin).map(k => [k.name, k.title, k.sphere]);
        const hierarchy = (r: { hierarchical: boolean; upward: boolean }) => (r.hierarchical ? (r.upward ? 'yes, upward' : 'yes') : 'no');
        const builtinRelations = [...model.relationKinds.values()].filter(r => r.builtin).map(r => [r.name, r.title, hierarchy(r)]);
        expect(roles).toEqual(builtinRoles);
        expect(kinds).toEqual(builtinKinds);
        expect(relationKinds).toEqual(builtinRelations);
        expect(posts).toEqual([...model.posts.values()].filter(p => p.builtin).map(p => [p.name, p.title, p.single ? 'yes' : 'no']));
    });
});
