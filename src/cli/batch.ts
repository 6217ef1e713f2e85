import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyse } from '../model/analyse.js';
import type { DocumentFacts, Finding } from '../model/types.js';
import { documentFacts } from '../language/facts.js';
import { reportByFile, type FileReport, type ReportedDiagnostic } from './diagnostics.js';
import { loadWorkspace } from './workspace.js';

/**
 * Every diagnostic of the files as one workspace, sorted: what `polity check`
 * prints. The same findings the language server shows, reached in two steps
 * so that the syntax trees are released before the workspace-wide checks run:
 * a tree is several times the size of its facts, and a workspace full of
 * conflicts has tens of thousands of findings to hold beside them.
 */
export async function checkFiles(files: string[]): Promise<ReportedDiagnostic[]> {
    const { facts, reports } = await readFacts(files);
    collectGarbage();
    const byUri = new Map<string, Finding[]>();
    for (const finding of analyse(facts).findings) {
        const list = byUri.get(finding.loc.uri);
        if (list) list.push(finding);
        else byUri.set(finding.loc.uri, [finding]);
    }
    return reportByFile(reports.map(report => ({ ...report, findings: byUri.get(report.uri) ?? [] })));
}

/**
 * Builds the workspace and keeps only what the checks read: every document's
 * facts (the prelude's too), and each file's own diagnostics (syntax, names,
 * dates). Nothing else refers to the workspace, so it is garbage once this returns.
 */
async function readFacts(files: string[]): Promise<{ facts: DocumentFacts[]; reports: FileReport[] }> {
    const { services, documents } = await loadWorkspace(files, { workspaceFindings: false });
    // No check reads doc comments: they are for hovers and exports.
    const facts = services.shared.workspace.LangiumDocuments.all.map(document => documentFacts(document, () => undefined)).toArray();
    const reports = documents.map(document => ({ uri: document.uri.toString(), diagnostics: document.diagnostics ?? [], findings: [] }));
    return { facts, reports };
}

/**
 * One full garbage collection, now that the syntax trees are garbage: left to
 * itself V8 would not collect them before the heap had grown by half again
 * (measured: 455 MB instead of 360 MB at the peak of a 10,000-institution
 * workspace full of conflicts), and what the checks allocate would be new
 * memory instead of the trees' pages. `gc` is exposed the way Jest does it,
 * in a context of its own, without changing how the process was started.
 */
function collectGarbage(): void {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
}
