import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { fileNames, safeFileName } from '../../src/cli/diagram.js';
import type { View } from '../../src/model/types.js';
import { runCli } from '../cli/run-cli.js';

const folders: string[] = [];
afterAll(() => folders.forEach(dir => rmSync(dir, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'polity-diagram-'));
    folders.push(dir);
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

const TUTORIAL = ['diagram', 'examples/tutorial', '--view', 'data-map'];

describe('polity diagram', () => {
    it('writes one view as SVG to stdout, the same bytes on every run', () => {
        const first = runCli(TUTORIAL);
        expect(first.status, first.stderr).toBe(0);
        expect(first.stdout.startsWith('<?xml')).toBe(true);
        expect(XMLValidator.validate(first.stdout)).toBe(true);
        expect(first.stdout).toContain('id="institution:tutorial.DPA"');
        expect(runCli(TUTORIAL).stdout).toBe(first.stdout);
    });

    it('writes DOT, Mermaid and JSON with positions', () => {
        const dot = runCli([...TUTORIAL, '--format', 'dot']);
        expect(dot.stdout).toMatch(/^digraph "polity" \{/);
        const mermaid = runCli([...TUTORIAL, '--format', 'mermaid']);
        expect(mermaid.stdout).toMatch(
            /^---\ntitle: "Who governs data in 2021\? \(as of 2021\)"\n---\nflowchart LR\n {2}subgraph g0\["State"\]/
        );
        const json = JSON.parse(runCli([...TUTORIAL, '--format', 'json']).stdout) as {
            width: number;
            nodes: { id: string; box: { x: number; y: number; width: number; height: number }; source: { file: string } }[];
        };
        const dpa = json.nodes.find(n => n.id === 'institution:tutorial.DPA')!;
        expect(dpa.source.file).toBe(path.join('examples', 'tutorial', 'tutorial.polity'));
        expect(dpa.box.width).toBeGreaterThan(50);
        expect(dpa.box.x + dpa.box.width).toBeLessThanOrEqual(json.width);
    });

    it('writes to a file with -o, and --at draws another date', () => {
        const dir = workspace({});
        const file = path.join(dir, 'tutorial.svg');
        const result = runCli(['diagram', 'examples/tutorial', '--at', '2016', '-o', file]);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toBe('');
        const svg = readFileSync(file, 'utf8');
        expect(svg).toContain('as of 2016');
        expect(svg).toContain('id="institution:tutorial.Council"');
        expect(svg).not.toContain('id="institution:tutorial.DPA"');
    });

    it('--all-views writes one file per view inside the folder, with distinct safe names, and nothing else', () => {
        const dir = workspace({
            'a.polity':
                'model a\ninstitution A\nview overview { include * }\nview OVERVIEW "Shouting" { include A }\nview _ { include * }\n',
            'b.polity': 'model b\ninstitution B\nview overview { include * }\n',
            'out/keep.txt': 'not ours'
        });
        const result = runCli(['diagram', 'a.polity', 'b.polity', '--all-views', '--at', '2020', '--format', 'dot', '-o', 'out'], {
            cwd: dir
        });
        expect(result.status, result.stderr).toBe(0);
        expect(readdirSync(path.join(dir, 'out')).sort()).toEqual([
            'OVERVIEW-2.dot',
            'keep.txt',
            'overview-3.dot',
            'overview.dot',
            'view.dot'
        ]);
        expect(readFileSync(path.join(dir, 'out/keep.txt'), 'utf8')).toBe('not ours');
        expect(result.stdout.trim().split('\n')).toEqual(['out/overview.dot', 'out/OVERVIEW-2.dot', 'out/view.dot', 'out/overview-3.dot']);
        expect(readFileSync(path.join(dir, 'out/OVERVIEW-2.dot'), 'utf8')).toContain('<B>Shouting</B>');

        const ambiguous = runCli(['diagram', 'a.polity', 'b.polity', '--view', 'overview'], { cwd: dir });
        expect([ambiguous.status, ambiguous.stderr]).toEqual([
            2,
            "polity: view 'overview' is in several models (a.overview, b.overview): name it with its model\n"
        ]);
        const unknown = runCli(['diagram', 'a.polity', 'b.polity', '--view', 'nope'], { cwd: dir });
        expect(unknown.stderr).toBe("polity: unknown view 'nope'; the views are: a.overview, OVERVIEW, _, b.overview\n");
        expect(runCli(['diagram', 'a.polity', 'b.polity', '--view', 'b.overview', '--format', 'dot'], { cwd: dir }).status).toBe(0);
    });

    it('exits 2 with the list of views for an unknown view, and the date forms for a bad date', () => {
        const view = runCli(['diagram', 'examples/tutorial', '--view', 'nope']);
        expect(view.status).toBe(2);
        expect(view.stderr).toBe("polity: unknown view 'nope'; the views are: data-map\n");
        const date = runCli(['diagram', 'examples/tutorial', '--at', '2014-13']);
        expect(date.status).toBe(2);
        expect(date.stderr).toBe("polity: '2014-13' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD\n");
        expect(runCli(['diagram', 'examples/tutorial', '--view', 'data-map', '--all-views', '-o', 'x']).status).toBe(2);
        const noFolder = runCli(['diagram', 'examples/tutorial', '--all-views']);
        expect([noFolder.status, noFolder.stderr]).toEqual([
            2,
            'polity: --all-views writes one file per view: name a folder with -o DIR\n'
        ]);
        expect(runCli(['diagram', 'examples/tutorial', '--format', 'gif']).status).toBe(2);
        expect(runCli(['diagram', 'no/such/folder']).status).toBe(2);
    });

    it('draws nothing for a model with errors: exit 1 and the errors with file:line:col', () => {
        const dir = workspace({ 'm.polity': 'institution A {\n  leads nothing\n}\n' });
        const result = runCli(['diagram', 'm.polity', '-o', 'out.svg'], { cwd: dir });
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/^m\.polity:2:9: error \[unresolved\] /);
        expect(result.stderr).toContain('polity: the model has 1 error; no diagram written');
        expect(readdirSync(dir)).toEqual(['m.polity']);
    });
});

describe('file names for views', () => {
    const view = (name: string) => ({ name }) as View;

    it('keep any name inside the folder', () => {
        for (const name of ['../../x', '..', '/etc/passwd', 'a/b\\c', 'con:', '', '.hidden', 'ü-view']) {
            const file = safeFileName(name);
            expect(file).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u);
            expect(path.dirname(path.join('/out', `${file}.svg`))).toBe('/out');
        }
        expect(safeFileName('../../x')).toBe('x');
        expect(safeFileName('ü-view')).toBe('ü-view');
    });

    it('never give two views the same file, even where case does not count', () => {
        expect(fileNames([view('a'), view('A'), view('a'), view('a/'), view('A-2')]).map(([, n]) => n)).toEqual([
            'a',
            'A-2',
            'a-3',
            'a-4',
            'A-2-2'
        ]);
    });
});
