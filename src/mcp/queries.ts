/**
 * The questions `polity mcp` answers, on the semantic model: each answer is
 * plain text an assistant can quote, every fact with the sources and
 * locators that support it and where it is written. Pure: the server feeds
 * in the loaded model and how to name places.
 */
import { describeConflict, describeContest } from '../model/checks/index.js';
import type { Conflict } from '../model/conflicts.js';
import { findContests } from '../model/contests.js';
import { modelAt } from '../model/at-date.js';
import { DATE_FORMS, parseDate, type PDate } from '../model/dates.js';
import { diffModels, type Change } from '../model/diff.js';
import { claimVerb, displayName, effectivePeriod, hedge, kindAt, mandateWithin, type SemanticModel } from '../model/model.js';
import { contains, formatPeriod, overlaps, possible, type Period } from '../model/periods.js';
import { closestNames, didYouMean } from '../model/suggest.js';
import type { Citation, Dispute, Holding, Institution, Key, Location, Mandate, RelationFact } from '../model/types.js';
import { labelText } from '../text/label.js';
import { describeHolding, heldPeriod } from '../model/people.js';
import { onlyElement } from '../model/lists.js';
import { QueryError } from './query-error.js';
import { resolveByName } from './resolve.js';
import { ownDeclarations } from '../model/own-declarations.js';

export interface QueryContext {
    model: SemanticModel;
    conflicts: readonly Conflict[];
    /** `examples/china-cyber/state.polity:39` */
    place(loc: Location): string;
    today: PDate;
    /** The sources an answer has cited so far, listed once at its end. */
    cited?: Set<Key>;
}

export const text = (value: string) => labelText(value);

// ---- Names and dates -----------------------------------------------------------------

/** Every name an institution goes by: its key and path, its name, its title, its former names, its names in other languages and its plaques. */
function namesOf(institution: Institution): string[] {
    return [
        institution.key,
        institution.path,
        institution.name,
        institution.title ?? '',
        ...institution.formerNames.map(f => f.name),
        ...institution.names.map(n => n.value),
        ...institution.plaques.map(p => p.name)
    ].filter(Boolean);
}

/** The institution a name stands for: exact (any case) on key, path, name, title or former name. */
export function resolveInstitution(model: SemanticModel, name: string): Institution {
    const wanted = name.trim().toLowerCase();
    const found = ownDeclarations(model.institutions).filter(i => namesOf(i).some(n => n.toLowerCase() === wanted));
    const exact = onlyElement(found);
    if (exact) return exact;
    if (found.length > 1)
        throw new QueryError(`'${name}' names ${found.length} institutions: ${found.map(i => i.path).join(', ')}; use one of these names`);
    const partial = findInstitutions(model, name);
    const only = onlyElement(partial);
    if (only) return only;
    const hint =
        partial.length > 1
            ? ` Institutions whose names contain it: ${partial
                  .slice(0, 10)
                  .map(i => i.path)
                  .join(', ')}.`
            : didYouMean(
                  closestNames(
                      name,
                      ownDeclarations(model.institutions).map(i => i.path)
                  )
              );
    throw new QueryError(`no institution is called '${name}'.${hint}`);
}

export function resolveMandate(model: SemanticModel, name: string): Mandate {
    return resolveByName(name, {
        what: 'mandate',
        items: [...model.mandates.values()],
        describe: m => `${m.path} (${text(m.title ?? m.name)})`
    });
}

export function resolveDateArgument(value: string | undefined, fallback: PDate, what = 'date'): PDate {
    if (value === undefined || value.trim() === '') return fallback;
    const date = parseDate(value.trim());
    if (!date) throw new QueryError(`'${value}' is not a ${what}: expected ${DATE_FORMS}`);
    return date;
}

// ---- Citations -------------------------------------------------------------------------

/** `[creemers2021 "Ministry of Public Security"]` for each citation (its locator in quotes), then where the fact is written. */
export function evidence(ctx: QueryContext, citations: readonly Citation[], loc: Location): string {
    const cited = citations.map(c => {
        const source = c.source ? ctx.model.sources.get(c.source) : undefined;
        if (source) ctx.cited?.add(source.key);
        return `[${text(source ? source.path : c.sourceName)}${c.locator ? ` "${text(c.locator)}"` : ''}]`;
    });
    return `${cited.length > 0 ? `cited: ${cited.join(' ')}` : 'no source cited'}; written at ${ctx.place(loc)}`;
}

