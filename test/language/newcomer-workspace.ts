/**
 * The workspace a newcomer's mistakes are made in (issue 12): two correct
 * files of model us.cyber and one of eu.cyber, with no findings of their
 * own, so that any finding in them is caused by the mistake in the third file.
 */
export const NEWCOMER_WORKSPACE: Record<string, string> = {
    'base.polity': `model us.cyber

source s1 "A source"

mandate privacy "Privacy"
mandate threat-response "Threat response"

institution FTC "Federal Trade Commission" {
  kind agency
  leads privacy since 2010 [s1]
}

institution CISA "Cybersecurity and Infrastructure Security Agency" {
  kind agency
  leads threat-response since 2018-11-16 [s1]
}

institution NSA "National Security Agency" {
  kind agency
  unit CSD "Cybersecurity Directorate" {
    supports threat-response since 2019 [s1]
  }
}
`,
    'tasks.polity': `model us.cyber

NSA oversees NCIJTF [s1]
`,
    'eu.polity': `model eu.cyber

institution ENISA "European Union Agency for Cybersecurity" {
  kind agency
}
`
};

/** What the mistaken file declares when written correctly: NCIJTF, which tasks.polity uses. */
export const TASK_FORCE = 'institution NCIJTF "National Cyber Investigative Joint Task Force" {\n  kind agency\n}\n';

/**
 * Each mistake: the text of `x.polity` (model us.cyber unless it says
 * otherwise), the one finding it gives as `line:column code message`, and
 * the quick fix, if one is obvious, with the text it leaves.
 */
export interface Mistake {
    name: string;
    text: string;
    finding: string;
    fix?: { title: string; text: string };
    /** Files the mistake needs besides x.polity: the declarations of a model x.polity does not belong to. */
    also?: Record<string, string>;
}

/** NCIJTF in a file of its own, for mistakes in a file of another model (or one meant to be another). */
const TASK_FORCE_FILE = { 'task-force.polity': `model us.cyber\n\n${TASK_FORCE}` };

const IN_X = (body: string) => `model us.cyber\n\n${TASK_FORCE}\ninstitution X "X" {\n  kind agency\n${body}}\n`;

