import {
    chmodSync,
    chownSync,
    linkSync,
    lstatSync,
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    statSync,
    symlinkSync,
    utimesSync,
    writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const FORMATTED = 'model m\n\nmandate cii // the turf\n\ninstitution CAC {\n  leads cii\n}\n';
const MESSY = 'model m\ninstitution   MPS {  leads cii  [s "p. 1" ] }\n';
const MESSY_FORMATTED = 'model m\ninstitution MPS {\n  leads cii [s "p. 1"]\n}\n';
const BROKEN = 'model m\ninstitution MIIT {\n  leads\n';
const PAST = new Date('2001-01-01T00:00:00Z');

/** A folder of model files (and one that is not a model), every file dated in the past. */
function folder(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'polity-fmt-'));
    for (const [name, text] of Object.entries(files)) {
        const file = path.join(dir, name);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
        utimesSync(file, PAST, PAST);
    }
    return dir;
}

function snapshot(dir: string): Record<string, { text: string; mtime: number }> {
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
    return Object.fromEntries(
        files
            .filter(f => statSync(path.join(dir, f)).isFile())
            .map(f => [f, { text: readFileSync(path.join(dir, f), 'utf8'), mtime: statSync(path.join(dir, f)).mtimeMs }])
    );
}

describe('polity fmt --check', () => {
    it('exits 0 and writes nothing when every file is formatted', () => {
        const dir = folder({ 'a.polity': FORMATTED, 'sub/b.polity': MESSY_FORMATTED });
        const before = snapshot(dir);
        const r = runCli(['fmt', '--check', '.'], { cwd: dir });
        expect(r.stdout).toBe('2 files already formatted\n');
        expect(r.status).toBe(0);
        expect(snapshot(dir)).toEqual(before);
    });

    it('lists the files that would change, exits 1, and writes nothing', () => {
        const dir = folder({ 'a.polity': FORMATTED, 'sub/messy.polity': MESSY, 'notes.txt': 'not   a model' });
        const before = snapshot(dir);
        const r = runCli(['fmt', '--check', '.'], { cwd: dir });
        expect(r.stdout).toBe(`${path.join('sub', 'messy.polity')}\n1 of 2 files would be reformatted\n`);
        expect(r.status).toBe(1);
        expect(snapshot(dir)).toEqual(before);
    });

    it('does not call files "already formatted" when one of them has a syntax error', () => {
        const dir = folder({ 'a.polity': FORMATTED, 'broken.polity': BROKEN });
        const before = snapshot(dir);
        const r = runCli(['fmt', '--check', '.'], { cwd: dir });
        expect(r.stderr).toBe(
            'broken.polity:3:8: syntax error: In a fact: expected a name, but found the end of the file, not formatted\n'
        );
        expect(r.stdout).toBe('0 of 2 files would be reformatted, 1 cannot be formatted\n');
        expect(r.status).toBe(1);
        const messy = runCli(['fmt', '--check', 'broken.polity', 'a.polity', 'sub'], {
            cwd: folder({ 'a.polity': FORMATTED, 'broken.polity': BROKEN, 'sub/messy.polity': MESSY })
        });
        expect(messy.stdout).toBe(`${path.join('sub', 'messy.polity')}\n1 of 3 files would be reformatted, 1 cannot be formatted\n`);
        expect(messy.status).toBe(1);
        expect(snapshot(dir)).toEqual(before);
    });

    it('passes on the examples', () => {
        const r = runCli(['fmt', '--check', 'examples']);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
    });
});