/** The sources an answer cited, with their titles and addresses: `creemers2021: Rogier Creemers, …`. */
export function sourceList(ctx: QueryContext): string {
    const sources = [...(ctx.cited ?? [])].sort().map(key => ctx.model.sources.get(key)!);
    if (sources.length === 0) return '';
    return [
        'Sources:',
        ...sources.map(s => `- ${s.path}: ${text(s.title ?? s.name)}${s.url ? ` <${text(s.url)}>` : ''}; declared at ${ctx.place(s.loc)}`)
    ].join('\n');
}

/** `- recorded dispute over cii (…) between CAC, MPS (2020 – present): "finding"; cited: …`, as every answer lists one. */
function disputeLine(ctx: QueryContext, d: Dispute): string {
    const { model } = ctx;
    return `- recorded dispute over ${label(model, d.mandate)} between ${d.parties.map(p => displayName(model, p)).join(', ')} (${formatPeriod(d.period.period)})${d.finding ? `: "${text(d.finding)}"` : ''}; ${evidence(ctx, d.citations, d.loc)}`;
}

export function label(model: SemanticModel, key: Key): string {
    const decl = model.declarations.get(key)?.[0];
    return decl?.title ? `${decl.path} (${text(decl.title)})` : displayName(model, key);
}

// ---- The tools ---------------------------------------------------------------------------

/** Institutions whose key, name, title or a former name contains the query (any case). */
export function findInstitutions(model: SemanticModel, query: string): Institution[] {
    const wanted = query.trim().toLowerCase();
    if (wanted === '') return [];
    // Not by key: every key holds the model's name (`china.cyber.…`), which "cyber" would match.
    return ownDeclarations(model.institutions)
        .filter(i => namesOf(i).some(n => n !== i.key && n.toLowerCase().includes(wanted)))
        .sort((a, b) => a.path.localeCompare(b.path));
}

export function findInstitutionsAnswer(ctx: QueryContext, query: string): string {
    const found = findInstitutions(ctx.model, query);
    if (found.length === 0) return `No institution's name, title, former or foreign name contains '${text(query)}'.`;
    return [
        `${found.length} institution${found.length === 1 ? '' : 's'} match '${text(query)}':`,
        ...found.map(i => {
            const former = i.formerNames.map(f => `formerly "${text(f.name)}"${f.until ? ` until ${f.until.date.text}` : ''}`);
            const kind = i.kind ? displayName(ctx.model, i.kind) : 'no kind';
            return `- ${label(ctx.model, i.key)}: ${kind}, ${formatPeriod(i.lifetime)}${former.length ? `; ${former.join('; ')}` : ''}; ${evidence(ctx, i.citations, i.loc)}`;
        })
    ].join('\n');
}

