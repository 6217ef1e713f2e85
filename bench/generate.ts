/**
 * Synthetic but realistic Polity workspaces for the benchmarks, generated
 * deterministically from a seed: the same options always give the same bytes.
 *
 * Shape (per institution, on average): a kind, an establishment date, one
 * `leads` in a handover schedule (so most claims do not conflict), some
 * `supports`/`shares`/`coordinates`, ~1.5 relations (a hierarchical
 * `oversees` tree without cycles, mostly within a file, plus others), units,
 * citations and doc comments. A few injected overlapping claims make real
 * conflicts; half of them are recorded as matching disputes.
 */

export interface GenerateOptions {
    /** Institution declarations, units included. */
    institutions: number;
    seed?: number;
    /** Everything in one file instead of one file per ~100 institutions. */
    singleFile?: boolean;
    /**
     * Conflict-heavy: instead of handover schedules, every institution (units
     * too) leads two mandates for a few years each, drawn at random, so that
     * claims on a mandate overlap often (about 2.5 findings per institution).
     */
    conflicts?: boolean;
    /**
     * Language 0.2 on top of the bench workload: roles of the model's own
     * (`executes`, exclusive), hedged claims (`reportedly`, `allegedly`),
     * contests, uncertain dates (`1950..1952`, `circa 1960`, `by 2003`), and
     * people holding posts in succession, with names in another language.
     */
    language02?: boolean;
}

export interface GeneratedFile {
    name: string;
    text: string;
}

export interface WorkspaceStats {
    institutions: number;
    units: number;
    mandates: number;
    claims: number;
    relations: number;
    disputes: number;
    people: number;
    files: number;
    lines: number;
    bytes: number;
}

export interface GeneratedWorkspace {
    files: GeneratedFile[];
    stats: WorkspaceStats;
}

/** mulberry32: small, fast and good enough to make varied but reproducible models. */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** One of the items, chosen by `random`; the list must not be empty. */
export function pickWith<T>(random: () => number, items: readonly T[]): T {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('nothing to pick from');
    return item;
}

const MODEL = 'bench';
const FIRST_SLOT = 1985;
const LAST_SLOT = 2020;
const LATEST = 2025;

const PRELUDE_KINDS = [
    'ministry',
    'administration',
    'bureau',
    'agency',
    'committee',
    'commission',
    'leading-group',
    'court',
    'legislature',
    'think-tank',
    'technical-centre',
    'association',
    'enterprise'
];
const DECLARED_KINDS: [string, string][] = [
    ['regulator', 'state'],
    ['state-company', 'market'],
    ['party-office', 'party'],
    ['academy', 'affiliated'],
    ['ngo', 'society'],
    ['military-region', 'military'],
    ['treaty-body', 'international'],
    ['inspectorate', 'state']
];
const RELATIONS = ['guides', 'advises', 'member-of', 'affiliated-with', 'hosts', 'funds', 'appoints'];
const TOPICS = [
    'tax',
    'data',
    'energy',
    'water',
    'health',
    'trade',
    'security',
    'media',
    'rail',
    'ports',
    'forestry',
    'grain',
    'banking',
    'census',
    'patents',
    'schools',
    'pensions',
    'customs',
    'fisheries',
    'housing'
];
const AREAS = ['policy', 'licensing', 'inspection', 'standards', 'statistics', 'planning', 'enforcement', 'research'];
const PREFIX: Record<string, string> = {
    ministry: 'Min',
    administration: 'Adm',
    bureau: 'Bur',
    agency: 'Agy',
    committee: 'Cttee',
    commission: 'Comm',
    'leading-group': 'LG',
    court: 'Court',
    legislature: 'Leg',
    'think-tank': 'TT',
    'technical-centre': 'TC',
    association: 'Assoc',
    enterprise: 'Ent',
    regulator: 'Reg',
    'state-company': 'SOE',
    'party-office': 'PO',
    academy: 'Acad',
    ngo: 'NGO',
    'military-region': 'MR',
    'treaty-body': 'TB',
    inspectorate: 'Insp'
};

interface Slot {
    start?: number;
    end?: number;
}

interface Institution {
    index: number;
    ref: string;
    file: number;
    parent?: Institution;
    units: Institution[];
    /** Lines of its body, without indentation. */
    body: string[];
    established: number;
}

interface Mandate {
    name: string;
    children: Mandate[];
    leaders: Institution[];
}

