import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { TempRepo } from './repo.js';

const repos: TempRepo[] = [];
afterAll(() => repos.forEach(repo => repo.dispose()));

function repository(files: Record<string, string | Buffer>): TempRepo {
    const repo = new TempRepo();
    repos.push(repo);
    repo.write(files);
    repo.commit('model');
    return repo;
}

describe('polity diff --git reads the revision', () => {
    it('of a model of 200 files with no more than 256 files open', () => {
        const n = 200;
        const files = Object.fromEntries(Array.from({ length: n }, (_, i) => [`m/i${i}.polity`, `model m\ninstitution I${i}\n`]));
        const repo = repository(files);
        repo.write({ 'm/i0.polity': 'model m\ninstitution I0 "Renamed"\n' });
        const r = runCli(['diff', '--git', 'HEAD', '--format', 'json'], { cwd: repo.dir, openFiles: 256 });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(JSON.parse(r.stdout).summary).toMatchObject({ changed: 1 });
    });

    it('and refuses a file there that is not UTF-8, naming the revision, line and column', () => {
        const repo = repository({
            'a.polity': Buffer.concat([Buffer.from('model m\ninstitution A "'), Buffer.from([0xff]), Buffer.from('"\n')])
        });
        repo.write({ 'a.polity': 'model m\ninstitution A "Ä"\n' });
        const r = runCli(['diff', '--git', 'HEAD'], { cwd: repo.dir });
        expect([r.status, r.stderr]).toEqual([
            2,
            'polity: HEAD:a.polity:2:16: not UTF-8 text (byte 0xFF); Polity reads UTF-8 only: save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)\n'
        ]);
    });

    it("as an external diff driver, naming a file that is not UTF-8 as the diff does, not by git's temporary copy", () => {
        const latin1 = Buffer.concat([Buffer.from('model m\ninstitution A "'), Buffer.from([0xe9]), Buffer.from('"\n')]);
        const repo = repository({ 'm/a.polity': 'model m\ninstitution A\n', 'old/a.polity': 'model m\ninstitution A\n' });
        repo.write({ 'tmp/XyZ_a.polity': latin1 });
        const r = runCli(
            [
                'diff',
                '--git-external',
                'm/a.polity',
                'old/a.polity',
                '0'.repeat(40),
                '100644',
                'tmp/XyZ_a.polity',
                '0'.repeat(40),
                '100644'
            ],
            { cwd: repo.dir }
        );
        expect([r.status, r.stderr]).toEqual([
            2,
            'polity: b/m/a.polity:2:16: not UTF-8 text (byte 0xE9); Polity reads UTF-8 only: save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)\n'
        ]);
    });
});
