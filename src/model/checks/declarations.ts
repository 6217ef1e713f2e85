import { mandateAncestors, type SemanticModel } from '../model.js';
import type { Declaration, Finding, Key } from '../types.js';
import { finding, MAX_RELATED, shortLocation } from './finding.js';

/** Names declared twice in one model, and declarations nothing uses. */

export function duplicates(model: SemanticModel): Finding[] {
    const result: Finding[] = [];
    for (const [key, decls] of model.declarations) {
        const own = decls.filter(d => !d.builtin);
        if (own.length < 2) continue;
        for (const decl of own) {
            // A name declared thousands of times (a generated or hostile model) must not make each finding list all the others:
            // the first declaration lists a few, the rest point back to the first (the editor's payload grows with the count, not its square).
            const shown = own.length > MAX_RELATED + 1 && decl !== own[0] ? 1 : MAX_RELATED;
            const others = own
                .slice(0, shown + 1)
                .filter(o => o !== decl)
                .slice(0, shown);
            const more = own.length - 1 - others.length;
            const where = decl.model ? `model '${decl.model}'` : 'the default model';
            result.push(
                finding(
                    'duplicate',
                    `'${decl.path}' is declared ${own.length} times in ${where} (also at ${others.map(o => shortLocation(o.loc)).join(', ')}${more > 0 ? ` and ${more} more` : ''}). Names are unique within a model: rename one or merge them.`,
                    decl.loc,
                    others.map(o => ({ loc: o.loc, message: `other declaration of '${decl.path}'` })),
                    { key }
                )
            );
        }
    }
    return result;
}

export function unused(model: SemanticModel): Finding[] {
    const named = new Set<Key>();
    for (const doc of model.documents) {
        for (const use of doc.uses) named.add(use.key);
    }
    return unusedGiven(model, named.keys());
}

const LABELS = { mandate: 'Mandate', source: 'Source', kind: 'Kind', relation: 'Relation kind', role: 'Role', post: 'Post' } as Record<
    string,
    string
>;

/**
 * The declarations nothing uses, given every key the documents use (a
 * mandate used makes its ancestors used too). `made` gives the finding of a
 * declaration found unused before, so that an edit keeps it as it was.
 */
export function unusedGiven(model: SemanticModel, named: Iterable<Key>, made = new WeakMap<Declaration, Finding>()): Finding[] {
    const used = new Set<Key>(named);
    for (const key of [...used]) {
        if (model.mandates.has(key)) for (const ancestor of mandateAncestors(model, key)) used.add(ancestor);
    }
    const result: Finding[] = [];
    for (const decls of model.declarations.values()) {
        const [decl] = decls;
        if (!decl || decl.builtin || !LABELS[decl.type] || used.has(decl.key)) continue;
        let found = made.get(decl);
        if (!found) {
            found = finding('unused', `${LABELS[decl.type]} '${decl.path}' is declared but nothing uses it.`, decl.loc, [], {
                key: decl.key
            });
            made.set(decl, found);
        }
        result.push(found);
    }
    return result;
}
