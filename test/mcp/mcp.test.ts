import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../cli/run-cli.js';
import { scaledTimeout } from '../fuzz/budget.js';

/** `polity mcp` as an assistant's client starts it: the built CLI over stdio, spoken to with the SDK's own client. */
async function connect(args: string[], cwd = REPO): Promise<Client> {
    const client = new Client({ name: 'polity-test', version: '1.0.0' });
    await client.connect(
        new StdioClientTransport({
            command: process.execPath,
            args: [path.join(REPO, 'bin/polity.js'), 'mcp', ...args],
            cwd,
            stderr: 'pipe'
        })
    );
    return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<{ text: string; isError: boolean }> {
    const result = (await client.callTool({ name, arguments: args })) as { content: { type: string; text: string }[]; isError?: boolean };
    return { text: result.content.map(c => c.text).join('\n'), isError: result.isError ?? false };
}

const TIMEOUT = scaledTimeout(60_000);

describe('polity mcp on the flagship', () => {
    let client: Client;
    beforeAll(async () => {
        client = await connect(['examples/china-cyber']);
    }, TIMEOUT);
    afterAll(async () => {
        await client?.close();
    });

    it('lists its tools, each with a description and an input schema', async () => {
        const { tools } = await client.listTools();
        expect(tools.map(t => t.name).sort()).toEqual([
            'describe_institution',
            'find_institutions',
            'list_findings',
            'oversight_path',
            'what_changed',
            'who_held',
            'who_held_post'
        ]);
        for (const tool of tools) {
            expect(tool.description).toBeTruthy();
            expect(tool.inputSchema.type).toBe('object');
        }
    });

    it('says who led critical information infrastructure protection in 2019, and which sections of the report say so', async () => {
        const { text, isError } = await call(client, 'who_held', { mandate: 'Critical information infrastructure protection', at: '2019' });
        expect(isError).toBe(false);
        expect(text).toContain(
            'CAC (Cyberspace Administration of China) leads cii (2016 – present); cited: [creemers2021 "The Cyberspace Administration of China"]'
        );
        expect(text).toContain('written at examples/china-cyber/state.polity:42');
        // MPS's claim is hedged in the model: the answer says so rather than asserting it.
        expect(text).toMatch(/MPS \(Ministry of Public Security\) reportedly leads cii \(by 2020\) — reported, not asserted/);
        expect(text).toContain("- creemers2021: Rogier Creemers, China's Cyber Governance Institutions");
    });

    it('finds the path of oversight from the CCCI to CNCERT/CC in 2019, each step cited', async () => {
        const { text } = await call(client, 'oversight_path', { from: 'CCCI', to: 'CNCERT', at: '2019' });
        expect(text).toContain('on 2019: CCCI → CAC → CNCERT');
        expect(text).toMatch(
            /1\. CAC is the office of CCCI \(2014-02 – present\); cited: \[creemers2021 "The Cyberspace Administration of China"\]/
        );
        expect(text).toMatch(/2\. CAC oversees CNCERT \(2018 – present\); cited: \[creemers2021 "CNCERT\/CC"\].*relations\.polity:63/);
        // In 2013 CNCERT/CC was under MIIT, and the CAC did not yet run it.
        const before = await call(client, 'oversight_path', { from: 'MIIT', to: 'CNCERT', at: '2013' });
        expect(before.text).toContain('on 2013: MIIT → CNCERT');
        expect((await call(client, 'oversight_path', { from: 'CCCI', to: 'CNCERT', at: '2013' })).text).toContain('none recorded');
    });

    it('says what changed between 2013 and 2019: CNCERT/CC moved from MIIT to the CAC, the CAC took over CII, the old groups were merged away', async () => {
        const { text } = await call(client, 'what_changed', { from: '2013', to: '2019' });
        expect(text).toMatch(/^What changed between 2013 and 2019 \(\d+ changes\):/);
        expect(text).toContain('- relations, removed: MIIT oversees CNCERT (period: until 2018); cited: [creemers2021 "CNCERT/CC"]');
        expect(text).toContain('- relations, added: CAC oversees CNCERT (period: 2018 – present); cited: [creemers2021 "CNCERT/CC"]');
        expect(text).toContain(
            '- competences, added: CAC leads cii (period: 2016 – present); cited: [creemers2021 "The Cyberspace Administration of China"]'
        );
        expect(text).toMatch(/- institutions, removed: SILG \(title: State Informatization Leading Group;/);
        // Views are not dated facts, and a unit comes with its parent.
        expect(text).not.toContain('views,');
        expect(text).not.toMatch(/CSAC\.\w+ \(parent: china\.cyber/);
    });

    it('describes the CAC as of 2019 with its competences, relations both ways and disputes, each cited', async () => {
        const { text } = await call(client, 'describe_institution', { institution: 'Cyberspace Administration of China', at: '2019' });
        expect(text).toMatch(/^CAC \(Cyberspace Administration of China\) as of 2019/);
        expect(text).toContain('- kind then: administration (sphere: state)');
        expect(text).toContain('- formerly "State Internet Information Office (SIIO)" until 2014');
        expect(text).toMatch(/- leads cii \(Critical information infrastructure protection\) \(2016 – present\); cited: \[creemers2021/);
        expect(text).toContain('- CAC is the office of CCCI');
        expect(text).toContain('- CAC oversees CNCERT');
        expect(text).not.toContain('MIIT oversees CNCERT');
        // Its posts then, each cited; Lu Wei had left by 2019.
        expect(text).toMatch(
            /Posts held then:\n(- .*\n)*- Wang Xiujun holds vice-director of CAC \(by 2019-12\) — possibly: the dates are uncertain; cited: \[creemers2021 "Cybersecurity Association of China"\]/
        );
        expect(text).not.toContain('- Lu Wei holds');
        expect((await call(client, 'describe_institution', { institution: 'CAC', at: '2014' })).text).toMatch(
            /- Lu Wei holds director of CAC \([^)]*\); cited: \[creemers2021 "The Cyberspace Administration of China"\]/
        );
    });

    it('finds institutions by part of a name, title or former name', async () => {
        expect((await call(client, 'find_institutions', { query: 'public security' })).text).toContain(
            '- MPS (Ministry of Public Security)'
        );
        expect((await call(client, 'find_institutions', { query: 'State Internet Information Office' })).text).toMatch(
            /1 institution match .*\n- CAC \(Cyberspace Administration of China\)/
        );
        expect((await call(client, 'find_institutions', { query: '网络安全管理局' })).text).toContain('MIIT.CMB');
    });

    it('lists conflicts, contests and disputes, filtered by mandate, institution and period', async () => {
        const cii = (await call(client, 'list_findings', { mandate: 'cii' })).text;
        expect(cii).toContain("conflict, recorded as a dispute: CAC leads 'cii' and MPS reportedly leads it");
        expect(cii).toContain('recorded dispute over cii');
        expect(cii).toContain('"The CSL created a separate CII protection system');
        const early = (await call(client, 'list_findings', { institution: 'CAC', to: '2014' })).text;
        expect(early).toContain("contest: CAC allegedly contested MPS's lead on 'mlps'");
        expect(early).not.toContain("'cii'");
    });

    it('says who held a post of an institution on a date, and which posts a person held, each cited', async () => {
        const director = await call(client, 'who_held_post', { institution: 'CAC', post: 'director', at: '2014' });
        expect(director.isError).toBe(false);
        expect(director.text).toMatch(
            /^Who held director \(Director\) of CAC \(Cyberspace Administration of China\) on 2014:\n- Lu Wei holds director of CAC \([^)]*2016\); cited: \[creemers2021 "The Cyberspace Administration of China"\]; written at examples\/china-cyber\/people\.polity:\d+\n/
        );
        // By the person: in 2017 Lu Wei held neither post; the answer still says what he held and when.
        const lu = await call(client, 'who_held_post', { person: 'Lu Wei', at: '2017' });
        expect(lu.text).toMatch(
            /^Posts held by LuWei \(Lu Wei\) on 2017:\nnone recorded then\.\nAt other dates:\n- Lu Wei holds director of CAC/
        );
        expect(lu.text).toContain('- Lu Wei holds vice-director of CPD');
        // A post known only to have been held by a date is possibly held earlier, and the answer says so.
        const before = await call(client, 'who_held_post', { institution: 'TC260', at: '2019' });
        expect(before.text).toMatch(
            /- Zhao Zeliang holds head of TC260 \(by 2020-11\) — possibly: the dates are uncertain; cited: \[creemers2021 "National Committee/
        );
        expect(await call(client, 'who_held_post', { post: 'director' })).toEqual({
            isError: true,
            text: 'name an institution (and a post of it, or none for all its posts) or a person'
        });
        const typo = await call(client, 'who_held_post', { institution: 'CAC', post: 'dirctor' });
        expect([typo.isError, typo.text]).toEqual([true, expect.stringContaining("no post is called 'dirctor'. Did you mean 'director'?")]);
    });

    it("cites every fact of every tool's answer: its sources with their locators, and where it is written", async () => {
        const calls: [string, Record<string, unknown>][] = [
            ['find_institutions', { query: 'cyber' }],
            ['describe_institution', { institution: 'CCCI', at: '2019' }],
            ['describe_institution', { institution: 'MSS.Bureau13', at: '2019' }],
            ['describe_institution', { institution: 'CAC', at: '2014' }],
            ['who_held', { mandate: 'cii', at: '2019' }],
            ['list_findings', {}],
            ['oversight_path', { from: 'CCCI', to: 'CNCERT', at: '2019' }],
            ['what_changed', { from: '2013', to: '2019' }],
            ['who_held_post', { institution: 'CAC', at: '2019' }],
            ['who_held_post', { person: 'Wu Shizhong' }]
        ];
        for (const [name, args] of calls) {
            const { text, isError } = await call(client, name, args);
            expect([name, isError]).toEqual([name, false]);
            const [facts = '', sources = ''] = text.split('\n\nSources:\n');
            const lines = facts.split('\n').filter(line => /^\s*(- |\d+\. )/.test(line) && !line.startsWith('- note: '));
            expect(lines.length, name).toBeGreaterThan(0);
            for (const line of lines)
                expect(line, name).toMatch(
                    /; (cited: (\[[^\]]+\] ?)+|no source cited); written at examples\/china-cyber\/\w+\.polity:\d+(;|$)/
                );
            // Each source cited is listed once at the end with its title.
            for (const source of new Set([...facts.matchAll(/\[(\w+) /g)].map(m => m[1])))
                expect(sources, name).toMatch(new RegExp(`^- ${source}: .+; declared at `, 'm'));
        }
        // A kind line's own citation, and a concurrent post's, are the evidence given.
        expect((await call(client, 'describe_institution', { institution: 'CCCI', at: '2019' })).text).toContain(
            '- kind then: party-commission (sphere: party); cited: [creemers2021 "The Central Commission for Cybersecurity and Informatization (CCCI)"]'
        );
        expect((await call(client, 'what_changed', { from: '2013', to: '2019' })).text).toMatch(
            /- concurrent posts, \w+: Wang Xiujun: [^\n]*; cited: \[creemers2021 "Cybersecurity Association of China"\]/
        );
        // "cyber" is in every key of the flagship (china.cyber.…): only names and titles are searched.
        expect((await call(client, 'find_institutions', { query: 'cyber' })).text).not.toContain('- MPS ');
    });

    it('answers a wrong name or date with a tool error that says what exists', async () => {
        const unknown = await call(client, 'describe_institution', { institution: 'CACX' });
        expect(unknown).toEqual({ isError: true, text: expect.stringContaining("no institution is called 'CACX'") });
        expect(unknown.text).toContain("Did you mean 'CAC'");
        // A person, a post or a mandate: an exact name first, else every name that contains it, listed when it may be several.
        expect(await call(client, 'who_held_post', { person: 'Wang' })).toEqual({
            isError: true,
            text: "'Wang' may be WangHuning, WangXiujun, WangYi; use one of these names"
        });
        expect(await call(client, 'who_held_post', { person: 'wang huning', at: '2019' })).toMatchObject({ isError: false });
        expect(await call(client, 'who_held', { mandate: 'content' })).toEqual({
            isError: true,
            text:
                "'content' may be media-content (Media content management), online-content (Online content management), " +
                'sector-content (Content of the press, television, film, cartoon and video gaming industries); use one of these names'
        });
        expect(await call(client, 'who_held_post', { person: 'Nobody' })).toEqual({ isError: true, text: "no person is called 'Nobody'." });
        const post = await call(client, 'who_held_post', { institution: 'CAC', post: 'zz' });
        expect([post.isError, post.text]).toEqual([
            true,
            expect.stringMatching(/^no post is called 'zz'\. The posts are: chief-executive, /)
        ]);
        const date = await call(client, 'who_held', { mandate: 'cii', at: '2019-13' });
        expect(date).toEqual({ isError: true, text: "'2019-13' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD" });
    });
});

describe('polity mcp while the model is edited', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'polity-mcp-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it(
        'answers from the files as they are now: an institution added to a file is found',
        async () => {
            cpSync(path.join(REPO, 'examples/tutorial'), dir, { recursive: true });
            const client = await connect(['.'], dir);
            try {
                expect((await call(client, 'find_institutions', { query: 'Zeppelin' })).text).toContain('No institution');
                const file = path.join(dir, 'tutorial.polity');
                writeFileSync(file, `${readFileSync(file, 'utf8')}\ninstitution Zeppelin "Zeppelin Oversight Board" {\n  kind agency\n}\n`);
                // The server reloads after a change; poll, bounded by a deadline scaled to the machine's load.
                const deadline = Date.now() + TIMEOUT;
                let text = '';
                while (Date.now() < deadline) {
                    text = (await call(client, 'find_institutions', { query: 'Zeppelin' })).text;
                    if (text.includes('Zeppelin Oversight Board')) break;
                    await new Promise(resolve => setTimeout(resolve, 100));
                }
                expect(text).toContain('- Zeppelin (Zeppelin Oversight Board)');
            } finally {
                await client.close();
            }
        },
        TIMEOUT * 2
    );
});
