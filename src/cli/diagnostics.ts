import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Finding, Range, Severity } from '../model/types.js';
import { compareText } from '../model/order.js';
import { printable } from '../text/terminal.js';

export interface ReportedDiagnostic {
    file: string;
    range: Range;
    severity: Severity;
    code: string;
    message: string;
    related: { file: string; range: Range; message: string }[];
}

/** `path:line:col` of a reported place, 1-based like every compiler, the path safe to print in a terminal. */
export function printedPlace(place: { file: string; range: Range }): string {
    return `${printable(place.file)}:${place.range.start.line + 1}:${place.range.start.character + 1}`;
}

export interface Summary {
    errors: number;
    warnings: number;
    infos: number;
    hints: number;
    files: number;
}

const SEVERITIES: Record<DiagnosticSeverity, Severity> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

/** A document's path as the user would type it: relative to the working folder when inside it. */
export function displayPath(uri: string): string {
    return displayFile(URI.parse(uri).fsPath);
}

/** A file's path as the user would type it, like `displayPath`. */
export function displayFile(file: string): string {
    const absolute = path.resolve(file);
    const relative = path.relative(process.cwd(), absolute);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

/** Every document's diagnostics as plain records, sorted by file and position. */
export function collectDiagnostics(documents: LangiumDocument[]): ReportedDiagnostic[] {
    return reportByFile(
        documents.map(document => ({ uri: document.uri.toString(), diagnostics: document.diagnostics ?? [], findings: [] }))
    );
}

/** What one file reports: Langium's diagnostics, and workspace-wide findings that did not go through Langium (src/cli/batch.ts). */
export interface FileReport {
    uri: string;
    diagnostics: readonly Diagnostic[];
    findings: readonly Finding[];
}

/**
 * The files' diagnostics and findings as plain records, sorted by file and position.
 * The files are sorted once, then each file's diagnostics by position alone:
 * a conflict-heavy workspace has tens of thousands, and comparing their paths
 * (and resolving each path again) was a good part of `polity check`.
 */
export function reportByFile(files: readonly FileReport[]): ReportedDiagnostic[] {
    const pathOf = displayPaths();
    const named = files.map(report => ({ report, file: pathOf(report.uri) })).sort((a, b) => compareText(a.file, b.file));
    const result: ReportedDiagnostic[] = [];
    for (const { report, file } of named) {
        const reported = report.diagnostics.map(d => toReported(file, d, pathOf));
        for (const finding of report.findings) reported.push(findingReported(file, finding, pathOf));
        for (const d of reported.sort(byPosition)) result.push(d);
    }
    return result;
}

function byPosition(a: ReportedDiagnostic, b: ReportedDiagnostic): number {
    return (
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character ||
        compareText(a.code, b.code) ||
        compareText(a.message, b.message)
    );
}

/** `displayPath`, remembered per URI: the related places of many findings are in a few files. */
function displayPaths(): (uri: string) => string {
    const known = new Map<string, string>();
    return uri => {
        let file = known.get(uri);
        if (file === undefined) {
            file = displayPath(uri);
            known.set(uri, file);
        }
        return file;
    };
}

export function toReported(file: string, d: Diagnostic, pathOf: (uri: string) => string = displayPath): ReportedDiagnostic {
    return {
        file,
        range: d.range,
        severity: SEVERITIES[d.severity ?? 1],
        code: String(d.code ?? 'syntax'),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        related: (d.relatedInformation ?? []).map(r => ({ file: pathOf(r.location.uri), range: r.location.range, message: r.message }))
    };
}

/** A workspace-wide finding as the record its Langium diagnostic would give (validator.ts). */
function findingReported(file: string, finding: Finding, pathOf: (uri: string) => string): ReportedDiagnostic {
    return {
        file,
        range: finding.loc.range,
        severity: finding.severity,
        code: finding.code,
        message: finding.message,
        related: finding.related.map(r => ({ file: pathOf(r.loc.uri), range: r.loc.range, message: r.message }))
    };
}

export function summarize(diagnostics: ReportedDiagnostic[], files: number): Summary {
    const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const d of diagnostics) counts[d.severity]++;
    return { errors: counts.error, warnings: counts.warning, infos: counts.information, hints: counts.hint, files };
}

export function summaryLine(summary: Summary): string {
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const parts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning'), plural(summary.infos, 'info')];
    if (summary.hints > 0) parts.push(plural(summary.hints, 'hint'));
    return `${parts.join(', ')} in ${plural(summary.files, 'file')}`;
}
