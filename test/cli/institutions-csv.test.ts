import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'polity-institutions-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Facets that change over time, a facet named like a fixed column, text that must be quoted, and a body that ended. */
const MODEL = `model facets

institution CAC "Cyberspace Administration of China" {
  kind administration
  established 2011
  formerly "State Internet Information Office" until 2014
  has rank "vice-ministerial" until 2014
  has rank "ministerial" since 2014
  has headcount 1200
  has title "regulator"
  unit Office "General Office, \\"the\\" office" {
    has rank "bureau"
  }
}
institution Old "Old Group" {
  kind leading-group
  established 2000
  dissolved 2010
}
`;

function exportCsv(args: string[]): string[][] {
    const result = runCli(['export', dir, '--format', 'institutions-csv', ...args]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.endsWith('\r\n')).toBe(true);
    return result.stdout.slice(0, -2).split('\r\n').map(fields);
}

/** One record's fields (these have no line breaks inside quotes). */
function fields(line: string): string[] {
    const result: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quoted && c === '"' && line[i + 1] === '"') {
            field += '"';
            i++;
        } else if (c === '"') quoted = !quoted;
        else if (c === ',' && !quoted) {
            result.push(field);
            field = '';
        } else field += c;
    }
    return [...result, field];
}

describe('polity export --format institutions-csv', () => {
    writeFileSync(path.join(dir, 'm.polity'), MODEL);

    it('writes a record per institution with a column per facet key, each at the date asked', () => {
        const [header, ...rows] = exportCsv(['--at', '2012']);
        expect(header).toEqual([
            'institution',
            'name',
            'title',
            'kind',
            'sphere',
            'parent',
            'lifetime',
            'established',
            'dissolved',
            'rank',
            'headcount',
            'has title'
        ]);
        expect(rows).toEqual([
            [
                'CAC',
                'State Internet Information Office',
                'Cyberspace Administration of China',
                'administration',
                'state',
                '',
                '2011 – present',
                '2011',
                '',
                'vice-ministerial',
                '1200',
                'regulator'
            ],
            [
                'CAC.Office',
                'General Office, "the" office',
                'General Office, "the" office',
                '',
                '',
                'CAC',
                'always',
                '',
                '',
                'bureau',
                '',
                ''
            ]
        ]);
        expect(exportCsv(['--at', '2016'])[1]?.slice(9, 10)).toEqual(['ministerial']);
    });

    it('without --at gives every institution and the current value, the same bytes on every run', () => {
        const rows = exportCsv([]);
        expect(rows.map(r => r[0])).toEqual(['institution', 'CAC', 'CAC.Office', 'Old']);
        expect(rows[1]?.slice(9)).toEqual(['ministerial', '1200', 'regulator']);
        expect(rows[3]?.slice(6, 9)).toEqual(['2000 – 2010', '2000', '2010']);
        const once = runCli(['export', dir, '--format', 'institutions-csv']).stdout;
        expect(runCli(['export', dir, '--format', 'institutions-csv']).stdout).toBe(once);
    });

    it("names the flagship's institutions in Chinese with --lang zh, as they were called at the date", () => {
        const result = runCli(['export', 'examples/china-cyber', '--format', 'institutions-csv', '--at', '2012']);
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toContain('\r\nCAC,State Internet Information Office (SIIO),Cyberspace Administration of China,');
        const zh = runCli(['export', 'examples/china-cyber', '--format', 'institutions-csv', '--lang', 'zh']).stdout;
        expect(zh).toContain(
            '\r\nTC260,全国信息安全标准化技术委员会,National Committee for the Standardization of Information Security,committee,state,,'
        );
    });
});
