import { URI } from 'langium';
import { PRELUDE_MODEL } from './names.js';
import { preludeFilePath } from './prelude-file.js';
import { BUILTIN_SCHEME } from './protocol.js';

/**
 * The built-in document every model sees: the everyday roles, kinds,
 * relation kinds and posts (the head-of-body ones `single`), so that a small model needs no declarations of its own.
 */
export const PRELUDE_URI = URI.parse(`${BUILTIN_SCHEME}:///prelude.polity`);

export const PRELUDE_TEXT = `/** Built-in roles, kinds, relation kinds and posts. Read-only: declare your own in your model to add or override. */
model ${PRELUDE_MODEL}

role leads "Primary responsibility" exclusive
role supports "An implementing or technical role"
role coordinates "A coordinating role above those who lead"

kind party-commission "Party commission" in party
kind party-department "Party department" in party
kind leading-group "Party leading group" in party
kind ministry "Ministry" in state
kind department "Department" in state
kind administration "Administration" in state
kind agency "Agency" in state
kind bureau "Bureau" in state
kind commission "Commission (a state commission or regulator)" in state
kind committee "Committee" in state
kind office "Office" in state
kind court "Court" in state
kind legislature "Legislature" in state
kind military-command "Military command" in military
kind armed-service "Armed service" in military
kind think-tank "Think tank" in affiliated
kind technical-centre "Technical centre" in affiliated
kind state-enterprise "State enterprise" in affiliated
kind association "Association" in society
kind alliance "Alliance" in society
kind ngo "Non-governmental organisation" in society
kind enterprise "Enterprise" in market
kind organisation "International organisation" in international

relation oversees "oversees" hierarchical
relation part-of "is part of" hierarchical upward
relation guides "guides"
relation office-of "is the office of"
relation advises "advises"
relation member-of "is a member of"
relation affiliated-with "is affiliated with"
relation hosts "hosts"
relation merged-into "was merged into"

post head "Head" single
post deputy-head "Deputy head"
post chair "Chair" single
post vice-chair "Vice-chair"
post director "Director" single
post deputy-director "Deputy director"
post vice-director "Vice-director"
post minister "Minister" single
post vice-minister "Vice-minister"
post secretary "Secretary" single
post member "Member"
`;

/** The prelude as editors other than VS Code see it: a file written by the server (prelude-file.ts). */
export const PRELUDE_FILE_URI = URI.file(preludeFilePath(PRELUDE_TEXT));

export function isPrelude(uri: URI | string): boolean {
    const text = uri.toString();
    return text === PRELUDE_URI.toString() || text === PRELUDE_FILE_URI.toString();
}
