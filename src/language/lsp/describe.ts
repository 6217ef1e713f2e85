import { describeConflict } from '../../model/checks/index.js';
import type { Conflict } from '../../model/conflicts.js';
import { CONTAINMENT, claimVerb, displayName, hedge, type SemanticModel } from '../../model/model.js';
import { today, type PDate } from '../../model/dates.js';
import { formatPeriod } from '../../model/periods.js';
import { holdersSections, nameSections, personSections, postSections } from './describe-people.js';
import type {
    Citation,
    Claim,
    Declaration,
    Institution,
    Key,
    Kind,
    Mandate,
    Person,
    Post,
    RelationFact,
    RelationKind,
    Role,
    Source,
    WrittenPeriod
} from '../../model/types.js';
import { compareText } from '../../model/order.js';

/**
 * Markdown describing a declaration, built from the semantic model only, so
 * that what the hover says is what the checks and diagrams use.
 */
export function describe(model: SemanticModel, conflicts: readonly Conflict[], key: Key, date: PDate = today()): string | undefined {
    const declaration = model.declarations.get(key)?.[0];
    if (!declaration) return undefined;
    const body = ((): string[] => {
        switch (declaration.type) {
            case 'institution':
                return institution(model, declaration as Institution, date);
            case 'mandate':
                return mandate(model, conflicts, declaration as Mandate);
            case 'source':
                return source(model, declaration as Source);
            case 'kind':
                return kind(model, declaration as Kind);
            case 'relation':
                return relationKind(model, declaration as RelationKind);
            case 'role':
                return role(model, declaration as Role);
            case 'person':
                return personSections(model, declaration as Person);
            case 'post':
                return postSections(model, declaration as Post);
            default:
                return [];
        }
    })();
    return [heading(declaration), ...body].filter(part => part !== '').join('\n\n');
}

function heading(declaration: Declaration): string {
    const title = declaration.title ? ` — ${md(declaration.title)}` : '';
    const lines = [`**${md(declaration.path)}**${title}`];
    if (declaration.doc) lines.push('', declaration.doc);
    return lines.join('\n');
}

function institution(model: SemanticModel, inst: Institution, date: PDate): string[] {
    const name = (key: Key) => md(displayName(model, key));
    const facts = [
        kinds(model, inst),
        inst.established || inst.dissolved ? formatPeriod(inst.lifetime) : '',
        inst.parent ? `unit of ${name(inst.parent)}` : ''
    ]
        .filter(Boolean)
        .join(' · ');
    const former = inst.formerNames.map(f => `Formerly *${md(f.name)}*${f.until ? ` (until ${f.until.date.text})` : ''}`).join('  \n');
    const claims = model.claimsByInstitution.get(inst.key) ?? [];
    const contests = model.contests.filter(c => c.institution === inst.key);
    const competences = [
        ...claims.map(
            c =>
                `- ${md(claimVerb(model, c))} \`${md(displayName(model, c.mandate))}\`${partners(model, c)}${exceptions(model, c)}${period(c.period)}`
        ),
        ...contests.map(c => `- ${hedge(c.certainty)}contests \`${md(displayName(model, c.mandate))}\`${period(c.period)}`)
    ];
    const own = model.relations.filter(r => r.subject === inst.key || r.target === inst.key);
    // Containment is structure, not a relation among others: where the body sat, and what sat in it, over time.
    const contained = (r: RelationFact) => model.relationKinds.get(r.kind)?.name === CONTAINMENT;
    const partOf = own
        .filter(r => contained(r) && r.subject === inst.key)
        .map(r => `- ${hedge(r.certainty)}${name(r.target)}${period(r.period)}`);
    const members = own
        .filter(r => contained(r) && r.target === inst.key)
        .map(r => `- ${hedge(r.certainty)}${name(r.subject)}${period(r.period)}`);
    const relations = own
        .filter(r => !contained(r))
        .map(r => `- ${name(r.subject)} ${hedge(r.certainty)}${md(relationText(model, r.kind))} ${name(r.target)}${period(r.period)}`);
    const units = model.units.get(inst.key) ?? [];
    const citations = [
        ...inst.citations,
        ...inst.formerNames.flatMap(f => f.citations),
        ...claims.flatMap(c => c.citations),
        ...contests.flatMap(c => c.citations),
        ...model.relations.filter(r => r.subject === inst.key).flatMap(r => r.citations),
        ...[...inst.names, ...inst.plaques, ...inst.facets].flatMap(n => n.citations),
        ...(model.holdingsByInstitution.get(inst.key) ?? []).flatMap(h => h.citations)
    ];
    return [
        facts,
        former,
        ...nameSections(inst),
        section('Part of', partOf),
        section('Members', members),
        section('Competences', competences),
        section('Relations', relations),
        units.length > 0 ? `**Units**: ${units.map(name).join(', ')}` : '',
        ...holdersSections(model, inst, date),
        section('Sources', sources(model, citations))
    ];
}

