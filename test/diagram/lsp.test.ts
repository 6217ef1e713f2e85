import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    type DiagramFailure,
    type DiagramParams,
    type DiagramResult,
    type DiagramSuccess,
    type ModelChangedParams
} from '../../src/diagram/protocol.js';
import { DiagramRequest, ModelChangedNotification } from '../../src/language/protocol.js';
import { defined } from '../helpers.js';
import { fileDocument, positionOf, startBundledServer, tempCopy, type LspSession } from '../support/lsp-client.js';

describe('polity/diagram over stdio, on a copy of the flagship example', () => {
    let session: LspSession;
    let folder: { dir: string; remove: () => void };
    const changes: ModelChangedParams[] = [];
    const file = (name: string) => fileDocument(path.join(folder.dir, name));
    const diagram = (params: DiagramParams) => session.request<DiagramResult>(DiagramRequest.method, params, 30_000);

    beforeAll(async () => {
        folder = tempCopy('examples/china-cyber');
        session = startBundledServer();
        session.connection.onNotification(ModelChangedNotification, (params: ModelChangedParams) => {
            changes.push(params);
        });
        await session.initialize(folder.dir);
        const state = file('state.polity');
        await session.open(state.uri, state.text);
        await session.nextDiagnostics(state.uri);
    }, 60_000);

    afterAll(async () => {
        await session?.stop();
        folder?.remove();
    });

    it("answers with the view's SVG, its source map, the model's views and its dates", async () => {
        const state = file('state.polity');
        const result = (await diagram({ uri: state.uri, view: 'overview' })) as DiagramSuccess;
        expect(result.svg).toContain('<g id="institution:china.cyber.CAC" class="node');
        expect(result.title).toBe("China's cyber governance system in 2020");
        expect(result.at).toBe('2020');
        expect(result.views.map(v => v.name)).toEqual([
            'overview',
            'before-2014',
            'cii-turf',
            'data-turf',
            'content-turf',
            'cac',
            'security-services',
            'personnel',
            'personnel-2014',
            'cac-zh'
        ]);
        expect(result.views[0]?.title).toBe("China's cyber governance system in 2020");
        expect(result.dates.min && result.dates.max && result.dates.min < result.dates.max).toBe(true);
        // The slider reaches today, past the model's last dated fact.
        expect(result.dates.max).toBe(new Date().toISOString().slice(0, 10));
        expect(result.names['institution:china.cyber.CAC']).toEqual([
            'CAC',
            'Cyberspace Administration of China / Office of the Central Commission for Cybersecurity and Informatization',
            'Cyberspace Administration of China',
            'State Internet Information Office (SIIO)',
            'Guojia hulianwang xinxi bangongshi'
        ]);
        expect(result.links).toContainEqual({
            id: 'relation:china.cyber.CAC:polity.oversees:china.cyber.CNNIC',
            from: 'institution:china.cyber.CAC',
            to: 'institution:china.cyber.CNNIC',
            hierarchy: true,
            relation: 'oversees'
        });
        expect(result.legend.map(item => item.label)).toContain('office-of');
        const cac = defined(result.sources['institution:china.cyber.CAC'], "the CAC's source");
        expect(cac.uri).toBe(state.uri);
        const line = state.text.split('\n')[cac.range.start.line] ?? '';
        expect(line.slice(cac.range.start.character, cac.range.end.character)).toBe('CAC');
        expect(result.details['institution:china.cyber.CAC']?.heading).toBe(
            'CAC — Cyberspace Administration of China / Office of the Central Commission for Cybersecurity and Informatization'
        );
    });

    it('replays the past: at 2013 MIIT oversees CNCERT/CC and CAS oversees CNNIC', async () => {
        const result = (await diagram({ uri: file('relations.polity').uri, view: 'overview', at: '2013' })) as DiagramSuccess;
        expect(result.at).toBe('2013');
        const ids = Object.keys(result.sources);
        expect(ids).toContain('relation:china.cyber.MIIT:polity.oversees:china.cyber.CNCERT');
        expect(ids).toContain('relation:china.cyber.CAS:polity.oversees:china.cyber.CNNIC');
        expect(ids).not.toContain('relation:china.cyber.CAC:polity.oversees:china.cyber.CNNIC');
    });

    it('answers an unknown view or a bad date with an error that says what exists', async () => {
        const uri = file('state.polity').uri;
        const view = (await diagram({ uri, view: 'nope' })) as DiagramFailure;
        expect(view.error).toBe(
            "unknown view 'nope'; the views are: overview, before-2014, cii-turf, data-turf, content-turf, cac, security-services, personnel, personnel-2014, cac-zh"
        );
        expect(view.views).toHaveLength(10);
        expect(((await diagram({ uri, at: '2014-13' })) as DiagramFailure).error).toBe(
            "'2014-13' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"
        );
    });

    it('notifies after each build; an edit shows in the next diagram, and an error gives an error result', async () => {
        const views = file('views.polity');
        await session.open(views.uri, views.text);
        const before = changes.length;
        const extra = `${views.text}\ninstitution NewBody "A Body Added While Typing" { kind agency }\n`;
        await session.change(views.uri, extra);
        await waitUntil(() => changes.slice(before).some(c => c.uris.includes(views.uri)));
        const added = (await diagram({ uri: views.uri, view: 'overview' })) as DiagramSuccess;
        expect(added.svg).toContain('A Body Added While Typing');

        await session.change(views.uri, `${extra}institution Broken { leads no-such-mandate }\n`);
        const broken = (await diagram({ uri: views.uri, view: 'overview' })) as DiagramFailure;
        expect(broken.error).toMatch(/^The model has 1 error: views\.polity:\d+: /);
        expect(broken.views).toHaveLength(10);
        // Which date the picture would show: the view's own, or the one asked for.
        expect(broken.at).toBe('2020');
        expect(((await diagram({ uri: views.uri, view: 'overview', at: '2013' })) as DiagramFailure).at).toBe('2013');
        expect(((await diagram({ uri: views.uri })) as DiagramFailure).at).toBe(new Date().toISOString().slice(0, 10));
        await session.change(views.uri, views.text);
    });

    it('notifies once per edit, also when the edit changes findings in other files and they are validated again', async () => {
        const state = file('state.polity');
        // A typo in a claim: the conflict it took part in, reported in other files too, goes.
        const typo = positionOf(state.text, 'leads cii since 2016', 'leads cii'.length);
        await session.settle();
        const before = changes.length;
        await session.edit(state.uri, { start: typo, end: typo }, 'x');
        await waitUntil(() => changes.length > before);
        expect(((await diagram({ uri: state.uri })) as DiagramFailure).error).toMatch(/ciix/);
        await session.settle();
        const told = changes.slice(before);
        expect(told).toHaveLength(1);
        // After both builds: the edited file and the one where the conflict's finding went.
        expect(told[0]?.uris).toEqual(expect.arrayContaining([state.uri, file('disputes.polity').uri]));
        await session.change(state.uri, state.text);
        await session.settle();
    });

    it('answers "unchanged" to a request naming the picture it would send again, as after a typo and its quick fix', async () => {
        const state = file('state.polity');
        const first = (await diagram({ uri: state.uri, charts: true })) as DiagramSuccess;
        expect(first.digest).toMatch(/^[\w-]{43}$/);
        expect(await diagram({ uri: state.uri, charts: true, shown: first.digest })).toEqual({ unchanged: first.digest });

        const typo = positionOf(state.text, 'leads cii since 2016', 'leads cii'.length);
        await session.edit(state.uri, { start: typo, end: typo }, 'x');
        expect(await diagram({ uri: state.uri, charts: true, shown: first.digest })).toHaveProperty('error');
        // The quick fix: the typed letter goes, and the picture is the one shown under the error's notice.
        await session.edit(state.uri, { start: typo, end: { line: typo.line, character: typo.character + 1 } }, '');
        expect(await diagram({ uri: state.uri, charts: true, shown: first.digest })).toEqual({ unchanged: first.digest });
        // Another date is another picture, sent whole.
        const past = (await diagram({ uri: state.uri, charts: true, at: '2013', shown: first.digest })) as DiagramSuccess;
        expect(past.svg).toContain('<svg');
        expect(past.digest).not.toBe(first.digest);
    });
});

async function waitUntil(test: () => boolean, timeout = 20_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!test()) {
        if (Date.now() > deadline) throw new Error(`condition not met within ${timeout} ms`);
        await new Promise(resolve => setTimeout(resolve, 50));
    }
}
