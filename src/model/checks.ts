import { findConflicts, LIMITS, type Conflict, type Conflicts } from './conflicts.js';
import { findContests, type ContestedClaim, type ContestFindings } from './contests.js';
import { findHierarchyCycles, findMandateCycles } from './cycles.js';
import { claimVerb, describeClaim, displayName, hedge, mandateAncestors, mandateWithin, type SemanticModel } from './model.js';
import { describeHolding, heldPeriod, personName } from './people.js';
import { certain, formatPeriod, intersect, isEmpty, possible, within, type Period } from './periods.js';
import type { Claim, Finding, Key, Location, Severity } from './types.js';

/** Every check's code with its default severity and what it means: the CLI's rules and the docs' table. */
export const CHECKS = {
    unresolved: { severity: 'error', description: 'A name that nothing declares.' },
    duplicate: { severity: 'error', description: 'Two declarations of one name in one model.' },
    cycle: { severity: 'error', description: 'A cycle of hierarchical relations whose periods overlap, or of mandates within each other.' },
    'bad-period': { severity: 'error', description: 'A period that ends before it starts, or a dissolution before establishment.' },
    'bad-date': { severity: 'error', description: 'A date that does not exist, such as 2014-13.' },
    conflict: { severity: 'warning', description: 'Two institutions claim the same mandate with the same exclusive role at the same time, and no dispute records it.' },
    contest: { severity: 'warning', description: 'An institution contested a mandate that another held, and no dispute records it.' },
    'empty-contest': { severity: 'warning', description: 'A contest that finds no holder in its period.' },
    dispute: { severity: 'information', description: 'A recorded dispute that matches conflicting claims or a contest.' },
    'stale-dispute': { severity: 'warning', description: 'A recorded dispute that matches no conflict and no contest.' },
    'bad-except': { severity: 'error', description: "An 'except' naming a mandate that is not inside the claimed one." },
    'overlapping-kinds': { severity: 'error', description: "Two 'kind' lines of one institution whose periods overlap." },
    'outside-lifetime': { severity: 'warning', description: "A fact or post dated outside its institution's lifetime." },
    'double-holder': { severity: 'warning', description: 'Two people holding one single post of one institution at the same time.' },
    'one-sided-share': { severity: 'warning', description: 'A mandate shared with an institution that claims nothing on it.' },
    'self-relation': { severity: 'warning', description: 'An institution related to itself.' },
    unused: { severity: 'hint', description: 'A mandate, source, kind, relation kind or post that nothing uses.' },
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
    const contests = findContests(model);
    return [
        ...duplicates(model),
        ...cycles(model),
        ...mandateCycles(model),
        ...badPeriods(model),
        ...badExcepts(model),
        ...overlappingKinds(model),
        ...conflictFindings(model, conflicts, contests, options),
        ...contestFindings(model, contests),
        ...outsideLifetime(model),
        ...doubleHolders(model),
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
        const names = cycle.path.map(key => displayName(model, key));
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

function mandateCycles(model: SemanticModel): Finding[] {
    return findMandateCycles(model).flatMap(cycle => {
        const path = [...cycle.map(link => displayName(model, link.mandate)), displayName(model, cycle[0].mandate)].join(' within ');
        const message = `Cycle of mandates: ${path}. A mandate cannot be part of itself: remove one of these 'within' parents.`;
        return cycle.map(link => finding('cycle', message, link.loc));
    });
}

function badExcepts(model: SemanticModel): Finding[] {
    const result: Finding[] = [];
    for (const doc of model.documents) {
        for (const e of doc.exceptions) {
            if (e.excepted !== e.claimed && mandateWithin(model, e.excepted, e.claimed)) continue;
            const excepted = displayName(model, e.excepted);
            const claimed = displayName(model, e.claimed);
            result.push(finding('bad-except',
                `'${excepted}' is not part of '${claimed}', so the claim cannot except it: 'except' carves parts out of the claimed mandate. Name a part of '${claimed}', or nest '${excepted}' in it.`,
                e.loc, [], { mandate: e.claimed, excepted: e.excepted }));
        }
    }
    return result;
}

function overlappingKinds(model: SemanticModel): Finding[] {
    const result: Finding[] = [];
    for (const institution of model.institutions.values()) {
        const kinds = institution.kinds;
        if (kinds.length < 2) continue;
        kinds.forEach((k, i) => {
            // The later line is the one to fix; a line overlapping several reports the first.
            // Two undated lines are a `misplaced` second line, as in 0.1.
            const dated = (o: typeof k) => o.period.loc !== undefined;
            const other = kinds.slice(0, i).find(o => (dated(o) || dated(k)) && intersect(certain(o.period.period), certain(k.period.period)));
            if (!other) return;
            const overlap = intersect(certain(other.period.period), certain(k.period.period))!;
            result.push(finding('overlapping-kinds',
                `${institution.path} is '${displayName(model, other.kind)}' and '${displayName(model, k.kind)}' at once (${formatPeriod(overlap)}): an institution has one kind at a time. Date the 'kind' lines so that one ends where the next starts.`,
                k.loc, [{ loc: other.loc, message: `the other 'kind' line of ${institution.path}` }]));
        });
    }
    return result;
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

/** `leads` → `lead`: the plural of a role's verb, for "both lead". */
function plural(verb: string): string {
    return verb.endsWith('s') && !verb.endsWith('ss') ? verb.slice(0, -1) : verb;
}

/** `CAC and MPS both lead 'cii' (2016 – present)` and its variants; each claim shows how sure it is. */
export function describeConflict(model: SemanticModel, conflict: Conflict): string {
    const { first, second } = conflict;
    const a = displayName(model, first.institution);
    const b = displayName(model, second.institution);
    const period = formatPeriod(conflict.period);
    const ma = displayName(model, first.mandate);
    const mb = displayName(model, second.mandate);
    const [va, vb] = [claimVerb(model, first), claimVerb(model, second)];
    if (ma === mb) {
        if (va === vb && !first.certainty && !first.shared) return `${a} and ${b} both ${plural(va)} '${ma}' (${period})`;
        if (second.shared && !first.shared) return `${a} ${va} '${ma}' and ${b} ${vb} it without naming ${a} (${period})`;
        return `${a} ${va} '${ma}' and ${b} ${vb} it (${period})`;
    }
    const [inner, outer] = mandateWithin(model, first.mandate, second.mandate) ? [ma, mb] : [mb, ma];
    return `${a} ${va} '${ma}' and ${b} ${vb} '${mb}' ('${inner}' is part of '${outer}') (${period})`;
}

/** `CAC contested MPS's lead on 'mlps' (2014 – 2016)`, with how sure each side is. */
export function describeContest(model: SemanticModel, found: ContestedClaim): string {
    const { contest, holder } = found;
    const role = model.roles.get(holder.role);
    const held = holder.shared || role?.name === 'leads' ? 'lead' : `'${displayName(model, holder.role)}' role`;
    const hedged = holder.certainty ? `${holder.certainty} ${held}` : held;
    return `${displayName(model, contest.institution)} ${hedge(contest.certainty)}contested ${displayName(model, holder.institution)}'s ${hedged} on '${displayName(model, found.mandate)}' (${formatPeriod(found.period)})`;
}

function conflictFindings(model: SemanticModel, conflicts: Conflicts, contests: ContestFindings, options: CheckOptions): Finding[] {
    const result: Finding[] = [];
    const matched = new Set<unknown>();
    const other = (claim: Claim) => ({ loc: claim.loc, message: `the other claim: ${describeClaim(model, claim)}` });
    for (const conflict of conflicts) {
        const text = describeConflict(model, conflict);
        const data = {
            mandate: conflict.mandate,
            institutions: [conflict.first.institution, conflict.second.institution]
        };
        const pair: [Claim, Claim][] = [[conflict.first, conflict.second], [conflict.second, conflict.first]];
        if (conflict.disputes.length > 0) {
            conflict.disputes.forEach(d => matched.add(d));
            for (const [claim, second] of pair) {
                result.push(finding('dispute', `${text}: recorded as a dispute (${shortLocation(conflict.disputes[0].loc)}).`, claim.loc, [
                    other(second),
                    ...conflict.disputes.map(d => ({ loc: d.loc, message: 'the recorded dispute' }))
                ], data));
            }
            for (const dispute of conflict.disputes) {
                result.push(finding('dispute', `Recorded dispute: ${text}.`, dispute.loc,
                    pair.map(([claim]) => ({ loc: claim.loc, message: describeClaim(model, claim) })), data));
            }
            continue;
        }
        if (options.conflictSeverity === 'off') continue;
        for (const [claim, second] of pair) {
            const f = finding('conflict',
                `${text}. Record it as a dispute if the overlap is real, name the other in 'with' if the responsibility is joint, or make the claim 'reportedly' if the source only suggests it.`,
                claim.loc, [other(second)], data);
            if (options.conflictSeverity) f.severity = options.conflictSeverity;
            result.push(f);
        }
    }
    for (const found of contests.contested) found.disputes.forEach(d => matched.add(d));
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
            `Recorded dispute over '${displayName(model, dispute.mandate)}' between ${parties} matches no conflicting claims and no contest${dispute.period.loc ? ` in ${formatPeriod(dispute.period.period)}` : ''}: the overlap may have been resolved. Update the claims or remove the dispute.`,
            dispute.loc, [], { mandate: dispute.mandate, institutions: dispute.parties }));
    }
    return result;
}

