import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../src/cli/formats/github.js';
import { CHECKS } from '../../src/model/checks/index.js';
import { runCli } from '../cli/run-cli.js';
import { TempDir } from './repo.js';
import { sarifSchema } from './schema.js';

/** One finding of several kinds: a conflict (with related information), a duplicate, an unresolved name, a syntax error, an unused mandate. */
const FILES = {
    'm/a.polity': 'mandate cii\nmandate spare\ninstitution CAC { leads cii since 2016 }\ninstitution CAC\n',
    'm/b,c:d.polity': 'institution MPS { kind ministri\n  leads cii }\ninstitution X {\n'
};

let folder: TempDir;
beforeAll(() => {
    folder = new TempDir();
    folder.write(FILES);
});
afterAll(() => folder.dispose());

interface SarifResult {
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
    relatedLocations?: { id: number; message: { text: string }; physicalLocation: { artifactLocation: { uri: string } } }[];
}

describe('polity check --format sarif', () => {
    it('writes a SARIF 2.1.0 log that the official schema accepts, with every check as a rule', () => {
        const r = runCli(['check', 'm', '--format', 'sarif'], { cwd: folder.dir });
        expect(r.status).toBe(1);
        const log = JSON.parse(r.stdout);
        const validate = sarifSchema();
        expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).not.toEqual([]);
        expect(validate(log)).toEqual([]);
        expect(log.version).toBe('2.1.0');
        expect(log.$schema).toMatch(/sarif-2\.1\.0/);
        expect(log.runs).toHaveLength(1);
        const driver = log.runs[0].tool.driver;
        expect(driver.name).toBe('polity');
        expect(driver.informationUri).toMatch(/^https:\/\//);
        const rules = driver.rules as { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[];
        expect(rules.map(rule => rule.id)).toEqual(Object.keys(CHECKS));
        expect(rules.find(rule => rule.id === 'conflict')).toEqual({
            id: 'conflict',
            shortDescription: { text: CHECKS.conflict.description },
            defaultConfiguration: { level: 'warning' }
        });
        expect(rules.find(rule => rule.id === 'unused')!.defaultConfiguration.level).toBe('note');

        const results = log.runs[0].results as SarifResult[];
        expect(results.map(x => x.ruleId).sort()).toEqual([
            'conflict',
            'conflict',
            'duplicate',
            'duplicate',
            'syntax',
            'unresolved',
            'unused'
        ]);
        for (const result of results) {
            expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
            expect(result.locations).toHaveLength(1);
        }
        const conflict = results.find(
            x => x.ruleId === 'conflict' && x.locations[0]?.physicalLocation.artifactLocation.uri === 'm/a.polity'
        )!;
        expect(conflict.level).toBe('warning');
        expect(conflict.message.text).toMatch(/^CAC and MPS both lead 'cii' \(2016 – present\)/);
        expect(conflict.locations[0]?.physicalLocation).toEqual({
            artifactLocation: { uri: 'm/a.polity', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 25, endLine: 3, endColumn: 28 }
        });
        // The file name's comma and colon are legal in a path, and percent-encoded in a URI.
        expect(conflict.relatedLocations).toEqual([
            {
                id: 1,
                message: { text: "the other claim: MPS leads 'cii'" },
                physicalLocation: {
                    artifactLocation: { uri: 'm/b%2Cc%3Ad.polity', uriBaseId: '%SRCROOT%' },
                    region: { startLine: 2, startColumn: 9, endLine: 2, endColumn: 12 }
                }
            }
        ]);
        expect(results.find(x => x.ruleId === 'unused')!.level).toBe('note');
    });
});

describe('polity check --format github', () => {
    it('writes one workflow command per diagnostic, escaped as the runner reads them', () => {
        const r = runCli(['check', 'm', '--format', 'github'], { cwd: folder.dir });
        expect(r.status).toBe(1);
        const lines = r.stdout.trim().split('\n');
        expect(lines.at(-1)).toBe('4 errors, 2 warnings, 0 infos, 1 hint in 2 files');
        const commands = lines.slice(0, -1);
        expect(commands).toHaveLength(7);
        expect(commands).toContain(
            '::notice file=m/a.polity,line=2,col=9,endLine=2,endColumn=14,title=polity [unused]::' +
                "Mandate 'spare' is declared but nothing uses it."
        );
        expect(commands).toContain(
            '::warning file=m/a.polity,line=3,col=25,endLine=3,endColumn=28,title=polity [conflict]::' +
                "CAC and MPS both lead 'cii' (2016 – present). Record it as a dispute if the overlap is real, name the other in 'with' if the responsibility is joint, or make the claim 'reportedly' if the source only suggests it." +
                "%0Am/b,c:d.polity:2:9: the other claim: MPS leads 'cii'"
        );
        expect(commands).toContain(
            '::error file=m/b%2Cc%3Ad.polity,line=1,col=24,endLine=1,endColumn=32,title=polity [unresolved]::' +
                "Unknown kind 'ministri'. Did you mean 'ministry'?"
        );
        for (const command of commands)
            expect(command).toMatch(
                /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=polity \[[a-z-]+\]::[^\n]+$/
            );
    });

    it('escapes %, CR and LF in messages, and also : and , in properties', () => {
        expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
        expect(escapeProperty('a%b\nc:d,e')).toBe('a%25b%0Ac%3Ad%2Ce');
    });
});
