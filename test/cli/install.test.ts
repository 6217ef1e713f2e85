import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaledTimeout } from '../fuzz/budget.js';
import { REPO } from './run-cli.js';

// What a user outside the clone gets: the package as `npm pack` makes it, installed into an empty
// project, run through npx with a supported Node, and refused with a plain answer on an older one.

let root: string;
let project: string;
/** PATH with the Node that runs the tests first, as a user with Node 22 installed has it. */
let PATH: string;

/**
 * Runs a command as a user would in a shell. Under `npm test` the environment holds the outer npm's
 * configuration (npm_config_local_prefix names the clone, npm_config_user_agent the outer Node); the
 * npm run here must not see it, or it would work on the clone rather than the empty project.
 */
function run(file: string, args: string[], cwd: string): SpawnSyncReturns<string> {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
    const result = spawnSync(file, args, {
        cwd,
        encoding: 'utf8',
        timeout: scaledTimeout(180_000),
        env: { ...env, PATH, NO_COLOR: '1', FORCE_COLOR: '0', npm_config_update_notifier: 'false' }
    });
    if (result.error) throw result.error;
    return result;
}

beforeAll(() => {
    expect(existsSync(path.join(REPO, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first').toBe(true);
    PATH = [path.dirname(process.execPath), ...(process.env.PATH ?? '').split(path.delimiter)].join(path.delimiter);
    root = mkdtempSync(path.join(os.tmpdir(), 'polity-install-'));
    // dist/ as built; scripts are not run, so packing never rebuilds the clone under other tests' feet.
    const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', root], REPO);
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = readdirSync(root).find(name => name.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    project = path.join(root, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "analysis", "version": "1.0.0", "private": true }\n');
    // Dependencies come from npm's cache when it has them (it does after `npm ci` in the clone).
    const installed = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(root, tarball!)], project);
    expect(installed.status, installed.stderr).toBe(0);
    mkdirSync(path.join(project, 'models'));
    writeFileSync(
        path.join(project, 'models', 'turf.polity'),
        'model turf\nmandate cii "Critical information infrastructure"\ninstitution CAC { leads cii }\ninstitution MPS { leads cii }\n'
    );
}, scaledTimeout(400_000));

afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
});

describe('the packed package, installed into an empty project', () => {
    it("runs `npx polity check` with the project's models", () => {
        const checked = run('npx', ['--no-install', 'polity', 'check', 'models'], project);
        expect({ status: checked.status, stderr: checked.stderr }).toEqual({ status: 0, stderr: '' });
        expect(checked.stdout).toContain("models/turf.polity:3:25: warning [conflict] CAC and MPS both lead 'cii' (always)");
        expect(checked.stdout).toContain('0 errors, 2 warnings');
    });

    it("answers `npx polity --version` with the package's version", () => {
        const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
        const answered = run('npx', ['--no-install', 'polity', '--version'], project);
        expect({ status: answered.status, stdout: answered.stdout.trim() }).toEqual({ status: 0, stdout: version });
    });

    it('says which Node it needs, and how to get it, on an older Node', () => {
        // The Node that runs the tests, told it is Node 20 before polity starts: what `npx polity`
        // does on a machine whose Node is 20.
        const older = path.join(root, 'node-20.mjs');
        writeFileSync(
            older,
            "Object.defineProperty(process.versions, 'node', { value: '20.20.2' });\n" +
                "Object.defineProperty(process, 'version', { value: 'v20.20.2' });\n"
        );
        const refused = run(
            process.execPath,
            ['--import', older, path.join(project, 'node_modules', 'polity', 'bin', 'polity.js'), 'check', 'models'],
            project
        );
        expect(refused.status).toBe(2);
        expect(refused.stdout).toBe('');
        expect(refused.stderr).toBe(
            `polity: needs Node 22 or later; ${process.execPath} is Node v20.20.2.\n` +
                'Install Node 22 or later (https://nodejs.org), or add it to this project with\n' +
                '`npm install --save-dev node@22`: npx and npm scripts then run polity with it.\n'
        );
    });
});
