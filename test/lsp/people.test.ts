import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
    CompletionRequest,
    DefinitionRequest,
    HoverRequest,
    ReferencesRequest,
    RenameRequest,
    WorkspaceSymbolRequest,
    type CompletionList,
    type Hover,
    type Location,
    type LocationLink,
    type MarkupContent,
    type WorkspaceEdit,
    type WorkspaceSymbol
} from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { positionOf, startBundledServer, type LspSession } from '../support/lsp-client.js';

/**
 * People and posts through the language server over stdio, in a workspace of
 * two files: the institutions in one, a person's posts in the other. Editing
 * a post's dates in one file changes what hover says of the institutions in
 * the other: concurrent posts are derived, not stored.
 */
const BODIES = `institution CAC "Cyberspace Administration of China" {
  name zh "国家互联网信息办公室"
  formerly "State Internet Information Office" until 2014
  id wikidata "Q5200003"
}
institution CPD "Central Propaganda Department"
`;
const person = (cpd: string) => `person LuWei "Lu Wei" {
  name zh "鲁炜"
  holds director of CAC from 2013 to 2016
  holds vice-director of CPD ${cpd}
}
person XuLin "Xu Lin" { holds director of CAC from 2016 to 2018 }
`;

describe('people and posts over stdio', () => {
    let session: LspSession;
    let dir: string;
    const uri = (name: string) => pathToFileURL(path.join(dir, name)).toString();
    let people = person('from 2014 to 2016');

    beforeAll(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'polity-people-'));
        fs.writeFileSync(path.join(dir, 'bodies.polity'), BODIES);
        fs.writeFileSync(path.join(dir, 'people.polity'), people);
        session = startBundledServer();
        await session.initialize(dir);
        await session.open(uri('bodies.polity'), BODIES);
        await session.open(uri('people.polity'), people);
        await session.settle();
    }, 60_000);

    afterAll(async () => {
        await session?.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    const request = <R>(method: string, params: unknown) => session.request<R>(method, params, 20_000);
    const at = (name: string, text: string, needle: string, offset = 0) => ({
        textDocument: { uri: uri(name) },
        position: positionOf(text, needle, offset)
    });
    const hover = async (needle: string) =>
        ((await request<Hover>(HoverRequest.method, at('bodies.polity', BODIES, needle, 1))).contents as MarkupContent).value;

    it('hover on an institution lists who held its posts, its names and identifiers, and the concurrent posts', async () => {
        const text = await hover('CPD "');
        expect(text).toContain('**Held before**\n- Lu Wei: vice-director (2014 – 2016)');
        expect(text).toContain('**Concurrent posts**\n- Lu Wei: director of CAC and vice-director of CPD (2014 – 2016)');
        const cac = await hover('CAC "');
        expect(cac).toContain('- Lu Wei: director (2013 – 2016)\n- Xu Lin: director (2016 – 2018)');
        expect(cac).toContain('Names: zh *国家互联网信息办公室*');
        expect(cac).toContain('Identifiers: wikidata [Q5200003](https://www.wikidata.org/wiki/Q5200003)');
    });

    it("concurrent posts appear and disappear as a post's dates are edited in the other file", async () => {
        people = person('from 2016 to 2017');
        await session.change(uri('people.polity'), people);
        await session.settle();
        expect(await hover('CPD "')).not.toContain('Concurrent posts');
        expect(await hover('CAC "')).not.toContain('Concurrent posts');
        people = person('from 2015 to 2017');
        await session.change(uri('people.polity'), people);
        await session.settle();
        expect(await hover('CAC "')).toContain('**Concurrent posts**\n- Lu Wei: director of CAC and vice-director of CPD (2015 – 2016)');
    });

    it('hover on a person lists their posts; on a post, whether it is single and who holds it', async () => {
        const onPerson = ((await request<Hover>(HoverRequest.method, at('people.polity', people, 'LuWei', 1))).contents as MarkupContent)
            .value;
        expect(onPerson).toContain('**Posts**\n- director of CAC (2013 – 2016)\n- vice-director of CPD (2015 – 2017)');
        const onPost = (
            (await request<Hover>(HoverRequest.method, at('people.polity', people, 'director of CAC', 1))).contents as MarkupContent
        ).value;
        expect(onPost).toContain('Post, single: one holder at a time in each institution · built in');
        expect(onPost).toContain('- Xu Lin, CAC (2016 – 2018)');
    });

    it('completes posts after holds, and goes to, finds and renames a post and a person', async () => {
        const list = await request<CompletionList>(CompletionRequest.method, at('people.polity', people, 'director of CAC', 2));
        // After `holds di`: posts only, not the institutions of the workspace.
        expect(list.items.map(i => i.label)).toEqual(expect.arrayContaining(['director', 'deputy-director']));
        expect(list.items.map(i => i.label)).not.toContain('CAC');
        const definition = await request<LocationLink[] | Location[]>(DefinitionRequest.method, at('people.polity', people, 'CPD', 1));
        const target = definition.map(d => ('targetUri' in d ? d.targetUri : d.uri));
        expect(target).toEqual([uri('bodies.polity')]);
        const references = await request<Location[]>(ReferencesRequest.method, {
            ...at('bodies.polity', BODIES, 'CAC "', 1),
            context: { includeDeclaration: false }
        });
        expect(references.filter(r => r.uri === uri('people.polity'))).toHaveLength(2);
        const edit = await request<WorkspaceEdit>(RenameRequest.method, {
            ...at('bodies.polity', BODIES, 'CPD "', 1),
            newName: 'Propaganda'
        });
        expect(Object.keys(edit.changes ?? {}).sort()).toEqual([uri('bodies.polity'), uri('people.polity')].sort());
    });

    it('workspace symbols find a person by their name in another language, an institution by its former name', async () => {
        const found = await request<WorkspaceSymbol[]>(WorkspaceSymbolRequest.method, { query: '鲁炜' });
        expect(found.map(s => s.name)).toEqual(['LuWei — Lu Wei (zh 鲁炜)']);
        const byPlaque = await request<WorkspaceSymbol[]>(WorkspaceSymbolRequest.method, { query: 'State Internet' });
        expect(byPlaque.map(s => s.name)).toEqual([
            'CAC — Cyberspace Administration of China (formerly State Internet Information Office)'
        ]);
    });
});
