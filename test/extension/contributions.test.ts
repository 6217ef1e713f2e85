import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText, codeOf } from '../helpers.js';

// What package.json contributes to VS Code besides the language server: snippets, the language
// configuration, and the manifest entries that point at files.
const root = join(import.meta.dirname, '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
const manifest = readJson('package.json');
const languageConfiguration = readJson('language-configuration.json');
const snippets: Record<string, { prefix: string; body: string[] }> = readJson('snippets/polity.json');

/** A snippet as inserted when the user accepts every default: first choices, default texts, no tab stops. */
function expand(body: string[]): string {
    return body
        .join('\n')
        .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '');
}

describe('snippets', () => {
    it('offers institution, mandate, dispute, view and source', () => {
        expect(
            Object.values(snippets)
                .map(s => s.prefix)
                .sort()
        ).toEqual(['dispute', 'institution', 'mandate', 'source', 'view']);
    });

    it.each(Object.keys(snippets))('%s expands with its defaults into text the parser accepts', async name => {
        const text = `model snippets\n${expand(snippets[name]!.body)}\n`;
        const { diagnostics } = await checkText(text);
        expect(
            diagnostics.filter(d => codeOf(d) === 'syntax').map(d => d.message),
            text
        ).toEqual([]);
    });
});

describe('language configuration', () => {
    const words = (text: string) => text.match(new RegExp(languageConfiguration.wordPattern, 'g'));

    it('keeps hyphenated names and dates one word', () => {
        expect(words('  leads personal-data since 2014-03-01 [creemers2021]')).toEqual([
            'leads',
            'personal-data',
            'since',
            '2014-03-01',
            'creemers2021'
        ]);
        expect(words('CAC office-of CCCI, MPS.Bureau11 from 2014-03 to 2016')).toEqual([
            'CAC',
            'office-of',
            'CCCI',
            'MPS',
            'Bureau11',
            'from',
            '2014-03',
            'to',
            '2016'
        ]);
    });

    it('indents after an opening brace and outdents on a closing one', () => {
        const increase = new RegExp(languageConfiguration.indentationRules.increaseIndentPattern);
        const decrease = new RegExp(languageConfiguration.indentationRules.decreaseIndentPattern);
        expect(increase.test('institution CAC "Cyberspace Administration of China" {')).toBe(true);
        expect(increase.test('institution CAC { leads cii }')).toBe(false);
        expect(increase.test('// institution CAC {')).toBe(false);
        expect(decrease.test('  }')).toBe(true);
        expect(decrease.test('  leads cii')).toBe(false);
    });

    it('comments with // and /* */ and closes quotes and brackets', () => {
        expect(languageConfiguration.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        const pairs = languageConfiguration.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close);
        expect(pairs).toEqual(expect.arrayContaining(['{}', '[]', '""']));
    });
});

describe('extension manifest', () => {
    const contributes = manifest.contributes;

    it('activates on the language and on every command it contributes', () => {
        expect(manifest.activationEvents).toContain('onLanguage:polity');
        for (const { command } of contributes.commands) expect(manifest.activationEvents).toContain(`onCommand:${command}`);
    });

    it('points at files that exist after a build', () => {
        const paths = [
            manifest.main,
            manifest.icon,
            contributes.languages[0].configuration,
            ...contributes.grammars.map((g: { path: string }) => g.path),
            ...contributes.snippets.map((s: { path: string }) => s.path)
        ];
        expect(paths.filter(p => !existsSync(join(root, p)))).toEqual([]);
    });

    it('declares the grammar langium-cli generates', () => {
        const grammar = readJson(contributes.grammars[0].path);
        expect(grammar.scopeName).toBe(contributes.grammars[0].scopeName);
        expect(grammar.fileTypes).toEqual(contributes.languages[0].extensions);
    });
});
