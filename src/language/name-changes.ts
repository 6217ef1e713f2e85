import type { AstNodeDescription, IndexManager, LangiumDocument } from 'langium';
import { PolityReference } from './linker.js';

/** A declaration as other documents see it: its type and its key. */
function signature(desc: AstNodeDescription): string {
    return `${desc.type}\u0000${desc.name}`;
}

/** The names each of the documents exports, by signature. */
export type ExportedNames = Map<string, Set<string>>;

export function exportedNames(index: IndexManager, uris: ReadonlySet<string>): ExportedNames {
    const result: ExportedNames = new Map();
    for (const uri of uris) result.set(uri, new Set());
    for (const desc of index.allElements(undefined, new Set(uris))) result.get(desc.documentUri.toString())!.add(signature(desc));
    return result;
}

/** Every written form that could name the key: `a.b.c` → `c`, `b.c`, `a.b.c`. */
function writtenForms(key: string): string[] {
    const parts = key.split('.');
    return parts.map((_, i) => parts.slice(i).join('.'));
}

/**
 * How an edit changed the names that documents export. References follow
 * their declarations by name (linker.ts), so a document that was not linked
 * again needs linking only when one of its references names a declaration the
 * edit removed, or is written like a name the edit added (which may now win
 * its lookup, as a model's own `kind ministry` wins over the prelude's).
 */
export class NameChanges {
    private readonly removed = new Map<string, Set<string>>();
    private readonly added = new Set<string>();

    constructor(before: ExportedNames, after: ExportedNames) {
        for (const [uri, names] of before) {
            const now = after.get(uri) ?? new Set<string>();
            const gone = [...names].filter(sig => !now.has(sig));
            if (gone.length > 0) this.removed.set(uri, new Set(gone));
        }
        for (const [uri, names] of after) {
            for (const sig of names) {
                if (!before.get(uri)?.has(sig)) writtenForms(sig.slice(sig.indexOf('\u0000') + 1)).forEach(form => this.added.add(form));
            }
        }
    }

    /** Whether the document's references may resolve differently after the change. */
    affects(document: LangiumDocument): boolean {
        // Most edits change no name: then no document's references are read (this runs for every document).
        if (this.removed.size === 0 && this.added.size === 0) return false;
        return document.references.some(ref => {
            if (this.added.has(ref.$refText)) return true;
            const linked = ref instanceof PolityReference ? ref.linkedDescription : undefined;
            // The signature is built only for a reference into a document that lost names.
            const gone = linked && this.removed.get(linked.documentUri.toString());
            return gone !== undefined && gone.has(signature(linked!));
        });
    }
}
