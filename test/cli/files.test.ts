import { execFileSync } from 'node:child_process';
import {
    closeSync,
    linkSync,
    lstatSync,
    mkdirSync,
    mkdtempSync,
    openSync,
    readdirSync,
    readFileSync,
    rmSync,
    symlinkSync,
    truncateSync,
    writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './run-cli.js';

const folders: string[] = [];
afterAll(() => folders.forEach(dir => rmSync(dir, { recursive: true, force: true })));

function workspace(files: Record<string, string | Buffer>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'polity-files-'));
    folders.push(dir);
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

/** Every file under the folder with its bytes, links as links. */
function snapshot(dir: string): Record<string, string> {
    return Object.fromEntries(
        readdirSync(dir, { recursive: true, encoding: 'utf8' })
            .sort()
            .map(name => {
                const file = path.join(dir, name);
                const stat = lstatSync(file);
                return [
                    name,
                    stat.isSymbolicLink() ? `link ${readFileSync(file, 'utf8')}` : stat.isFile() ? readFileSync(file, 'base64') : 'folder'
                ];
            })
    );
}

const MODEL = 'model m\nmandate cii\ninstitution CAC { leads cii }\nview cac { include CAC }\nview all { include * }\n';
/** A Latin-1 `é` (0xE9) on line 3, after a U+FFFD that the file spells out in UTF-8 on line 2. */
const LATIN1 = Buffer.concat([
    Buffer.from('model m\n// \uFFFD is fine\ninstitution   CAF {\n  title "Caf'),
    Buffer.from([0xe9]),
    Buffer.from('"\n}\n')
]);
const NOT_UTF8 =
    'l.polity:4:13: not UTF-8 text (byte 0xE9); Polity reads UTF-8 only: save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)';

describe('model files that are not UTF-8', () => {
    it('are refused by every command that reads models, with where the first bad byte is, and left as they were', () => {
        const dir = workspace({ 'l.polity': LATIN1, 'other/a.polity': 'model m\ninstitution A\n' });
        for (const args of [
            ['check', '.'],
            ['diagram', 'l.polity'],
            ['export', '.'],
            ['diff', 'other', '.'],
            ['diagram', '.', '--all-views', '-o', 'out']
        ]) {
            const r = runCli(args, { cwd: dir });
            expect([r.status, r.stderr], args.join(' ')).toEqual([2, `polity: ${NOT_UTF8}\n`]);
        }
        const before = snapshot(dir);
        const fmt = runCli(['fmt', '.'], { cwd: dir });
        expect(fmt.stderr).toBe(`${NOT_UTF8}\n`);
        expect(fmt.status).toBe(2);
        expect(snapshot(dir)).toEqual(before);
        expect(readFileSync(path.join(dir, 'l.polity'))).toEqual(LATIN1);
    });

    it('count columns in UTF-16 units from the start of the line, byte order mark included, as every finding does', () => {
        const dir = workspace({
            'b.polity': Buffer.concat([Buffer.from('\uFEFFinstitution   A "\u4E2D'), Buffer.from([0xc3, 0x28]), Buffer.from('"\n')])
        });
        expect(runCli(['check', 'b.polity'], { cwd: dir }).stderr).toMatch(/^polity: b\.polity:1:20: not UTF-8 text \(byte 0xC3\)/);
    });
});

describe('paths that are not model files', () => {
    it('are refused at once with one line, exit 2: a named pipe, a device, another extension, upper case', () => {
        const dir = workspace({ 'notes.txt': 'x', 'UPPER.POLITY': MODEL, 'a.polity': MODEL });
        execFileSync('mkfifo', [path.join(dir, 'pipe.polity')]);
        const cases: [string, string][] = [
            ['pipe.polity', 'pipe.polity: not a regular file (a named pipe); name .polity files or folders'],
            ['/dev/zero', '/dev/zero: not a regular file (a character device); name .polity files or folders'],
            ['/dev/null', '/dev/null: not a regular file (a character device); name .polity files or folders'],
            ['notes.txt', 'notes.txt: not a .polity file'],
            ['UPPER.POLITY', 'UPPER.POLITY: not a .polity file (the extension is written .polity, in lower case)']
        ];
        // Every command finds its files the same way; each case is tried with another.
        const commands = ['check', 'fmt', 'export', 'diagram', 'fmt'];
        cases.forEach(([input, message], i) => {
            const command = commands[i % commands.length] ?? 'check';
            const r = runCli([command, 'a.polity', input], { cwd: dir });
            expect([r.status, r.stderr], `${command} ${input}`).toEqual([2, `polity: ${message}\n`]);
        });
        // Inside a folder, what is not a regular .polity file is no part of the model.
        expect(runCli(['check', '.'], { cwd: dir }).stdout).toMatch(/in 1 file\n$/);
    });

    it('refuses a file too large for the parser without reading it', () => {
        const dir = workspace({});
        // Sparse: 40 MB of NUL bytes that take no room on disk.
        closeSync(openSync(path.join(dir, 'huge.polity'), 'w'));
        truncateSync(path.join(dir, 'huge.polity'), 40_000_000);
        const r = runCli(['check', 'huge.polity'], { cwd: dir });
        expect([r.status, r.stderr]).toEqual([
            2,
            'polity: huge.polity: 40.0 MB, too large; Polity reads files of up to 10 million characters. Split it into several files of one model\n'
        ]);
    });
});

