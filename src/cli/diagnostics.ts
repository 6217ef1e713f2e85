import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Range, Severity } from '../model/types.js';

export interface ReportedDiagnostic {
    file: string;
    range: Range;
    severity: Severity;
    code: string;
    message: string;
    related: { file: string; range: Range; message: string }[];
}

export interface Summary { errors: number; warnings: number; infos: number; hints: number; files: number }

const SEVERITIES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

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
    const result: ReportedDiagnostic[] = [];
    for (const document of documents) {
        for (const d of document.diagnostics ?? []) {
            result.push(toReported(displayPath(document.uri.toString()), d));
        }
    }
    return result.sort((a, b) => compare(a.file, b.file) || a.range.start.line - b.range.start.line
        || a.range.start.character - b.range.start.character || compare(a.code, b.code) || compare(a.message, b.message));
}

export function toReported(file: string, d: Diagnostic): ReportedDiagnostic {
    return {
        file,
        range: d.range,
        severity: SEVERITIES[d.severity ?? 1],
        code: String(d.code ?? 'syntax'),
        message: typeof d.message === "string" ? d.message : d.message.value,
        related: (d.relatedInformation ?? []).map(r => ({ file: displayPath(r.location.uri), range: r.location.range, message: r.message }))
    };
}

export function summarize(diagnostics: ReportedDiagnostic[], files: number): Summary {
    const count = (s: Severity) => diagnostics.filter(d => d.severity === s).length;
    return { errors: count('error'), warnings: count('warning'), infos: count('information'), hints: count('hint'), files };
}

export function summaryLine(summary: Summary): string {
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const parts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning'), plural(summary.infos, 'info')];
    if (summary.hints > 0) parts.push(plural(summary.hints, 'hint'));
    return `${parts.join(', ')} in ${plural(summary.files, 'file')}`;
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
