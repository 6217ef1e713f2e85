import { describe, expect, it } from 'vitest';
import { toDot } from '../../src/diagram/dot.js';
import { graphFor } from '../../src/diagram/request.js';
import { viewsOf } from '../../src/diagram/select.js';
import { exampleFiles, modelOf, SMALL, TODAY } from './helpers.js';

describe('DOT for the tutorial, pinned by file snapshots', async () => {
    const { model, conflicts } = await modelOf(exampleFiles('examples/tutorial'));
    const dot = (view?: string, at?: string) => toDot(graphFor(model, conflicts, { view, at, scope: 'tutorial', today: TODAY }));

    for (const view of viewsOf(model, 'tutorial')) {
        it(`view ${view.name}`, async () => {
            await expect(dot(view.name)).toMatchFileSnapshot(`__snapshots__/tutorial.${view.name}.dot`);
        });
    }

    it('the whole model in 2021, when the police and the regulator both led privacy', async () => {
        const text = dot(undefined, '2021');
        await expect(text).toMatchFileSnapshot('__snapshots__/tutorial.whole-2021.dot');
        expect(text).toMatch(
            /"institution:tutorial.DPA" -> "institution:tutorial.Police" \[id="dispute:tutorial.DPA:tutorial.Police", class="dispute", label="privacy"/
        );
    });
});

describe('DOT structure', () => {
    it('ranks oversight top down and lets every other relation follow the ranks', async () => {
        const { model, conflicts } = await modelOf({ 'm.polity': SMALL });
        const text = toDot(graphFor(model, conflicts, { at: '2020', scope: 't', today: TODAY }));
        const line = (id: string) => text.split('\n').find(l => l.includes(`[id="${id}"`)) ?? '';
        expect(line('relation:t.Party:polity.oversees:t.Min')).toMatch(/^ {2}"institution:t.Party" -> "institution:t.Min" /);
        expect(line('relation:t.Party:polity.oversees:t.Min')).not.toContain('constraint');
        expect(line('conflict:t.Min:t.Reg')).toContain('constraint=false');
        expect(line('conflict:t.Min:t.Reg')).toContain('style="dashed"');
        expect(line('conflict:t.Min:t.Reg')).toContain('color="#d62728"');
        expect(line('conflict:t.Min:t.Reg')).toContain('label="privacy"');
        expect(text).not.toMatch(/splines\s*=\s*"?ortho/);
        expect(text).toContain('fontname="Helvetica"');
    });

    it('escapes every string: quotes, backslashes, entities, markup, line breaks', async () => {
        const { model, conflicts } = await modelOf({
            'm.polity':
                'model x\ninstitution A "a \\"q\\" \\\\N &lt; <b>x</b> ]]>" { kind ministry }\nview v "T \\\\G & \\"" { include * }\n'
        });
        const text = toDot(graphFor(model, conflicts, { view: 'v', scope: 'x', today: TODAY }));
        expect(text).toContain('a &quot;q&quot; \\N &amp;lt; &lt;b&gt;x&lt;/b&gt; ]]&gt;');
        expect(text).toContain('<B>T \\G &amp; &quot;</B>');
    });

    it('is the same text for the same model', async () => {
        const first = await modelOf({ 'm.polity': SMALL });
        const second = await modelOf({ 'm.polity': SMALL });
        const dot = (m: typeof first) => toDot(graphFor(m.model, m.conflicts, { at: '2020', scope: 't', today: TODAY }));
        expect(dot(first)).toBe(dot(second));
    });
});
