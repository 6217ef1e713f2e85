import { expectHover } from 'langium/test';
import { beforeEach, describe, expect, it } from 'vitest';
import { createServices, TestWorkspace } from '../helpers.js';
import { FIRST_MODEL, mark } from './fixtures.js';

let services: ReturnType<typeof createServices>;
beforeEach(() => {
    services = createServices();
});

/** Expects the hover at `<|>` to be `expected`, or none when it is undefined. */
const hover = (text: string, expected?: string | RegExp) =>
    expectHover(services.Polity)({ text, index: 0, hover: expected, disposeAfterCheck: true });

const CAC = `**CAC** — Cyberspace Administration of China

The cyberspace regulator.

administration (state) · 2011 – present

Formerly *State Internet Information Office* (until 2014)

**Competences**
- leads \`content\` (2014 – present)
- leads \`cii\` (2016 – present)
- leads \`personal-data\`
- shares \`data\` with MPS

**Relations**
- CAC is the office of CCCI (2014 – present)
- CAC oversees TC260 (2015 – present)

**Sources**
- creemers2021: Rogier Creemers, China's Cyber Governance Institutions, LeidenAsiaCentre, 2021 — “p. 5”, “p. 4”, “p. 6”`;

describe('hover', () => {
    it('describes an institution: title, documentation, kind, lifetime, former names, competences, relations, sources', async () => {
        await hover(mark('CAC "Cyber'), CAC);
    });

    it('shows the same on a reference as on the declaration', async () => {
        await hover(mark('CAC oversees TC260', 0, 1), CAC);
        await hover(mark('CAC, MPS [', 0, 2), CAC);
    });

    it('describes a mandate: who leads, coordinates it, and its conflicts', async () => {
        await hover(
            mark('cii "Critical'),
            `**cii** — Critical information infrastructure protection

- Led by: CAC (2016 – present), MPS
- Coordinated by: CCCI

**Conflicts**
- CAC and MPS both lead 'cii' (2016 – present) — recorded as a dispute`
        );
    });

    it('describes a nested mandate, the shares on it, and conflicts not yet recorded', async () => {
        const text = FIRST_MODEL.replace('leads personal-data', 'leads personal-data since 2020').replace(
            'shares data with CAC',
            'shares data with MIIT'
        );
        await hover(
            mark('data "Data', 0, 0, text),
            /^\*\*data\*\* — Data security\n\nIncludes `personal-data`\n\n- Shared by: CAC with MPS, MPS with MIIT\n- Coordinated by: CCCI\n\n\*\*Conflicts\*\*\n- CAC leads 'personal-data' and MPS shares 'data'/
        );
        await hover(
            mark('personal-data "', 0, 0, text),
            /Part of `data`\n\n- Led by: CAC \(2020 – present\)\n\n\*\*Conflicts\*\*\n- CAC leads 'personal-data' and MPS shares 'data'.*\(2020 – present\)$/
        );
    });

    it('describes a unit with its parent, through either segment of a qualified name', async () => {
        const bureau =
            /^\*\*MPS\.Bureau11\*\* — Cybersecurity Protection Bureau\n\n1983 – present · unit of MPS\n\nFormerly \*Computer Management and Supervision Bureau\*\n\n\*\*Relations\*\*\n- MPS oversees MPS\.Bureau11$/;
        await hover(mark('MPS.Bureau11', 0, 5), bureau);
        await hover(mark('Bureau11 "'), bureau);
        await hover(
            mark('MPS.Bureau11', 0, 1),
            /^\*\*MPS\*\* — Ministry of Public Security\n\nministry \(state\)\n[\s\S]*\*\*Units\*\*: MPS\.Bureau11$/
        );
    });

    it('describes a source, a kind and a relation kind', async () => {
        await hover(
            mark('creemers2021 "p. 3"'),
            `**creemers2021** — Rogier Creemers, China's Cyber Governance Institutions, LeidenAsiaCentre, 2021

<https://example.org/creemers2021>

Cited 5 times.`
        );
        await hover(
            mark('ministry', 0, 2),
            `**ministry** — Ministry

Institution kind in the state sphere · built in

Used by MPS, MIIT`
        );
        await hover(
            mark('oversees TC260 from'),
            `**oversees** — oversees

Relation kind, hierarchical: its relations may not form cycles · built in

3 relations of this kind.`
        );
    });

    it('describes a role on its use: what it means and whether claims of it conflict', async () => {
        await hover(
            mark('leads content'),
            '**leads** — Primary responsibility\n\nCompetence role, exclusive: two institutions claiming it on one mandate at one time conflict · built in\n\n6 claims of this role.'
        );
    });

    it('says nothing on keywords, dates and comments', async () => {
        await hover(mark('shares data'));
        await hover(mark('2014\n  formerly'));
        await hover(mark('turf overlap'));
    });

    it('shows structure over time: kinds with their periods, where a body sat and what sat in it, hedges kept', async () => {
        const text = `kind leading-group "Leading group" party
kind commission "Commission" party
institution CCCI {
  kind leading-group until 2018
  kind commission since 2018
}
institution MIIT
institution CAC
institution Dept
Dept part-of MIIT until 2014
Dept reportedly part-of CAC since 2014
CAC oversees Dept since 2014
`;
        await hover(
            mark('CCCI {', 0, 0, text),
            /^\*\*CCCI\*\*\n\nleading-group \(party\) \(until 2018\) · commission \(party\) \(2018 – present\)$/
        );
        await hover(
            mark('Dept\nDept', 0, 0, text),
            /\*\*Part of\*\*\n- MIIT \(until 2014\)\n- reportedly CAC \(2014 – present\)\n\n\*\*Relations\*\*\n- CAC oversees Dept \(2014 – present\)$/
        );
        await hover(
            mark('CAC\ninstitution Dept', 0, 0, text),
            /\*\*Members\*\*\n- reportedly Dept \(2014 – present\)\n\n\*\*Relations\*\*\n- CAC oversees Dept/
        );
    });

    it('follows references into other files of the model', async () => {
        const ws = new TestWorkspace();
        await ws.open({
            'mandates.polity': 'model m\n/** Keeping networks up. */\nmandate cii "CII protection"',
            'a.polity': 'model m\ninstitution A "Agency A" { leads cii since 2016 }',
            'b.polity': 'model m\ninstitution B { leads cii }'
        });
        const document = ws.document('a.polity');
        const offset = document.textDocument.getText().indexOf('cii');
        const result = await ws.Polity.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() },
            position: document.textDocument.positionAt(offset)
        });
        expect(result?.contents).toEqual({
            kind: 'markdown',
            value: `**cii** — CII protection

Keeping networks up.

- Led by: A (2016 – present), B

**Conflicts**
- A and B both lead 'cii' (2016 – present)`
        });
    });
});