/** Its kind, or, when it changed kind, every kind with when it held: `leading-group (party) (until 2018) · commission (party) (since 2018)`. */
function kinds(model: SemanticModel, inst: Institution): string {
    const named = (key: Key) => {
        const kind = model.kinds.get(key);
        return kind ? `${md(kind.path)} (${kind.sphere})` : md(displayName(model, key));
    };
    if (inst.kinds.length <= 1) return inst.kind ? named(inst.kind) : '';
    return inst.kinds.map(k => `${named(k.kind)}${period(k.period)}`).join(' · ');
}

/** How the prelude's roles read in a mandate's hover; a model's own roles read as their name. */
const ROLE_LABELS: Record<string, string> = {
    leads: 'Led by',
    shares: 'Shared by',
    supports: 'Supported by',
    coordinates: 'Coordinated by'
};

function mandate(model: SemanticModel, conflicts: readonly Conflict[], mandateDecl: Mandate): string[] {
    const key = mandateDecl.key;
    const children = model.childMandates.get(key) ?? [];
    const place = [
        mandateDecl.parents.length > 0 ? `Part of ${mandateDecl.parents.map(p => `\`${md(displayName(model, p))}\``).join(', ')}` : '',
        children.length > 0 ? `Includes ${children.map(c => `\`${md(displayName(model, c))}\``).join(', ')}` : ''
    ]
        .filter(Boolean)
        .join(' · ');
    const claims = model.claimsByMandate.get(key) ?? [];
    const byRole = new Map<string, string[]>();
    for (const c of claims) {
        const role = c.shared ? 'shares' : displayName(model, c.role);
        const holder = `${md(displayName(model, c.institution))}${c.certainty ? ` (${c.certainty})` : ''}${partners(model, c)}${exceptions(model, c)}${period(c.period)}`;
        byRole.set(role, [...(byRole.get(role) ?? []), holder]);
    }
    const labelled = Object.keys(ROLE_LABELS);
    const rank = (role: string) => (labelled.includes(role) ? labelled.indexOf(role) : labelled.length);
    const roles = [...byRole]
        .sort(([a], [b]) => rank(a) - rank(b) || compareText(a, b))
        .map(([role, holders]) => `- ${ROLE_LABELS[role] ?? `\`${md(role)}\``}: ${holders.join(', ')}`);
    const contested = model.contests
        .filter(c => c.mandate === key)
        .map(c => `${md(displayName(model, c.institution))}${c.certainty ? ` (${c.certainty})` : ''}${period(c.period)}`);
    if (contested.length > 0) roles.push(`- Contested by: ${contested.join(', ')}`);
    const own = conflicts
        .filter(c => conflictMandates(c).has(key))
        .map(c => `- ${md(describeConflict(model, c))}${c.disputes.length > 0 ? ' — recorded as a dispute' : ''}`);
    return [place, roles.length > 0 ? roles.join('\n') : 'No institution claims it.', section('Conflicts', own)];
}

/** The mandates a conflict is about: where the claims meet, and the two claimed mandates. */
export function conflictMandates(conflict: Conflict): Set<Key> {
    return new Set([conflict.mandate, conflict.first.mandate, conflict.second.mandate]);
}

function source(model: SemanticModel, sourceDecl: Source): string[] {
    const uses = model.documents.flatMap(d => d.uses).filter(u => u.key === sourceDecl.key).length;
    return [sourceDecl.url ? `<${sourceDecl.url}>` : '', `Cited ${counted(uses, 'time')}.`];
}

function kind(model: SemanticModel, kindDecl: Kind): string[] {
    const users = [...model.institutions.values()].filter(i => i.kind === kindDecl.key).map(i => md(i.path));
    return [
        `Institution kind in the ${kindDecl.sphere} sphere${builtIn(kindDecl)}`,
        users.length > 0 ? `Used by ${listed(users)}` : 'No institution has this kind.'
    ];
}

function relationKind(model: SemanticModel, relation: RelationKind): string[] {
    const count = model.relations.filter(r => r.kind === relation.key).length;
    return [
        `Relation kind${relation.hierarchical ? ', hierarchical: its relations may not form cycles' : ''}${builtIn(relation)}`,
        `${counted(count, 'relation')} of this kind.`
    ];
}

function role(model: SemanticModel, roleDecl: Role): string[] {
    const count = model.claims.filter(c => c.role === roleDecl.key).length;
    return [
        `Competence role${roleDecl.exclusive ? ', exclusive: two institutions claiming it on one mandate at one time conflict' : ''}${builtIn(roleDecl)}`,
        `${counted(count, 'claim')} of this role.`
    ];
}

function builtIn(declaration: Declaration): string {
    return declaration.builtin ? ' · built in' : '';
}

/** `CAC is the office of CCCI`: a relation kind's title reads as a verb when there is one. */
function relationText(model: SemanticModel, kindKey: Key): string {
    const relation = model.relationKinds.get(kindKey);
    return relation?.title ?? displayName(model, kindKey);
}

function partners(model: SemanticModel, claim: Claim): string {
    return claim.partners.length > 0 ? ` with ${claim.partners.map(p => md(displayName(model, p))).join(', ')}` : '';
}

function exceptions(model: SemanticModel, claim: Claim): string {
    return claim.exceptions.length > 0 ? ` except ${claim.exceptions.map(p => `\`${md(displayName(model, p))}\``).join(', ')}` : '';
}

export function period(written: WrittenPeriod): string {
    return written.loc ? ` (${formatPeriod(written.period)})` : '';
}

/** One line per source: its title, then the places cited, each once. */
function sources(model: SemanticModel, citations: readonly Citation[]): string[] {
    const bySource = new Map<string, Set<string>>();
    for (const citation of citations) {
        const id = citation.source ?? citation.sourceName;
        const locators = bySource.get(id) ?? new Set<string>();
        if (citation.locator) locators.add(citation.locator);
        bySource.set(id, locators);
    }
    return [...bySource].map(([id, locators]) => {
        const decl = model.sources.get(id);
        const title = decl?.title ? `: ${md(decl.title)}` : '';
        const where = locators.size > 0 ? ` — ${[...locators].map(l => `“${md(l)}”`).join(', ')}` : '';
        return `- ${md(decl?.path ?? id)}${title}${where}`;
    });
}

export function section(title: string, lines: string[]): string {
    return lines.length > 0 ? `**${title}**\n${lines.join('\n')}` : '';
}

function listed(names: string[], max = 12): string {
    return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** `1 conflict`, `3 conflicts`. */
export function counted(count: number, noun: string): string {
    return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

/** Text escaped for Markdown. */
export function md(text: string): string {
    return text.replace(/[\\`*_[\]<>#|]/g, '\\$&');
}