/** Generates a workspace; pure: no files are written. */
export function generateWorkspace(options: GenerateOptions): GeneratedWorkspace {
    const random = seededRandom(options.seed ?? 1);
    const pick = <T>(items: readonly T[]): T => pickWith(random, items);
    const chance = (p: number) => random() < p;
    const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

    const total = Math.max(1, options.institutions);
    const fileCount = options.singleFile ? 1 : Math.max(1, Math.round(total / 100));
    const sources = Array.from({ length: Math.max(5, Math.round(total / 50)) }, (_, i) => `src${i}`);
    const counts = { claims: 0, relations: 0, disputes: 0, people: 0 };

    const cite = (): string => {
        if (!chance(0.3)) return '';
        return chance(0.7) ? ` [${pick(sources)} "p. ${between(1, 400)}"]` : ` [${pick(sources)}]`;
    };

    // Institutions: top-level ones, each with a few units, until the total is reached.
    const tops: Institution[] = [];
    const all: Institution[] = [];
    const topTarget = Math.max(1, Math.round(total / 1.3));
    while (all.length < total) {
        const index = tops.length;
        const kind = pick(PRELUDE_KINDS.concat(DECLARED_KINDS.map(([k]) => k)));
        const name = `${PREFIX[kind]}${index}`;
        const top: Institution = {
            index,
            ref: name,
            file: Math.min(fileCount - 1, Math.floor((index * fileCount) / topTarget)),
            units: [],
            body: [],
            established: between(1949, 1979)
        };
        top.body.push(`kind ${kind}${cite()}`, `established ${top.established}${cite()}`);
        tops.push(top);
        all.push(top);
        const unitCount = chance(0.3) ? between(1, 2) : 0;
        for (let u = 1; u <= unitCount && all.length < total; u++) {
            const unit: Institution = {
                index: all.length,
                ref: `${name}.Dept${u}`,
                file: top.file,
                parent: top,
                units: [],
                body: [],
                established: between(top.established, 1979)
            };
            unit.body.push(`kind bureau`, `established ${unit.established}`);
            top.units.push(unit);
            all.push(unit);
        }
    }

    // Mandates: small trees; institutions lead only leaves, so nesting matters only where a claim is injected.
    const mandates: Mandate[] = [];
    const leaves: Mandate[] = [];
    const parents: Mandate[] = [];
    const leafTarget = Math.max(1, Math.round(tops.length / 4));
    let mandateCount = 0;
    const makeMandate = (depth: number): Mandate => {
        const mandate: Mandate = { name: `${pick(TOPICS)}-${pick(AREAS)}-${mandateCount++}`, children: [], leaders: [] };
        const split = depth === 0 ? chance(0.35) : depth === 1 && chance(0.15);
        if (split) {
            for (let i = between(2, 3); i > 0; i--) mandate.children.push(makeMandate(depth + 1));
            parents.push(mandate);
        } else {
            leaves.push(mandate);
        }
        return mandate;
    };
    while (leaves.length < leafTarget) mandates.push(makeMandate(0));
    const allMandates = [...leaves, ...parents];

    // Handover schedules: the leaders of a leaf take turns, one slot each.
    tops.forEach((top, i) => leaves[i % leaves.length]?.leaders.push(top));
    const slotOf = (mandate: Mandate, k: number): Slot => {
        const n = mandate.leaders.length;
        const bound = (i: number) => FIRST_SLOT + Math.round(((LAST_SLOT - FIRST_SLOT) * i) / n);
        return { start: k === 0 ? undefined : bound(k), end: k === n - 1 ? undefined : bound(k + 1) };
    };
    const writeSlot = (slot: Slot): string =>
        slot.start && slot.end
            ? ` from ${slot.start} to ${slot.end}`
            : slot.start
              ? ` since ${slot.start}`
              : slot.end
                ? ` until ${slot.end}`
                : '';
    /** A period of whole years strictly inside the slot, so that it overlaps only that slot. */
    const inside = (slot: Slot): string => {
        const start = slot.start ?? 1980;
        const end = slot.end ?? LATEST;
        const from = between(start, end - 1);
        return ` from ${from} to ${between(from + 1, end)}`;
    };
    const claim = (who: Institution, line: string) => {
        who.body.push(line + cite());
        counts.claims++;
    };
    const disputes = new Map<number, string[]>();

    if (options.conflicts) {
        for (const institution of all) {
            for (let i = 0; i < 2; i++) {
                const from = between(FIRST_SLOT, LATEST - 1);
                claim(institution, `leads ${pick(leaves).name} from ${from} to ${Math.min(LATEST, from + between(1, 6))}`);
            }
        }
    } else {
        for (const mandate of leaves) {
            mandate.leaders.forEach((leader, k) => claim(leader, `leads ${mandate.name}${writeSlot(slotOf(mandate, k))}`));
        }
    }
    for (const mandate of parents) claim(pick(tops), `coordinates ${mandate.name}`);
    for (const top of tops) {
        if (chance(0.15)) {
            const mandate = pick(leaves);
            const k = Math.floor(random() * mandate.leaders.length);
            const leader = mandate.leaders[k];
            if (leader && leader !== top) claim(top, `shares ${mandate.name} with ${leader.ref}${inside(slotOf(mandate, k))}`);
        }
        if (chance(0.04)) {
            // A real conflict with one leader; half of them are recorded as disputes.
            const mandate = pick(leaves);
            const k = Math.floor(random() * mandate.leaders.length);
            const leader = mandate.leaders[k];
            if (leader && leader !== top) {
                claim(top, `leads ${mandate.name}${inside(slotOf(mandate, k))}`);
                if (chance(0.5)) {
                    const list = disputes.get(top.file) ?? [];
                    list.push(`dispute ${mandate.name} between ${top.ref}, ${leader.ref}${cite()}\n  "Both claim ${mandate.name}."`);
                    disputes.set(top.file, list);
                    counts.disputes++;
                }
            }
        } else if (parents.length > 0 && chance(0.01)) {
            claim(top, `leads ${pick(parents).name}${inside({ start: FIRST_SLOT, end: LATEST })}`);
        }
    }
    for (const institution of all) {
        if (chance(0.5)) claim(institution, `supports ${pick(allMandates).name}${chance(0.3) ? ` since ${between(1985, 2020)}` : ''}`);
        if (!institution.parent && chance(0.2))
            institution.body.push(`formerly "Former ${institution.ref}" until ${between(1980, 2015)}${cite()}`);
    }

    // Relations: an oversight tree per file (heads overseen across files), then ~0.6 others per institution.
    const statements = new Map<number, string[]>();
    const relate = (subject: Institution, kind: string, target: Institution, period: string) => {
        counts.relations++;
        if (!subject.parent && chance(0.5)) {
            const list = statements.get(subject.file) ?? [];
            list.push(`${subject.ref} ${kind} ${target.ref}${period}${cite()}`);
            statements.set(subject.file, list);
        } else {
            subject.body.push(`${kind} ${target.ref}${period}${cite()}`);
        }
    };
    const byFile: Institution[][] = Array.from({ length: fileCount }, () => []);
    for (const top of tops) byFile[top.file]?.push(top);
    const heads = byFile.flatMap(list => list.slice(0, 1));
    const oversight = (members: Institution[]) =>
        members.forEach((member, i) => {
            const overseer = members[Math.floor((i - 1) / 5)];
            if (i > 0 && overseer) relate(overseer, 'oversees', member, chance(0.3) ? ` since ${between(FIRST_SLOT, LAST_SLOT)}` : '');
        });
    byFile.forEach(oversight);
    oversight(heads);
    const allByFile: Institution[][] = Array.from({ length: fileCount }, () => []);
    for (const institution of all) allByFile[institution.file]?.push(institution);
    const others = Math.round(all.length * 0.6);
    for (let i = 0; i < others; i++) {
        const subject = pick(all);
        const local = chance(0.7) ? (allByFile[subject.file] ?? all) : all;
        const target = local.length > 1 ? pick(local) : pick(all);
        if (target === subject) continue;
        const period = chance(0.3)
            ? chance(0.5)
                ? ` since ${between(1985, 2020)}`
                : ` from ${between(1985, 2000)} to ${between(2001, 2024)}`
            : '';
        relate(subject, pick(RELATIONS), target, period);
    }

    const people = new Map<number, string[]>();
    if (options.language02) {
        const ledBy = new Map<Institution, Mandate>();
        for (const mandate of leaves) for (const leader of mandate.leaders) ledBy.set(leader, mandate);
        const span = (lo: number) => {
            const from = between(lo, LATEST - 2);
            return { from, to: between(from + 1, LATEST) };
        };
        for (const top of tops) {
            // Uncertain founding dates: a range or an approximate year.
            const founded = top.body[1];
            if (chance(0.1) && founded !== undefined)
                top.body[1] = founded.replace(/^established (\d+)/, (_, y: string) =>
                    chance(0.5) ? `established ${y}..${Number(y) + 2}` : `established circa ${y}`
                );
            if (chance(0.25)) {
                // The model's own exclusive role, mostly on the mandate the institution leads (no conflict), else anywhere.
                const own = ledBy.get(top);
                const mandate = own && chance(0.8) ? own : pick(leaves);
                claim(top, `executes ${mandate.name}${chance(0.2) ? ` by ${between(1990, 2010)}` : ` since ${between(1985, 2020)}`}`);
            }
            if (chance(0.08)) {
                const { from, to } = span(1985);
                claim(top, `${chance(0.7) ? 'reportedly' : 'allegedly'} leads ${pick(leaves).name} from ${from} to ${to}`);
            }
            if (chance(0.03)) {
                const { from, to } = span(1985);
                top.body.push(`contests ${pick(leaves).name} from ${from} to ${to}${cite()}`);
            }
            if (chance(0.5)) {
                // Directors in succession, the first change of hands sometimes known only to within a couple of years.
                let start = Math.max(top.established, 1980);
                for (let k = between(1, 3); k > 0 && start < LATEST - 1; k--) {
                    const end = k === 1 && chance(0.4) ? undefined : between(start + 1, Math.min(LATEST, start + 8));
                    const id = counts.people++;
                    const lines = [`person P${id} "Person ${id}" {`, `  name zh "人物${id}"`];
                    const startText = chance(0.15) ? `${start}..${start + 1}` : `${start}`;
                    lines.push(
                        `  ${chance(0.1) ? 'reportedly ' : ''}holds director of ${top.ref}${end ? ` from ${startText} to ${end}` : ` since ${startText}`}${cite()}`
                    );
                    if (chance(0.2)) lines.push(`  holds member of ${pick(tops).ref}${chance(0.5) ? ` by ${between(1990, 2020)}` : ''}`);
                    lines.push('}');
                    const list = people.get(top.file) ?? [];
                    list.push(lines.join('\n'));
                    people.set(top.file, list);
                    if (!end) break;
                    start = end;
                }
            }
        }
    }

    const files: GeneratedFile[] = [];
    const header = `model ${MODEL}\n\n`;
    const common =
        renderCommon(sources, mandates, random) +
        (options.language02 ? 'role executes "Carries out the policy of the area" exclusive\n' : '');
    for (const [file, list] of people) statements.set(file, [...(statements.get(file) ?? []), '', ...list]);
    if (options.singleFile) {
        files.push({
            name: 'bench.polity',
            text: header + common + byFile.map((list, f) => renderFile(f, list, statements, disputes, random)).join('')
        });
    } else {
        files.push({ name: 'common.polity', text: header + common });
        byFile.forEach((members, f) =>
            files.push({
                name: `part-${String(f).padStart(4, '0')}.polity`,
                text: header + renderFile(f, members, statements, disputes, random)
            })
        );
    }
    const text = files.map(f => f.text);
    return {
        files,
        stats: {
            institutions: all.length,
            units: all.length - tops.length,
            mandates: leaves.length + parents.length,
            ...counts,
            files: files.length,
            lines: text.reduce((n, t) => n + t.split('\n').length - 1, 0),
            bytes: text.reduce((n, t) => n + Buffer.byteLength(t), 0)
        }
    };
}

