import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/model/diff.js';
import type { SemanticModel } from '../../src/model/model.js';
import { TestWorkspace } from '../helpers.js';

async function model(files: Record<string, string>): Promise<SemanticModel> {
    const ws = new TestWorkspace();
    await ws.open(files);
    return ws.Polity.polity.WorkspaceModel.snapshot.model;
}

/** The diff as `change category id: field old → new` lines, for compact assertions. */
async function changes(before: Record<string, string>, after: Record<string, string>): Promise<string[]> {
    return diffModels(await model(before), await model(after)).changes.map(
        c => `${c.change} ${c.category} ${c.id}${c.fields.map(f => ` | ${f.field}: ${f.old ?? ''} → ${f.new ?? ''}`).join('')}`
    );
}

describe('diffModels', () => {
    it('finds nothing when only layout, comments and file boundaries change', async () => {
        expect(
            await changes(
                { 'a.polity': 'mandate cii\ninstitution A { leads cii since 2016 }\ninstitution B' },
                {
                    'x.polity': '// moved around\ninstitution B\n',
                    'y.polity': 'institution A {\n  leads cii   since 2016\n}\nmandate cii\n'
                }
            )
        ).toEqual([]);
    });

    it('lets units follow a renamed parent without reporting them, and keeps their claims and relations', async () => {
        const text = (name: string) => `mandate cii
institution ${name} "Ministry of Public Security" {
  unit Bureau11 { supports cii }
}
institution CAC { leads cii }
CAC oversees ${name}.Bureau11`;
        expect(await changes({ 'a.polity': text('MPS') }, { 'a.polity': text('MinPS') })).toEqual([
            'renamed institutions MinPS | name: MPS → MinPS'
        ]);
    });

    it('does not guess a rename when the title does not pick one institution', async () => {
        expect(
            await changes(
                { 'a.polity': 'institution A "Same"\ninstitution B "Same"' },
                { 'a.polity': 'institution C "Same"\ninstitution D "Same"' }
            )
        ).toEqual([
            'removed institutions A | title: Same → ',
            'removed institutions B | title: Same → ',
            'added institutions C | title:  → Same',
            'added institutions D | title:  → Same'
        ]);
    });

    it('reports a change of certainty, of carve-outs and of a declared role as changes', async () => {
        expect(
            await changes(
                { 'a.polity': 'mandate m { mandate n }\ninstitution A { leads m }\ninstitution B\nA advises B' },
                {
                    'a.polity':
                        'mandate m { mandate n }\ninstitution A { reportedly leads m except n }\ninstitution B\nA allegedly advises B'
                }
            )
        ).toEqual([
            'changed competences A leads m | certainty: asserted → reportedly | except:  → n',
            'changed relations A polity.advises B | certainty: asserted → allegedly'
        ]);
        expect(
            await changes(
                { 'a.polity': 'role regulates exclusive\nmandate m\ninstitution A { regulates m }' },
                { 'a.polity': 'role regulates exclusive\nmandate m\ninstitution A { regulates m }' }
            )
        ).toEqual([]);
    });

    it('pairs repeated claims by period: the unchanged one cancels, the other is changed', async () => {
        expect(
            await changes(
                { 'a.polity': 'mandate m\ninstitution A { leads m until 2010\n leads m since 2015 }' },
                { 'a.polity': 'mandate m\ninstitution A { leads m until 2010\n leads m since 2016 }' }
            )
        ).toEqual(['changed competences A leads m | period: 2015 – present → 2016 – present']);
    });

    it('compares declarations attribute by attribute: mandates, sources, kinds, relation kinds and views', async () => {
        expect(
            await changes(
                {
                    'a.polity':
                        'source s "Report"\nkind k in state\nrelation r\nmandate p\nmandate m "M"\nview v { include *\n at 2019 }\ninstitution A { kind k leads m [s]\n r A }'
                },
                {
                    'a.polity':
                        'source s "Report" { url "https://example.org" }\nkind k in party\nrelation r hierarchical\nmandate p { mandate m "M" }\nview v { include mandate m\n at 2020 }\ninstitution A { kind k leads m [s]\n r A }'
                }
            )
        ).toEqual([
            'changed mandates m | parent:  → p',
            'changed sources s | url:  → https://example.org',
            'changed kinds k | sphere: state → party',
            'changed relation kinds r | hierarchical: no → yes',
            'changed views v | rules: include * → include mandate m | at: 2019 → 2020'
        ]);
    });

    it('reports disputes and relations by what they say, whatever the order of the parties', async () => {
        expect(
            await changes(
                {
                    'a.polity':
                        'mandate m\ninstitution A { leads m }\ninstitution B { leads m }\ndispute m between A, B\nA advises B since 2001'
                },
                {
                    'a.polity':
                        'mandate m\ninstitution A { leads m }\ninstitution B { leads m }\ndispute m between B, A "noted"\nA advises B since 2002'
                }
            )
        ).toEqual([
            'changed relations A polity.advises B | period: 2001 – present → 2002 – present',
            'changed disputes m between A, B | finding:  → noted'
        ]);
    });

    it('compares 0.2 facts: kinds over time, mandates in several trees, except, hedged relations, upward kinds', async () => {
        expect(
            await changes(
                {
                    'a.polity':
                        'mandate e\nmandate t\nmandate p within e\nmandate q within p\nrelation r hierarchical\n' +
                        'institution A { kind agency\n leads p }\ninstitution B { r A }'
                },
                {
                    'a.polity':
                        'mandate e\nmandate t\nmandate p within e, t\nmandate q within p\nrelation r hierarchical upward\n' +
                        'institution A { kind agency until 2003\n kind ministry since 2003\n leads p except q }\ninstitution B { allegedly r A }'
                }
            )
        ).toEqual([
            'changed institutions A | kind: agency → agency until 2003; ministry 2003 – present',
            'changed mandates p | parent: e → e, t',
            'changed relation kinds r | upward: no → yes',
            'changed competences A leads p | except:  → q',
            'changed relations B r A | certainty: asserted → allegedly'
        ]);
    });
});
