import {
    AstUtils,
    DocumentState,
    isOperationCancelled,
    isReference,
    type AstNode,
    type LangiumDocument,
    type MultiReference,
    type Reference
} from 'langium';
import { setTextDocument } from 'langium/test';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { generateWorkspace, pickWith, seededRandom } from '../../bench/generate.js';
import { keyOf } from '../../src/language/names.js';
import { codeOf, defined, TestWorkspace } from '../helpers.js';
import { scaledTimeout } from './budget.js';

/**
 * After an edit the builder re-links only the edited file; the other files'
 * references follow their declarations by name (src/language/linker.ts), and
 * only a change of the names they use links them again
 * (src/language/name-changes.ts). These tests hold it to
 * the only acceptable standard: after every edit, each file's diagnostics,
 * reference targets and indexed references equal those of a fresh build of
 * the same texts.
 */

type Files = Record<string, string>;

/** What an editor would see of the workspace: diagnostics, where each name leads, and who refers to each declaration. */
function observe(ws: TestWorkspace, names: string[]): Record<string, unknown> {
    const index = ws.services.shared.workspace.IndexManager;
    const declared = new Map<string, number>();
    for (const desc of index.allElements()) declared.set(desc.name, (declared.get(desc.name) ?? 0) + 1);
    const where = (node: AstNode) => `${AstUtils.getDocument(node).uri.path}:${JSON.stringify(node.$cstNode?.range.start)}`;
    const result: Record<string, unknown> = {};
    for (const name of names) {
        const document = ws.document(name);
        result[`${name} diagnostics`] = (document.diagnostics ?? [])
            .map(d => `${codeOf(d)} ${JSON.stringify(d.range)} ${d.message} ${JSON.stringify(d.relatedInformation ?? [])}`)
            .sort();
        result[`${name} targets`] = document.references
            .map(ref => {
                const target = targetOf(ref) as (AstNode & { name?: string }) | undefined;
                if (!target) return `${ref.$refText} unresolved`;
                const key = keyOf(target);
                // With duplicate names either declaration is a right answer; the order of the index decides.
                return `${JSON.stringify(ref.$refNode?.range)} ${ref.$refText} → ${key}${(declared.get(key) ?? 0) > 1 ? '' : ` at ${where(target)}`}`;
            })
            .sort();
        result[`${name} referenced`] = declarationsIn(document)
            .filter(node => (declared.get(keyOf(node)) ?? 0) <= 1)
            .map(node => {
                const path = ws.services.Polity.workspace.AstNodeLocator.getAstNodePath(node);
                const sources = index
                    .findAllReferences(node, path)
                    .map(r => `${r.sourceUri.path}:${JSON.stringify(r.segment.range.start)}`)
                    .toArray()
                    .sort();
                return `${keyOf(node)} ← ${sources.join(', ')}`;
            });
    }
    return result;
}

/** Polity's grammar has only single references. */
function targetOf(ref: Reference | MultiReference): AstNode | undefined {
    return isReference(ref) ? ref.ref : undefined;
}

function declarationsIn(document: LangiumDocument): (AstNode & { name: string })[] {
    return AstUtils.streamAst(document.parseResult.value)
        .filter(
            (n): n is AstNode & { name: string } =>
                typeof (n as { name?: unknown }).name === 'string' && n.$type !== 'FormerName' && n.$type !== 'Document'
        )
        .toArray();
}

async function fresh(files: Files): Promise<Record<string, unknown>> {
    const ws = new TestWorkspace();
    await ws.open(files);
    return observe(ws, Object.keys(files));
}

async function expectExact(ws: TestWorkspace, files: Files, step: string): Promise<void> {
    expect(observe(ws, Object.keys(files)), step).toEqual(await fresh(files));
}

const BASE = {
    'decls.polity': 'model x\nmandate cii\nmandate data {\n  mandate privacy\n}\nsource r "Report"',
    'a.polity':
        'model x\ninstitution A "A" {\n  kind ministry\n  leads cii [r]\n  unit U "Unit" { supports privacy }\n}\ninstitution B { leads data }',
    'b.polity':
        'model x\ninstitution C {\n  kind agency\n  leads cii since 2016\n  oversees A\n  advises A.U\n}\nC oversees B\ndispute cii between A, C [r]'
} satisfies Files;

