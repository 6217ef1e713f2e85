import { highlightHelper } from 'langium/test';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { createServices } from '../helpers.js';

describe('semantic tokens', () => {
    const { Polity } = createServices();
    const highlight = highlightHelper(Polity);
    const provider = Polity.lsp.SemanticTokenProvider!;

    /** Every token as `text:type[+modifiers]`, in document order. */
    async function tokens(text: string): Promise<string[]> {
        const { tokens: decoded } = await highlight(text);
        return decoded.map(t => {
            const modifiers = Object.entries(provider.tokenModifiers)
                .filter(([, bit]) => t.tokenModifiers & bit)
                .map(([name]) => name);
            return `${t.text}:${t.tokenType}${modifiers.length > 0 ? `+${modifiers.sort().join('+')}` : ''}`;
        });
    }

    it('tells institutions, mandates, roles, kinds, relation kinds, sources, dates and spheres apart', async () => {
        expect(
            await tokens(`model m.n
source s1 "A source"
kind office in party
relation hosts-event
mandate cii {
  mandate sub
}
institution A {
  kind office
  established 2014-03
  dissolved 2020
  formerly "Old A" until 2015
  leads sub since 2016 [s1 "p. 2"]
  hosts-event B from 2016 to 2018
}
institution B { kind ministry }
A oversees B
view v {
  include sphere party, state
  at 2019
}
`)
        ).toEqual([
            'm.n:namespace',
            's1:variable+declaration',
            'office:type+declaration',
            'party:enumMember',
            'hosts-event:property+declaration',
            'cii:function+declaration',
            'sub:function+declaration',
            'A:class+declaration+deprecated',
            'office:type',
            '2014-03:number',
            '2020:number',
            '2015:number',
            'leads:method+defaultLibrary',
            'sub:function',
            '2016:number',
            's1:variable',
            'hosts-event:property',
            'B:class',
            '2016:number',
            '2018:number',
            'B:class+declaration',
            'ministry:type+defaultLibrary',
            'A:class+deprecated',
            'oversees:property+defaultLibrary',
            'B:class',
            'v:struct+declaration',
            'party:enumMember',
            'state:enumMember',
            '2019:number'
        ]);
    });

    it('gives each segment of a qualified name the type of what it names', async () => {
        expect(await tokens('model x\ninstitution MPS { unit Bureau11 }\ninstitution A { advises x.MPS.Bureau11 }')).toEqual([
            'x:namespace',
            'MPS:class+declaration',
            'Bureau11:class+declaration',
            'A:class+declaration',
            'advises:property+defaultLibrary',
            'x:namespace',
            'MPS:class',
            'Bureau11:class'
        ]);
    });

    it('declares the token types and modifiers it uses to the client', () => {
        const legend = provider.semanticTokensOptions.legend;
        for (const type of [
            SemanticTokenTypes.class,
            SemanticTokenTypes.function,
            SemanticTokenTypes.type,
            SemanticTokenTypes.property,
            SemanticTokenTypes.variable,
            SemanticTokenTypes.number,
            SemanticTokenTypes.enumMember,
            SemanticTokenTypes.namespace
        ]) {
            expect(legend.tokenTypes).toContain(type);
        }
        for (const modifier of [
            SemanticTokenModifiers.declaration,
            SemanticTokenModifiers.defaultLibrary,
            SemanticTokenModifiers.deprecated
        ]) {
            expect(legend.tokenModifiers).toContain(modifier);
        }
    });
});
