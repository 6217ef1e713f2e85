import type { Declaration, Key } from './types.js';

/** The declarations the model's files make, without the prelude's. */
export function ownDeclarations<D extends Declaration>(declarations: ReadonlyMap<Key, D>): D[] {
    return [...declarations.values()].filter(d => !d.builtin);
}

/** The model's own declarations and the prelude's that it uses, so that an export names every kind, role or post it refers to. */
export function ownAndUsed<D extends Declaration>(declarations: ReadonlyMap<Key, D>, used: ReadonlySet<Key | null>): D[] {
    return [...declarations.values()].filter(d => !d.builtin || used.has(d.key));
}
