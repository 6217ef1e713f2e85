import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/generate.js';
import { findConflicts, LIMITS } from '../../src/model/conflicts.js';
import { containment, effectivePeriod, isExclusive, mandateAncestors, type SemanticModel } from '../../src/model/model.js';
import { formatPeriod, intersect } from '../../src/model/periods.js';
import type { Claim } from '../../src/model/types.js';
import { TestWorkspace } from '../helpers.js';
import { cpuMs, scaledTimeout } from './budget.js';

/**
 * findConflicts compares only claims whose periods overlap (a sweep over
 * time when a mandate has many claims). It must find exactly what comparing
 * every pair finds, in the same order, choosing the same claims: checked
 * here against that plain definition, on crowded random mandates.
 */

/**
 * The language's definition, pair by pair, in the order of nested loops over each mandate's claims
 * (the crowd's only containment is units, which holds for their whole life).
 */
function everyPair(model: SemanticModel): string[] {
    const found = new Map<string, string>();
    const contesting = (mandate: string) => (model.claimsByMandate.get(mandate) ?? []).filter(c => isExclusive(model, c.role));
    const clash = (a: Claim, b: Claim) =>
        a.role === b.role && !(a.shared && b.shared) && !a.partners.includes(b.institution) && !b.partners.includes(a.institution);
    const consider = (a: Claim, b: Claim) => {
        const pa = effectivePeriod(model, a, true);
        const pb = effectivePeriod(model, b, true);
        const period = pa && pb ? intersect(pa, pb) : undefined;
        if (a.institution === b.institution || !clash(a, b) || !period || containment(model, a.institution, b.institution).length > 0)
            return;
        const id = [[a.institution, b.institution].sort().join(' & '), a.mandate, formatPeriod(period)].join(' | ');
        if (!found.has(id))
            found.set(
                id,
                `${id} | ${[a, b]
                    .map(c => `${c.loc.range.start.line}:${c.loc.range.start.character}`)
                    .sort()
                    .join(' ')}`
            );
    };
    for (const mandate of model.claimsByMandate.keys()) {
        const claims = contesting(mandate);
        claims.forEach((a, i) => claims.slice(i + 1).forEach(b => consider(a, b)));
        if (claims.length === 0) continue;
        for (const ancestor of mandateAncestors(model, mandate)) claims.forEach(a => contesting(ancestor).forEach(b => consider(a, b)));
    }
    return [...found.values()].sort();
}

function crowdedModel(seed: number, institutions: number): string {
    const random = seededRandom(seed);
    const year = () => 1990 + Math.floor(random() * 30);
    const period = () => {
        const r = random();
        if (r < 0.25) return '';
        if (r < 0.5) return ` since ${year()}`;
        if (r < 0.6) return ` until ${year()}`;
        const from = year();
        return ` from ${from} to ${from + 1 + Math.floor(random() * 6)}`;
    };
    const lines = ['model crowd', 'mandate area { mandate part { mandate piece } }'];
    for (let i = 0; i < institutions; i++) {
        const mandate = ['area', 'part', 'piece'][Math.floor(random() * 3)];
        const role = random() < 0.7 ? 'leads' : `shares ${mandate} with I${Math.floor(random() * institutions)}`;
        lines.push(`institution I${i} {`, `  ${role.startsWith('shares') ? role : `leads ${mandate}`}${period()}`);
        if (random() < 0.3) lines.push(`  established ${year()}`);
        if (random() < 0.2) lines.push(`  unit U { leads ${mandate}${period()} }`);
        if (random() < 0.3) lines.push(`  leads ${['area', 'part', 'piece'][Math.floor(random() * 3)]}${period()}`);
        lines.push('}');
    }
    return lines.join('\n');
}

describe('conflicts on crowded mandates', () => {
    for (const seed of [1, 2, 3, 4]) {
        it(`finds what comparing every pair finds (seed ${seed})`, async () => {
            const ws = new TestWorkspace();
            await ws.open({ 'crowd.polity': crowdedModel(seed, 60) });
            const { model } = ws.Polity.polity.WorkspaceModel.snapshot;
            expect(model.claimsByMandate.get('crowd.part')!.length).toBeGreaterThan(16);
            const conflicts = findConflicts(model);
            expect(conflicts.incomplete).toBeUndefined();
            const found = conflicts
                .map(c => {
                    const id = [[c.first.institution, c.second.institution].sort().join(' & '), c.mandate, formatPeriod(c.period)].join(
                        ' | '
                    );
                    return `${id} | ${[c.first, c.second]
                        .map(x => `${x.loc.range.start.line}:${x.loc.range.start.character}`)
                        .sort()
                        .join(' ')}`;
                })
                .sort();
            expect(found.length).toBeGreaterThan(50);
            expect(found).toEqual(everyPair(model));
        });
    }

    it(
        'stops comparing a runaway mandate and says so, instead of hanging',
        async () => {
            const n = 2_000;
            const lines = ['model many', 'mandate m'];
            for (let i = 0; i < n; i++) lines.push(`institution I${i} { leads m }`);
            const ws = new TestWorkspace();
            const start = cpuMs();
            await ws.open({ 'many.polity': lines.join('\n') });
            const conflicts = ws.Polity.polity.WorkspaceModel.snapshot.conflicts;
            expect((n * (n - 1)) / 2).toBeGreaterThan(LIMITS.pairs);
            expect(conflicts.length).toBeLessThanOrEqual(LIMITS.conflicts);
            expect(ws.diagnostics('many.polity').find(d => d.range.start.line === 1)?.message).toMatch(
                /^Too many claims on 'm' overlap in time/
            );
            expect(cpuMs() - start, 'ms of CPU time').toBeLessThan(60_000);
        },
        scaledTimeout(120_000)
    );
});