export function describeInstitutionAnswer(ctx: QueryContext, name: string, at?: string): string {
    const { model } = ctx;
    const institution = resolveInstitution(model, name);
    const date = resolveDateArgument(at, ctx.today);
    const key = institution.key;
    const lines: string[] = [`${label(model, key)} as of ${date.text}`];
    const alive = contains(possible(institution.lifetime), date);
    lines.push(
        `- existed: ${formatPeriod(institution.lifetime)}${alive ? '' : ` (it did not exist on ${date.text})`}; ${evidence(ctx, institution.citations, institution.loc)}`
    );
    const kind = kindAt(institution, date);
    // The `kind` line that gives the kind then, for its citations.
    const kindLine =
        institution.kinds.find(k => k.kind === kind && contains(possible(k.period.period), date)) ??
        institution.kinds.find(k => k.kind === kind);
    if (kind)
        lines.push(
            `- kind then: ${displayName(model, kind)} (sphere: ${model.kinds.get(kind)?.sphere ?? 'unknown'})${kindLine ? `; ${evidence(ctx, kindLine.citations, kindLine.loc)}` : ''}`
        );
    for (const k of institution.kinds.filter(k => k.period.loc))
        lines.push(`  - kind ${displayName(model, k.kind)} ${formatPeriod(k.period.period)}; ${evidence(ctx, k.citations, k.loc)}`);
    // A unit is written inside its parent's block: that is where it says so.
    if (institution.parent) lines.push(`- unit of ${label(model, institution.parent)}; ${evidence(ctx, [], institution.loc)}`);
    for (const f of institution.formerNames)
        lines.push(`- formerly "${text(f.name)}"${f.until ? ` until ${f.until.date.text}` : ''}; ${evidence(ctx, f.citations, f.loc)}`);
    if (institution.doc) lines.push(`- note: ${text(institution.doc)}`);

    const claims = (model.claimsByInstitution.get(key) ?? []).filter(c => held(model, c, date));
    lines.push(claims.length ? 'Competences then:' : 'Competences then: none recorded.');
    for (const c of claims) {
        lines.push(
            `- ${claimVerb(model, c)} ${label(model, c.mandate)} (${formatPeriod(c.period.period)})${c.partners.length ? ` with ${c.partners.map(p => displayName(model, p)).join(', ')}` : ''}${c.exceptions.length ? ` except ${c.exceptions.map(e => displayName(model, e)).join(', ')}` : ''}; ${evidence(ctx, c.citations, c.extent)}`
        );
    }
    for (const c of model.contests.filter(c => c.institution === key && held(model, c, date))) {
        lines.push(
            `- ${hedge(c.certainty)}contests ${label(model, c.mandate)} (${formatPeriod(c.period.period)}); ${evidence(ctx, c.citations, c.extent)}`
        );
    }
    const relations = model.relations.filter(r => (r.subject === key || r.target === key) && contains(possible(r.period.period), date));
    lines.push(relations.length ? 'Relations then:' : 'Relations then: none recorded.');
    for (const r of relations) lines.push(`- ${relationText(model, r)}; ${evidence(ctx, r.citations, r.loc)}`);
    const disputes = model.disputes.filter(d => d.parties.includes(key) && contains(possible(d.period.period), date));
    const conflicts = ctx.conflicts.filter(c => (c.first.institution === key || c.second.institution === key) && contains(c.period, date));
    if (disputes.length || conflicts.length) lines.push('Disputes and conflicts then:');
    for (const d of disputes) lines.push(disputeLine(ctx, d));
    for (const c of conflicts.filter(c => c.disputes.length === 0))
        lines.push(
            `- undeclared conflict: ${text(describeConflict(model, c))}; ${evidence(ctx, [...c.first.citations, ...c.second.citations], c.first.loc)}`
        );
    const posts = (model.holdingsByInstitution.get(key) ?? []).filter(h => heldOn(model, h, date));
    if (posts.length) lines.push('Posts held then:', ...posts.map(h => holdingLine(ctx, h, date)));
    return lines.join('\n');
}

function held(model: SemanticModel, fact: { institution: Key; period: { period: Period } }, date: PDate): boolean {
    const period = effectivePeriod(model, fact);
    return period !== undefined && contains(period, date);
}

function relationText(model: SemanticModel, r: RelationFact): string {
    const kind = model.relationKinds.get(r.kind);
    return `${displayName(model, r.subject)} ${hedge(r.certainty)}${kind?.title ? text(kind.title) : displayName(model, r.kind)} ${displayName(model, r.target)} (${formatPeriod(r.period.period)})`;
}

/** `- Lu Wei holds director of CAC (2012..2013-08 – 2016); cited: […]; written at …`, with what is hedged or uncertain said. */
export function holdingLine(ctx: QueryContext, h: Holding, date?: PDate): string {
    const { model } = ctx;
    const sure = heldPeriod(model, h, true);
    // Held on the date only if the uncertain start or end fell on the right side of it.
    const uncertain = date && !(sure && contains(sure, date)) ? ' — possibly: the dates are uncertain' : '';
    const hedged = h.certainty ? ` — ${h.certainty}, not asserted` : '';
    return `- ${text(describeHolding(model, h))} (${formatPeriod(h.period.period)})${hedged}${uncertain}; ${evidence(ctx, h.citations, h.extent)}`;
}

export function heldOn(model: SemanticModel, h: Holding, date: PDate): boolean {
    const period = heldPeriod(model, h);
    return period !== undefined && contains(period, date);
}

