import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import type { Conflict } from '../../model/conflicts.js';
import { displayName, type SemanticModel } from '../../model/model.js';
import type { Key, RelationFact } from '../../model/types.js';
import type { PolityServices } from '../module.js';
import { conflictMandates, counted } from './describe.js';
import { compareText } from '../../model/order.js';

/**
 * A line of figures above each mandate ("led by CAC, MPS · 1 conflict") and
 * institution ("oversees 4 · 3 mandates") of a document, from the semantic
 * model. The lenses only inform: their command is empty, so editors show them
 * as plain text.
 */
export class PolityCodeLensProvider implements CodeLensProvider {
    constructor(private readonly services: PolityServices) {}

    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const { model, conflicts } = this.services.polity.WorkspaceModel.snapshot;
        const facts = model.documents.find(d => d.uri === document.uri.toString());
        if (!facts) return [];
        const figures = new Figures(model, conflicts);
        return facts.declarations.flatMap(declaration => {
            const title =
                declaration.type === 'mandate'
                    ? figures.mandate(declaration.key)
                    : declaration.type === 'institution'
                      ? figures.institution(declaration.key)
                      : undefined;
            return title ? [{ range: declaration.loc.range, command: { title, command: '' } }] : [];
        });
    }
}

/** How the prelude's roles read in a lens; a model's own roles read as their name (`regulates 2`). */
const PARTICIPLES: Record<string, string> = { leads: 'led by', supports: 'supported by', coordinates: 'coordinated by' };
/** The order of the lens after `led by`; a model's own roles follow, by name. */
const ROLE_ORDER = ['shares', 'supports', 'coordinates'];

/** The lens texts, with what they count indexed once per request: a file may hold thousands of declarations. */
class Figures {
    private readonly conflictCount = new Map<Key, number>();
    private readonly hierarchyBySubject = new Map<Key, RelationFact[]>();
    private readonly contesters = new Map<Key, Set<string>>();

    constructor(
        private readonly model: SemanticModel,
        conflicts: readonly Conflict[]
    ) {
        for (const conflict of conflicts) {
            for (const key of conflictMandates(conflict)) this.conflictCount.set(key, (this.conflictCount.get(key) ?? 0) + 1);
        }
        for (const contest of model.contests) {
            const names = this.contesters.get(contest.mandate) ?? new Set<string>();
            names.add(displayName(model, contest.institution));
            this.contesters.set(contest.mandate, names);
        }
        for (const relation of model.relations) {
            if (!model.relationKinds.get(relation.kind)?.hierarchical) continue;
            const list = this.hierarchyBySubject.get(relation.subject);
            if (list) list.push(relation);
            else this.hierarchyBySubject.set(relation.subject, [relation]);
        }
    }

    /** `led by CAC, MPS · shared by 1 · supported by 2 · contested by MIIT · 1 conflict`, or `no claims`. */
    mandate(key: Key): string {
        const claims = this.model.claimsByMandate.get(key) ?? [];
        // Holders per role as written: `shares` lines count apart from the `leads` they claim.
        const byRole = new Map<string, Set<string>>();
        for (const claim of claims) {
            const role = claim.shared ? 'shares' : displayName(this.model, claim.role);
            const holders = byRole.get(role) ?? new Set<string>();
            holders.add(displayName(this.model, claim.institution));
            byRole.set(role, holders);
        }
        const leaders = [...(byRole.get('leads') ?? [])];
        byRole.delete('leads');
        const phrase = (role: string) => (role === 'shares' ? 'shared by' : (PARTICIPLES[role] ?? role));
        const order = (role: string) => (ROLE_ORDER.includes(role) ? ROLE_ORDER.indexOf(role) : ROLE_ORDER.length);
        const conflicts = this.conflictCount.get(key) ?? 0;
        const parts = [
            leaders.length > 0 ? `led by ${leaders.join(', ')}` : '',
            ...[...byRole]
                .sort(([a], [b]) => order(a) - order(b) || compareText(a, b))
                .map(([role, holders]) => `${phrase(role)} ${holders.size}`),
            // A lost turf battle stays visible beside the holders it contested.
            this.contesters.has(key) ? `contested by ${[...this.contesters.get(key)!].join(', ')}` : '',
            conflicts > 0 ? counted(conflicts, 'conflict') : ''
        ].filter(Boolean);
        return parts.length > 0 ? parts.join(' · ') : 'no claims';
    }

    /** `oversees 4 · 1 unit · 3 mandates` (hierarchical relations, units, claimed mandates), or nothing. */
    institution(key: Key): string | undefined {
        const byKind = new Map<Key, Set<Key>>();
        for (const relation of this.hierarchyBySubject.get(key) ?? []) {
            const targets = byKind.get(relation.kind) ?? new Set<Key>();
            targets.add(relation.target);
            byKind.set(relation.kind, targets);
        }
        const units = this.model.units.get(key)?.length ?? 0;
        const mandates = new Set((this.model.claimsByInstitution.get(key) ?? []).map(c => c.mandate)).size;
        const parts = [
            ...[...byKind].map(([kind, targets]) => `${displayName(this.model, kind)} ${targets.size}`),
            units > 0 ? counted(units, 'unit') : '',
            mandates > 0 ? counted(mandates, 'mandate') : ''
        ].filter(Boolean);
        return parts.length > 0 ? parts.join(' · ') : undefined;
    }
}