describe('symbolic links in folders', () => {
    it('are followed to files and folders, each file read once, and a link back up the tree is harmless', () => {
        const dir = workspace({
            'shared/mandates.polity': 'model m\nmandate cii\n',
            'shared/more/sources.polity': 'model m\nsource s "A source"\n',
            'model/a.polity': 'model m\ninstitution CAC { leads cii [s "p. 1"] }\n'
        });
        symlinkSync('../shared/mandates.polity', path.join(dir, 'model/mandates.polity'));
        symlinkSync('../shared/more', path.join(dir, 'model/more'));
        symlinkSync('..', path.join(dir, 'model/loop'));
        const r = runCli(['check', 'model'], { cwd: dir });
        expect([r.status, r.stdout]).toEqual([0, '0 errors, 0 warnings, 0 infos in 3 files\n']);
        // The same files reached by two paths are one model, not duplicates.
        const both = runCli(['check', 'model', 'shared'], { cwd: dir });
        expect([both.status, both.stdout]).toEqual([0, '0 errors, 0 warnings, 0 infos in 3 files\n']);
    });

    it('to nothing are reported when they name a model file', () => {
        const dir = workspace({ 'model/a.polity': MODEL });
        symlinkSync('../gone.polity', path.join(dir, 'model/b.polity'));
        const r = runCli(['check', 'model'], { cwd: dir });
        expect([r.status, r.stderr]).toEqual([
            2,
            `polity: ${path.join('model', 'b.polity')}: a symbolic link to nothing (../gone.polity); fix or remove it\n`
        ]);
    });
});

describe('output files (-o)', () => {
    it('are never one of the inputs, however they are named', () => {
        const dir = workspace({ 'model.polity': MODEL });
        linkSync(path.join(dir, 'model.polity'), path.join(dir, 'hard.polity'));
        const before = snapshot(dir);
        for (const args of [
            ['export', 'model.polity', '-o', 'model.polity'],
            ['export', 'model.polity', '--format', 'csv', '-o', './model.polity'],
            ['diagram', 'model.polity', '-o', 'model.polity'],
            ['diagram', 'model.polity', '-o', 'hard.polity']
        ]) {
            const r = runCli(args, { cwd: dir });
            expect([r.status, r.stderr], args.join(' ')).toEqual([
                2,
                `polity: ${path.normalize(args.at(-1)!)}: is one of the model files read; choose another output file\n`
            ]);
        }
        expect(snapshot(dir)).toEqual(before);
    });

    it('are never written through a symbolic link, and with --all-views nothing is written when one would be', () => {
        const dir = workspace({ 'model.polity': MODEL, 'victim.txt': 'precious', 'out/keep.txt': 'not ours' });
        symlinkSync('../victim.txt', path.join(dir, 'out/cac.svg'));
        symlinkSync('victim.txt', path.join(dir, 'report.md'));
        const before = snapshot(dir);
        const all = runCli(['diagram', 'model.polity', '--all-views', '-o', 'out'], { cwd: dir });
        expect([all.status, all.stdout, all.stderr]).toEqual([
            2,
            '',
            `polity: ${path.join('out', 'cac.svg')}: a symbolic link; polity writes no file through a link (remove it, or choose another name)\n`
        ]);
        const report = runCli(['export', 'model.polity', '--format', 'markdown', '-o', 'report.md'], { cwd: dir });
        expect([report.status, report.stderr]).toEqual([
            2,
            'polity: report.md: a symbolic link; polity writes no file through a link (remove it, or choose another name)\n'
        ]);
        expect(snapshot(dir)).toEqual(before);
    });

    it('replace an earlier output whole, leaving no temporary file', () => {
        const dir = workspace({ 'model.polity': MODEL, 'out/all.svg': 'old', 'report.csv': 'old' });
        expect(runCli(['diagram', 'model.polity', '--all-views', '-o', 'out'], { cwd: dir }).status).toBe(0);
        expect(runCli(['export', 'model.polity', '--format', 'csv', '-o', 'report.csv'], { cwd: dir }).status).toBe(0);
        expect(readdirSync(dir).sort()).toEqual(['model.polity', 'out', 'report.csv']);
        expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['all.svg', 'cac.svg']);
        expect(readFileSync(path.join(dir, 'out/all.svg'), 'utf8')).toMatch(/^<\?xml/);
        expect(readFileSync(path.join(dir, 'report.csv'), 'utf8')).toContain('CAC');
    });
});

describe('standard output', () => {
    it('that cannot be written gives one line and exit 2', () => {
        const dir = workspace({ 'model.polity': MODEL });
        const full = openSync('/dev/full', 'w');
        try {
            const r = runCli(['export', 'model.polity'], { cwd: dir, stdout: full });
            expect([r.status, r.stderr]).toEqual([2, 'polity: cannot write to standard output (ENOSPC)\n']);
        } finally {
            closeSync(full);
        }
    });

    it('closed early by the reader (| head) ends the command quietly', () => {
        const dir = workspace({
            'model.polity': MODEL + Array.from({ length: 3000 }, (_, i) => `institution I${i} "Institution ${i}"\n`).join('')
        });
        const cli = [process.execPath, path.join(REPO, 'bin/polity.js'), 'export', 'model.polity'].map(a => `'${a}'`).join(' ');
        // head takes one byte of a long export and goes; the CLI's status and stderr are kept aside.
        execFileSync('sh', ['-c', `{ ${cli}; echo $? > status; } 2> stderr | head -c 1 > /dev/null`], { cwd: dir });
        expect(readFileSync(path.join(dir, 'stderr'), 'utf8')).toBe('');
        expect(readFileSync(path.join(dir, 'status'), 'utf8')).toBe('0\n');
    });
});
