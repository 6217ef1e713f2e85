import { CancellationToken } from 'vscode-languageserver';
import {
    DefaultDocumentValidator,
    DocumentState,
    DocumentValidator,
    interruptAndCheck,
    isOperationCancelled,
    ValidationRegistry,
    WorkspaceCache,
    type AstNode,
    type LangiumDocument,
    type MaybePromise,
    type ParseResult,
    type Scope,
    type ValidationAcceptor,
    type ValidationChecks,
    type ValidationOptions
} from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { probableDate } from '../model/date-repair.js';
import { DATE_FORMS, parseDate } from '../model/dates.js';
import { closestNames, didYouMean } from '../model/suggest.js';
import type { PolityServices } from './module.js';
import * as ast from './generated/ast.js';
import { constructOfNode } from './constructs.js';
import { misspeltModel } from './model-header.js';
import type { Finding } from '../model/types.js';
import { PRELUDE_MODEL } from './names.js';
import { expectedType, PolityScope } from './scope.js';
import { isPrelude } from './prelude.js';

export function registerValidationChecks(services: PolityServices): void {
    const validator = services.polity.Validator;
    const checks: ValidationChecks<ast.PolityAstType> = {
        // The workspace-wide findings are not a registered check: PolityDocumentValidator places them itself, so that they can be replaced alone.
        Document: validator.checkModelName,
        Institution: validator.checkInstitution,
        Fact: validator.checkFact,
        LifeEvent: (node, accept) => validator.checkDate(node, 'date', node.date, accept),
        FormerName: (node, accept) => validator.checkDate(node, 'until', node.until, accept),
        Period: validator.checkPeriodDates,
        ViewDate: (node, accept) => validator.checkDate(node, 'date', node.date, accept)
    };
    services.validation.ValidationRegistry.register(checks, validator);
}

export class PolityValidator {
    /**
     * Whether documents show the workspace-wide findings. `polity check` turns
     * it off and reports them itself, from the facts, after the syntax trees
     * are released (src/cli/batch.ts): tens of thousands of findings need not
     * become Langium diagnostics while every tree is still in memory.
     */
    workspaceFindings = true;

    constructor(private readonly services: PolityServices) {}

    /** Workspace-wide findings (conflicts, duplicates, cycles, …) that fall in this document. */
    workspaceFindingsOf(document: ast.Document): readonly Finding[] {
        const langiumDocument = document.$document;
        if (!langiumDocument || !this.workspaceFindings) return [];
        return this.services.polity.WorkspaceModel.findingsFor(langiumDocument);
    }

    /** A finding as Langium's acceptor takes it. */
    accept(document: ast.Document, finding: Finding, accept: ValidationAcceptor): void {
        accept(finding.severity === 'information' ? 'info' : finding.severity, finding.message, {
            node: document,
            range: finding.loc.range,
            code: finding.code,
            data: { code: finding.code, ...finding.data },
            relatedInformation: finding.related.map(r => ({ location: { uri: r.loc.uri, range: r.loc.range }, message: r.message })),
            tags: finding.code === 'unused' ? [1 /* Unnecessary */] : undefined
        });
    }

    /** The prelude's model name is taken: a user model of that name would mix its declarations with the built-ins. */
    checkModelName(document: ast.Document, accept: ValidationAcceptor): void {
        if (document.name === PRELUDE_MODEL && document.$document && !isPrelude(document.$document.uri)) {
            accept('error', `The model name '${PRELUDE_MODEL}' is reserved for the built-in prelude: choose another name.`, {
                node: document,
                property: 'name',
                code: 'misplaced',
                data: { code: 'misplaced' }
            });
        }
    }

    checkInstitution(node: ast.Institution, accept: ValidationAcceptor): void {
        const once = (label: string, predicate: (m: ast.Member) => boolean) => {
            const members = node.members.filter(predicate);
            for (const extra of members.slice(1)) {
                accept('error', `${node.name} has more than one ${label} line: keep one (the first one counts).`, {
                    node: extra,
                    code: 'misplaced',
                    data: { code: 'misplaced' }
                });
            }
        };
        // Several `kind` lines are fine when dated (the model checks that they do not overlap); two undated ones are not.
        once("undated 'kind'", m => ast.isKindClause(m) && !m.period);
        once("'established'", m => ast.isLifeEvent(m) && m.event === 'established');
        once("'dissolved'", m => ast.isLifeEvent(m) && m.event === 'dissolved');
    }