export function whoHeldAnswer(ctx: QueryContext, mandateName: string, at?: string, roleName?: string): string {
    const { model } = ctx;
    const mandate = resolveMandate(model, mandateName);
    const date = resolveDateArgument(at, ctx.today);
    const role = roleName ? [...model.roles.values()].find(r => r.name === roleName.trim() || r.key === roleName.trim()) : undefined;
    if (roleName && !role)
        throw new QueryError(
            `no role is called '${roleName}'; the roles are: ${[...new Set([...model.roles.values()].map(r => r.name))].join(', ')}`
        );
    const claims = model.claims.filter(
        c => mandateWithin(model, c.mandate, mandate.key) && held(model, c, date) && (!role || c.role === role.key)
    );
    const head = `Who held ${label(model, mandate.key)}${role ? ` (role ${role.name})` : ''} on ${date.text}:`;
    if (claims.length === 0)
        return `${head} no institution is recorded with ${role ? 'that role on ' : 'a competence on '}it or a part of it then.`;
    return [
        head,
        ...claims.map(
            c =>
                `- ${displayName(model, c.institution)}${model.institutions.get(c.institution)?.title ? ` (${text(model.institutions.get(c.institution)!.title!)})` : ''} ${claimVerb(model, c)} ${displayName(model, c.mandate)} (${formatPeriod(c.period.period)})${c.certainty ? ` — ${c.certainty}, not asserted` : ''}; ${evidence(ctx, c.citations, c.extent)}`
        )
    ].join('\n');
}

export interface FindingFilter {
    mandate?: string;
    institution?: string;
    from?: string;
    to?: string;
}

export function listFindingsAnswer(ctx: QueryContext, filter: FindingFilter): string {
    const { model } = ctx;
    const mandate = filter.mandate ? resolveMandate(model, filter.mandate).key : undefined;
    const institution = filter.institution ? resolveInstitution(model, filter.institution).key : undefined;
    const window: Period = {
        start: filter.from ? resolveDateArgument(filter.from, ctx.today, 'start date') : undefined,
        end: filter.to ? resolveDateArgument(filter.to, ctx.today, 'end date') : undefined
    };
    const onMandate = (key: Key) => !mandate || mandateWithin(model, key, mandate) || mandateWithin(model, mandate, key);
    const lines: string[] = [];
    for (const c of ctx.conflicts) {
        if (
            !onMandate(c.mandate) ||
            (institution && c.first.institution !== institution && c.second.institution !== institution) ||
            !overlaps(c.period, window)
        )
            continue;
        const state = c.disputes.length ? 'conflict, recorded as a dispute' : 'undeclared conflict';
        lines.push(
            `- ${state}: ${text(describeConflict(model, c))}; ${evidence(ctx, c.first.citations, c.first.extent)}; the other claim: ${evidence(ctx, c.second.citations, c.second.extent)}`
        );
    }
    for (const found of findContests(model).contested) {
        if (
            !onMandate(found.mandate) ||
            (institution && found.contest.institution !== institution && found.holder.institution !== institution) ||
            !overlaps(found.period, window)
        )
            continue;
        lines.push(`- contest: ${text(describeContest(model, found))}; ${evidence(ctx, found.contest.citations, found.contest.extent)}`);
    }
    for (const d of model.disputes) {
        if (!onMandate(d.mandate) || (institution && !d.parties.includes(institution)) || !overlaps(possible(d.period.period), window))
            continue;
        lines.push(disputeLine(ctx, d));
    }
    const scope = [
        mandate && `on ${displayName(model, mandate)}`,
        institution && `involving ${displayName(model, institution)}`,
        (window.start || window.end) && `within ${formatPeriod(window)}`
    ]
        .filter(Boolean)
        .join(', ');
    return lines.length
        ? [`Conflicts, contests and recorded disputes${scope ? ` ${scope}` : ''}:`, ...lines].join('\n')
        : `No conflicts, contests or recorded disputes${scope ? ` ${scope}` : ''}.`;
}

/** One step of oversight: who directs whom, through which written relation. */
interface Step {
    from: Key;
    to: Key;
    how: string;
    citations: readonly Citation[];
    loc: Location;
}

/**
 * The shortest chain of oversight from one institution down to another on a
 * date: hierarchical relations from superior to subordinate (`oversees`;
 * `part-of` read upwards), a body to its units, and a body to its office
 * (`X office-of Y`: Y acts through X, as the CCCI does through the CAC).
 */
