import type { FuzzyMatcher, LangiumSharedServices, WorkspaceSymbolProvider } from 'langium/lsp';
import type { WorkspaceSymbol, WorkspaceSymbolParams } from 'vscode-languageserver';
import type { Declaration, Institution, Person } from '../../model/types.js';
import type { PolityServices } from '../module.js';
import { declarationSymbolKind } from './node-kinds.js';

/**
 * Finds declarations by name, by title, by a name in another language or by
 * a former name or plaque: "Cyberspace" finds CAC by its title, "State
 * Internet" by the name it had until 2014, "鲁炜" Lu Wei.
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
            const byName =
                words.length === 0 ||
                this.fuzzy.match(query, declaration.path) ||
                contains(declaration.path) ||
                contains(declaration.title);
            const other = byName ? undefined : otherName(declaration, contains);
            if (!byName && !other) continue;
            const title = declaration.title ? ` — ${declaration.title}` : '';
            symbols.push({
                name: `${declaration.path}${title}${other ? ` (${other})` : ''}`,
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

/** The other name that matched, as the label shows it: `formerly …`, `zh 鲁炜`, `plaque …`. */
function otherName(declaration: Declaration, contains: (text: string) => boolean): string | undefined {
    if (declaration.type !== 'institution' && declaration.type !== 'person') return undefined;
    const named = declaration as Institution | Person;
    const inLanguage = named.names.find(n => contains(n.value));
    if (inLanguage) return `${inLanguage.lang} ${inLanguage.value}`;
    if (declaration.type !== 'institution') return undefined;
    const institution = declaration as Institution;
    const former = institution.formerNames.find(f => contains(f.name));
    if (former) return `formerly ${former.name}`;
    const plaque = institution.plaques.find(p => contains(p.name));
    return plaque ? `plaque ${plaque.name}` : undefined;
}
