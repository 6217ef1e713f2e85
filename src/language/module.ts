import {
    DefaultWorkspaceManager,
    inject,
    type DeepPartial,
    type LangiumDocument,
    type LangiumDocumentFactory,
    type Module,
    URI,
    UriUtils,
    type WorkspaceFolder
} from 'langium';
import type { InitializeParams } from 'vscode-languageserver';
import {
    createDefaultModule,
    createDefaultSharedModule,
    type DefaultSharedModuleContext,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices,
    type PartialLangiumSharedServices
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
import { writePreludeFile } from './prelude-file.js';
import type { InitializationOptions } from './protocol.js';
import { NameIndex, PolityScopeComputation, PolityScopeProvider } from './scope.js';
import { PolityDocumentValidator, PolityValidationRegistry, PolityValidator, registerValidationChecks } from './validator.js';
import { WorkspaceModel } from './workspace-model.js';
import { DiagramService } from './lsp/diagram-service.js';
import { PolityLinker, PolityReferenceDescriptionProvider } from './linker.js';
import { PolityCodeActionProvider } from './lsp/code-actions.js';
import { PolityCodeLensProvider } from './lsp/code-lens.js';
import { PolityCompletionProvider } from './lsp/completion.js';
import { PolityDocumentSymbolProvider } from './lsp/document-symbols.js';
import { PolityFoldingRangeProvider } from './lsp/folding.js';
import { PolityFormatter } from './lsp/formatter.js';
import { PolityHoverProvider } from './lsp/hover.js';
import { PolityNodeKindProvider } from './lsp/node-kinds.js';
import { PolityReferences } from './lsp/references.js';
import { PolityRenameProvider } from './lsp/rename.js';
import { PolitySemanticTokenProvider } from './lsp/semantic-tokens.js';
import { PolityWorkspaceSymbolProvider } from './lsp/workspace-symbols.js';
import { PolityTextDocuments } from './text-documents.js';

/** Polity's own services, beside Langium's. */
export interface PolityAddedServices {
    polity: {
        /** The exported declarations by key: every name lookup goes through it. */
        NameIndex: NameIndex;
        /** The semantic model of the workspace and its findings, once per build. */
        WorkspaceModel: WorkspaceModel;
        Validator: PolityValidator;
        /** Answers the preview's diagram requests (created on first use: the CLI never asks). */
        DiagramService: DiagramService;
    };
}

export type PolityServices = LangiumServices & PolityAddedServices;

/** Services to use instead of some of Polity's own. */
export type PolityOverrides = Module<PolityServices, DeepPartial<PolityServices>>;

export const PolityModule: Module<PolityServices, PartialLangiumServices & PolityAddedServices> = {
    polity: {
        NameIndex: services => new NameIndex(services),
        WorkspaceModel: services => new WorkspaceModel(services),
        Validator: services => new PolityValidator(services),
        DiagramService: services => new DiagramService(services)
    },
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
        Linker: services => new PolityLinker(services)
    },
    workspace: {
        ReferenceDescriptionProvider: services => new PolityReferenceDescriptionProvider(services)
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
    private preludeUri = PRELUDE_URI;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.documentFactory = services.workspace.LangiumDocumentFactory;
        // Validate every file on start, not only opened ones: conflicts span files, and the
        // Problems panel should show what `polity check` shows.
        this.initialBuildOptions = { validation: true };
    }

    override initialize(params: InitializeParams): void {
        super.initialize(params);
        // A client that names only a root (`rootUri`, LSP's older form) still means that folder.
        if (!this.folders && params.rootUri) this.folders = [{ uri: params.rootUri, name: UriUtils.basename(URI.parse(params.rootUri)) }];
        this.preludeUri = preludeUriFor(params.initializationOptions as InitializationOptions | undefined);
    }

    protected override async loadAdditionalDocuments(
        folders: WorkspaceFolder[],
        collector: (document: LangiumDocument) => void
    ): Promise<void> {
        await super.loadAdditionalDocuments(folders, collector);
        if (!this.langiumDocuments.hasDocument(this.preludeUri)) {
            collector(this.documentFactory.fromString(PRELUDE_TEXT, this.preludeUri));
        }
    }
}

/**
 * The URI the prelude is loaded under: `polity-builtin:` for a client that shows it through
 * `polity/builtin` (VS Code), else the prelude's file, so that go to definition lands on a file the
 * editor can open. Where that file cannot be written, the built-in URI, with the reason in the log.
 */
function preludeUriFor(options: InitializationOptions | undefined): URI {
    if (options?.builtinDocuments === true) return PRELUDE_URI;
    const file = writePreludeFile(PRELUDE_TEXT);
    if ('uri' in file) return file.uri;
    console.warn(`polity: the prelude stays at ${PRELUDE_URI.toString()}: ${file.error}`);
    return PRELUDE_URI;
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

/**
 * Polity's services; `overrides` replace some of them after Polity's own
 * (test/support/faulty-server.ts makes features fail with them).
 */
export function createPolityServices(
    context: DefaultSharedModuleContext,
    overrides: PolityOverrides = {}
): { shared: LangiumSharedServices; Polity: PolityServices } {
    const shared = inject(createDefaultSharedModule(context), PolityGeneratedSharedModule, PolitySharedModule);
    const Polity = inject(createDefaultModule({ shared }), PolityGeneratedModule, PolityModule, overrides);
    shared.ServiceRegistry.register(Polity);
    registerValidationChecks(Polity);
    if (!context.connection) {
        // Without a language client nothing calls the workspace manager, so the prelude is added here.
        shared.workspace.LangiumDocuments.addDocument(shared.workspace.LangiumDocumentFactory.fromString(PRELUDE_TEXT, PRELUDE_URI));
    }
    return { shared, Polity };
}
