import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_CHARS } from '../../src/language/parser-limits.js';
import { REPO, runCli } from '../cli/run-cli.js';
import { scaledTimeout, slowdown } from '../fuzz/budget.js';
import { crowdedMandate } from '../language/crowded.js';

/**
 * Models written to hurt: the CLI must answer each with findings or a clear
 * error, quickly, and never crash, run out of memory or print raw control
 * characters to the terminal.
 */

/** What a terminal would act on, or that reorders or hides text. */
// eslint-disable-next-line no-control-regex -- the characters an output must not hold are what this matches
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

let dir: string;
beforeAll(() => {
    expect(existsSync(path.join(REPO, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first').toBe(true);
    dir = mkdtempSync(path.join(os.tmpdir(), 'polity-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
}

function timedCli(args: string[]): ReturnType<typeof runCli> & { seconds: number } {
    const start = performance.now();
    const result = runCli(args, { cwd: dir });
    return { ...result, seconds: (performance.now() - start) / 1000 };
}

/** Markup and control characters where the language allows any text: titles, doc comments, comments. */
const MARKUP = `model hostile

/** <script>alert("doc")</script> \u202Eevil doc\u202C */
institution A "<b>bold</b> & \u202Eevil\u202C \u0007 bell \u001B[31mred\u001B[0m" {
  kind ministry
  formerly "\u001B]0;retitled\u0007 <img src=x onerror=alert(1)>" until 2010
  leads m
}
// a comment with \u001B[2J, \u2066isolate\u2069 and <iframe>
mandate m "<img src=x onerror=alert(1)>"
institution B "B\u0000\u0085\u2028" { leads m }
view all "</text><script>x()</script>" { include * }
`;

/** The same characters where they are not allowed. */
const STRAY = `institution C\u202E { }
\u0000\u001B[31m
`;

describe('hostile models', () => {
    it('prints findings about markup, control and bidi characters without raw control characters', () => {
        const file = write('markup.polity', MARKUP + STRAY);
        const text = timedCli(['check', file]);
        expect(text.status).toBe(1);
        expect(text.stderr).toBe('');
        const lines = text.stdout.trim().split('\n');
        for (const line of lines) expect(line, line).not.toMatch(RAW_CONTROL);
        // The offending characters are shown, escaped, where they are.
        expect(text.stdout).toMatch(/markup\.polity:13:\d+: error \[syntax\] .*\\u\{202E\}/);
        expect(text.stdout).toMatch(/markup\.polity:14:1: error \[syntax\] .*\\u\{0000\}/);
        expect(text.stdout).toContain("[conflict] A and B both lead 'm'");
        // JSON keeps the model's characters (escaped as JSON) for machines.
        const json = timedCli(['check', '--format', 'json', file]);
        const parsed = JSON.parse(json.stdout) as { diagnostics: { message: string }[] };
        expect(parsed.diagnostics.some(d => d.message.includes('\u202E'))).toBe(true);
    });

    it('draws the same model with its markup escaped', () => {
        const file = write('markup-draw.polity', MARKUP);
        for (const format of ['svg', 'dot', 'mermaid']) {
            const result = timedCli(['diagram', '--format', format, file]);
            expect(result.status, result.stderr).toBe(0);
            expect(result.stdout, format).not.toMatch(/<(script|img|iframe|b>)/);
            expect(result.stdout, format).toContain('bold');
        }
    });

    it(
        `refuses a 50 MB file with one clear error, quickly and in little memory`,
        () => {
            const line = `institution I "${'x'.repeat(100)}" { kind ministry }\n`;
            const file = write('big.polity', line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
            expect(50 * 1024 * 1024).toBeGreaterThan(MAX_FILE_CHARS);
            const result = timedCli(['check', file]);
            // Too large for the parser whatever it holds, so it is not even read.
            expect(result.status).toBe(2);
            expect(result.stderr).toMatch(
                /^polity: .*big\.polity: 5\d\.\d MB, too large; Polity reads files of up to 10 million characters\. Split it/
            );
            expect(result.stderr.trim().split('\n')).toHaveLength(1);
            expect(result.seconds).toBeLessThan(30 * slowdown());
        },
        scaledTimeout(60_000)
    );

    it(
        'reports a cycle through 1,000 institutions once, on each of its relations, in a second or two',
        () => {
            const n = 1000;
            const lines = [
                'model ring',
                ...Array.from({ length: n }, (_, i) => `institution I${i}`),
                ...Array.from({ length: n }, (_, i) => `I${i} oversees I${(i + 1) % n}`)
            ];
            const file = write('ring.polity', `${lines.join('\n')}\n`);
            const result = timedCli(['check', file]);
            expect(result.status).toBe(1);
            const cycles = result.stdout.split('\n').filter(l => l.includes('[cycle]'));
            expect(cycles).toHaveLength(n);
            const messages = new Set(cycles.map(l => l.slice(l.indexOf('[cycle]'))));
            expect([...messages]).toEqual([
                expect.stringContaining('I0 → I1 → I2 → I3 → I4 → I5 → I6 → I7 → I8 → … → I999 → I0 (1,000 institutions)')
            ]);
            expect(Math.max(...cycles.map(l => l.length))).toBeLessThan(400);
            expect(result.stdout).toContain('1000 errors');
            expect(result.seconds).toBeLessThan(15 * slowdown());
        },
        scaledTimeout(60_000)
    );

    it(
        'reports every finding of 400 institutions leading one mandate, and fails on the bad date beside them',
        () => {
            const file = write('crowd.polity', crowdedMandate(400));
            const result = timedCli(['check', file]);
            expect(result.stderr).toBe('');
            expect(result.status).toBe(1);
            expect(result.stdout).toMatch(/crowd\.polity:403:\d+: error \[bad-date\] '2014-13' is not a date/);
            expect(result.stdout.trim().split('\n').at(-1)).toBe('1 error, 159600 warnings, 0 infos in 1 file');
        },
        scaledTimeout(120_000)
    );

    it('reports nesting 10,000 levels deep as a syntax error where it becomes too deep', () => {
        const mandates = write(
            'deep/mandates.polity',
            `${Array.from({ length: 10_000 }, (_, i) => `mandate m${i} { `).join('')}${'}'.repeat(10_000)}`
        );
        const units = write(
            'deep/units.polity',
            `model deep\ninstitution A {\n${Array.from({ length: 10_000 }, (_, i) => `unit u${i} {`).join('\n')}\n${'}\n'.repeat(10_001)}`
        );
        const result = timedCli(['check', mandates, units]);
        expect(result.stderr).toBe('');
        expect(result.status).toBe(1);
        expect(result.stdout).toMatch(/mandates\.polity:1:\d+: error \[syntax\] Nested more than 32 levels deep/);
        expect(result.stdout).toMatch(/units\.polity:34:\d+: error \[syntax\] Nested more than 32 levels deep/);
    });

    it('limits the nesting after text that a scan of the characters would read differently from the lexer', () => {
        // Each prefix once hid the braces after it from the limit, and 200 unclosed levels overflowed the parser's stack.
        const prefixes = {
            quote: 'mandate x "\n',
            'carriage-return': '// a comment ended by a carriage return\r',
            backslash: 'mandate x "ends with a backslash\\\n',
            'block-comment': '/* never closed\n'
        };
        const deep = `${'mandate a { '.repeat(200)}\n`;
        const files = Object.entries(prefixes).map(([name, prefix]) => write(`bypass/${name}.polity`, prefix + deep));
        const result = timedCli(['check', ...files]);
        expect(result.stderr).toBe('');
        expect(result.status).toBe(1);
        for (const name of Object.keys(prefixes)) {
            expect(result.stdout).toMatch(
                new RegExp(`bypass/${name}\\.polity:2:${33 * 12 - 1}: error \\[syntax\\] Nested more than 32 levels deep`)
            );
        }
    });

    it('reports a nested mandate or unit whose name is missing as a syntax error', () => {
        // The parser's recovery makes a mandate without a name; exporting it once crashed the whole check.
        const file = write('nameless.polity', 'mandate a { mandate } b {\ninstitution A { unit { } }\n');
        const result = timedCli(['check', file]);
        expect(result.stderr).toBe('');
        expect(result.status).toBe(1);
        expect(result.stdout).toMatch(/^nameless\.polity:1:21: error \[syntax\] In a mandate: expected a name, but found '}'\./m);
        expect(result.stdout).toMatch(/^nameless\.polity:2:22: error \[syntax\] In a unit: expected a name, but found '\{'\./m);
    });

    it('keeps every view of --all-views inside the output folder, whatever the views are called', () => {
        const views = `model views
institution A
view x "../../x" { include * }
view X "the same name but for case" { include * }
view aux { include * }
view __proto__ { include * }
`;
        const file = write('views/model.polity', views);
        const out = path.join(dir, 'views', 'out');
        const result = timedCli(['diagram', '--all-views', '--format', 'dot', '-o', out, file]);
        expect(result.status, result.stderr).toBe(0);
        expect(readdirSync(path.join(dir, 'views')).sort()).toEqual(['model.polity', 'out']);
        expect(readdirSync(out).sort()).toEqual(['X-2.dot', 'aux.dot', 'proto.dot', 'x.dot']);
        for (const line of result.stdout.trim().split('\n')) expect(path.resolve(dir, line).startsWith(out + path.sep), line).toBe(true);
        // A view name cannot hold a path: written as one, it is a syntax error, and nothing is drawn.
        write('views/model.polity', `${views}view ../../escape { include * }\n`);
        const escape = timedCli(['diagram', '--all-views', '--format', 'dot', '-o', path.join(dir, 'views', 'out2'), file]);
        expect(escape.status).toBe(1);
        expect(escape.stderr).toMatch(/model\.polity:7:6: error \[syntax\]/);
        expect(readdirSync(path.join(dir, 'views')).sort()).toEqual(['model.polity', 'out']);
        expect(readdirSync(dir).sort()).not.toContain('escape.dot');
    });
});
