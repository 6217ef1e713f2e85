import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../cli/run-cli.js';
import { scaledTimeout } from '../fuzz/budget.js';
import { MERMAID_DIRECTIVE, RAW_CONTROL, xmlProblem } from './well-formed.js';

/**
 * Model text that each output format must carry without breaking: characters
 * XML forbids, Mermaid directives, line breaks where Markdown would start a
 * block, terminal escapes and bidi overrides. Through the CLI, as a user runs it.
 */

/** Noncharacters (U+FFFE, U+FFFF, U+FDD0, U+1FFFF), C0 controls (raw, and `\0` written as an escape) in a title. */
const FORBIDDEN_TITLE = 'bad \uFFFE \uFFFF \uFDD0 \u{1FFFF} \u0001 \\0 end';
const DIRECTIVE = '%%{init: {\\"theme\\": \\"dark\\"}}%%';
const MODEL = `model esc

source paper "A paper"
mandate m "Mandate \uFFFF"
kind k "Kind \uFFFE" in state

institution A "${FORBIDDEN_TITLE}" {
  kind k
  leads m
}
institution B "${DIRECTIVE}" {
  leads m since 2010
}
dispute m between A, B [paper "p. 1\n\n# Not a heading"]
  "first line
- not a list item
| not | a row |"
view v "${DIRECTIVE}" { include * }
view kinds {
  include *
  group by kind
}
`;

