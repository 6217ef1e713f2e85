import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, type CliResult } from './run-cli.js';

const PROBE = path.join(import.meta.dirname, 'process-probe.cjs');

/** Runs the CLI with the probe preloaded: what it loaded of the project's bundle (in bytes) and how often it wrote to stdout. */
function probed(args: string[]): CliResult & { bundleBytes: number; writes: number } {
    const result = runCli(args, { env: { NODE_OPTIONS: `--require ${PROBE}` } });
    const line = result.stderr.split('\n').find(l => l.startsWith('process-probe '));
    expect(line, result.stderr).toBeDefined();
    const { loaded, writes } = JSON.parse(line!.slice('process-probe '.length)) as { loaded: string[]; writes: number };
    const dist = path.join(REPO, 'dist');
    const bundle = loaded.map(url => fileURLToPath(url)).filter(file => path.dirname(file) === dist);
    return { ...result, bundleBytes: bundle.reduce((n, file) => n + statSync(file).size, 0), writes };
}

describe('the CLI loads and writes only what a command needs', () => {
    it('--version and --help read a small part of the code that check reads', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'polity-startup-'));
        writeFileSync(path.join(folder, 'a.polity'), 'model a\n\nmandate m "M"\n\ninstitution A "A" {\n  leads m\n}\n');
        const check = probed(['check', folder]);
        expect(check.status).toBe(0);
        for (const args of [['--version'], ['--help']]) {
            const small = probed(args);
            expect(small.status).toBe(0);
            expect(small.bundleBytes).toBeLessThan(check.bundleBytes / 4);
        }
    });

    it('check writes its lines in large chunks, not one write per finding', () => {
        // 60 institutions leading one mandate at once: 1,770 conflicts, 3,540 findings.
        const folder = mkdtempSync(path.join(tmpdir(), 'polity-chunks-'));
        const institutions = Array.from({ length: 60 }, (_, i) => `institution I${i} "Institution ${i}" {\n  leads m\n}\n`).join('\n');
        writeFileSync(path.join(folder, 'a.polity'), `model a\n\nmandate m "M"\n\n${institutions}`);
        const result = probed(['check', folder]);
        const lines = result.stdout.trimEnd().split('\n');
        expect(lines.at(-1)).toBe('0 errors, 3540 warnings, 0 infos in 1 file');
        expect(lines).toHaveLength(3541);
        // Every write but the last chunk's and the summary's carries at least 64 KB.
        expect(result.writes).toBeLessThanOrEqual(Math.floor(Buffer.byteLength(result.stdout) / 65536) + 2);
    });
});
