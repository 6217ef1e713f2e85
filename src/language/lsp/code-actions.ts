import { AstUtils, CstUtils, GrammarUtils, URI, type AstNode, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, TextEdit, type CodeAction, type CodeActionParams, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Key } from '../../model/types.js';
import * as ast from '../generated/ast.js';
import { declarationsOf, keyOf, modelNameOf } from '../names.js';
import type { PolityServices } from '../module.js';
import type { WorkspaceSnapshot } from '../workspace-model.js';
import { appendLine, indentOf, insertLineAfter, removeNode } from './edits.js';
import { NAME, nameIn } from './qualified.js';
import { REPLACEABLE, replacementFix } from './syntax-fixes.js';

interface FixContext {
    document: LangiumDocument;
    diagnostic: Diagnostic;
    data: Record<string, unknown>;
    snapshot: WorkspaceSnapshot;
    /** The model of the document the diagnostic is in. */
    model: string;
}

type Fix = (context: FixContext) => CodeAction[];

/** One level of indentation, as in the language reference's examples. */
const INDENT = '  ';

/** What an unresolved reference of each type can be declared as, with one line. */
const DECLARABLE: Record<string, string> = {
    Institution: 'institution',
    Mandate: 'mandate',
    Source: 'source',
    RelationKind: 'relation',
    Role: 'role',
    Post: 'post'
};

/**
 * Quick fixes, keyed on the `code` in a diagnostic's data (see validator.ts
 * and model/checks.ts for what each carries). Every fix writes names as they
 * resolve from the file it edits, and leaves a model that no longer has the
 * finding it fixes.
 */
export class PolityCodeActionProvider implements CodeActionProvider {
    private readonly fixes: Record<string, Fix> = {
        unresolved: context => this.unresolved(context),
        conflict: context => [...this.recordDispute(context), ...this.shareClaim(context), ...this.hedgeClaim(context)],
        contest: context => this.recordDispute(context),
        unused: context => this.remove(context, 'Remove the unused declaration', node => node),
        'stale-dispute': context =>
            this.remove(context, 'Remove the stale dispute', node => AstUtils.getContainerOfType(node, ast.isDispute)),
        'one-sided-share': context => this.addPartnerClaim(context),
        ...Object.fromEntries(
            REPLACEABLE.map(code => [code, ({ document, diagnostic, data }: FixContext) => replacementFix(document, diagnostic, data)])
        )
    };

    constructor(private readonly services: PolityServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const snapshot = this.services.polity.WorkspaceModel.snapshot;
        const model = modelNameOf(document.parseResult.value);
        return params.context.diagnostics.flatMap(diagnostic => {
            const data = (diagnostic.data ?? {}) as Record<string, unknown>;
            const fix = typeof data.code === 'string' ? this.fixes[data.code] : undefined;
            return fix ? fix({ document, diagnostic, data, snapshot, model }) : [];
        });
    }

    /** Replace with each suggested name; declare the missing institution, mandate, source, relation kind, role or post. */
    private unresolved({ document, diagnostic, data }: FixContext): CodeAction[] {
        const uri = document.uri.toString();
        const suggestions = Array.isArray(data.suggestions) ? (data.suggestions as string[]) : [];
        const actions = suggestions.map((name, i) =>
            action(`Replace with '${name}'`, diagnostic, { [uri]: [TextEdit.replace(diagnostic.range, name)] }, i === 0)
        );
        const keyword = DECLARABLE[String(data.type)];
        const written = String(data.refText ?? '');
        if (keyword && new RegExp(`^${NAME.source}$`, 'u').test(written)) {
            actions.push(
                action(`Declare ${keyword} '${written}'`, diagnostic, {
                    [uri]: [appendLine(document.textDocument, `${keyword} ${written}`)]
                })
            );
        }
        return actions;
    }

