import { onlyElement } from '../../model/lists.js';
import { AstUtils, CstUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import {
    ErrorCodes,
    LSPErrorCodes,
    ResponseError,
    TextEdit,
    type Position,
    type PrepareRenameParams,
    type Range,
    type RenameParams,
    type WorkspaceEdit
} from 'vscode-languageserver';
import { isInstitution } from '../generated/ast.js';
import { keyOf } from '../names.js';
import type { PolityServices } from '../module.js';
import { isPrelude } from '../prelude.js';
import { segmentKeys, segmentsOf } from './qualified.js';

type Named = AstNode & { name: string };

/**
 * Renames a declaration and every reference to it, in every file. A qualified
 * reference keeps its qualifier: only the segment naming the declaration
 * changes, which also covers references to its units (`MPS.Bureau11` when MPS
 * is renamed). Built-in names and names that would clash are refused.
 */
export class PolityRenameProvider extends DefaultRenameProvider {
    constructor(private readonly polity: PolityServices) {
        super(polity);
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const target = this.targetAt(document, params.position);
        if (!target) return undefined;
        this.checkNewName(target, params.newName);
        const targetKey = keyOf(target);
        const changes: Record<string, TextEdit[]> = {};
        const add = (uri: string, range: Range) => (changes[uri] ??= []).push(TextEdit.replace(range, params.newName));
        const nameNode = this.nameProvider.getNameNode(target);
        if (nameNode) add(AstUtils.getDocument(target).uri.toString(), nameNode.range);
        const units = AstUtils.streamAllContents(target).filter(isInstitution);
        for (const node of [target, ...units]) {
            const key = keyOf(node);
            for (const ref of this.references.findReferences(node, { includeDeclaration: false })) {
                const source = this.polity.shared.workspace.LangiumDocuments.getDocument(ref.sourceUri);
                if (!source) continue;
                const text = source.textDocument.getText(ref.segment.range);
                const segments = segmentsOf(text, ref.segment.offset);
                const segment = segments[segmentKeys(key, segments.length).indexOf(targetKey)];
                if (segment) {
                    add(ref.sourceUri.toString(), {
                        start: source.textDocument.positionAt(segment.offset),
                        end: source.textDocument.positionAt(segment.end)
                    });
                }
            }
        }
        return { changes };
    }

    override prepareRename(document: LangiumDocument, params: PrepareRenameParams): MaybePromise<Range | undefined> {
        return this.targetAt(document, params.position) ? super.prepareRename(document, params) : undefined;
    }

    /** The declaration named at the position, by its declaration or by a reference; refuses the prelude's. */
    private targetAt(document: LangiumDocument, position: Position): Named | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf =
            root && CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(position), this.grammarConfig.nameRegexp);
        const target = leaf ? (this.references.findDeclarations(leaf)[0] as Named | undefined) : undefined;
        if (!target || typeof target.name !== 'string') return undefined;
        if (isPrelude(AstUtils.getDocument(target).uri)) {
            throw new ResponseError(
                LSPErrorCodes.RequestFailed,
                `'${target.name}' is built into Polity and cannot be renamed. To use another name, declare your own ${PRELUDE_LABELS[target.$type] ?? 'relation kind'} in your model.`
            );
        }
        return target;
    }

    private checkNewName(target: Named, newName: string): void {
        const tokens = this.polity.parser.Lexer.tokenize(newName);
        const only = tokens.errors.length === 0 ? onlyElement(tokens.tokens) : undefined;
        const valid = only?.tokenType.name === 'ID' && only.image === newName;
        if (!valid) {
            throw new ResponseError(
                ErrorCodes.InvalidParams,
                `'${newName}' is not a valid name: start with a letter or '_', then letters, digits, '_' or '-'; keywords are reserved.`
            );
        }
        const key = keyOf(target);
        const renamed = `${key.slice(0, key.length - target.name.length)}${newName}`;
        if (newName !== target.name && this.polity.polity.NameIndex.byKey.has(renamed)) {
            throw new ResponseError(LSPErrorCodes.RequestFailed, `'${newName}' is already declared here; pick a name that is not taken.`);
        }
    }
}

/** What a prelude declaration is, for the refusal to rename it. */
const PRELUDE_LABELS: Record<string, string> = { Kind: 'kind', RelationKind: 'relation kind', Role: 'role' };
