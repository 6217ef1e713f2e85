import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaledTimeout } from '../fuzz/budget.js';
import { REPO } from './run-cli.js';

// `polity --version`, `--help` and a usage error answer without loading the language (Langium) or the
// diagram engine: each command's code is a chunk of its own, read when the command runs. The bundles
// keep esbuild's comments naming each source file, which is how a loaded file is recognised.
const LANGIUM = '// node_modules/langium/';
const DIAGRAM_ENGINE = '// node_modules/@viz-js/viz/';

let root: string;
let model: string;
beforeAll(() => {
    expect(existsSync(path.join(REPO, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first').toBe(true);
    root = mkdtempSync(path.join(os.tmpdir(), 'polity-startup-'));
    model = path.join(root, 'm.polity');
    writeFileSync(model, 'model m\ninstitution A "A" {\n  kind ministry\n}\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the CLI and returns its exit status and the text of every file of dist/ it loaded. */
function loadedBy(args: string[]): { status: number | null; loaded: string } {
    const log = path.join(root, `loads-${args.join('_').replace(/[^a-z]/gi, '')}.txt`);
    const run = spawnSync(
        process.execPath,
        ['--import', path.join(REPO, 'test/cli/trace-loads.mjs'), path.join(REPO, 'bin/polity.js'), ...args],
        {
            encoding: 'utf8',
            timeout: scaledTimeout(60_000),
            env: { ...process.env, POLITY_TEST_LOADS: log }
        }
    );
    const files = readFileSync(log, 'utf8')
        .split('\n')
        .filter(url => url.startsWith('file:'))
        .map(url => fileURLToPath(url))
        .filter(file => file.startsWith(path.join(REPO, 'dist')));
    return { status: run.status, loaded: files.map(file => readFileSync(file, 'utf8')).join('\n') };
}

describe('the CLI start-up', () => {
    for (const args of [['--version'], ['--help'], ['check', '--help'], ['diagram', '--format', 'gif', 'x.polity']]) {
        it(`loads neither Langium nor the diagram engine for \`polity ${args.join(' ')}\``, () => {
            const { status, loaded } = loadedBy(args);
            expect(status).toBe(args[0] === 'diagram' ? 2 : 0);
            expect(loaded).toContain('// src/cli/main.ts');
            expect(loaded).not.toContain(LANGIUM);
            expect(loaded).not.toContain(DIAGRAM_ENGINE);
        });
    }

    it('loads Langium for `check` and `fmt`, and the diagram engine only for `diagram`', () => {
        for (const args of [
            ['check', model],
            ['fmt', '--check', model]
        ]) {
            const { status, loaded } = loadedBy(args);
            expect(status).toBe(0);
            expect(loaded).toContain(LANGIUM);
            expect(loaded).not.toContain(DIAGRAM_ENGINE);
        }
        const drawn = loadedBy(['diagram', model, '--format', 'svg']);
        expect(drawn.status).toBe(0);
        expect(drawn.loaded).toContain(DIAGRAM_ENGINE);
    });
});