let dir: string;
beforeAll(() => {
    expect(existsSync(path.join(REPO, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first').toBe(true);
    dir = mkdtempSync(path.join(os.tmpdir(), 'polity-escaping-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
}

function cli(...args: string[]): string {
    const result = runCli(args, { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return result.stdout;
}

describe('characters XML forbids', () => {
    it('leave the SVG well-formed and the label readable, with the characters shown as \\u{…}', () => {
        const file = write('forbidden.polity', MODEL);
        for (const view of [[], ['--view', 'v'], ['--view', 'kinds'], ['--view', 'v', '--at', '2000']]) {
            const svg = cli('diagram', file, ...view);
            expect(xmlProblem(svg), view.join(' ')).toBeUndefined();
        }
        const svg = cli('diagram', file, '--view', 'v');
        expect(svg).toContain('>bad \\u{FFFE} \\u{FFFF} \\u{FDD0} \\u{1FFFF}');
        expect(cli('diagram', file, '--view', 'kinds')).toContain('>Kind \\u{FFFE}</text>');
        expect(svg).toMatch(/>\s*end<\/text>|\bend<\/text>/);
    });

    it(
        'leave the matrix and the timeline well-formed, with the characters shown as \\u{…}',
        () => {
            const file = write('forbidden-charts.polity', MODEL);
            for (const format of ['matrix-svg', 'timeline-svg', 'matrix-html']) {
                const text = cli('diagram', file, '--view', 'v', '--format', format);
                // The page is HTML, not XML, but its model text must be as safe: checked as the body of an XML document.
                const xml =
                    format === 'matrix-html'
                        ? text
                              .replace(/^<!DOCTYPE html>/, '')
                              .replace(/<meta [^>]*>/g, '')
                              .replace(/<br>/g, '<br/>')
                              .replace(/<script>[\s\S]*?<\/script>/, '')
                        : text;
                expect(xmlProblem(xml), format).toBeUndefined();
                expect(text, format).toContain('\\u{FFFE}');
                expect(text, format).not.toMatch(RAW_CONTROL);
            }
        },
        scaledTimeout(120_000)
    );

    it('never reach DOT or Mermaid, while JSON keeps the model text as it is', () => {
        const file = write('forbidden-formats.polity', MODEL);
        for (const format of ['dot', 'mermaid']) {
            const text = cli('diagram', file, '--format', format);
            // eslint-disable-next-line no-control-regex -- the characters an output must not hold are what this matches
            expect(text, format).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uFDD0]|\u{1FFFF}/u);
            expect(text, format).toContain(format === 'dot' ? 'bad \\u{FFFE} \\u{FFFF}' : 'bad #92;u{FFFE} #92;u{FFFF}');
        }
        const json = JSON.parse(cli('diagram', file, '--format', 'json')) as { nodes: { title: string }[] };
        expect(json.nodes.map(n => n.title)).toContain('bad \uFFFE \uFFFF \uFDD0 \u{1FFFF} \u0001 \u0000 end');
        const exported = JSON.parse(cli('export', file)) as { institutions: { title: string }[] };
        expect(exported.institutions.map(i => i.title)).toContain('bad \uFFFE \uFFFF \uFDD0 \u{1FFFF} \u0001 \u0000 end');
    });
});

describe('Mermaid', () => {
    it('writes a title `%%{init: …}%%` as text, never as a directive', () => {
        const file = write('directive.polity', MODEL);
        for (const view of [[], ['--view', 'v']]) {
            const mermaid = cli('diagram', file, '--format', 'mermaid', ...view);
            expect(mermaid).not.toMatch(MERMAID_DIRECTIVE);
            expect(mermaid).toContain('#37;#37;{init: {#34;theme#34;: #34;dark#34;}}#37;#37;');
        }
        expect(cli('diagram', file, '--format', 'mermaid', '--view', 'v').split('\n')[1]).toBe(
            `title: "\\x25\\x25{init: {\\"theme\\": \\"dark\\"}}\\x25\\x25 (as of ${today()})"`
        );
    });
});

describe('Markdown', () => {
    it('keeps line breaks in findings and locators inside their line', () => {
        const file = write('markdown.polity', MODEL);
        const report = cli('export', file, '--format', 'markdown');
        const headings = report.split('\n').filter(line => /^\s{0,3}#/.test(line));
        expect(headings).toEqual([
            '# esc: institutions and competences',
            '## Institutions',
            '## Competence matrix',
            '## Conflicts',
            '## Disputes',
            '## Sources'
        ]);
        expect(report.split('\n').filter(line => /^\s{0,3}[-|]/.test(line) && /not a (list|row)|Not a heading/.test(line))).toEqual([
            expect.stringMatching(
                /^- \*\*m\*\* between A, B .*: “first line - not a list item \| not \| a row \|” — paper, p\. 1 +\\# Not a heading$/
            )
        ]);
    });
});

describe('polity diff', () => {
    const OLD = 'model d\ninstitution A "Plain"\n';
    const NEW = 'model d\ninstitution A "\u001B[31mred\u001B[0m \u202Eevil\u202C \u0007"\ninstitution B "\u001B]0;retitled\u0007"\n';

    it('escapes terminal escapes and bidi overrides in text and Markdown, as check does', () => {
        const old = write('old.polity', OLD);
        const changed = write('new.polity', NEW);
        for (const format of ['text', 'markdown']) {
            const output = cli('diff', old, changed, '--format', format);
            expect(output, format).not.toMatch(RAW_CONTROL);
            expect(output, format).toContain(
                format === 'text'
                    ? '"\\u{001B}[31mred\\u{001B}[0m \\u{202E}evil\\u{202C} \\u{0007}"'
                    : // Markdown's own escapes come on top: `\\u` shows a backslash and a `u`, `\[` a bracket.
                      '"\\\\u{001B}\\[31mred\\\\u{001B}\\[0m \\\\u{202E}evil\\\\u{202C} \\\\u{0007}"'
            );
        }
        const json = JSON.parse(cli('diff', old, changed, '--format', 'json')) as { changes: { fields: { new?: string }[] }[] };
        expect(json.changes.flatMap(c => c.fields.map(f => f.new))).toContain('\u001B[31mred\u001B[0m \u202Eevil\u202C \u0007');
    });

    it('escapes a file name in the report and in its warnings', () => {
        const old = write('old-names.polity', OLD);
        const changed = write('new-\u001B[2J-\u202E.polity', `${NEW}institution C {\n`);
        for (const format of ['text', 'markdown']) {
            const result = runCli(['diff', old, changed, '--format', format], { cwd: dir });
            expect(result.status).toBe(0);
            expect(result.stdout, format).not.toMatch(RAW_CONTROL);
            expect(result.stderr, format).not.toMatch(RAW_CONTROL);
            expect(result.stderr, format).toContain('new-\\u{001B}[2J-\\u{202E}.polity');
        }
    });
});

describe('polity check --format github', () => {
    it('escapes terminal escapes and bidi controls in annotations, as the text format does', () => {
        const file = write('github.polity', 'model g\ninstitution C\u202E { }\n\u001B[31m\n');
        const result = runCli(['check', '--format', 'github', file], { cwd: dir });
        expect(result.status).toBe(1);
        const annotations = result.stdout.trim().split('\n');
        expect(annotations.filter(line => line.startsWith('::error '))).toHaveLength(annotations.length - 1);
        for (const line of annotations) expect(line).not.toMatch(RAW_CONTROL);
        expect(result.stdout).toContain('\\u{202E}');
        expect(result.stdout).toContain('\\u{001B}');
    });
});

/** The date the CLI draws a view without `at` at: today, as the CLI sees it. */
function today(): string {
    return new Date().toISOString().slice(0, 10);
}
