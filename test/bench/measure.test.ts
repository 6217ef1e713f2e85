import { describe, expect, it } from 'vitest';
import { measureProcess } from '../../bench/measure.js';

describe('the bench reads a measured process whole', () => {
    it("keeps characters that straddle the pipe's chunks (the en dash of every period in a finding)", async () => {
        // Three bytes a character: a 64 KB chunk of the pipe ends inside one.
        const text = '–'.repeat(100_000);
        const sample = await measureProcess(['-e', "process.stdout.write('–'.repeat(100000))"]);
        expect(sample.code).toBe(0);
        expect(sample.stdout === text).toBe(true);
        expect(sample.cpu).toBeGreaterThan(0);
    });
});
