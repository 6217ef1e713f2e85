import * as path from 'node:path';
import { URI } from 'langium';
import { CHECKS } from '../../model/checks/index.js';
import type { Range, Severity } from '../../model/types.js';
import type { ReportedDiagnostic } from '../diagnostics.js';

/** Where people learn what the rules mean; SARIF viewers link each rule to it. */
export const INFORMATION_URI = 'https://www.npmjs.com/package/polity';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * `polity check --format sarif`: one SARIF 2.1.0 run whose rules are the
 * check codes, for code-scanning dashboards. Paths stay relative to the
 * working folder (`%SRCROOT%`), so the report is the same on every machine.
 */
export function sarifLog(diagnostics: ReportedDiagnostic[], version: string): string {
    const codes = Object.keys(CHECKS);
    for (const d of diagnostics) if (!codes.includes(d.code)) codes.push(d.code);
    const rules = codes.map(code => {
        const check = CHECKS[code as keyof typeof CHECKS] as { severity: Severity; description: string } | undefined;
        return {
            id: code,
            shortDescription: { text: check?.description ?? `Polity diagnostic '${code}'.` },
            defaultConfiguration: { level: LEVELS[check?.severity ?? 'error'] }
        };
    });
    const results = diagnostics.map(d => ({
        ruleId: d.code,
        ruleIndex: codes.indexOf(d.code),
        level: LEVELS[d.severity],
        message: { text: d.message },
        locations: [location(d.file, d.range)],
        ...(d.related.length > 0
            ? {
                  relatedLocations: d.related.map((r, i) => ({ id: i + 1, ...location(r.file, r.range), message: { text: r.message } }))
              }
            : {})
    }));
    const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: 'polity', version, informationUri: INFORMATION_URI, rules } },
                columnKind: 'utf16CodeUnits',
                results
            }
        ]
    };
    return JSON.stringify(log, null, 2);
}

/** SARIF regions are 1-based with an exclusive end column, like LSP ranges shifted by one. */
function location(file: string, range: Range) {
    const artifactLocation = path.isAbsolute(file)
        ? { uri: URI.file(file).toString() }
        : { uri: file.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
    return {
        physicalLocation: {
            artifactLocation,
            region: {
                startLine: range.start.line + 1,
                startColumn: range.start.character + 1,
                endLine: range.end.line + 1,
                endColumn: range.end.character + 1
            }
        }
    };
}
