import { DocumentState, isJSDoc, parseJSDoc, WorkspaceCache, type AstNode, type LangiumDocument } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { CheckOptions } from '../model/checks/index.js';
import type { Conflict } from '../model/conflicts.js';
import { checkWorkspace, updateChecks, type CheckState } from '../model/incremental.js';
import type { SemanticModel } from '../model/model.js';
import type { DocumentFacts, Finding, Location } from '../model/types.js';
import { documentFacts } from './facts.js';
import { compareText } from '../model/order.js';

export interface WorkspaceSnapshot {
    model: SemanticModel;
    findings: readonly Finding[];
    findingsByUri: Map<string, Finding[]>;
    conflicts: Conflict[];
}

/**
 * The semantic model of every loaded document, computed once per build and
 * shared by validation, hover, code lens and the diagram. The first build
 * runs every check (as `polity check` does); after an edit the checks are
 * updated from the last ones, redoing only the conflicts of the mandates the
 * edit touched (src/model/incremental.ts). It also remembers which
 * workspace-wide findings each document last showed, so the builder can
 * refresh exactly the documents whose findings changed.
 */
export class WorkspaceModel {
    private readonly cache: WorkspaceCache<string, WorkspaceSnapshot>;
    private readonly shown = new Map<string, Finding[]>();
    /**
     * Each document's facts, kept until the document is changed or linked
     * again: an edit recomputes the facts of the documents it rebuilt, not of
     * the whole workspace (facts name their targets by key, so a document
     * whose references were only re-pointed keeps the same facts).
     */
    private readonly facts = new Map<string, DocumentFacts>();
    private options: CheckOptions = {};
    /** The checks of the last snapshot, which the next one updates. */
    private checks: CheckState | undefined;

    constructor(private readonly services: LangiumServices) {
        this.cache = new WorkspaceCache(services.shared, DocumentState.Linked);
        const builder = services.shared.workspace.DocumentBuilder;
        builder.onUpdate((changed, deleted) => {
            for (const uri of [...changed, ...deleted]) this.facts.delete(uri.toString());
        });
        builder.onDocumentPhase(DocumentState.Linked, document => {
            this.facts.delete(document.uri.toString());
        });
    }

    setOptions(options: CheckOptions): void {
        this.options = options;
        this.checks = undefined;
        this.cache.clear();
    }

    get snapshot(): WorkspaceSnapshot {
        return this.cache.get('snapshot', () => this.compute());
    }

    private compute(): WorkspaceSnapshot {
        const comments = this.services.documentation.CommentProvider;
        const docOf = (node: AstNode): string | undefined => {
            const comment = comments.getComment(node);
            return comment && isJSDoc(comment) ? parseJSDoc(comment).toMarkdown() : undefined;
        };
        const documents = this.services.shared.workspace.LangiumDocuments.all
            .filter(doc => doc.state >= DocumentState.ComputedScopes)
            .map(doc => this.factsOf(doc, docOf))
            .toArray()
            .sort((a, b) => compareText(a.uri, b.uri));
        const checks = this.checks ? updateChecks(this.checks, documents) : checkWorkspace(documents, this.options);
        this.checks = checks;
        const { model, conflicts, findings } = checks;
        const findingsByUri = new Map<string, Finding[]>();
        for (const finding of findings) {
            const list = findingsByUri.get(finding.loc.uri);
            if (list) list.push(finding);
            else findingsByUri.set(finding.loc.uri, [finding]);
        }
        return { model, findings, findingsByUri, conflicts };
    }

    private factsOf(document: LangiumDocument, docOf: (node: AstNode) => string | undefined): DocumentFacts {
        // A document that is not linked (yet, or again) has its facts computed by lazy resolution, and not kept.
        if (document.state < DocumentState.Linked) return documentFacts(document, docOf);
        const uri = document.uri.toString();
        let facts = this.facts.get(uri);
        if (!facts) {
            facts = documentFacts(document, docOf);
            this.facts.set(uri, facts);
        }
        return facts;
    }

    findingsFor(document: LangiumDocument): Finding[] {
        const findings = this.snapshot.findingsByUri.get(document.uri.toString()) ?? [];
        this.shown.set(document.uri.toString(), findings);
        return findings;
    }

    /** Validated documents whose workspace-wide findings differ from what they last showed. */
    staleDocuments(): LangiumDocument[] {
        const snapshot = this.snapshot;
        return this.services.shared.workspace.LangiumDocuments.all
            .filter(doc => doc.state === DocumentState.Validated)
            .filter(doc => {
                const uri = doc.uri.toString();
                const shown = this.shown.get(uri);
                return shown !== undefined && !sameFindings(shown, snapshot.findingsByUri.get(uri) ?? []);
            })
            .toArray();
    }

    forget(uri: string): void {
        this.shown.delete(uri);
    }
}

/** Whether the two lists make the same diagnostics (compared field by field: this runs for every file on every edit). */
function sameFindings(a: Finding[], b: Finding[]): boolean {
    return (
        a === b ||
        (a.length === b.length &&
            a.every((f, i) => {
                const g = b[i];
                // Findings the incremental checks kept are the same objects.
                return (
                    f === g ||
                    (g !== undefined &&
                        f.code === g.code &&
                        f.severity === g.severity &&
                        f.message === g.message &&
                        sameLocation(f.loc, g.loc) &&
                        f.related.length === g.related.length &&
                        f.related.every((r, k) => {
                            const s = g.related[k];
                            return s !== undefined && r.message === s.message && sameLocation(r.loc, s.loc);
                        }))
                );
            }))
    );
}

function sameLocation(a: Location, b: Location): boolean {
    const [x, y] = [a.range, b.range];
    return (
        a.uri === b.uri &&
        x.start.line === y.start.line &&
        x.start.character === y.start.character &&
        x.end.line === y.end.line &&
        x.end.character === y.end.character
    );
}