function contestFindings(model: SemanticModel, contests: ContestFindings): Finding[] {
    const result: Finding[] = [];
    for (const found of contests.contested) {
        const text = describeContest(model, found);
        const { contest, holder } = found;
        const data = { mandate: found.mandate, institutions: [contest.institution, holder.institution] };
        const held = { loc: holder.loc, message: `the holder's claim: ${describeClaim(model, holder)}` };
        if (found.disputes.length > 0) {
            result.push(finding('dispute', `${text}: recorded as a dispute (${shortLocation(found.disputes[0].loc)}).`, contest.loc,
                [held, ...found.disputes.map(d => ({ loc: d.loc, message: 'the recorded dispute' }))], data));
            for (const dispute of found.disputes) {
                result.push(finding('dispute', `Recorded dispute: ${text}.`, dispute.loc,
                    [{ loc: contest.loc, message: 'the contest' }, held], data));
            }
            continue;
        }
        result.push(finding('contest', `${text}. Record it as a dispute if the source describes the struggle.`, contest.loc, [held], data));
    }
    for (const contest of contests.empty) {
        const period = contest.period.loc ? ` in ${formatPeriod(contest.period.period)}` : '';
        result.push(finding('empty-contest',
            `${displayName(model, contest.institution)} ${hedge(contest.certainty)}contests '${displayName(model, contest.mandate)}', but no other institution holds it${period}: a contest needs a holder. Add the holder's claim, or correct the period.`,
            contest.loc, [], { mandate: contest.mandate, institution: contest.institution }));
    }
    return result;
}