describe('polity fmt', () => {
    it('rewrites only the files that change, in place, and leaves a file with syntax errors byte-identical', () => {
        const dir = folder({ 'a.polity': FORMATTED, 'sub/messy.polity': MESSY, 'broken.polity': BROKEN, 'notes.txt': 'not   a model' });
        const before = snapshot(dir);
        const r = runCli(['fmt', '.'], { cwd: dir });
        expect(r.stderr).toBe(
            'broken.polity:3:8: syntax error: In a fact: expected a name, but found the end of the file, not formatted\n'
        );
        expect(r.stdout).toBe(`${path.join('sub', 'messy.polity')}\n1 of 3 files reformatted\n`);
        expect(r.status).toBe(1);
        const after = snapshot(dir);
        expect(after['sub/messy.polity']?.text).toBe(MESSY_FORMATTED);
        expect(after['sub/messy.polity']?.mtime).not.toBe(PAST.getTime());
        // Everything else, the temporary file of the atomic write included, is as it was.
        expect({ ...after, 'sub/messy.polity': undefined }).toEqual({ ...before, 'sub/messy.polity': undefined });
        expect(runCli(['fmt', '--check', 'a.polity', 'sub'], { cwd: dir }).status).toBe(0);
    });

    it('formats the files it is given, through a symbolic link too, keeping the link and the permissions', () => {
        const dir = folder({ 'real/messy.polity': MESSY, 'other.polity': MESSY });
        chmodSync(path.join(dir, 'real/messy.polity'), 0o640);
        symlinkSync(path.join(dir, 'real/messy.polity'), path.join(dir, 'link.polity'));
        const r = runCli(['fmt', 'link.polity'], { cwd: dir });
        expect(r.status).toBe(0);
        expect(lstatSync(path.join(dir, 'link.polity')).isSymbolicLink()).toBe(true);
        expect(readFileSync(path.join(dir, 'real/messy.polity'), 'utf8')).toBe(MESSY_FORMATTED);
        expect(statSync(path.join(dir, 'real/messy.polity')).mode & 0o777).toBe(0o640);
        expect(readFileSync(path.join(dir, 'other.polity'), 'utf8')).toBe(MESSY);
        expect(readdirSync(path.join(dir, 'real'))).toEqual(['messy.polity']);
    });

    it('keeps the file itself: its other hard links, its owner and group', () => {
        const dir = folder({ 'messy.polity': MESSY });
        const file = path.join(dir, 'messy.polity');
        linkSync(file, path.join(dir, 'linked.polity'));
        // As root, the file is given to someone else, which a replacement written by root would not keep.
        const owner = process.getuid?.() === 0 ? { uid: 4321, gid: 4321 } : { uid: statSync(file).uid, gid: statSync(file).gid };
        chownSync(file, owner.uid, owner.gid);
        const before = statSync(file);
        const r = runCli(['fmt', 'messy.polity'], { cwd: dir });
        expect([r.status, r.stderr]).toEqual([0, '']);
        const after = statSync(file);
        expect(readFileSync(path.join(dir, 'linked.polity'), 'utf8')).toBe(MESSY_FORMATTED);
        expect({ ino: after.ino, nlink: after.nlink, uid: after.uid, gid: after.gid, mode: after.mode }).toEqual({
            ino: before.ino,
            nlink: 2,
            ...owner,
            mode: before.mode
        });
        expect(readdirSync(dir).sort()).toEqual(['linked.polity', 'messy.polity']);
    });

    it('refuses a read-only file with one line, exit 2, and still formats the others', () => {
        const dir = folder({ 'locked.polity': MESSY, 'open.polity': MESSY });
        chmodSync(path.join(dir, 'locked.polity'), 0o444);
        const r = runCli(['fmt', '.'], { cwd: dir });
        expect(r.stderr).toBe('locked.polity: read-only, not formatted (make it writable to format it)\n');
        expect(r.stdout).toBe('open.polity\n1 of 2 files reformatted\n');
        expect(r.status).toBe(2);
        expect(readFileSync(path.join(dir, 'locked.polity'), 'utf8')).toBe(MESSY);
        expect(statSync(path.join(dir, 'locked.polity')).mode & 0o777).toBe(0o444);
        expect(readFileSync(path.join(dir, 'open.polity'), 'utf8')).toBe(MESSY_FORMATTED);
    });

    it('exits 2 for a path that does not exist or no path at all', () => {
        const dir = folder({ 'a.polity': MESSY });
        const missing = runCli(['fmt', 'nope.polity', 'a.polity'], { cwd: dir });
        expect(missing.stderr).toBe('polity: nope.polity: no such file or folder\n');
        expect(missing.status).toBe(2);
        expect(readFileSync(path.join(dir, 'a.polity'), 'utf8')).toBe(MESSY);
        expect(runCli(['fmt'], { cwd: dir }).status).toBe(2);
    });
});
