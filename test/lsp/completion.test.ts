import { expectCompletion, parseDocument } from 'langium/test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { CompletionItemKind } from 'vscode-languageserver';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_NAMES } from '../../src/language/lsp/completion.js';
import { createServices } from '../helpers.js';

const MODEL = `model china.cyber
source creemers2021 "Rogier Creemers, China's Cyber Governance Institutions"
mandate cii "Critical information infrastructure protection"
mandate data "Data security" {
  mandate personal-data "Online personal data protection"
}
kind office "Office" in party
institution MPS "Ministry of Public Security" {
  unit Bureau11 "Cybersecurity Protection Bureau"
}
`;

/** Completion at the `<|>` in `text`. */
function completionIn(text: string): Promise<CompletionList> {
    return new Promise((resolve, reject) => {
        expectCompletion(services.Polity)({ text, index: 0, disposeAfterCheck: true, assert: resolve }).catch(reject);
    });
}

/** Completion at the `<|>` in `text`, appended to a small model. */
function completionAt(text: string): Promise<CompletionList> {
    return completionIn(`${MODEL}${text}`);
}

const labels = (list: CompletionList) => list.items.map(i => i.label);
const item = (list: CompletionList, label: string): CompletionItem | undefined => list.items.find(i => i.label === label);

let services: ReturnType<typeof createServices>;
beforeEach(() => {
    services = createServices();
});