function outsideLifetime(model: SemanticModel): Finding[] {
    const result: Finding[] = [];
    // Undated facts cannot fall outside a lifetime; the message is built only for a finding (this runs on every edit).
    // No false alarm from uncertainty: what certainly held of the fact must lie outside what possibly held of the lifetime.
    const check = (owner: Key, written: Period, loc: Location | undefined, what: () => string) => {
        const period = certain(written);
        if (!loc || isEmpty(period)) return;
        const institution = model.institutions.get(owner);
        if (!institution) return;
        const lifetime = possible(institution.lifetime);
        if (within(period, lifetime) && !startsAtOrAfterEnd(period, lifetime) && !endsAtOrBeforeStart(period, lifetime)) return;
        result.push(finding('outside-lifetime',
            `${what()} is dated ${formatPeriod(written)}, outside the lifetime of ${institution.path} (${formatPeriod(institution.lifetime)}). Correct the date or the institution's 'established'/'dissolved'.`,
            loc, [{ loc: institution.loc, message: `${institution.path} is declared here` }]));
    };
    for (const claim of model.claims) {
        check(claim.institution, claim.period.period, claim.period.loc, () => describeClaim(model, claim));
    }
    for (const contest of model.contests) {
        check(contest.institution, contest.period.period, contest.period.loc,
            () => `${displayName(model, contest.institution)} ${hedge(contest.certainty)}contests '${displayName(model, contest.mandate)}'`);
    }
    for (const relation of model.relations) {
        const text = () => `${displayName(model, relation.subject)} ${hedge(relation.certainty)}${displayName(model, relation.kind)} ${displayName(model, relation.target)}`;
        check(relation.subject, relation.period.period, relation.period.loc, text);
        if (relation.target !== relation.subject) check(relation.target, relation.period.period, relation.period.loc, text);
    }
    for (const holding of model.holdings) {
        check(holding.institution, holding.period.period, holding.period.loc, () => describeHolding(model, holding));
    }
    return result;
}

