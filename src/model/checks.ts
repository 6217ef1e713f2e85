import { findConflicts, LIMITS, type Conflict, type Conflicts } from './conflicts.js';
import { findHierarchyCycles } from './cycles.js';
import { displayName, mandateAncestors, mandateWithin, type SemanticModel } from './model.js';
import { formatPeriod, isEmpty, within, type Period } from './periods.js';
import type { Claim, Finding, Key, Location, Severity } from './types.js';

/** Every check's code with its default severity and what it means: the CLI's rules and the docs' table. */
export const CHECKS = {
    unresolved: { severity: 'error', description: 'A name that nothing declares.' },
    duplicate: { severity: 'error', description: 'Two declarations of one name in one model.' },
    cycle: { severity: 'error', description: 'A cycle of hierarchical relations whose periods overlap.' },
    'bad-period': { severity: 'error', description: 'A period that ends before it starts, or a dissolution before establishment.' },
    'bad-date': { severity: 'error', description: 'A date that does not exist, such as 2014-13.' },
    conflict: { severity: 'warning', description: 'Two institutions claim the same mandate at the same time, and no dispute records it.' },
    dispute: { severity: 'information', description: 'A recorded dispute that matches conflicting claims.' },
    'stale-dispute': { severity: 'warning', description: 'A recorded dispute that no longer matches any conflict.' },
    'outside-lifetime': { severity: 'warning', description: "A fact dated outside its institution's lifetime." },
    'one-sided-share': { severity: 'warning', description: 'A mandate shared with an institution that claims nothing on it.' },
    'self-relation': { severity: 'warning', description: 'An institution related to itself.' },
    unused: { severity: 'hint', description: 'A mandate, source, kind or relation kind that nothing uses.' },
    syntax: { severity: 'error', description: 'Text that does not follow the grammar.' },
    'misplaced': { severity: 'error', description: 'A construct where it is not allowed (e.g. two kinds for one institution).' },
    internal: { severity: 'error', description: 'Polity itself failed while checking a file, so its findings may be incomplete (a bug in Polity).' }
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type CheckCode = keyof typeof CHECKS;

export interface CheckOptions {
    /** Overrides the severity of undeclared conflicts (`polity.conflicts.severity`); 'off' drops them. */
    conflictSeverity?: Severity | 'off';
}

/**
 * Runs every workspace-wide check. Pure: the same model gives the same findings in the same order.
 * Callers that also need the conflicts pass them in, so that they are found once.
 */
export function runChecks(model: SemanticModel, options: CheckOptions = {}, conflicts: Conflicts = findConflicts(model)): Finding[] {
    return [
        ...duplicates(model),
        ...cycles(model),
        ...badPeriods(model),
        ...conflictFindings(model, conflicts, options),
        ...outsideLifetime(model),
        ...oneSidedShares(model),
        ...selfRelations(model),
        ...unused(model)
    ];
}

function finding(code: CheckCode, message: string, loc: Location, related: Finding['related'] = [], data?: Record<string, unknown>): Finding {
    return { code, severity: CHECKS[code].severity, message, loc, related, data };
}

/** `state.polity:12` — enough to find the other place in a message. */
export function shortLocation(loc: Location): string {
    const file = loc.uri.slice(loc.uri.lastIndexOf('/') + 1);
    return `${decodeURIComponent(file)}:${loc.range.start.line + 1}`;
}

/** How many other places a finding lists at most. */
const MAX_RELATED = 10;

function duplicates(model: SemanticModel): Finding[] {
    const result: Finding[] = [];
    for (const [key, decls] of model.declarations) {
        const own = decls.filter(d => !d.builtin);
        if (own.length < 2) continue;
        for (const decl of own) {
            // A name declared thousands of times (a generated or hostile model) must not make each finding list all the others.
            const others = own.slice(0, MAX_RELATED + 1).filter(o => o !== decl).slice(0, MAX_RELATED);
            const more = own.length - 1 - others.length;
            const where = decl.model ? `model '${decl.model}'` : 'the default model';
            result.push(finding('duplicate',
                `'${decl.path}' is declared ${own.length} times in ${where} (also at ${others.map(o => shortLocation(o.loc)).join(', ')}${more > 0 ? ` and ${more} more` : ''}). Names are unique within a model: rename one or merge them.`,
                decl.loc,
                others.map(o => ({ loc: o.loc, message: `other declaration of '${decl.path}'` })),
                { key }));
        }
    }
    return result;
}

function cycles(model: SemanticModel): Finding[] {
    return findHierarchyCycles(model).flatMap(cycle => {
        const names = cycle.edges.map(e => displayName(model, e.subject));
        const kinds = [...new Set(cycle.edges.map(e => displayName(model, e.kind)))].join("', '");
        // Every relation of the cycle gets the finding: a long cycle is named by its ends, and each
        // finding points at the next few relations, so that a cycle of a thousand stays small.
        const path = names.length <= MAX_RELATED
            ? [...names, names[0]].join(' → ')
            : `${[...names.slice(0, MAX_RELATED - 1), '…', names[names.length - 1], names[0]].join(' → ')} (${names.length.toLocaleString('en-GB')} institutions)`;
        const message = `Cycle of hierarchical relations ('${kinds}'): ${path} (${formatPeriod(cycle.period)}). A hierarchy cannot loop: end one of these relations or change its period.`;
        return cycle.edges.map((edge, i) => finding('cycle', message, edge.loc,
            Array.from({ length: Math.min(MAX_RELATED, cycle.edges.length - 1) }, (_, k) => cycle.edges[(i + 1 + k) % cycle.edges.length])
                .map(e => ({ loc: e.loc, message: `${displayName(model, e.subject)} ${displayName(model, e.kind)} ${displayName(model, e.target)}` }))));
    });
}

function badPeriods(model: SemanticModel): Finding[] {
    const result: Finding[] = [];
    for (const doc of model.documents) {
        for (const check of doc.dateChecks) {
            if (!isEmpty(check.period)) continue;
            const { start, end } = check.period;
            const equal = start!.ordinal === end!.ordinal;
            const message = check.kind === 'lifetime'
                ? `Dissolved ${end!.text} ${equal ? 'in the same moment it was' : 'before it was'} established (${start!.text}): check both dates.`
                : equal
                    ? `The period from ${start!.text} to ${end!.text} is empty: it includes its start and excludes its end. Did you mean 'to ${bump(end!.text)}'?`
                    : `The period ends (${end!.text}) before it starts (${start!.text}): swap or correct the dates.`;
            result.push(finding('bad-period', message, check.loc));
        }
    }
    return result;
}

function bump(text: string): string {
    const year = Number(text.slice(0, 4));
    return text.length === 4 ? `${year + 1}` : 'a later date';
}

function roleVerb(claim: Claim): string {
    return claim.role === 'leads' ? 'leads' : 'shares';
}

/** `CAC and MPS both lead 'cii' (2016 – present)` and its variants. */
export function describeConflict(model: SemanticModel, conflict: Conflict): string {
    const a = displayName(model, conflict.first.institution);
    const b = displayName(model, conflict.second.institution);
    const period = formatPeriod(conflict.period);
    const ma = displayName(model, conflict.first.mandate);
    const mb = displayName(model, conflict.second.mandate);
    if (ma === mb) {
        if (conflict.first.role === 'leads' && conflict.second.role === 'leads') {
            return `${a} and ${b} both lead '${ma}' (${period})`;
        }
        return `${a} leads '${ma}' and ${b} shares it without naming ${a} (${period})`;
    }
    const [inner, outer] = mandateWithin(model, conflict.first.mandate, conflict.second.mandate) ? [ma, mb] : [mb, ma];
    return `${a} ${roleVerb(conflict.first)} '${ma}' and ${b} ${roleVerb(conflict.second)} '${mb}' ('${inner}' is part of '${outer}') (${period})`;
}

function conflictFindings(model: SemanticModel, conflicts: Conflicts, options: CheckOptions): Finding[] {
    const result: Finding[] = [];
    const matched = new Set<unknown>();
    for (const conflict of conflicts) {
        const text = describeConflict(model, conflict);
        const data = {
            mandate: conflict.mandate,
            institutions: [conflict.first.institution, conflict.second.institution]
        };
        const pair: [Claim, Claim][] = [[conflict.first, conflict.second], [conflict.second, conflict.first]];
        if (conflict.disputes.length > 0) {
            conflict.disputes.forEach(d => matched.add(d));
            for (const [claim, other] of pair) {
                result.push(finding('dispute', `${text}: recorded as a dispute (${shortLocation(conflict.disputes[0].loc)}).`, claim.loc, [
                    { loc: other.loc, message: `the other claim: ${displayName(model, other.institution)} ${other.role} '${displayName(model, other.mandate)}'` },
                    ...conflict.disputes.map(d => ({ loc: d.loc, message: 'the recorded dispute' }))
                ], data));
            }
            for (const dispute of conflict.disputes) {
                result.push(finding('dispute', `Recorded dispute: ${text}.`, dispute.loc,
                    pair.map(([claim]) => ({ loc: claim.loc, message: `${displayName(model, claim.institution)} ${claim.role} '${displayName(model, claim.mandate)}'` })), data));
            }
            continue;
        }
        if (options.conflictSeverity === 'off') continue;
        for (const [claim, other] of pair) {
            const f = finding('conflict',
                `${text}. Record it as a dispute if the overlap is real, or make one claim 'shares … with' the other.`,
                claim.loc,
                [{ loc: other.loc, message: `the other claim: ${displayName(model, other.institution)} ${other.role} '${displayName(model, other.mandate)}'` }],
                data);
            if (options.conflictSeverity) f.severity = options.conflictSeverity;
            result.push(f);
        }
    }
    const incomplete = new Set(conflicts.incomplete);
    for (const mandate of incomplete) {
        const declared = model.mandates.get(mandate);
        const loc = declared?.loc ?? model.claimsByMandate.get(mandate)?.[0]?.loc;
        if (!loc) continue;
        result.push(finding('conflict',
            `Too many claims on '${displayName(model, mandate)}' overlap in time to compare them all (more than ${LIMITS.pairs.toLocaleString('en-GB')} pairs, or ${LIMITS.conflicts.toLocaleString('en-GB')} conflicts in the model): only the conflicts found first are reported. Date the claims, or split the mandate.`,
            loc, [], { mandate }));
    }
    for (const dispute of model.disputes) {
        // A dispute over a mandate that was not compared in full may match a conflict that was not found.
        if (matched.has(dispute) || incomplete.has(dispute.mandate)) continue;
        const parties = dispute.parties.map(p => displayName(model, p)).join(', ');
        result.push(finding('stale-dispute',
            `Recorded dispute over '${displayName(model, dispute.mandate)}' between ${parties} matches no conflicting claims${dispute.period.loc ? ` in ${formatPeriod(dispute.period.period)}` : ''}: the overlap may have been resolved. Update the claims or remove the dispute.`,
            dispute.loc, [], { mandate: dispute.mandate, institutions: dispute.parties }));
    }
    return result;
}

function outsideLifetime(model: SemanticModel): Finding[] {
    const result: Finding[] = [];
    // Undated facts cannot fall outside a lifetime; the message is built only for a finding (this runs on every edit).
    const check = (owner: Key, period: Period, loc: Location | undefined, what: () => string) => {
        if (!loc || isEmpty(period)) return;
        const institution = model.institutions.get(owner);
        if (!institution) return;
        const lifetime = institution.lifetime;
        if (within(period, lifetime) && !startsAtOrAfterEnd(period, lifetime) && !endsAtOrBeforeStart(period, lifetime)) return;
        result.push(finding('outside-lifetime',
            `${what()} is dated ${formatPeriod(period)}, outside the lifetime of ${institution.path} (${formatPeriod(lifetime)}). Correct the date or the institution's 'established'/'dissolved'.`,
            loc, [{ loc: institution.loc, message: `${institution.path} is declared here` }]));
    };
    for (const claim of model.claims) {
        check(claim.institution, claim.period.period, claim.period.loc, () => `${displayName(model, claim.institution)} ${claim.role} '${displayName(model, claim.mandate)}'`);
    }
    for (const relation of model.relations) {
        const text = () => `${displayName(model, relation.subject)} ${displayName(model, relation.kind)} ${displayName(model, relation.target)}`;
        check(relation.subject, relation.period.period, relation.period.loc, text);
        if (relation.target !== relation.subject) check(relation.target, relation.period.period, relation.period.loc, text);
    }
    return result;
}

function startsAtOrAfterEnd(period: Period, lifetime: Period): boolean {
    return !!(period.start && lifetime.end && period.start.ordinal >= lifetime.end.ordinal);
}

function endsAtOrBeforeStart(period: Period, lifetime: Period): boolean {
    return !!(period.end && lifetime.start && period.end.ordinal <= lifetime.start.ordinal);
}

function oneSidedShares(model: SemanticModel): Finding[] {
    const result: Finding[] = [];
    for (const claim of model.claims) {
        if (claim.role !== 'shares') continue;
        for (const partner of claim.partners) {
            const partnerClaims = model.claimsByInstitution.get(partner) ?? [];
            const related = partnerClaims.some(p => mandateWithin(model, p.mandate, claim.mandate) || mandateWithin(model, claim.mandate, p.mandate));
            if (related || !model.institutions.has(partner)) continue;
            const a = displayName(model, claim.institution);
            const b = displayName(model, partner);
            const m = displayName(model, claim.mandate);
            result.push(finding('one-sided-share',
                `${a} shares '${m}' with ${b}, but ${b} claims nothing on '${m}'. Add a claim to ${b} (e.g. 'shares ${m} with ${a}') or drop ${b} from the list.`,
                claim.loc, [{ loc: model.institutions.get(partner)!.loc, message: `${b} is declared here` }],
                { institution: partner, mandate: claim.mandate, partner: claim.institution }));
        }
    }
    return result;
}

function selfRelations(model: SemanticModel): Finding[] {
    return model.relations.filter(r => r.subject === r.target).map(r => finding('self-relation',
        `${displayName(model, r.subject)} ${displayName(model, r.kind)} itself: a relation needs two different institutions.`, r.loc));
}

function unused(model: SemanticModel): Finding[] {
    const used = new Set<Key>();
    for (const doc of model.documents) {
        for (const use of doc.uses) used.add(use.key);
    }
    for (const key of [...used]) {
        if (model.mandates.has(key)) for (const ancestor of mandateAncestors(model, key)) used.add(ancestor);
    }
    const result: Finding[] = [];
    const labels = { mandate: 'Mandate', source: 'Source', kind: 'Kind', relation: 'Relation kind' } as Record<string, string>;
    for (const decls of model.declarations.values()) {
        const decl = decls[0];
        if (decl.builtin || !labels[decl.type] || used.has(decl.key)) continue;
        result.push(finding('unused', `${labels[decl.type]} '${decl.path}' is declared but nothing uses it.`, decl.loc, [], { key: decl.key }));
    }
    return result;
}
