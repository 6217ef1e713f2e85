import type { FuzzyMatcher, LangiumSharedServices, WorkspaceSymbolProvider } from 'langium/lsp';
import type { WorkspaceSymbol, WorkspaceSymbolParams } from 'vscode-languageserver';
import type { Declaration, Institution } from '../../model/types.js';
import type { PolityServices } from '../module.js';
import { declarationSymbolKind } from './node-kinds.js';

/**
 * Finds declarations by name, by title or by a former name: "Cyberspace"
 * finds CAC by its title, "State Internet" by the name it had until 2014.
 * Editors filter the answer again by the symbol's label, so the label shows
 * the title, and the former name when that is what matched.
 */
export class PolityWorkspaceSymbolProvider implements WorkspaceSymbolProvider {
    private readonly fuzzy: FuzzyMatcher;

    constructor(private readonly shared: LangiumSharedServices) {
        this.fuzzy = shared.lsp.FuzzyMatcher;
    }

    getSymbols(params: WorkspaceSymbolParams): WorkspaceSymbol[] {
        const query = params.query.trim();
        const words = query.toLowerCase().split(/\s+/).filter(Boolean);
        const contains = (text: string | undefined) => !!text && words.every(word => text.toLowerCase().includes(word));
        const symbols: WorkspaceSymbol[] = [];
        for (const declaration of this.declarations()) {
            const former = declaration.type === 'institution' ? (declaration as Institution).formerNames.find(f => contains(f.name)) : undefined;
            const byName = words.length === 0 || this.fuzzy.match(query, declaration.path) || contains(declaration.path) || contains(declaration.title);
            if (!byName && !former) continue;
            const title = declaration.title ? ` — ${declaration.title}` : '';
            symbols.push({
                name: `${declaration.path}${title}${!byName && former ? ` (formerly ${former.name})` : ''}`,
                kind: declarationSymbolKind(declaration.type),
                containerName: declaration.model || undefined,
                location: declaration.loc
            });
        }
        return symbols;
    }

    private *declarations(): Generator<Declaration> {
        for (const services of this.shared.ServiceRegistry.all) {
            const workspaceModel = (services as PolityServices).polity.WorkspaceModel;
            if (!workspaceModel) continue;
            for (const declarations of workspaceModel.snapshot.model.declarations.values()) yield* declarations;
        }
    }
}