/**
 * Two people in one `single` post of one institution at once, on both lines.
 * What certainly held counts, so an uncertain date never raises it; periods
 * are half-open, so one holder may leave in the month the next arrives.
 */
function doubleHolders(model: SemanticModel): Finding[] {
    const result: Finding[] = [];
    for (const holdings of model.holdingsByInstitution.values()) {
        const single = holdings.filter(h => model.posts.get(h.post)?.single);
        for (let i = 0; i < single.length; i++) {
            for (let j = i + 1; j < single.length; j++) {
                const [a, b] = [single[i], single[j]];
                if (a.post !== b.post || a.person === b.person) continue;
                const [pa, pb] = [heldPeriod(model, a, true), heldPeriod(model, b, true)];
                const overlap = pa && pb && intersect(pa, pb);
                if (!overlap) continue;
                const post = displayName(model, a.post);
                const institution = displayName(model, a.institution);
                const message = `${personName(model, a.person)} and ${personName(model, b.person)} both hold '${post}' of ${institution} (${formatPeriod(overlap)}), a post with one holder at a time. Date the two so that one ends where the other starts, or write a range ('2013..2014') where the source does not pin a date down.`;
                for (const [self, other] of [[a, b], [b, a]]) {
                    result.push(finding('double-holder', message, self.loc, [{ loc: other.loc, message: `the other holder: ${describeHolding(model, other)}` }],
                        { institution: a.institution, post: a.post }));
                }
            }
        }
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
        for (const partner of claim.partners) {
            const partnerClaims = model.claimsByInstitution.get(partner) ?? [];
            const related = partnerClaims.some(p => mandateWithin(model, p.mandate, claim.mandate) || mandateWithin(model, claim.mandate, p.mandate));
            if (related || !model.institutions.has(partner)) continue;
            const a = displayName(model, claim.institution);
            const b = displayName(model, partner);
            const m = displayName(model, claim.mandate);
            result.push(finding('one-sided-share',
                `${a} ${claimVerb(model, claim)} '${m}' with ${b}, but ${b} claims nothing on '${m}'. Add a claim to ${b} (e.g. '${claim.shared ? 'shares' : displayName(model, claim.role)} ${m} with ${a}') or drop ${b} from the list.`,
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
    const labels = { mandate: 'Mandate', source: 'Source', kind: 'Kind', relation: 'Relation kind', role: 'Role', post: 'Post' } as Record<string, string>;
    for (const decls of model.declarations.values()) {
        const decl = decls[0];
        if (decl.builtin || !labels[decl.type] || used.has(decl.key)) continue;
        result.push(finding('unused', `${labels[decl.type]} '${decl.path}' is declared but nothing uses it.`, decl.loc, [], { key: decl.key }));
    }
    return result;
}
