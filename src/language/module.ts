import {
    DefaultWorkspaceManager, inject, type LangiumDocument, type LangiumDocumentFactory, type Module,
    type WorkspaceFolder
} from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { PolityGeneratedModule, PolityGeneratedSharedModule } from './generated/module.js';
import { PolityDocumentBuilder } from './document-builder.js';
import { PolityDocumentFactory } from './document-factory.js';
import { PolityDocumentUpdateHandler } from './document-update-handler.js';
import { PolityIndexManager } from './index-manager.js';
import { createPolityCompletionParser, createPolityParser, PolityLexer } from './parser-limits.js';
import { PolityParserErrorMessageProvider } from './syntax-messages.js';
import { PolityTokenBuilder } from './token-builder.js';
import { PRELUDE_TEXT, PRELUDE_URI } from './prelude.js';
import { NameIndex, PolityScopeComputation, PolityScopeProvider } from './scope.js';
import { PolityDocumentValidator, PolityValidationRegistry, registerValidationChecks } from './validator.js';
import { WorkspaceModel } from './workspace-model.js';
import { PolityCodeActionProvider } from './lsp/code-actions.js';
import { PolityCodeLensProvider } from './lsp/code-lens.js';
import { PolityCompletionProvider } from './lsp/completion.js';
import { PolityDocumentSymbolProvider } from './lsp/document-symbols.js';
import { PolityFoldingRangeProvider } from './lsp/folding.js';
import { PolityFormatter } from './formatter.js';
import { PolityHoverProvider } from './lsp/hover.js';
import { PolityNodeKindProvider } from './lsp/node-kinds.js';
import { PolityReferences } from './lsp/references.js';
import { PolityRenameProvider } from './lsp/rename.js';
import { PolitySemanticTokenProvider } from './lsp/semantic-tokens.js';
import { PolityWorkspaceSymbolProvider } from './lsp/workspace-symbols.js';
import { PolityTextDocuments } from './text-documents.js';

export interface PolityAddedServices {
    references: {
        NameIndex: NameIndex;
        WorkspaceModel: WorkspaceModel;
    };
}

export type PolityServices = LangiumServices & PolityAddedServices;

export const PolityModule: Module<PolityServices, PartialLangiumServices & PolityAddedServices> = {
    parser: {
        Lexer: services => new PolityLexer(services),
        LangiumParser: services => createPolityParser(services),
        TokenBuilder: () => new PolityTokenBuilder(),
        CompletionParser: services => createPolityCompletionParser(services),
        ParserErrorMessageProvider: () => new PolityParserErrorMessageProvider()
    },
    references: {
        ScopeComputation: services => new PolityScopeComputation(services),
        ScopeProvider: services => new PolityScopeProvider(services),
        References: services => new PolityReferences(services),
        NameIndex: services => new NameIndex(services),
        WorkspaceModel: services => new WorkspaceModel(services)
    },
    validation: {
        DocumentValidator: services => new PolityDocumentValidator(services),
        ValidationRegistry: services => new PolityValidationRegistry(services)
    },
    lsp: {
        CompletionProvider: services => new PolityCompletionProvider(services),
        HoverProvider: services => new PolityHoverProvider(services),
        RenameProvider: services => new PolityRenameProvider(services),
        DocumentSymbolProvider: services => new PolityDocumentSymbolProvider(services),
        SemanticTokenProvider: services => new PolitySemanticTokenProvider(services),
        FoldingRangeProvider: services => new PolityFoldingRangeProvider(services),
        CodeActionProvider: services => new PolityCodeActionProvider(services),
        CodeLensProvider: services => new PolityCodeLensProvider(services),
        Formatter: services => new PolityFormatter(services)
    }
};

/** Loads the prelude with the workspace, as Langium's built-in library pattern does. */
export class PolityWorkspaceManager extends DefaultWorkspaceManager {
    private readonly documentFactory: LangiumDocumentFactory;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.documentFactory = services.workspace.LangiumDocumentFactory;
        // Validate every file on start, not only opened ones: conflicts span files, and the
        // Problems panel should show what `polity check` shows.
        this.initialBuildOptions = { validation: true };
    }

    protected override async loadAdditionalDocuments(folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        await super.loadAdditionalDocuments(folders, collector);
        if (!this.langiumDocuments.hasDocument(PRELUDE_URI)) {
            collector(this.documentFactory.fromString(PRELUDE_TEXT, PRELUDE_URI));
        }
    }
}

export const PolitySharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: services => new PolityDocumentBuilder(services),
        IndexManager: services => new PolityIndexManager(services),
        WorkspaceManager: services => new PolityWorkspaceManager(services),
        TextDocuments: () => new PolityTextDocuments(),
        LangiumDocumentFactory: services => new PolityDocumentFactory(services)
    },
    lsp: {
        DocumentUpdateHandler: services => new PolityDocumentUpdateHandler(services),
        NodeKindProvider: () => new PolityNodeKindProvider(),
        WorkspaceSymbolProvider: services => new PolityWorkspaceSymbolProvider(services)
    }
};

export function createPolityServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Polity: PolityServices } {
    const shared = inject(createDefaultSharedModule(context), PolityGeneratedSharedModule, PolitySharedModule);
    const Polity = inject(createDefaultModule({ shared }), PolityGeneratedModule, PolityModule);
    shared.ServiceRegistry.register(Polity);
    registerValidationChecks(Polity);
    (shared.workspace.DocumentBuilder as PolityDocumentBuilder).useWorkspaceModel(() => Polity.references.WorkspaceModel);
    if (!context.connection) {
        // Without a language client nothing calls the workspace manager, so the prelude is added here.
        shared.workspace.LangiumDocuments.addDocument(shared.workspace.LangiumDocumentFactory.fromString(PRELUDE_TEXT, PRELUDE_URI));
    }
    return { shared, Polity };
}