    /** What the verb allows: `with` and `except` belong to competences. */
    checkFact(node: ast.Fact, accept: ValidationAcceptor): void {
        const verb = node.verb?.ref;
        const misplaced = (message: string, property: 'partners' | 'exceptions') =>
            accept('error', message, { node, property, code: 'misplaced', data: { code: 'misplaced' } });
        const what = node.contests ? "'contests'" : ast.isRelationKind(verb) ? `a relation ('${node.verb?.$refText}')` : undefined;
        if (what && node.partners.length > 0)
            misplaced(`'with' names joint holders of a competence; ${what} has none: remove it.`, 'partners');
        if (what && node.exceptions.length > 0)
            misplaced(`'except' carves parts out of a competence; ${what} cannot: remove it.`, 'exceptions');
    }

    checkPeriodDates(node: ast.Period, accept: ValidationAcceptor): void {
        this.checkDate(node, 'since', node.since, accept);
        this.checkDate(node, 'until', node.until, accept);
        this.checkDate(node, 'by', node.by, accept);
    }

    checkDate<N extends ast.PolityAstType[keyof ast.PolityAstType]>(
        node: N,
        property: string,
        text: string | undefined,
        accept: ValidationAcceptor
    ): void {
        if (text === undefined || parseDate(text)) return;
        const probable = probableDate(text);
        const where = constructOfNode(node);
        const message = probable
            ? `'${text}' is not a date (${where}): write ${DATE_FORMS}; here probably ${probable}.`
            : `'${text}' is not a date (${where}): write ${DATE_FORMS} with a real month and day.`;
        const replacement = probable ? { text: probable, title: `Write ${probable}` } : undefined;
        accept('error', message, { node, property: property as never, code: 'bad-date', data: { code: 'bad-date', replacement } });
    }
}

/**
 * A failure of Polity itself while checking a file, in words: shown as an
 * error finding (code `internal`), so that a crash never reads as a clean result.
 */
function internalFailure(error: unknown): string {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return `Polity failed while checking this file (${what}), so findings may be missing. This is a bug in Polity: please report it with the file.`;
}

/** How Langium's linker words an exception it caught while resolving a reference (langium/lib/references/linker.js). */
const LINKER_FAILURE = 'An error occurred while resolving reference';

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Langium turns an exception in a check into an error without a code, and
 * prints the stack to the console; here it is an `internal` finding, which
 * every consumer counts as an error. A check on the whole document reports
 * at the start of the file, a check on one node at that node.
 */
export class PolityValidationRegistry extends ValidationRegistry {
    protected override async handleException(
        functionality: () => MaybePromise<void>,
        _context: string,
        accept: ValidationAcceptor,
        node: AstNode
    ): Promise<void> {
        try {
            await functionality();
        } catch (error) {
            if (isOperationCancelled(error)) throw error;
            accept('error', internalFailure(error), {
                node,
                range: node.$container ? undefined : FILE_START,
                code: 'internal',
                data: { code: 'internal' }
            });
        }
    }
}

/**
 * Unresolved names become `unresolved` errors that say what kind of thing was
 * expected and suggest the closest names in scope.
 */
export class PolityDocumentValidator extends DefaultDocumentValidator {
    private readonly candidateCache: WorkspaceCache<string, string[]>;
    private readonly suggestionCache: WorkspaceCache<string, string[]>;

    constructor(private readonly polity: PolityServices) {
        super(polity);
        // Scopes list what the index holds: cleared when it changes, as the name index is (scope.ts).
        this.candidateCache = new WorkspaceCache(polity.shared, DocumentState.IndexedContent);
        this.suggestionCache = new WorkspaceCache(polity.shared, DocumentState.IndexedContent);
    }

