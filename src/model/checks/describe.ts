import type { Conflict } from '../conflicts.js';
import type { ContestedClaim } from '../contests.js';
import { claimVerb, displayName, hedge, mandateWithin, type SemanticModel } from '../model.js';
import { formatPeriod } from '../periods.js';

/** Conflicts and contests in words: the one wording of findings, hovers, exports, diagrams and the MCP server. */

/** `leads` → `lead`: the plural of a role's verb, for "both lead". */
export function plural(verb: string): string {
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
