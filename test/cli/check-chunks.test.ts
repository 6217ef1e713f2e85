import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../bench/generate.js';
import { check } from '../../src/cli/check.js';

/** V8 allocates a string of more than this many bytes as a large object, in pages of its own. */
const LARGE_OBJECT_BYTES = 128 * 1024;

describe('polity check prints a long report', () => {
    it('in chunks that are neither one per line nor large objects, losing nothing', async () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'polity-chunks-'));
        for (const file of generateWorkspace({ institutions: 300, seed: 3, conflicts: true }).files)
            writeFileSync(path.join(folder, file.name), file.text);
        const writes: string[] = [];
        await check([folder], { format: 'text' }, text => writes.push(text));
        const lines = writes.join('\n').split('\n');
        expect(lines.filter(line => line.includes('[conflict]') && line.includes('–')).length).toBeGreaterThan(300);
        expect(lines.at(-1)).toMatch(/^0 errors, \d+ warnings/);
        // Every finding's period has an en dash, so a chunk takes two bytes a character.
        for (const text of writes) expect(text.length * 2).toBeLessThan(LARGE_OBJECT_BYTES);
        expect(writes.length).toBeLessThan(lines.length / 20);
    });
});