describe('completion', () => {
    it('offers the declarations at the top level, and institutions as relation subjects', async () => {
        const list = await completionAt('\n<|>');
        expect(labels(list)).toEqual(
            expect.arrayContaining(['institution', 'mandate', 'source', 'kind', 'relation', 'dispute', 'view', 'MPS'])
        );
        expect(labels(list)).not.toContain('leads');
    });

    it('offers body lines in an institution, without those it may have only once and already has', async () => {
        const list = await completionAt(
            'institution CAC "Cyberspace Administration of China" {\n  kind office\n  established 2011\n  <|>\n}'
        );
        expect(labels(list)).toEqual(
            expect.arrayContaining([
                'leads',
                'shares',
                'supports',
                'coordinates',
                'contests',
                'formerly',
                'unit',
                'dissolved',
                'oversees',
                'office-of'
            ])
        );
        // A body may have several `kind` lines, each dated; `established` only once.
        expect(labels(list)).toContain('kind');
        expect(labels(list)).not.toContain('established');
        expect(labels(list)).not.toContain('institution');
        // Relation kinds come from the prelude: offered short, once, after the keywords.
        expect(labels(list)).not.toContain('polity.oversees');
        expect(item(list, 'oversees')).toMatchObject({ kind: CompletionItemKind.Operator, detail: 'oversees' });
        expect(item(list, 'leads')!.sortText! < item(list, 'oversees')!.sortText!).toBe(true);
    });

    it('offers roles with their titles, in a body and after an institution at the top level', async () => {
        const body = await completionAt('role regulates "Makes and enforces the rules" exclusive\ninstitution CAC {\n  <|>\n}');
        expect(item(body, 'regulates')).toMatchObject({ kind: CompletionItemKind.Method, detail: 'Makes and enforces the rules' });
        expect(item(body, 'leads')).toMatchObject({ kind: CompletionItemKind.Method, detail: 'Primary responsibility' });
        const top = await completionAt('\nMPS <|>');
        expect(labels(top)).toEqual(
            expect.arrayContaining(['leads', 'supports', 'coordinates', 'shares', 'contests', 'reportedly', 'oversees'])
        );
    });

    it('offers mandates after a role, short within their model, with the title as detail', async () => {
        const list = await completionAt('institution CAC {\n  leads <|>\n}');
        expect(labels(list).sort()).toEqual(['cii', 'data', 'personal-data']);
        expect(item(list, 'personal-data')).toMatchObject({ kind: CompletionItemKind.Function, detail: 'Online personal data protection' });
    });

    it('offers only `with` after `shares M`, institutions after `with`, and units through their parent', async () => {
        expect(labels(await completionAt('institution CAC {\n  shares cii <|>\n}'))).toEqual(['with']);
        const partners = await completionAt('institution CAC "Cyberspace Administration of China" {\n  shares cii with <|>\n}');
        expect(labels(partners).sort()).toEqual(['CAC', 'MPS', 'MPS.Bureau11']);
        expect(item(partners, 'MPS.Bureau11')).toMatchObject({ kind: CompletionItemKind.Class, detail: 'Cybersecurity Protection Bureau' });
    });

    it('offers period keywords and further lines after a claim', async () => {
        const list = await completionAt('institution CAC {\n  leads cii <|>\n}');
        expect(labels(list)).toEqual(expect.arrayContaining(['since', 'until', 'from', 'leads', 'oversees']));
    });

    it('offers kinds (prelude and own) after `kind`, and spheres in a kind declaration', async () => {
        const kinds = await completionAt('institution CAC {\n  kind <|>\n}');
        expect(labels(kinds)).toEqual(expect.arrayContaining(['office', 'ministry', 'administration']));
        expect(item(kinds, 'office')!.sortText! < item(kinds, 'ministry')!.sortText!).toBe(true);
        expect(item(kinds, 'ministry')).toMatchObject({ kind: CompletionItemKind.TypeParameter, detail: 'Ministry' });
        expect(labels(await completionAt('kind bureau2 in <|>')).sort()).toEqual([
            'affiliated',
            'international',
            'market',
            'military',
            'party',
            'society',
            'state'
        ]);
    });

    it('offers sources in a citation, with their title', async () => {
        const list = await completionAt('institution CAC {\n  leads cii [<|>\n}');
        expect(labels(list)).toEqual(['creemers2021']);
        expect(item(list, 'creemers2021')).toMatchObject({
            kind: CompletionItemKind.File,
            detail: "Rogier Creemers, China's Cyber Governance Institutions"
        });
    });

    it('offers view rules, and what each rule takes', async () => {
        expect(labels(await completionAt('view v {\n  <|>\n}')).sort()).toEqual([
            'at',
            'direction',
            'exclude',
            'group',
            'hide',
            'include',
            'labels',
            'show'
        ]);
        expect(labels(await completionAt('view v {\n  include <|>\n}'))).toEqual(
            expect.arrayContaining(['mandate', 'kind', 'sphere', 'MPS'])
        );
        expect(labels(await completionAt('view v {\n  group by <|>\n}')).sort()).toEqual(['kind', 'none', 'parent', 'sphere']);
        expect(labels(await completionAt('view v {\n  include mandate <|>\n}')).sort()).toEqual(['cii', 'data', 'personal-data']);
    });

    it('offers disputed mandates and parties', async () => {
        expect(labels(await completionAt('dispute <|>')).sort()).toEqual(['cii', 'data', 'personal-data']);
        expect(labels(await completionAt('dispute cii between <|>')).sort()).toEqual(['MPS', 'MPS.Bureau11']);
    });

    it('offers nothing inside comments and strings', async () => {
        for (const text of [
            '// see p.<|> 3',
            '/** The regulator.<|> */',
            'institution CAC {\n  leads cii [creemers2021 "p.<|> 3"]\n}',
            'institution X "Title.<|>"'
        ]) {
            expect(labels(await completionAt(text)), text).toEqual([]);
        }
        expect(labels(await completionAt('// a comment\n<|>'))).toContain('institution');
    });

    it('filters by what is typed', async () => {
        expect(labels(await completionAt('institution CAC {\n  le<|>\n}'))).toEqual(['leads']);
        expect(labels(await completionAt('institution CAC {\n  leads pers<|>\n}'))).toEqual(['personal-data']);
    });

    it('offers units after their parent and a dot, which triggers completion', async () => {
        expect(labels(await completionAt('institution CAC {\n  advises MPS.<|>\n}'))).toEqual(['MPS.Bureau11']);
        expect(services.Polity.lsp.CompletionProvider!.completionOptions?.triggerCharacters).toEqual(['.', '[']);
    });

    it('offers a unit by its short name inside its parent', async () => {
        const list = await completionAt('institution MIIT {\n  unit Bureau9 "Bureau nine"\n  oversees <|>\n}');
        expect(labels(list)).toContain('Bureau9');
        expect(labels(list)).not.toContain('MIIT.Bureau9');
    });

    it('qualifies names from another model', async () => {
        await parseDocument(services.Polity, MODEL);
        const list = await completionIn('model other\nmandate cii "Elsewhere"\ninstitution CAC {\n  leads <|>\n}');
        expect(labels(list)).toEqual(expect.arrayContaining(['cii', 'china.cyber.cii', 'china.cyber.personal-data']));
        expect(item(list, 'cii')!.sortText! < item(list, 'china.cyber.cii')!.sortText!).toBe(true);
        expect(item(list, 'china.cyber.cii')!.detail).toBe('Critical information infrastructure protection');
    });

    it('answers at most MAX_NAMES names, marked incomplete, those that start with what is typed first', async () => {
        const many = Array.from({ length: MAX_NAMES + 50 }, (_, i) => `mandate m${String(i).padStart(3, '0')} "M ${i}"`).join('\n');
        const all = await completionIn(`model big\n${many}\nmandate zz-last "Last"\ninstitution A {\n  leads <|>\n}`);
        expect(all.items.length).toBe(MAX_NAMES);
        expect(all.isIncomplete).toBe(true);
        expect(labels(all)).toContain('m000');
        expect(labels(all)).not.toContain('zz-last');
        // Typed, the name left out above comes back (the editor asks again as the user types).
        const typed = await completionIn(`model big\n${many}\nmandate zz-last "Last"\ninstitution A {\n  leads zz<|>\n}`);
        expect(labels(typed)).toEqual(['zz-last']);
    });
});