export function oversightPathAnswer(ctx: QueryContext, fromName: string, toName: string, at?: string): string {
    const { model } = ctx;
    const from = resolveInstitution(model, fromName);
    const to = resolveInstitution(model, toName);
    const date = resolveDateArgument(at, ctx.today);
    const steps = new Map<Key, Step[]>();
    const add = (step: Step) => {
        const list = steps.get(step.from);
        if (list) list.push(step);
        else steps.set(step.from, [step]);
    };
    for (const r of model.relations) {
        if (!contains(possible(r.period.period), date)) continue;
        const kind = model.relationKinds.get(r.kind);
        const how = relationText(model, r);
        if (kind?.hierarchical)
            add(
                kind.upward
                    ? { from: r.target, to: r.subject, how, citations: r.citations, loc: r.loc }
                    : { from: r.subject, to: r.target, how, citations: r.citations, loc: r.loc }
            );
        else if (kind?.name === 'office-of') add({ from: r.target, to: r.subject, how, citations: r.citations, loc: r.loc });
    }
    for (const i of ownDeclarations(model.institutions)) {
        if (i.parent && contains(possible(i.lifetime), date))
            add({
                from: i.parent,
                to: i.key,
                how: `${i.path} is a unit of ${displayName(model, i.parent)}`,
                citations: i.citations,
                loc: i.loc
            });
    }
    // Breadth first: the first path found is a shortest one; steps are taken in the order they are written.
    const previous = new Map<Key, Step | undefined>([[from.key, undefined]]);
    const queue: Key[] = [from.key];
    // The loop also visits what it appends.
    for (const key of queue) {
        if (previous.has(to.key)) break;
        for (const step of steps.get(key) ?? []) {
            if (previous.has(step.to)) continue;
            previous.set(step.to, step);
            queue.push(step.to);
        }
    }
    const head = `Oversight from ${label(model, from.key)} to ${label(model, to.key)} on ${date.text}`;
    if (!previous.has(to.key))
        return `${head}: none recorded (no chain of oversees/part-of relations, units or offices leads from one to the other then).`;
    const path: Step[] = [];
    for (let step = previous.get(to.key); step; step = previous.get(step.from)) path.unshift(step);
    if (path.length === 0) return `${head}: they are the same institution.`;
    return [
        `${head}: ${[from.key, ...path.map(s => s.to)].map(k => displayName(model, k)).join(' → ')}`,
        ...path.map((s, n) => `${n + 1}. ${s.how}; ${evidence(ctx, s.citations, s.loc)}`)
    ].join('\n');
}

export function whatChangedAnswer(ctx: QueryContext, fromText: string, toText: string): string {
    const { model } = ctx;
    const from = resolveDateArgument(fromText, ctx.today, 'start date');
    const to = resolveDateArgument(toText, ctx.today, 'end date');
    const before = modelAt(model, from);
    const after = modelAt(model, to);
    const changes = diffModels(before, after).changes;
    const head = `What changed between ${from.text} and ${to.text}`;
    if (changes.length === 0) return `${head}: nothing recorded.`;
    const cited = citationsByPlace(model);
    return [`${head} (${changes.length} change${changes.length === 1 ? '' : 's'}):`, ...changes.map(c => changeLine(ctx, c, cited))].join(
        '\n'
    );
}

function changeLine(ctx: QueryContext, change: Change, cited: Map<string, readonly Citation[]>): string {
    const fields = change.fields
        .filter(f => f.field !== 'citations')
        .map(f =>
            f.old !== undefined && f.new !== undefined
                ? `${f.field}: ${text(f.old)} → ${text(f.new)}`
                : `${f.field}: ${text(f.new ?? f.old ?? '')}`
        )
        .filter(f => !f.endsWith(': '));
    const loc = change.new ?? change.old!;
    return `- ${change.category}, ${change.change}: ${text(change.label)}${fields.length ? ` (${fields.join('; ')})` : ''}; ${evidence(ctx, cited.get(placeKey(loc)) ?? [], loc)}`;
}

/** The citations of every fact by where it is written, so that a change (which keeps only places) can cite its evidence. */
function citationsByPlace(model: SemanticModel): Map<string, readonly Citation[]> {
    const map = new Map<string, readonly Citation[]>();
    for (const c of model.claims) {
        map.set(placeKey(c.extent), c.citations);
        map.set(placeKey(c.loc), c.citations);
    }
    for (const c of model.contests) {
        map.set(placeKey(c.extent), c.citations);
        map.set(placeKey(c.loc), c.citations);
    }
    for (const r of model.relations) map.set(placeKey(r.loc), r.citations);
    // A concurrent post changes where its first holding is written.
    for (const h of model.holdings) {
        map.set(placeKey(h.extent), h.citations);
        map.set(placeKey(h.loc), h.citations);
    }
    for (const d of model.disputes) map.set(placeKey(d.loc), d.citations);
    for (const i of model.institutions.values()) map.set(placeKey(i.loc), i.citations);
    return map;
}

function placeKey(loc: Location): string {
    return `${loc.uri}\u0000${loc.range.start.line}\u0000${loc.range.start.character}`;
}
