import { GrammarUtils, type AstNode, type AstNodeDescription, type LangiumDocument, type Reference } from 'langium';
import { parseDate, type PDate } from '../model/dates.js';
import { possible, type Period } from '../model/periods.js';
import type * as M from '../model/types.js';
import * as ast from './generated/ast.js';
import { declarationsOf, keyOf, modelNameOf, pathOf } from './names.js';
import { isPrelude } from './prelude.js';

/**
 * The one adapter between Langium and the semantic model: turns a linked
 * document into plain facts. Nothing downstream reads the AST.
 */
export function documentFacts(document: LangiumDocument, docOf: (node: AstNode) => string | undefined): M.DocumentFacts {
    const root = document.parseResult.value as ast.Document;
    const uri = document.uri.toString();
    const builtin = isPrelude(document.uri);
    const facts: M.DocumentFacts = {
        uri,
        model: root.name ?? '',
        declarations: [],
        claims: [],
        relations: [],
        contests: [],
        exceptions: [],
        disputes: [],
        holdings: [],
        dateChecks: [],
        uses: []
    };
    // Dates repeat (every `since 2016`): each text is parsed once per document, and the facts share the (immutable) result.
    const dates = new Map<string, PDate | undefined>();
    const date = (text: string | undefined): PDate | undefined => {
        if (text === undefined) return undefined;
        if (!dates.has(text)) dates.set(text, parseDate(text));
        return dates.get(text);
    };
    const loc = (node: AstNode | undefined): M.Location => ({ uri, range: node?.$cstNode?.range ?? ZERO });
    const nameLoc = (node: AstNode): M.Location => ({
        uri,
        range: GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.range ?? loc(node).range
    });
    const refLoc = (ref: Reference): M.Location => ({ uri, range: ref.$refNode?.range ?? ZERO });
    /**
     * The key a reference resolves to, recorded as a use; undefined when unresolved.
     * Read from the declaration's description (exported under its key), not its
     * node: `polity check` lets go of a document's syntax tree once its facts are
     * read, while later documents still name its declarations.
     */
    const use = (ref: Reference | undefined): string | undefined => {
        const target = ref?.$nodeDescription;
        if (!target) return undefined;
        const found = useOfDescription(target);
        facts.uses.push(found);
        return found.key;
    };
    const citations = (node: { citations: ast.Citation[] }): M.Citation[] =>
        node.citations.map(c => ({
            source: use(c.source),
            sourceName: c.source?.$refText ?? '',
            locator: c.locator,
            loc: loc(c)
        }));
    // Periods repeat too (every `since 2016`): one (immutable) period per written text, each line keeping its own location.
    const periods = new Map<string, Period>();
    const writtenPeriod = (node: ast.Period): Period => {
        const text = node.by !== undefined ? `by ${node.by}` : `${node.since ?? ''}..${node.until ?? ''}`;
        let written = periods.get(text);
        if (!written) {
            written = node.by !== undefined ? { start: date(node.by), by: true } : { start: date(node.since), end: date(node.until) };
            periods.set(text, written);
        }
        return written;
    };
    const period = (node: ast.Period | undefined): M.WrittenPeriod => {
        if (!node) return UNDATED;
        const written = writtenPeriod(node);
        const where = loc(node);
        if (written.start && written.end) facts.dateChecks.push({ kind: 'period', period: possible(written), loc: where });
        return { period: written, loc: where };
    };

    for (const node of declarationsOf(root)) {
        const base = {
            key: keyOfNode(node),
            name: node.name,
            path: pathOf(node),
            model: modelNameOf(node),
            doc: docOf(node),
            loc: nameLoc(node),
            extent: loc(node),
            builtin,
            title: 'title' in node && typeof node.title === 'string' ? node.title : undefined
        };
        if (ast.isInstitution(node)) {
            facts.declarations.push(institution(node, base));
        } else if (ast.isMandate(node)) {
            const within = node.parents.flatMap(ref => {
                const key = use(ref);
                return key ? [{ key, loc: refLoc(ref) }] : [];
            });
            const parents = [...(ast.isMandate(node.$container) ? [keyOfNode(node.$container)] : []), ...within.map(w => w.key)];
            const mandate: M.Mandate = { ...base, type: 'mandate', parent: parents[0], parents, within };
            facts.declarations.push(mandate);
        } else if (ast.isSource(node)) {
            const source: M.Source = { ...base, type: 'source', url: node.url };
            facts.declarations.push(source);
        } else if (ast.isKind(node)) {
            // After a syntax error the parser may leave out the sphere: '' (no sphere) keeps the facts whole.
            const kind: M.Kind = { ...base, type: 'kind', sphere: node.sphere ?? '' };
            facts.declarations.push(kind);
        } else if (ast.isRelationKind(node)) {
            const relationKind: M.RelationKind = { ...base, type: 'relation', hierarchical: node.hierarchical, upward: node.upward };
            facts.declarations.push(relationKind);
        } else if (ast.isRole(node)) {
            const role: M.Role = { ...base, type: 'role', exclusive: node.exclusive };
            facts.declarations.push(role);
        } else if (ast.isView(node)) {
            facts.declarations.push(view(node, base));
        } else if (ast.isPost(node)) {
            const post: M.Post = { ...base, type: 'post', single: node.single };
            facts.declarations.push(post);
        } else if (ast.isPerson(node)) {
            facts.declarations.push(person(node, base));
        }
    }
    for (const element of root.elements) {
        if (ast.isFact(element)) fact(element, use(element.subject));
        if (ast.isDispute(element)) dispute(element);
    }
    return facts;

    function institution(node: ast.Institution, base: Omit<M.Declaration, 'type'>): M.Institution {
        const key = base.key;
        const result: M.Institution = {
            ...base,
            type: 'institution',
            lifetime: {},
            kinds: [],
            formerNames: [],
            citations: [],
            names: [],
            plaques: [],
            ids: [],
            facets: [],
            parent: ast.isInstitution(node.$container) ? keyOfNode(node.$container) : undefined
        };
        for (const member of node.members) {
            if (ast.isKindClause(member)) {
                const kind = use(member.kind);
                const written = period(member.period);
                const cited = citations(member);
                if (kind) result.kinds.push({ kind, period: written, citations: cited, loc: loc(member) });
                result.citations.push(...cited);
            } else if (ast.isLifeEvent(member)) {
                const parsed = date(member.date);
                // The first line counts, as the `misplaced` message for a repeated line says.
                if (parsed) result[member.event] ??= { date: parsed, loc: loc(member) };
                result.citations.push(...citations(member));
            } else if (ast.isFormerName(member)) {
                const until = date(member.until);
                const where = loc(member);
                result.formerNames.push({
                    name: member.title,
                    until: until && { date: until, loc: where },
                    citations: citations(member),
                    loc: where
                });
            } else if (ast.isFact(member)) {
                fact(member, key);
            } else {
                described(member, result);
            }
        }
        result.kind = currentKind(result.kinds);
        result.lifetime = { start: result.established?.date, end: result.dissolved?.date };
        if (result.established && result.dissolved) {
            facts.dateChecks.push({ kind: 'lifetime', period: result.lifetime, loc: result.dissolved.loc, owner: key });
        }
        return result;
    }

    /** A competence, a contest or a relation, by what its verb names; objects are recorded as uses either way. */
    function fact(node: ast.Fact, subject: string | undefined): void {
        const certainty = CERTAINTY[node.certainty ?? ''];
        const verb = node.verb?.$nodeDescription?.type;
        const role = node.shares
            ? undefined
            : verb !== undefined && ast.reflection.isSubtype(verb, ast.Role.$type)
              ? use(node.verb)
              : undefined;
        const kind = verb !== undefined && ast.reflection.isSubtype(verb, ast.RelationKind.$type) ? use(node.verb) : undefined;
        const partners = node.partners.map(use).filter(isDefined);
        const exceptions = node.exceptions.map(ref => ({ key: use(ref), loc: refLoc(ref) }));
        const excepted = exceptions.map(e => e.key).filter(isDefined);
        // What a line says is shared by the facts of each of its objects (`leads a, b, c`).
        const common = { certainty, period: period(node.period), citations: citations(node) };
        const extent = loc(node);
        for (const ref of node.objects) {
            const object = use(ref);
            if (!subject || !object) continue;
            if (node.contests) {
                facts.contests.push({ institution: subject, mandate: object, ...common, loc: refLoc(ref), extent });
            } else if (node.shares || role) {
                facts.claims.push({
                    institution: subject,
                    role: role ?? '',
                    shared: node.shares,
                    mandate: object,
                    exceptions: excepted,
                    partners,
                    ...common,
                    loc: refLoc(ref),
                    extent
                });
                for (const e of exceptions) if (e.key) facts.exceptions.push({ claimed: object, excepted: e.key, loc: e.loc });
            } else if (kind) {
                facts.relations.push({ subject, kind, target: object, ...common, loc: extent });
            }
        }
    }

    /** A name, plaque, identifier or facet line, of an institution or a person. */
    function described(
        member: ast.Member | ast.PersonMember,
        into: Pick<M.Institution, 'names' | 'ids' | 'facets'> & { plaques?: M.Plaque[] }
    ): void {
        if (ast.isNameClause(member)) {
            into.names.push({
                lang: member.lang,
                value: member.value,
                period: period(member.period),
                citations: citations(member),
                loc: loc(member)
            });
        } else if (ast.isPlaque(member)) {
            into.plaques?.push({
                name: member.value,
                sphere: member.sphere,
                period: period(member.period),
                citations: citations(member),
                loc: loc(member)
            });
        } else if (ast.isIdentifier(member)) {
            into.ids.push({ scheme: member.scheme, value: member.value, loc: loc(member) });
        } else if (ast.isFacet(member)) {
            const value = member.number !== undefined ? Number(member.number) : (member.text ?? '');
            into.facets.push({ key: member.key, value, period: period(member.period), citations: citations(member), loc: loc(member) });
        }
    }

    function person(node: ast.Person, base: Omit<M.Declaration, 'type'>): M.Person {
        const result: M.Person = { ...base, type: 'person', names: [], ids: [], facets: [] };
        for (const member of node.members) {
            if (!ast.isHolding(member)) {
                described(member, result);
                continue;
            }
            const post = use(member.post);
            const institution = use(member.institution);
            const written = period(member.period);
            const cited = citations(member);
            if (post && institution) {
                facts.holdings.push({
                    person: base.key,
                    post,
                    institution,
                    certainty: CERTAINTY[member.certainty ?? ''],
                    period: written,
                    citations: cited,
                    loc: { uri, range: member.institution.$refNode?.range ?? loc(member).range },
                    extent: loc(member)
                });
            }
        }
        return result;
    }

    function dispute(node: ast.Dispute): void {
        const mandate = use(node.mandate);
        const parties = node.parties.map(use).filter(isDefined);
        const written = period(node.period);
        const cited = citations(node);
        if (mandate) facts.disputes.push({ mandate, parties, period: written, citations: cited, finding: node.finding, loc: loc(node) });
    }

    function view(node: ast.View, base: Omit<M.Declaration, 'type'>): M.View {
        const result: M.View = { ...base, type: 'view', filters: [], relationRules: [] };
        for (const rule of node.rules) {
            if (ast.isViewFilter(rule)) {
                result.filters.push({
                    op: rule.op,
                    all: rule.all,
                    institutions: rule.institutions.map(use).filter(isDefined),
                    mandates: rule.mandates.map(use).filter(isDefined),
                    kinds: rule.kinds.map(use).filter(isDefined),
                    spheres: [...rule.spheres]
                });
            } else if (ast.isViewDate(rule)) {
                result.at = date(rule.date);
            } else if (ast.isViewGrouping(rule)) {
                result.groupBy = rule.grouping;
            } else if (ast.isViewDirection(rule)) {
                result.direction = rule.direction;
            } else if (ast.isViewLabels(rule)) {
                result.labels = rule.lang;
            } else if (ast.isViewShow(rule)) {
                result.showPeople = rule.people;
            } else if (ast.isViewRelations(rule)) {
                result.relationRules.push({ op: rule.op, kinds: rule.relations.map(use).filter(isDefined) });
            }
        }
        return result;
    }
}

