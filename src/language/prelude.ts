import { URI } from 'langium';
import { PRELUDE_MODEL } from './names.js';
import { BUILTIN_SCHEME } from './protocol.js';

/**
 * The built-in document every model sees: the everyday kinds and relation
 * kinds, so that a small model needs no declarations of its own.
 */
export const PRELUDE_URI = URI.parse(`${BUILTIN_SCHEME}:///prelude.polity`);

export const PRELUDE_TEXT = `/** Built-in kinds and relation kinds. Read-only: declare your own in your model to add or override. */
model ${PRELUDE_MODEL}

kind commission "Party commission" in party
kind leading-group "Party leading group" in party
kind ministry "Ministry" in state
kind administration "Administration" in state
kind bureau "Bureau" in state
kind agency "Agency" in state
kind committee "Committee" in state
kind court "Court" in state
kind legislature "Legislature" in state
kind think-tank "Think tank" in affiliated
kind technical-centre "Technical centre" in affiliated
kind association "Association" in society
kind alliance "Alliance" in society
kind enterprise "Enterprise" in market
kind organisation "International organisation" in international

relation oversees "oversees" hierarchical
relation guides "guides"
relation office-of "is the office of"
relation advises "advises"
relation member-of "is a member of"
relation affiliated-with "is affiliated with"
relation hosts "hosts"
relation merged-into "was merged into"
`;

export function isPrelude(uri: URI | string): boolean {
    return uri.toString() === PRELUDE_URI.toString();
}
