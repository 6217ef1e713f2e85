import { GrammarUtils, type AstNode, type LangiumDocument, type Reference } from 'langium';
import { parseDate, type PDate } from '../model/dates.js';
import type { Period } from '../model/periods.js';
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
        uri, model: root.name ?? '', declarations: [], claims: [], relations: [], disputes: [], dateChecks: [], uses: []
    };
    const loc = (node: AstNode | undefined): M.Location => ({ uri, range: node?.$cstNode?.range ?? ZERO });
    const nameLoc = (node: AstNode): M.Location => ({ uri, range: GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.range ?? loc(node).range });
    const refLoc = (ref: Reference): M.Location => ({ uri, range: ref.$refNode?.range ?? ZERO });
    /** The key a reference resolves to, recorded as a use; undefined when unresolved. */
    const use = (ref: Reference | undefined): string | undefined => {
        const target = ref?.ref as (AstNode & { name?: string }) | undefined;
        if (!ref || !target) return undefined;
        const key = keyOf(target);
        facts.uses.push({ key, loc: refLoc(ref) });
        return key;
    };
    const citations = (node: { citations: ast.Citation[] }): M.Citation[] => node.citations.map(c => ({
        source: use(c.source), sourceName: c.source?.$refText ?? '', locator: c.locator, loc: loc(c)
    }));
    const period = (node: ast.Period | undefined): M.WrittenPeriod => {
        if (!node) return { period: {} };
        const written: Period = { start: date(node.since), end: date(node.until) };
        if (written.start && written.end) facts.dateChecks.push({ kind: 'period', period: written, loc: loc(node) });
        return { period: written, loc: loc(node) };
    };

    for (const node of declarationsOf(root)) {
        const base = {
            key: keyOf(node), name: node.name, path: pathOf(node), model: modelNameOf(node), doc: docOf(node),
            loc: nameLoc(node), extent: loc(node), builtin,
            title: 'title' in node && typeof node.title === 'string' ? node.title : undefined
        };
        if (ast.isInstitution(node)) {
            facts.declarations.push(institution(node, base));
        } else if (ast.isMandate(node)) {
            const mandate: M.Mandate = { ...base, type: 'mandate', parent: ast.isMandate(node.$container) ? keyOf(node.$container) : undefined };
            facts.declarations.push(mandate);
        } else if (ast.isSource(node)) {
            const source: M.Source = { ...base, type: 'source', url: node.url };
            facts.declarations.push(source);
        } else if (ast.isKind(node)) {
            // After a syntax error the parser may leave out the sphere: '' (no sphere) keeps the facts whole.
            const kind: M.Kind = { ...base, type: 'kind', sphere: node.sphere ?? '' };
            facts.declarations.push(kind);
        } else if (ast.isRelationKind(node)) {
            const relationKind: M.RelationKind = { ...base, type: 'relation', hierarchical: node.hierarchical };
            facts.declarations.push(relationKind);
        } else if (ast.isView(node)) {
            facts.declarations.push(view(node, base));
        } else if (ast.isPerson(node)) {
            facts.declarations.push({ ...base, type: 'person' });
            for (const post of node.posts) {
                use(post.institution);
                period(post.period);
                citations(post);
            }
        }
    }
    for (const element of root.elements) {
        if (ast.isRelation(element)) relation(element, use(element.subject));
        if (ast.isDispute(element)) dispute(element);
    }
    return facts;

    function institution(node: ast.Institution, base: Omit<M.Declaration, 'type'>): M.Institution {
        const key = base.key;
        const result: M.Institution = {
            ...base, type: 'institution', lifetime: {}, formerNames: [], citations: [],
            parent: ast.isInstitution(node.$container) ? keyOf(node.$container) : undefined
        };
        for (const member of node.members) {
            if (ast.isKindClause(member)) {
                result.kind ??= use(member.kind);
                result.citations.push(...citations(member));
            } else if (ast.isLifeEvent(member)) {
                const parsed = date(member.date);
                // The first line counts, as the `misplaced` message for a repeated line says.
                if (parsed) result[member.event] ??= { date: parsed, loc: loc(member) };
                result.citations.push(...citations(member));
            } else if (ast.isFormerName(member)) {
                const until = date(member.until);
                result.formerNames.push({ name: member.name, until: until && { date: until, loc: loc(member) }, citations: citations(member), loc: loc(member) });
            } else if (ast.isCompetence(member)) {
                const partners = member.partners.map(use).filter(isDefined);
                const written = period(member.period);
                const cited = citations(member);
                member.mandates.forEach(ref => {
                    const mandate = use(ref);
                    if (mandate) facts.claims.push({ institution: key, role: member.role, mandate, period: written, partners, citations: cited, loc: refLoc(ref), extent: loc(member) });
                });
            } else if (ast.isRelation(member)) {
                relation(member, key);
            }
        }
        result.lifetime = { start: result.established?.date, end: result.dissolved?.date };
        if (result.established && result.dissolved) {
            facts.dateChecks.push({ kind: 'lifetime', period: result.lifetime, loc: result.dissolved.loc, owner: key });
        }
        return result;
    }

    function relation(node: ast.Relation, subject: string | undefined): void {
        const kind = use(node.kind);
        const target = use(node.target);
        const written = period(node.period);
        const cited = citations(node);
        if (subject && kind && target) facts.relations.push({ subject, kind, target, period: written, citations: cited, loc: loc(node) });
    }

    function dispute(node: ast.Dispute): void {
        const mandate = use(node.mandate);
        const parties = node.parties.map(use).filter(isDefined);
        const written = period(node.period);
        const cited = citations(node);
        if (mandate) facts.disputes.push({ mandate, parties, period: written, citations: cited, finding: node.finding, loc: loc(node) });
    }

    function view(node: ast.View, base: Omit<M.Declaration, 'type'>): M.View {
        const result: M.View = { ...base, type: 'view', filters: [] };
        for (const rule of node.rules) {
            if (ast.isViewFilter(rule)) {
                result.filters.push({
                    op: rule.op, all: rule.all,
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
            }
        }
        return result;
    }
}

const ZERO: M.Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function date(text: string | undefined): PDate | undefined {
    return text === undefined ? undefined : parseDate(text);
}

function isDefined<T>(value: T | undefined): value is T {
    return value !== undefined;
}

