import { mkdtempSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

function workspace(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'polity-check-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

const CONFLICT = {
    'm/a.polity': 'mandate cii\ninstitution CAC { leads cii since 2016 }\n',
    'm/b.polity': 'institution MPS { leads cii }\n'
};

describe('polity check', () => {
    it('exits 0 with warnings only, and prints compiler-style lines and a summary', () => {
        const dir = workspace(CONFLICT);
        const r = runCli(['check', 'm'], { cwd: dir });
        expect(r.status).toBe(0);
        const lines = r.stdout.trim().split('\n');
        expect(lines[0]).toBe(
            "m/a.polity:2:25: warning [conflict] CAC and MPS both lead 'cii' (2016 – present). Record it as a dispute if the overlap is real, name the other in 'with' if the responsibility is joint, or make the claim 'reportedly' if the source only suggests it."
        );
        expect(lines[1]).toMatch(/^m\/b\.polity:1:25: warning \[conflict\]/);
        expect(lines.at(-1)).toBe('0 errors, 2 warnings, 0 infos in 2 files');
    });

    it('--strict makes warnings fail', () => {
        expect(runCli(['check', '--strict', 'm'], { cwd: workspace(CONFLICT) }).status).toBe(1);
    });

    it('exits 1 on errors, with positions for syntax errors, and never crashes', () => {
        const dir = workspace({ 'bad.polity': 'institution A {\n  leads\n  oversees B\n' });
        const r = runCli(['check', 'bad.polity'], { cwd: dir });
        expect(r.status).toBe(1);
        expect(r.stdout).toMatch(/^bad\.polity:\d+:\d+: error \[syntax\] /m);
        expect(r.stderr).toBe('');
    });

    it('--format json: diagnostics with 0-based ranges, related information and summary counts', () => {
        const r = runCli(['check', '--format', 'json', 'm'], { cwd: workspace(CONFLICT) });
        const json = JSON.parse(r.stdout);
        expect(json.summary).toEqual({ errors: 0, warnings: 2, infos: 0, hints: 0, files: 2 });
        expect(json.diagnostics[0]).toMatchObject({
            file: 'm/a.polity',
            severity: 'warning',
            code: 'conflict',
            range: { start: { line: 1, character: 24 }, end: { line: 1, character: 27 } },
            related: [{ file: 'm/b.polity', range: { start: { line: 0, character: 24 } } }]
        });
    });

    it('exits 2 with a one-line message for a missing path, an empty folder, or no arguments', () => {
        const dir = workspace({ 'notes.txt': 'x' });
        for (const args of [['check', 'nope'], ['check', '.'], ['check']]) {
            const r = runCli(args, { cwd: dir });
            expect(r.status, args.join(' ')).toBe(2);
            expect(r.stderr.trim().split('\n')).toHaveLength(1);
            expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
        }
        expect(runCli(['check', 'nope'], { cwd: dir }).stderr).toBe('polity: nope: no such file or folder\n');
    });

    it('exits 2 for an unreadable file', () => {
        const dir = workspace({ 'a.polity': 'institution A' });
        chmodSync(path.join(dir, 'a.polity'), 0o000);
        // Root reads any file, so as root the CLI runs as `nobody`, for whom the folder is open but the file is not.
        const asRoot = process.getuid?.() === 0;
        if (asRoot) chmodSync(dir, 0o755);
        const r = runCli(['check', 'a.polity'], { cwd: dir, user: asRoot ? { uid: 65534, gid: 65534 } : undefined });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/a\.polity.*(EACCES|permission)/i);
    });
});