function renderCommon(sources: string[], mandates: Mandate[], random: () => number): string {
    const lines: string[] = ['// Declarations shared by every part of the benchmark model.', ''];
    sources.forEach((source, i) =>
        lines.push(
            random() < 0.3
                ? `source ${source} "Report ${i}" {\n  url "https://example.org/reports/${i}"\n}`
                : `source ${source} "Author ${i}, Governance Report ${1990 + (i % 35)}"`
        )
    );
    lines.push('');
    for (const [kind, sphere] of DECLARED_KINDS) lines.push(`kind ${kind} "${kind}" in ${sphere}`);
    lines.push('relation funds "provides the budget of"', 'relation appoints "appoints the head of"', '');
    const mandate = (m: Mandate, indent: string): void => {
        const title = `"${m.name.replace(/-\d+$/, '').replace('-', ' ')}"`;
        if (m.children.length === 0) {
            lines.push(`${indent}mandate ${m.name} ${title}`);
            return;
        }
        lines.push(`${indent}mandate ${m.name} ${title} {`);
        for (const child of m.children) mandate(child, `${indent}  `);
        lines.push(`${indent}}`);
    };
    for (const m of mandates) mandate(m, '');
    lines.push('', 'view overview "Everything in 2010" {\n  include *\n  at 2010\n  group by sphere\n}', '');
    return lines.join('\n');
}

function renderFile(
    file: number,
    members: Institution[],
    statements: Map<number, string[]>,
    disputes: Map<number, string[]>,
    random: () => number
): string {
    const lines: string[] = [`// Part ${file}: ${members.length} institutions with their units.`, ''];
    const body = (institution: Institution, indent: string) => {
        const name = institution.ref.slice(institution.ref.lastIndexOf('.') + 1);
        const keyword = institution.parent ? 'unit' : 'institution';
        if (random() < 0.2)
            lines.push(`${indent}/** ${keyword === 'unit' ? 'A department' : 'An institution'} of the benchmark model (${name}). */`);
        lines.push(`${indent}${keyword} ${name} "${institution.parent ? 'Department' : 'Institution'} ${institution.index}" {`);
        for (const line of institution.body) {
            if (random() < 0.05) lines.push(`${indent}  // a remark on the next fact`);
            lines.push(`${indent}  ${line}`);
        }
        for (const unit of institution.units) body(unit, `${indent}  `);
        lines.push(`${indent}}`);
    };
    for (const member of members) {
        body(member, '');
        lines.push('');
    }
    lines.push(...(statements.get(file) ?? []), '', ...(disputes.get(file) ?? []), '');
    return lines.join('\n');
}