export const MISTAKES: Mistake[] = [
    {
        name: 'a slash date',
        text: IN_X('  established 2018/11/16\n'),
        finding:
            "9:15 bad-date '2018/11/16' is not a date (in the 'established' line of institution X): write YYYY, YYYY-MM or YYYY-MM-DD; here probably 2018-11-16.",
        fix: { title: 'Write 2018-11-16', text: IN_X('  established 2018-11-16\n') }
    },
    {
        name: 'a month name',
        text: IN_X('  established Nov 2018\n'),
        finding:
            "9:15 bad-date 'Nov 2018' is not a date (in the 'established' line of institution X): write YYYY, YYYY-MM or YYYY-MM-DD; here probably 2018-11.",
        fix: { title: 'Write 2018-11', text: IN_X('  established 2018-11\n') }
    },
    {
        name: 'a time suffix',
        text: IN_X('  established 2022-02-03T00:00\n'),
        finding:
            "9:15 bad-date '2022-02-03T00:00' is not a date (in the 'established' line of institution X): write YYYY, YYYY-MM or YYYY-MM-DD; here probably 2022-02-03.",
        fix: { title: 'Write 2022-02-03', text: IN_X('  established 2022-02-03\n') }
    },
    {
        name: 'an unpadded date',
        text: IN_X('  supports privacy since 2022-2-3 [s1]\n'),
        finding:
            "9:26 bad-date '2022-2-3' is not a date (in the period of a competence): write YYYY, YYYY-MM or YYYY-MM-DD; here probably 2022-02-03.",
        fix: { title: 'Write 2022-02-03', text: IN_X('  supports privacy since 2022-02-03 [s1]\n') }
    },
    {
        name: 'a day-first date',
        text: IN_X('  established 03-02-2022\n'),
        finding:
            "9:15 bad-date '03-02-2022' is not a date (in the 'established' line of institution X): write YYYY, YYYY-MM or YYYY-MM-DD; here probably 2022-02-03.",
        fix: { title: 'Write 2022-02-03', text: IN_X('  established 2022-02-03\n') }
    },
    {
        name: 'an unknown character',
        text: IN_X('  established 2019;\n'),
        finding:
            "9:19 syntax The character ';' (U+003B SEMICOLON) is not part of Polity (in the 'established' line of institution X): a line needs no terminator, remove it."
    },
    {
        name: 'a one-party dispute',
        text: `model us.cyber\n\n${TASK_FORCE}\ndispute privacy between FTC [s1]\n`,
        finding: '7:29 syntax In a dispute: name at least two parties, separated by commas (between A, B).'
    },
    {
        name: "'and' instead of a comma",
        text: `model us.cyber\n\n${TASK_FORCE}\ndispute privacy between FTC and CISA [s1]\n`,
        finding: "7:29 syntax In a dispute: separate the parties with commas (between A, B), not with 'and'."
    },
    {
        name: "the keyword typo 'lead'",
        text: `model us.cyber\n\n${TASK_FORCE}\nmandate ir "Incident response"\n\ninstitution X "X" {\n  lead ir\n}\n`,
        finding: "10:3 unresolved Unknown role or relation kind 'lead'. Did you mean 'leads'?",
        fix: {
            title: "Replace with 'leads'",
            text: `model us.cyber\n\n${TASK_FORCE}\nmandate ir "Incident response"\n\ninstitution X "X" {\n  leads ir\n}\n`
        }
    },
    {
        name: "the keyword typo 'instituion'",
        text: `model us.cyber\n\n${TASK_FORCE.replace('institution', 'instituion')}`,
        finding: "3:1 syntax 'instituion' is not a keyword at the start of a declaration: did you mean 'institution'?",
        fix: { title: "Replace with 'institution'", text: `model us.cyber\n\n${TASK_FORCE}` }
    },
    {
        name: "the keyword typo 'Institution'",
        text: `model us.cyber\n\n${TASK_FORCE.replace('institution', 'Institution')}`,
        finding: "3:1 syntax 'Institution' is not a keyword at the start of a declaration: did you mean 'institution'?",
        fix: { title: "Replace with 'institution'", text: `model us.cyber\n\n${TASK_FORCE}` }
    },
    {
        name: 'a misspelt period keyword',
        text: IN_X('  supports privacy sinse 2019 [s1]\n'),
        finding: "9:20 syntax 'sinse' is not a keyword before a date: did you mean 'since'?",
        fix: { title: "Replace with 'since'", text: IN_X('  supports privacy since 2019 [s1]\n') }
    },
    {
        name: 'a misspelt sphere',
        text: `model us.cyber\n\n${TASK_FORCE}\nkind regulator "Regulator" in stat\ninstitution R { kind regulator }\n`,
        finding: "7:31 syntax In a kind declaration: 'stat' is not a keyword here: did you mean 'state'?",
        fix: {
            title: "Replace with 'state'",
            text: `model us.cyber\n\n${TASK_FORCE}\nkind regulator "Regulator" in state\ninstitution R { kind regulator }\n`
        }
    },
    {
        name: 'a keyword as a name',
        text: `model us.cyber\n\n${TASK_FORCE}\ninstitution source "Source office"\n`,
        finding:
            "7:13 syntax 'source' is a reserved word of Polity, so it cannot name an institution: choose another name, such as 'Source'."
    },
    {
        name: 'an unquoted title',
        text: `model us.cyber\n\n${TASK_FORCE}\ninstitution OMB Office of Management {\n  kind agency\n}\n`,
        finding: '7:17 syntax A title is written in quotes, in an institution declaration: write "Office of Management".',
        fix: {
            title: 'Put "Office of Management" in quotes',
            text: `model us.cyber\n\n${TASK_FORCE}\ninstitution OMB "Office of Management" {\n  kind agency\n}\n`
        }
    },
    {
        name: 'an unterminated string',
        text: `model us.cyber\n\n${TASK_FORCE}\ninstitution OMB "Office of Management {\n  kind agency\n}\n\ninstitution OPM "Office of Personnel Management"\n`,
        finding: '7:17 syntax This string has no closing quote (in institution OMB): end it with " where it ends.',
        fix: {
            title: 'Add the closing quote',
            text: `model us.cyber\n\n${TASK_FORCE}\ninstitution OMB "Office of Management" {\n  kind agency\n}\n\ninstitution OPM "Office of Personnel Management"\n`
        }
    },
    {
        name: 'a missing brace at the end of a file',
        text: `model us.cyber\n\n${TASK_FORCE.slice(0, -2)}`,
        finding: "4:14 syntax In the body of an institution: the end of the file comes before the closing '}': add '}' to close the body."
    },
    {
        name: 'a model-header typo',
        also: TASK_FORCE_FILE,
        text: `model us.cybr\n\ninstitution X "X" {\n  oversees CISA\n  supports privacy\n}\n`,
        finding: "1:7 unresolved No other file declares model 'us.cybr'. Did you mean 'us.cyber'?",
        fix: { title: "Replace with 'us.cyber'", text: `model us.cyber\n\ninstitution X "X" {\n  oversees CISA\n  supports privacy\n}\n` }
    },
    {
        name: 'an unqualified name from another model',
        also: TASK_FORCE_FILE,
        text: `model eu.cyber\n\ninstitution X "X" {\n  oversees CISA\n}\n`,
        finding: "4:12 unresolved Unknown institution 'CISA'. Did you mean 'us.cyber.CISA'?",
        fix: { title: "Replace with 'us.cyber.CISA'", text: `model eu.cyber\n\ninstitution X "X" {\n  oversees us.cyber.CISA\n}\n` }
    },
    {
        name: "a unit's short name at the top level",
        text: `model us.cyber\n\n${TASK_FORCE}\nCISA oversees CSD [s1]\n`,
        finding: "7:15 unresolved Unknown institution 'CSD'. Did you mean 'NSA.CSD'?",
        fix: { title: "Replace with 'NSA.CSD'", text: `model us.cyber\n\n${TASK_FORCE}\nCISA oversees NSA.CSD [s1]\n` }
    }
];
