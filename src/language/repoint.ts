import type { AstNodeDescription, IndexManager, LangiumDocument, Reference } from 'langium';
import type { PolityIndexManager } from './index-manager.js';

/** A declaration as other documents see it: its type and its key. */
function signature(desc: AstNodeDescription): string {
    return `${desc.type}\u0000${desc.name}`;
}

/** The names each of the documents exports, by signature (the first description of each). */
export function exportedNames(index: IndexManager, uris: ReadonlySet<string>): Map<string, Map<string, AstNodeDescription>> {
    const result = new Map<string, Map<string, AstNodeDescription>>();
    for (const uri of uris) result.set(uri, new Map());
    for (const desc of index.allElements(undefined, new Set(uris))) {
        const names = result.get(desc.documentUri.toString())!;
        if (!names.has(signature(desc))) names.set(signature(desc), desc);
    }
    return result;
}

/** Every written form that could name the key: `a.b.c` → `c`, `b.c`, `a.b.c`. */
function writtenForms(key: string): string[] {
    const parts = key.split('.');
    return parts.map((_, i) => parts.slice(i).join('.'));
}

/** Langium 4's reference implementation keeps its target in these fields (see DefaultLinker). */
interface LinkedReference extends Reference {
    _ref: unknown;
    _nodeDescription?: AstNodeDescription;
}

/**
 * After `changed` documents were parsed again, the references of the
 * `documents` not linked since still point at nodes of the old syntax trees.
 * Langium would link every such document again; here a reference whose name
 * is still exported is re-pointed at the new node (same key, so the same
 * facts and the same diagnostics), and the reference index follows moved nodes.
 *
 * Returns the documents that must be linked again instead: those using a name
 * the edit removed, or written like a name it added (which may now win their
 * lookup).
 */
export function repointReferences(
    documents: Iterable<LangiumDocument>, changed: ReadonlySet<string>,
    before: Map<string, Map<string, AstNodeDescription>>, index: PolityIndexManager
): LangiumDocument[] {
    const after = exportedNames(index, changed);
    const added = new Set<string>();
    for (const [uri, names] of after) {
        for (const [sig, desc] of names) {
            if (!before.get(uri)?.has(sig)) writtenForms(desc.name).forEach(form => added.add(form));
        }
    }
    const relink: LangiumDocument[] = [];
    for (const document of documents) {
        const uri = document.uri.toString();
        const moved = new Map<string, Map<string, string>>();
        const repointed: [LinkedReference, AstNodeDescription][] = [];
        let stale = false;
        for (const ref of document.references as LinkedReference[]) {
            const old = ref.$nodeDescription;
            const target = old?.documentUri.toString();
            if (old && target && changed.has(target)) {
                const fresh = after.get(target)?.get(signature(old));
                if (!fresh?.node) { stale = true; break; }
                if (fresh === old) continue;
                repointed.push([ref, fresh]);
                if (fresh.path !== old.path) {
                    const paths = moved.get(target) ?? new Map<string, string>();
                    paths.set(old.path, fresh.path);
                    moved.set(target, paths);
                }
            } else if (added.has(ref.$refText)) {
                stale = true;
                break;
            }
        }
        if (stale) {
            relink.push(document);
            continue;
        }
        for (const [ref, fresh] of repointed) {
            ref._nodeDescription = fresh;
            ref._ref = fresh.node;
        }
        for (const [target, paths] of moved) index.retarget(uri, target, paths);
    }
    return relink;
}
