import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/model/diff.js';
import { TestWorkspace } from '../helpers.js';

/** The diff of people, posts and names (Polity 0.2 §6–7): what an analyst needs to review. */
async function changes(before: string, after: string): Promise<string[]> {
    const model = async (text: string) => {
        const ws = new TestWorkspace();
        await ws.open({ 'a.polity': text });
        return ws.Polity.polity.WorkspaceModel.snapshot.model;
    };
    return diffModels(await model(before), await model(after)).changes.map(
        c => `${c.change} ${c.category} ${c.label}${c.fields.map(f => ` | ${f.field}: ${f.old ?? ''} → ${f.new ?? ''}`).join('')}`
    );
}

const BODIES = 'institution CAC "Cyberspace Administration of China"\ninstitution CPD\n';
const lu = (cpd: string) =>
    `${BODIES}person LuWei "Lu Wei" {\n  holds director of CAC from 2013 to 2016\n  holds vice-director of CPD ${cpd}\n}`;

describe('the diff of people and posts', () => {
    it("reports a post's new dates as a change, and the concurrent posts that appear or disappear with them", async () => {
        expect(await changes(lu('from 2016 to 2017'), lu('from 2014 to 2017'))).toEqual([
            'changed held posts Lu Wei holds vice-director of CPD | period: 2016 – 2017 → 2014 – 2017',
            'added concurrent posts Lu Wei: director of CAC and vice-director of CPD | period:  → 2014 – 2016'
        ]);
        expect(await changes(lu('from 2014 to 2017'), lu('from 2016 to 2017'))).toEqual([
            'changed held posts Lu Wei holds vice-director of CPD | period: 2014 – 2017 → 2016 – 2017',
            'removed concurrent posts Lu Wei: director of CAC and vice-director of CPD | period: 2014 – 2016 → '
        ]);
    });

    it('reports people, posts and certainty as they are added or changed', async () => {
        expect(
            await changes(`${BODIES}post envoy`, `${BODIES}post envoy single\nperson A "Ann" { reportedly holds envoy of CAC }`)
        ).toEqual([
            'changed posts envoy | single: no → yes',
            'added people A | title:  → Ann',
            // The label says how sure: `reportedly holds`.
            'added held posts Ann reportedly holds envoy of CAC | period:  → always'
        ]);
    });

    it("reports an institution's names, plaques, identifiers and facets, each as a field", async () => {
        const before = 'institution CAC { name zh "网信办"\n has rank "vice-ministerial" }';
        const after =
            'institution CAC { name zh "国家互联网信息办公室"\n plaque "Office of the CCAC" in party since 2014-02\n id wikidata "Q5200003"\n has rank "ministerial" since 2014 }';
        expect(await changes(before, after)).toEqual([
            'changed institutions CAC | name zh: "网信办" → "国家互联网信息办公室" | id wikidata:  → "Q5200003" | has rank: "vice-ministerial" → "ministerial" 2014 – present | plaques:  → "Office of the CCAC" in party 2014-02 – present'
        ]);
    });
});
