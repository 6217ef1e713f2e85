import type { Declaration } from '../../model/types.js';

/** One name in a written qualified name (`china`, `cyber`, `MPS`, `Bureau11`), with its document offsets. */
export interface Segment {
    text: string;
    offset: number;
    end: number;
}

/** A name as the grammar's ID terminal reads it: any Unicode letter or `_`, then letters, digits, `_` or `-`. */
export const NAME = /[_\p{L}][\p{L}\p{N}_-]*/u;
const ID = new RegExp(NAME.source, 'gu');

/** The names in a written (possibly qualified) reference, `text` starting at document offset `start`. */
export function segmentsOf(text: string, start: number): Segment[] {
    return [...text.matchAll(ID)].map(match => ({
        text: match[0],
        offset: start + match.index,
        end: start + match.index + match[0].length
    }));
}

/**
 * The key each written segment names. A written name is always a tail of its
 * target's key (units of the enclosing institution, the own model and the
 * prelude are searched by appending the written name), so segment i of k names
 * the key's first L - k + i + 1 segments: the model name, an enclosing
 * institution, or the target itself.
 */
export function segmentKeys(targetKey: string, written: number): string[] {
    const parts = targetKey.split('.');
    const skipped = parts.length - written;
    if (skipped < 0) return [];
    return Array.from({ length: written }, (_, i) => parts.slice(0, skipped + i + 1).join('.'));
}

/** How to write a declaration's name in a document of model `model`: short within its model, qualified across. */
export function nameIn(model: string, declaration: Declaration): string {
    return declaration.model === model ? declaration.path : declaration.key;
}