describe('incremental rebuild after an edit', () => {
    it('re-points references into an edited file whose names did not change, even when its declarations moved', async () => {
        const ws = new TestWorkspace();
        await ws.open(BASE);
        const files = { ...BASE, 'a.polity': BASE['a.polity'].replace('model x\n', 'model x\ninstitution First { leads privacy }\n\n') };
        await ws.edit('a.polity', files['a.polity']);
        await expectExact(ws, files, 'declarations moved down by an inserted institution');
        const oversees = ws.document('b.polity').references.find(r => r.$refText === 'A')!;
        expect(AstUtils.getDocument(targetOf(oversees)!).parseResult.value).toBe(ws.document('a.polity').parseResult.value);
    });

    it('links only the edited file when its declarations move, and the others follow them into its new tree', async () => {
        const ws = new TestWorkspace();
        await ws.open(BASE);
        const linked: string[] = [];
        ws.services.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Linked, document => {
            linked.push(document.uri.path);
        });
        const files = {
            ...BASE,
            'decls.polity': BASE['decls.polity'].replace('model x\n', 'model x\nmandate first\nsource early "Earlier"\n')
        };
        await ws.edit('decls.polity', files['decls.polity']);
        expect(linked).toEqual([ws.uri('decls.polity').path]);
        const cii = ws.document('a.polity').references.find(r => r.$refText === 'cii')!;
        expect(AstUtils.getDocument(targetOf(cii)!).parseResult.value).toBe(ws.document('decls.polity').parseResult.value);
        await expectExact(ws, files, 'declarations moved down in the file others refer to');
    });

    it('links again the files that use a name the edit removed, and again when it comes back', async () => {
        const ws = new TestWorkspace();
        await ws.open(BASE);
        const renamed = { ...BASE, 'a.polity': BASE['a.polity'].replace('institution A "A"', 'institution Alpha "A"') };
        await ws.edit('a.polity', renamed['a.polity']);
        expect(ws.codes('b.polity')).toContain('unresolved');
        await expectExact(ws, renamed, 'renamed');
        await ws.edit('a.polity', BASE['a.polity']);
        await expectExact(ws, BASE, 'renamed back');
    });

    it('lets a newly declared name win over the prelude in files that do not reference the edited one', async () => {
        const files = { ...BASE, 'k.polity': 'model x\nmandate other' };
        const ws = new TestWorkspace();
        await ws.open(files);
        files['k.polity'] = 'model x\nmandate other\nkind ministry "Our ministries" in state';
        await ws.edit('k.polity', files['k.polity']);
        const kind = ws.document('a.polity').references.find(r => r.$refText === 'ministry')!;
        expect(AstUtils.getDocument(targetOf(kind)!).uri.toString()).toBe(ws.uri('k.polity').toString());
        await expectExact(ws, files, 'shadowing kind declared');
    });

    it('re-points into a file whose update was cancelled midway, at the next update', async () => {
        const ws = new TestWorkspace();
        await ws.open(BASE);
        const files = { ...BASE, 'a.polity': BASE['a.polity'].replace('model x\n', 'model x\ninstitution First { leads privacy }\n\n') };
        // The next keystroke cancels an update after the file was parsed and indexed again.
        const builder = ws.services.shared.workspace.DocumentBuilder;
        const cancel = new CancellationTokenSource();
        const once = builder.onBuildPhase(DocumentState.IndexedContent, () => cancel.cancel());
        setTextDocument(ws.services.shared, TextDocument.create(ws.uri('a.polity').toString(), 'polity', 2, files['a.polity']));
        await expect(builder.update([ws.uri('a.polity')], [], cancel.token)).rejects.toSatisfy(isOperationCancelled);
        once.dispose();
        files['decls.polity'] = `${BASE['decls.polity']}\n// a comment`;
        await ws.edit('decls.polity', files['decls.polity']);
        await expectExact(ws, files, 'after a cancelled update and another edit');
    });

    it(
        'stays exact through random edits of a generated workspace',
        async () => {
            const { files: generated } = generateWorkspace({ institutions: 250, seed: 7 });
            const original: Files = Object.fromEntries(generated.map(f => [f.name, f.text]));
            const files: Files = { ...original };
            const names = Object.keys(files);
            const random = seededRandom(11);
            const pick = <T>(items: T[]): T => pickWith(random, items);
            const mutations: ((text: string, name: string) => string)[] = [
                text =>
                    text.replace(
                        new RegExp(`institution (${pick([...text.matchAll(/^institution (\S+)/gm)].map(m => m[1]) || ['none'])}) `),
                        'institution $1x '
                    ),
                text => {
                    const lines = text.split('\n');
                    lines.splice(1 + Math.floor(random() * (lines.length - 1)), 1);
                    return lines.join('\n');
                },
                text => {
                    const lines = text.split('\n');
                    const i = 1 + Math.floor(random() * (lines.length - 1));
                    lines.splice(i, 0, lines[i] ?? '');
                    return lines.join('\n');
                },
                text =>
                    text.replace(
                        'model bench\n',
                        `model bench\ninstitution Early${Math.floor(random() * 1000)} { leads ${pick([...defined(original['common.polity'], 'common.polity').matchAll(/mandate (\S+)/g)].map(m => m[1]))} }\n`
                    ),
                text => text.replace(/^(\s+oversees )\S+/m, '$1Nowhere'),
                text => `${text}\nkind ministry "Shadowing the prelude" in state\n`,
                (_, name) => defined(original[name], name)
            ];
            const ws = new TestWorkspace();
            await ws.open(files);
            for (let step = 0; step < 16; step++) {
                const name = pick(names);
                const mutation = Math.floor(random() * mutations.length);
                const text = defined(mutations[mutation], 'a mutation')(defined(files[name], name), name);
                files[name] = text;
                await ws.edit(name, text);
                await expectExact(ws, files, `step ${step}: mutation ${mutation} of ${name}`);
            }
        },
        scaledTimeout(120_000)
    );
});