/** A fact written without a period: one frozen object for all of them. */
const UNDATED: M.WrittenPeriod = Object.freeze({ period: Object.freeze({}) });

/**
 * A use of a declaration, one (immutable) object per description, shared by
 * every fact that names it: a 10,000-institution workspace has over 100,000
 * uses of 12,000 declarations. A description's name never changes (an edit
 * indexes new descriptions).
 */
const uses = new WeakMap<AstNodeDescription, M.Use>();

/** A use of the declaration a reference resolved to: its description's name is its key (scope.ts exports it so). */
function useOfDescription(description: AstNodeDescription): M.Use {
    let found = uses.get(description);
    if (found === undefined) {
        found = Object.freeze({ key: description.name });
        uses.set(description, found);
    }
    return found;
}

/** A declaration's own key, built once per node: its institution's units and mandates ask for it again. */
const keys = new WeakMap<AstNode, string>();

function keyOfNode(node: AstNode & { name?: string }): string {
    let key = keys.get(node);
    if (key === undefined) {
        key = keyOf(node);
        keys.set(node, key);
    }
    return key;
}

const CERTAINTY: Record<string, M.Certainty | undefined> = { reportedly: 'reported', allegedly: 'alleged' };

/** The kind today: the undated line's, else the one that started last. */
function currentKind(kinds: M.Institution['kinds']): string | undefined {
    const undated = kinds.find(k => !k.period.period.start && !k.period.period.end);
    if (undated) return undated.kind;
    const open = kinds.filter(k => !k.period.period.end);
    const candidates = open.length > 0 ? open : kinds;
    return candidates.reduce<M.Institution['kinds'][number] | undefined>(
        (best, k) => (!best || (k.period.period.start?.ordinal ?? -Infinity) > (best.period.period.start?.ordinal ?? -Infinity) ? k : best),
        undefined
    )?.kind;
}

const ZERO: M.Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function isDefined<T>(value: T | undefined): value is T {
    return value !== undefined;
}
