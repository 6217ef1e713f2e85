import type { URI } from 'langium';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyse } from '../model/analyse.js';
import type { DocumentFacts, Finding } from '../model/types.js';
import { documentFacts } from '../language/facts.js';
import { reportByFile, type FileReport, type ReportedDiagnostic } from './diagnostics.js';
import type { PolityServices } from '../language/module.js';
import { ReleasableDescriptionProvider } from './released-trees.js';
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
 * dates). A document is dropped as soon as its facts are read, its
 * descriptions released (released-trees.ts): the trees go one by one instead
 * of all after the last document's facts, so the facts never add to the
 * memory all trees hold together.
 */
async function readFacts(files: string[]): Promise<{ facts: DocumentFacts[]; reports: FileReport[] }> {
    const { services, reports } = await build(files);
    const documents = services.shared.workspace.LangiumDocuments;
    const descriptions = services.workspace.AstNodeDescriptionProvider as ReleasableDescriptionProvider;
    const uris = documents.all.map(document => document.uri).toArray();
    const length = (uri: URI) => documents.getDocument(uri)?.textDocument.getText().length ?? 0;
    // Dropped trees are old objects, freed only by a full collection, which V8 would put off until the heap had grown
    // well past what the build left. A forced one costs in proportion to what is still alive (0.2–0.5 s of CPU at
    // 10,000 institutions), so it is spent only where the trees weigh. Once a tenth of the text has been read, if the
    // heap holds 150 MB or more: 10,000 institutions full of conflicts or of people (370 → 330 MB at the peak), not the
    // plain 10,000, far below its budget without it. Then after each further quarter of the text, if the heap has grown
    // back past what the first found and holds twice as much: 100,000 institutions (1,660 → 1,545 MB at the peak).
    const worth = 150 * 2 ** 20;
    const total = uris.reduce((sum, uri) => sum + length(uri), 0);
    let read = 0;
    let next = total / 10;
    let ceiling = 0;
    const facts: DocumentFacts[] = [];
    for (const [i, uri] of uris.entries()) {
        read += length(uri);
        const document = documents.deleteDocument(uri);
        // No check reads doc comments: they are for hovers and exports.
        if (document) facts.push(documentFacts(document, () => undefined));
        descriptions.release(uri);
        if (read >= next && i < uris.length - 1) {
            const used = getHeapStatistics().used_heap_size;
            if (used >= (ceiling ? Math.max(ceiling, 2 * worth) : worth)) {
                ceiling ||= used;
                collectGarbage();
                next = read + total / 4;
            }
        }
    }
    return { facts, reports };
}

/** The built workspace's services and each file's own diagnostics; nothing else keeps its documents. */
async function build(files: string[]): Promise<{ services: PolityServices; reports: FileReport[] }> {
    const { services, documents } = await loadWorkspace(files, {
        workspaceFindings: false,
        overrides: { workspace: { AstNodeDescriptionProvider: services => new ReleasableDescriptionProvider(services) } }
    });
    const reports = documents.map(document => ({ uri: document.uri.toString(), diagnostics: document.diagnostics ?? [], findings: [] }));
    return { services, reports };
}

/**
 * One full garbage collection, now that syntax trees are garbage: left to
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