    /**
     * Langium's, with two differences: the checks' diagnostics are appended one
     * by one (Langium passes them to `push` as arguments, which overflows the
     * stack beyond ~120,000 findings: 400 institutions leading one mandate),
     * and a failure becomes an `internal` error finding instead of being
     * logged while the file shows no findings at all.
     */
    override async validateDocument(
        document: LangiumDocument,
        options: ValidationOptions = {},
        cancelToken = CancellationToken.None
    ): Promise<Diagnostic[]> {
        const parseResult = document.parseResult;
        const diagnostics: Diagnostic[] = [];
        await interruptAndCheck(cancelToken);
        try {
            if (!options.categories || options.categories.includes('built-in')) {
                this.processLexingErrors(parseResult, diagnostics, options);
                if (options.stopAfterLexingErrors && diagnostics.some(d => d.data?.code === DocumentValidator.LexingError))
                    return diagnostics;
                this.processParsingErrors(parseResult, diagnostics, options);
                if (options.stopAfterParsingErrors && diagnostics.some(d => d.data?.code === DocumentValidator.ParsingError))
                    return diagnostics;
                this.processLinkingErrors(document, diagnostics);
                if (options.stopAfterLinkingErrors && diagnostics.some(d => d.data?.code === DocumentValidator.LinkingError))
                    return diagnostics;
            }
            // Where Langium would run the root's first check: after the built-in diagnostics, before the others.
            if (!options.categories || options.categories.includes('fast')) this.pushWorkspaceFindings(document, diagnostics);
            for (const diagnostic of await this.validateAst(parseResult.value, options, cancelToken)) diagnostics.push(diagnostic);
        } catch (error) {
            if (isOperationCancelled(error)) throw error;
            diagnostics.push(this.internalDiagnostic(error));
        }
        await interruptAndCheck(cancelToken);
        return diagnostics;
    }

    /**
     * The diagnostics with the document's workspace-wide findings as they are
     * now, the rest as they were: for a document that no edit touched, whose
     * conflicts, duplicates or related locations in other files changed.
     * Undefined when the list was not made here in one piece (then the
     * document is validated again).
     */
    withCurrentWorkspaceFindings(document: LangiumDocument, previous: Diagnostic[]): Diagnostic[] | undefined {
        const block = this.workspaceBlocks.get(previous);
        if (!block) return undefined;
        const diagnostics = previous.slice(0, block.start);
        this.pushWorkspaceFindings(document, diagnostics);
        for (const diagnostic of previous.slice(block.start + block.count)) diagnostics.push(diagnostic);
        return diagnostics;
    }

    /**
     * Each workspace-wide finding's diagnostic, made once: the incremental
     * checks keep the findings an edit did not touch as the same objects, and
     * a file refreshed because a few of its findings moved would otherwise
     * convert its hundreds of others again (on a workspace full of conflicts,
     * ~90 files per edit).
     */
    private readonly diagnosticOf = new WeakMap<Finding, Diagnostic>();

    /** Where each list made by `validateDocument` holds the workspace-wide findings. */
    private readonly workspaceBlocks = new WeakMap<Diagnostic[], { start: number; count: number }>();

    private pushWorkspaceFindings(document: LangiumDocument, diagnostics: Diagnostic[]): void {
        const start = diagnostics.length;
        const root = document.parseResult.value as ast.Document;
        const validator = this.polity.polity.Validator;
        try {
            for (const finding of validator.workspaceFindingsOf(root)) {
                let diagnostic = this.diagnosticOf.get(finding);
                if (!diagnostic) {
                    validator.accept(root, finding, (severity, message, info) => {
                        diagnostic = this.toDiagnostic(severity, message, info);
                    });
                    this.diagnosticOf.set(finding, diagnostic!);
                }
                diagnostics.push(diagnostic!);
            }
        } catch (error) {
            if (isOperationCancelled(error)) throw error;
            diagnostics.length = start;
            diagnostics.push(this.internalDiagnostic(error));
        }
        this.workspaceBlocks.set(diagnostics, { start, count: diagnostics.length - start });
    }

    private internalDiagnostic(error: unknown): Diagnostic {
        return {
            severity: 1,
            range: FILE_START,
            message: internalFailure(error),
            code: 'internal',
            data: { code: 'internal' },
            source: this.getSource()
        };
    }

