import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PolityAstType } from '../../src/language/generated/ast.js';
import { runChecks } from '../../src/model/checks/index.js';
import { buildModel } from '../../src/model/model.js';
import { scaledTimeout } from '../fuzz/budget.js';
import { codeOf, defined, TestWorkspace } from '../helpers.js';
import { crowdedMandate } from './crowded.js';

/**
 * Validation never drops findings silently: many findings in one file are
 * all reported, and a failure inside validation is itself an error finding
 * (code `internal`), next to every finding that could still be made.
 */

describe('validation that never drops findings', () => {
    let logged: unknown[][];
    beforeEach(() => {
        logged = [];
        vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
            logged.push(args);
        });
    });
    afterEach(() => {
        vi.restoreAllMocks();
    });

    it(
        'reports every conflict of 400 institutions leading one mandate, and the bad date beside them',
        async () => {
            const n = 400;
            const ws = new TestWorkspace();
            await ws.open({ 'crowd.polity': crowdedMandate(n) });
            const codes = ws.diagnostics('crowd.polity').map(codeOf);
            // Each pair conflicts once, reported on both claims: 159,600 findings, more than fit into one call's arguments.
            expect(codes.filter(c => c === 'conflict')).toHaveLength(n * (n - 1));
            expect(codes.filter(c => c !== 'conflict')).toEqual(['bad-date']);
            expect(logged).toEqual([]);
        },
        scaledTimeout(120_000)
    );

    it('turns a check that throws into an internal error at the start of the file, and keeps the other findings', async () => {
        const ws = new TestWorkspace();
        ws.Polity.polity.WorkspaceModel.findingsFor = () => {
            throw new RangeError('Maximum call stack size exceeded');
        };
        await ws.open({ 'model.polity': '// a comment first\ninstitution A { established 2014-13 }\n' });
        const diagnostics = ws.diagnostics('model.polity');
        expect(diagnostics.map(codeOf).sort()).toEqual(['bad-date', 'internal']);
        const internal = diagnostics.find(d => d.code === 'internal')!;
        expect(internal).toMatchObject({ severity: 1, range: { start: { line: 0, character: 0 } }, data: { code: 'internal' } });
        expect(internal.message).toBe(
            'Polity failed while checking this file (RangeError: Maximum call stack size exceeded), so findings may be missing. This is a bug in Polity: please report it with the file.'
        );
        expect(logged).toEqual([]);
    });

    it('reports a check on one node that throws at that node', async () => {
        const ws = new TestWorkspace();
        ws.Polity.validation.ValidationRegistry.register<PolityAstType>({
            Institution: () => {
                throw new Error('boom');
            }
        });
        await ws.open({ 'model.polity': 'model m\n\ninstitution A\n' });
        const [internal] = ws.diagnostics('model.polity');
        expect(internal).toMatchObject({ code: 'internal', severity: 1, range: { start: { line: 2, character: 0 } } });
        expect(internal?.message).toContain('(Error: boom)');
    });

    it('turns a failure outside the checks into an internal error, after the syntax errors', async () => {
        const ws = new TestWorkspace();
        // Reporting an unresolved name asks the scope again, for suggestions, outside any check.
        const scopes = ws.Polity.references.ScopeProvider;
        const getScope = scopes.getScope.bind(scopes);
        let asked = 0;
        scopes.getScope = info => {
            if (info.reference.$refText === 'Nope' && ++asked > 1) throw new TypeError('cannot read properties of undefined');
            return getScope(info);
        };
        await ws.open({ 'model.polity': 'institution A { oversees Nope }\ninstitution {\n' });
        const diagnostics = ws.diagnostics('model.polity');
        // The nameless institution is one mistake, one syntax error (newcomer.test.ts).
        expect(diagnostics.map(codeOf)).toEqual(['syntax', 'internal']);
        expect(diagnostics[1]).toMatchObject({ severity: 1, range: { start: { line: 0, character: 0 } } });
        expect(diagnostics[1]?.message).toContain('(TypeError: cannot read properties of undefined)');
        expect(logged).toEqual([]);
    });

    it('reports a name whose resolution threw as an internal error there, not as an unknown name', async () => {
        const ws = new TestWorkspace();
        const scopes = ws.Polity.references.ScopeProvider;
        const getScope = scopes.getScope.bind(scopes);
        scopes.getScope = info => {
            if (info.reference.$refText === 'B') throw new TypeError('cannot read properties of undefined');
            return getScope(info);
        };
        await ws.open({ 'model.polity': 'institution A { oversees B }\ninstitution B\n' });
        const [internal, ...others] = ws.diagnostics('model.polity');
        expect(others).toEqual([]);
        expect(internal).toMatchObject({ code: 'internal', severity: 1, range: { start: { line: 0, character: 25 } } });
        expect(internal?.message).toBe(
            "Polity failed while checking this file (An error occurred while resolving reference to 'B': cannot read properties of undefined), so findings may be missing. This is a bug in Polity: please report it with the file."
        );
    });

    it('builds and checks a model of 200,000 claims in one file', async () => {
        // Parsing that many takes ~20 s, so the facts of one parsed claim are repeated.
        const ws = new TestWorkspace();
        await ws.open({
            'model.polity': 'mandate m\ninstitution A { supports m from 2010 to 2012 }\ninstitution B { established 2014-13 }\n'
        });
        const facts = defined(
            ws.Polity.polity.WorkspaceModel.snapshot.model.documents.find(d => d.uri.endsWith('model.polity')),
            'the facts of model.polity'
        );
        const n = 200_000;
        const model = buildModel([{ ...facts, claims: Array.from({ length: n }, () => defined(facts.claims[0], 'a claim')) }]);
        expect(model.claimsByMandate.get('m')).toHaveLength(n);
        expect(runChecks(model).map(f => f.code)).toEqual([]);
    });
});