    /**
     * `dispute M between A, B`, after the last dispute of the model's file with
     * the most disputes (where the analyst keeps them), else at the end of this file.
     */
    private recordDispute({ document, diagnostic, data, snapshot, model }: FixContext): CodeAction[] {
        const mandate = snapshot.model.mandates.get(String(data.mandate));
        const parties = ((data.institutions as Key[] | undefined) ?? []).map(key => snapshot.model.institutions.get(key));
        if (!mandate || parties.length < 2 || parties.some(p => !p)) return [];
        const line = `dispute ${nameIn(model, mandate)} between ${parties.map(p => nameIn(model, p!)).join(', ')}`;
        const home = snapshot.model.documents
            .filter(d => d.model === model && d.disputes.length > 0)
            .reduce<(typeof snapshot.model.documents)[number] | undefined>(
                (best, d) => (!best || d.disputes.length > best.disputes.length ? d : best),
                undefined
            );
        const target = home && this.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(home.uri));
        const edit =
            home && target
                ? { [home.uri]: [insertLineAfter(target.textDocument, Math.max(...home.disputes.map(d => d.loc.range.end.line)), line)] }
                : { [document.uri.toString()]: [appendLine(document.textDocument, line)] };
        return [action(`Record as a dispute: ${line}`, diagnostic, edit, true)];
    }

    /**
     * Turns the claim under the diagnostic into `shares M with OTHER`: a `leads`
     * becomes a `shares`, a `shares` names the other side too, a role of the
     * model's own gets `with OTHER`; a claim listing several mandates keeps the
     * others and gets a line of its own for M.
     */
    private shareClaim({ document, diagnostic, data, snapshot, model }: FixContext): CodeAction[] {
        const fact = nodeAt(document, diagnostic.range, ast.isFact);
        const subject = fact?.subject?.ref ?? fact?.$container;
        const claimant = subject && ast.isInstitution(subject) ? keyOf(subject) : undefined;
        const other = ((data.institutions as Key[] | undefined) ?? []).find(key => key !== claimant);
        const otherDecl = other ? snapshot.model.institutions.get(other) : undefined;
        const index = fact?.objects.findIndex(ref => ref.$refNode?.offset === document.textDocument.offsetAt(diagnostic.range.start)) ?? -1;
        if (!otherDecl || !fact?.$cstNode || index < 0) return [];
        const text = (node: { $refNode?: { text: string } } | undefined) => node?.$refNode?.text ?? '';
        const mandates = fact.objects.map(text);
        const partners = fact.partners.map(text);
        const lastRef = [...fact.objects, ...fact.partners].reduce((a, b) => (b.$refNode!.end > a.$refNode!.end ? b : a));
        const tail = document.textDocument.getText().slice(lastRef.$refNode!.end, fact.$cstNode.end);
        // A top-level fact starts with its subject, and a hedged one keeps its hedge on both lines.
        const lead = `${fact.subject ? `${text(fact.subject)} ` : ''}${fact.certainty ? `${fact.certainty} ` : ''}`;
        const verb = fact.shares ? 'shares' : text(fact.verb);
        // `leads M with X` is written `shares M with X`; a role of the model's own keeps its name (`regulates M with X`).
        const joint = fact.shares || verb === 'leads' ? 'shares' : verb;
        const shared = `${lead}${joint} ${mandates[index]} with ${[...partners, nameIn(model, otherDecl)].join(', ')}${tail}`;
        const rest = mandates.filter((_, i) => i !== index);
        const kept =
            rest.length === 0
                ? ''
                : `${lead}${verb} ${rest.join(', ')}${partners.length > 0 ? ` with ${partners.join(', ')}` : ''}${tail}\n${indentOf(document.textDocument, fact.$cstNode.range.start.line)}`;
        return [
            action(`Make it '${joint} ${mandates[index]} with ${nameIn(model, otherDecl)}'`, diagnostic, {
                [document.uri.toString()]: [TextEdit.replace(fact.$cstNode.range, `${kept}${shared}`)]
            })
        ];
    }

    /**
     * `reportedly` before the claim's verb, for a source that only suggests it.
     * The conflict stays (an uncertain fact still conflicts), but every message,
     * hover and diagram then shows the claim as the source gives it.
     */
    private hedgeClaim({ document, diagnostic }: FixContext): CodeAction[] {
        const fact = nodeAt(document, diagnostic.range, ast.isFact);
        if (!fact?.$cstNode || fact.certainty) return [];
        const verb = fact.verb?.$refNode ?? GrammarUtils.findNodeForKeyword(fact.$cstNode, 'shares');
        if (!verb) return [];
        const written = document.textDocument.getText({ start: verb.range.start, end: diagnostic.range.end });
        return [
            action(`Mark it as reported: 'reportedly ${written}'`, diagnostic, {
                [document.uri.toString()]: [TextEdit.insert(verb.range.start, 'reportedly ')]
            })
        ];
    }

    private remove({ document, diagnostic }: FixContext, title: string, select: (node: AstNode) => AstNode | undefined): CodeAction[] {
        const leaf = leafAt(document, diagnostic.range);
        const node = leaf && select(leaf.astNode);
        const edit = node && removeNode(document.textDocument, node);
        return edit ? [action(title, diagnostic, { [document.uri.toString()]: [edit] }, true)] : [];
    }

    /** `A shares M with B` while B claims nothing on M: B gets `shares M with A`. */
    private addPartnerClaim({ diagnostic, data, snapshot }: FixContext): CodeAction[] {
        const partner = snapshot.model.institutions.get(String(data.institution));
        const mandate = snapshot.model.mandates.get(String(data.mandate));
        const claimant = snapshot.model.institutions.get(String(data.partner));
        const document = partner && this.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(partner.loc.uri));
        const node = document && declarationNode(document, partner.key);
        if (!partner || !mandate || !claimant || !document || !ast.isInstitution(node) || !node.$cstNode) return [];
        const model = partner.model;
        const line = `shares ${nameIn(model, mandate)} with ${nameIn(model, claimant)}`;
        const textDocument = document.textDocument;
        const indent = indentOf(textDocument, node.$cstNode.range.start.line);
        const close = node.$cstNode.text.endsWith('}') ? textDocument.positionAt(node.$cstNode.end - 1) : undefined;
        let edit: TextEdit;
        if (!close) {
            edit = TextEdit.insert(node.$cstNode.range.end, ` {\n${indent}${INDENT}${line}\n${indent}}`);
        } else if (indentOf(textDocument, close.line).length === close.character) {
            const member = node.members[0]?.$cstNode;
            const memberIndent =
                member && member.range.start.line > node.$cstNode.range.start.line
                    ? indentOf(textDocument, member.range.start.line)
                    : `${indent}${INDENT}`;
            edit = insertLineAfter(textDocument, close.line - 1, `${memberIndent}${line}`);
        } else {
            edit = TextEdit.insert(close, `${line} `);
        }
        return [action(`Add '${line}' to ${partner.path}`, diagnostic, { [document.uri.toString()]: [edit] }, true)];
    }
}

function action(title: string, diagnostic: Diagnostic, changes: Record<string, TextEdit[]>, isPreferred = false): CodeAction {
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes } };
}

function leafAt(document: LangiumDocument, range: Range) {
    const root = document.parseResult.value.$cstNode;
    return root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(range.start));
}

function nodeAt<T extends AstNode>(document: LangiumDocument, range: Range, is: (node: unknown) => node is T): T | undefined {
    const leaf = leafAt(document, range);
    return leaf && AstUtils.getContainerOfType(leaf.astNode, is);
}

function declarationNode(document: LangiumDocument, key: Key): AstNode | undefined {
    for (const node of declarationsOf(document.parseResult.value as ast.Document)) {
        if (keyOf(node) === key) return node;
    }
    return undefined;
}
