import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from './run-cli.js';

const PROBE = path.join(import.meta.dirname, 'process-probe.cjs');

/** Runs the CLI with the probe preloaded, which counts its writes to stdout. */
function probed(args: string[]): CliResult & { writes: number } {
    const result = runCli(args, { env: { NODE_OPTIONS: `--require ${PROBE}` } });
    const line = result.stderr.split('\n').find(l => l.startsWith('process-probe '));
    expect(line, result.stderr).toBeDefined();
    const { writes } = JSON.parse(line!.slice('process-probe '.length)) as { writes: number };
    return { ...result, writes };
}

describe('polity check output', () => {
    it('is written in large chunks, not one write per finding', () => {
        // 60 institutions leading one mandate at once: 1,770 conflicts, 3,540 findings.
        const folder = mkdtempSync(path.join(tmpdir(), 'polity-chunks-'));
        const institutions = Array.from({ length: 60 }, (_, i) => `institution I${i} "Institution ${i}" {\n  leads m\n}\n`).join('\n');
        writeFileSync(path.join(folder, 'a.polity'), `model a\n\nmandate m "M"\n\n${institutions}`);
        const result = probed(['check', folder]);
        const lines = result.stdout.trimEnd().split('\n');
        expect(lines.at(-1)).toMatch(/0 errors, 3540 warnings, 0 infos in 1 file/);
        expect(lines).toHaveLength(3541);
        // Every write but the last chunk's and the summary's carries at least 16K characters, so at least 16 KB.
        expect(result.writes).toBeLessThanOrEqual(Math.floor(Buffer.byteLength(result.stdout) / 16384) + 2);
    });
});