    /**
     * The names in scope closest to the one written, found once per scope and
     * name until the index changes: renaming a declaration leaves every
     * reference to it unknown at once (hundreds in a workspace full of
     * claims), and listing a scope reads the whole index.
     */
    private suggestions(scope: Scope, written: string): string[] {
        const key = scope instanceof PolityScope ? scope.key : undefined;
        if (key === undefined) return closestNames(written, this.candidates(scope));
        return this.suggestionCache.get(`${key}\u0000\u0000${written}`, () =>
            closestNames(
                written,
                this.candidateCache.get(key, () => this.candidates(scope))
            )
        );
    }

    /** Each declaration in scope once, under the first name the scope lists for it: the shortest that resolves here. */
    private candidates(scope: Scope): string[] {
        const seen = new Set<string>();
        return scope
            .getAllElements()
            .filter(d => {
                const id = `${d.documentUri.toString()}#${d.path}`;
                return !seen.has(id) && !!seen.add(id);
            })
            .map(d => d.name)
            .toArray();
    }

    /** Lexing and parsing errors carry one code, `syntax`, for every consumer: the CLI, SARIF rules, tests. */
    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        this.asSyntax(diagnostics, parseResult.lexerErrors, () => super.processLexingErrors(parseResult, diagnostics, options));
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        this.asSyntax(diagnostics, parseResult.parserErrors, () => super.processParsingErrors(parseResult, diagnostics, options));
    }

    /** Langium makes one diagnostic per error, in order: each gets the code, and the text that fixes it where there is one (syntax-lexer.ts, syntax-recovery.ts). */
    private asSyntax(diagnostics: Diagnostic[], errors: readonly object[], collect: () => void): void {
        const first = diagnostics.length;
        collect();
        diagnostics.slice(first).forEach((d, i) => {
            d.code = 'syntax';
            const replacement = (errors[i] as { replacement?: unknown } | undefined)?.replacement;
            if (replacement) d.data = { ...d.data, replacement };
        });
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[]): void {
        const reflection = this.polity.shared.AstReflection;
        const unresolved = document.references.flatMap(reference => {
            const error = reference.error;
            if (!error) return [];
            if (error.message.startsWith(LINKER_FAILURE)) {
                // Not an unknown name: resolving it threw, and the name may well exist.
                diagnostics.push(
                    this.toDiagnostic('error', internalFailure(error.message), {
                        node: error.info.container,
                        range: reference.$refNode?.range,
                        code: 'internal',
                        data: { code: 'internal' }
                    })
                );
                return [];
            }
            return [{ reference, info: error.info, type: expectedType(reflection, error.info) }];
        });
        const header = misspeltModel(document, this.polity.shared.workspace.LangiumDocuments, this.polity.polity.NameIndex, unresolved);
        if (header) {
            diagnostics.push({
                severity: 1,
                range: header.range,
                source: this.getSource(),
                code: 'unresolved',
                message: `No other file declares model '${header.written}'. Did you mean '${header.meant}'?`,
                data: { code: 'unresolved', refText: header.written, type: 'Model', suggestions: [header.meant] }
            });
        }
        for (const { reference, info, type } of unresolved) {
            if (header?.explains(reference, type)) continue;
            const written = info.reference.$refText;
            const suggestions = this.suggestions(this.polity.references.ScopeProvider.getScope(info), written);
            const label = LABELS[type] ?? type.toLowerCase();
            diagnostics.push(
                this.toDiagnostic(
                    'error',
                    `Unknown ${label} '${written}'.${didYouMean(suggestions)}${suggestions.length === 0 ? ` Declare it, or check the spelling.` : ''}`,
                    {
                        node: info.container,
                        range: reference.$refNode?.range,
                        property: info.property,
                        index: info.index,
                        code: 'unresolved',
                        data: {
                            code: 'unresolved',
                            refText: written,
                            type,
                            suggestions,
                            containerType: info.container.$type,
                            property: info.property
                        }
                    }
                )
            );
        }
    }
}

const LABELS: Record<string, string> = {
    Institution: 'institution',
    Mandate: 'mandate',
    Kind: 'kind',
    RelationKind: 'relation kind',
    Source: 'source',
    Role: 'role',
    Post: 'post',
    Verb: 'role or relation kind',
    FactObject: 'mandate or institution'
};
