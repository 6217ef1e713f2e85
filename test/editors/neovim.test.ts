import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preludeFilePath } from '../../src/language/prelude-file.js';
import { PRELUDE_TEXT } from '../../src/language/prelude.js';
import { scaledTimeout } from '../fuzz/budget.js';
import { REPO_ROOT } from '../support/lsp-client.js';
import { requirePrerequisite, skipWithout } from '../prerequisites.js';

// Debian's Neovim (0.7) with the README's init.lua, against `polity lsp`: what a user of another
// editor gets from the snippet as written, apart from how the server is started.

/** The first ```lua block after the line of the README that starts with `heading`. */
function readmeSnippet(heading: string): string {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const at = readme.split('\n').findIndex(line => line.startsWith(heading));
    if (at < 0) throw new Error(`README.md has no line starting with ${JSON.stringify(heading)}`);
    const rest = readme
        .split('\n')
        .slice(at + 1)
        .join('\n');
    const block = /```lua\n([\s\S]*?)```/.exec(rest);
    const lua = block?.[1];
    if (lua === undefined) throw new Error(`no lua block after ${JSON.stringify(heading)}`);
    return lua;
}

const NPX = "cmd = { 'npx', 'polity', 'lsp' }";

function nvimMissing(): string | undefined {
    const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    return probe.error || probe.status !== 0 ? 'nvim is not installed (Debian: apt-get install neovim)' : undefined;
}

const missing = nvimMissing();
const skip = skipWithout(missing);

interface Seen {
    attached: boolean;
    diagnostics: { file: string; line: number; col: number; severity: number; message: string }[];
    hover?: string;
    definition?: string;
    landed?: { file: string; text: string; readonly: boolean };
    error?: string;
}

describe.skipIf(skip)('Neovim with the README snippet', () => {
    let root: string;
    let seen: Seen;
    let env: NodeJS.ProcessEnv;
    let models: string;

    beforeAll(() => {
        requirePrerequisite(missing);
        root = mkdtempSync(path.join(os.tmpdir(), 'polity-nvim-'));
        // A repository whose fixtures hold errors, and a model in two subfolders under its marker.
        const repo = path.join(root, 'repo');
        models = path.join(repo, 'models');
        for (const folder of ['fixtures', 'models/a', 'models/b']) mkdirSync(path.join(repo, folder), { recursive: true });
        writeFileSync(path.join(repo, 'package.json'), '{}\n');
        writeFileSync(path.join(repo, 'fixtures', 'broken.polity'), 'model broken\ninstitution X { leads nothing }\n');
        writeFileSync(path.join(models, '.polity-root'), '');
        writeFileSync(
            path.join(models, 'a', 'cac.polity'),
            'model turf\ninstitution CAC "Cyberspace Administration of China" {\n  kind administration\n  leads cii\n}\n'
        );
        writeFileSync(
            path.join(models, 'b', 'mps.polity'),
            'model turf\nmandate cii "Critical information infrastructure"\ninstitution MPS { leads cii }\n'
        );

        const snippet = readmeSnippet('Neovim 0.7');
        expect(snippet).toContain(NPX);
        expect(snippet).toContain("init_options = { settings = { conflicts = { severity = 'warning' } } }");
        // Started as the clone's build rather than through npx; 'error' shows the setting reaches the server.
        const init = snippet
            .replace(
                NPX,
                `cmd = { ${JSON.stringify(process.execPath)}, ${JSON.stringify(path.join(REPO_ROOT, 'bin', 'polity.js'))}, 'lsp' }`
            )
            .replace("severity = 'warning'", "severity = 'error'");
        const home = path.join(root, 'home');
        env = {
            ...process.env,
            HOME: home,
            XDG_CONFIG_HOME: path.join(home, '.config'),
            XDG_CACHE_HOME: path.join(home, '.cache'),
            XDG_STATE_HOME: path.join(home, '.local/state'),
            XDG_DATA_HOME: path.join(home, '.local/share')
        };
        writeFileSync(path.join(root, 'init.lua'), init);
        const out = path.join(root, 'seen.json');
        const timeout = scaledTimeout(30_000);
        const run = spawnSync(
            'nvim',
            [
                '--headless',
                '-n',
                '-i',
                'NONE',
                '-u',
                path.join(root, 'init.lua'),
                path.join(models, 'a', 'cac.polity'),
                '-c',
                `luafile ${path.join(REPO_ROOT, 'test/editors/neovim-driver.lua')}`
            ],
            {
                cwd: repo,
                encoding: 'utf8',
                timeout: 4 * timeout,
                env: { ...env, POLITY_TEST_OUT: out, POLITY_TEST_TIMEOUT: String(timeout), POLITY_TEST_FILES: '2' }
            }
        );
        if (run.error || run.status !== 0) throw new Error(`nvim failed (${run.error?.message ?? run.status}): ${run.stderr}`);
        seen = JSON.parse(readFileSync(out, 'utf8')) as Seen;
        if (seen.error) throw new Error(`the driver failed: ${seen.error}`);
    }, scaledTimeout(200_000));

    afterAll(() => {
        if (root) rmSync(root, { recursive: true, force: true });
    });

    it('attaches and shows the conflict in both files of the model, with the configured severity, and nothing from the fixtures', () => {
        expect(seen.attached).toBe(true);
        const byFile = seen.diagnostics.map(d => `${path.relative(models, d.file)}:${d.line}:${d.col} ${d.severity} ${d.message}`).sort();
        expect(byFile).toEqual([
            expect.stringMatching(/^a\/cac\.polity:4:9 1 CAC and MPS both lead 'cii' \(always\)\. /) as string,
            expect.stringMatching(/^b\/mps\.polity:3:25 1 CAC and MPS both lead 'cii' \(always\)\. /) as string
        ]);
    });

    it('hovers on an institution with its title', () => {
        expect(seen.hover).toMatch(/^\*\*CAC\*\* — Cyberspace Administration of China/);
    });

    it('goes to definition into the prelude, a file Neovim opens read-only', () => {
        const file = preludeFilePath(PRELUDE_TEXT, env);
        expect(seen.definition).toBe(pathToFileURL(file).toString());
        expect(seen.landed).toEqual({ file, text: expect.stringContaining('kind administration') as string, readonly: true });
    });
});

describe('the README snippets for newer Neovim', () => {
    it.skipIf(skip)('are valid Lua', () => {
        requirePrerequisite(missing);
        for (const heading of ['Neovim 0.8', 'Neovim 0.11']) {
            const file = path.join(os.tmpdir(), `polity-snippet-${process.pid}.lua`);
            writeFileSync(file, readmeSnippet(heading));
            const run = spawnSync(
                'nvim',
                [
                    '--headless',
                    '-n',
                    '-i',
                    'NONE',
                    '-u',
                    'NONE',
                    '-c',
                    `lua local f, e = loadfile(${JSON.stringify(file)}); if not f then io.stderr:write(e) vim.cmd('cquit 1') end`,
                    '-c',
                    'qall!'
                ],
                { encoding: 'utf8', timeout: scaledTimeout(30_000) }
            );
            rmSync(file, { force: true });
            expect({ heading, status: run.status, stderr: run.stderr }).toEqual({ heading, status: 0, stderr: '' });
        }
    });
});
