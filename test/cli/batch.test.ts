import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { LangiumDocument } from 'langium';
import type * as Facts from '../../src/language/facts.js';
import { generateWorkspace } from '../../bench/generate.js';
import { collectDiagnostics } from '../../src/cli/diagnostics.js';
import { findModelFiles, loadWorkspace } from '../../src/cli/workspace.js';
import { runCli } from './run-cli.js';

/**
 * Documents whose facts the batch path read, and how many have been collected.
 * A FinalizationRegistry, not WeakRefs: a WeakRef keeps its target alive until
 * the task that made it ends, which is the batch path's own.
 */
const seen = vi.hoisted(() => {
    const state = { read: 0, collected: 0, round: 0, registry: undefined as unknown as FinalizationRegistry<number> };
    state.registry = new FinalizationRegistry(round => {
        if (round === state.round) state.collected++;
    });
    return state;
});

vi.mock('../../src/language/facts.js', async original => {
    const real = await original<typeof Facts>();
    return {
        ...real,
        documentFacts: (document: LangiumDocument, docOf: Parameters<typeof real.documentFacts>[1]) => {
            seen.read++;
            seen.registry.register(document, seen.round);
            return real.documentFacts(document, docOf);
        }
    };
});

function conflictHeavy(institutions: number): string {
    const folder = mkdtempSync(path.join(tmpdir(), 'polity-batch-'));
    mkdirSync(folder, { recursive: true });
    for (const file of generateWorkspace({ institutions, seed: 3, conflicts: true }).files)
        writeFileSync(path.join(folder, file.name), file.text);
    return folder;
}

describe('polity check on a workspace full of conflicts', () => {
    it('prints what the language services report for every file, in the same order', async () => {
        const folder = conflictHeavy(300);
        const cli = runCli(['check', '--format', 'json', folder]);
        const { diagnostics } = JSON.parse(cli.stdout) as { diagnostics: unknown[] };
        // The server's way: every document validated with the workspace-wide findings as Langium diagnostics.
        const services = collectDiagnostics((await loadWorkspace(await findModelFiles([folder]))).documents);
        expect(services.filter(d => d.code === 'conflict').length).toBeGreaterThan(300);
        expect(diagnostics).toEqual(JSON.parse(JSON.stringify(services)));
    });

    it('collects the syntax trees itself once their facts are read', async () => {
        const { checkFiles } = await import('../../src/cli/batch.js');
        const folder = conflictHeavy(200);
        Object.assign(seen, { read: 0, collected: 0, round: 1 });
        const reported = await checkFiles(await findModelFiles([folder]));
        expect(reported.some(d => d.code === 'conflict')).toBe(true);
        // Finalizers run in later tasks, which V8 posts when it gets to them (under load, after many turns of the
        // event loop, in which nothing collects garbage); the collection itself happened in checkFiles, before the checks.
        for (let turn = 0; turn < 200 && seen.collected < seen.read; turn++) await new Promise(resolve => setTimeout(resolve, 25));
        expect(seen.read).toBe(generateWorkspace({ institutions: 200, seed: 3, conflicts: true }).files.length + 1);
        expect(seen.collected).toBe(seen.read);
    });
});
