import { DocumentState, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CheckOptions } from '../../model/checks.js';
import type { PolityServices } from '../module.js';
import type { InitializationOptions, PolitySettings } from '../protocol.js';

const SEVERITIES = ['error', 'warning', 'information', 'off'] as const;

/** Unknown or missing values fall back to the checks' own default severity. */
export function checkOptionsOf(settings: PolitySettings | undefined): CheckOptions {
    const severity = settings?.conflicts?.severity;
    return SEVERITIES.find(s => s === severity) ? { conflictSeverity: severity as CheckOptions['conflictSeverity'] } : {};
}

/**
 * Applies `polity.conflicts.severity` before the first build (from initializationOptions, so the first
 * diagnostics already use it) and re-validates every document when the setting changes later, whether
 * it arrives by workspace/didChangeConfiguration or by the workspace/configuration pull at start-up.
 */
export function watchSettings(shared: LangiumSharedServices, polity: PolityServices): void {
    const workspaceModel = polity.polity.WorkspaceModel;
    const config = shared.workspace.ConfigurationProvider;
    let current = JSON.stringify(checkOptionsOf(undefined));

    const apply = async (settings: PolitySettings | undefined, revalidate: boolean): Promise<void> => {
        const options = checkOptionsOf(settings);
        if (JSON.stringify(options) === current) return;
        current = JSON.stringify(options);
        workspaceModel.setOptions(options);
        if (revalidate) await revalidateAll(shared);
    };

    shared.lsp.LanguageServer.onInitialize(params => {
        void apply((params.initializationOptions as InitializationOptions | undefined)?.settings, false);
    });
    shared.lsp.LanguageServer.onInitialized(() => {
        void config.ready
            .then(() => config.getConfiguration('polity', 'conflicts'))
            .then((conflicts: PolitySettings['conflicts']) => conflicts && apply({ conflicts }, true));
    });
    config.onConfigurationSectionUpdate(update => {
        if (update.section === 'polity') void apply(update.configuration as PolitySettings, true);
    });
}

/**
 * Validates every document again. Documents not fully built are built as well: this write
 * cancels a running update, whose documents would otherwise wait for the next edit.
 */
async function revalidateAll(shared: LangiumSharedServices): Promise<void> {
    const builder = shared.workspace.DocumentBuilder;
    await shared.workspace.WorkspaceLock.write(async token => {
        const documents: LangiumDocument[] = shared.workspace.LangiumDocuments.all.toArray();
        for (const document of documents) {
            if (document.state >= DocumentState.Validated) builder.resetToState(document, DocumentState.IndexedReferences);
        }
        await builder.build(documents, { validation: true }, token);
    });
}
