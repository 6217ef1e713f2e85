import type { PDate } from './dates.js';
import type { Period } from './periods.js';

/** Plain positions, 0-based like LSP, so the model needs no editor types. */
export interface Position {
    line: number;
    character: number;
}
export interface Range {
    start: Position;
    end: Position;
}
export interface Location {
    uri: string;
    range: Range;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const SPHERES = ['party', 'state', 'military', 'affiliated', 'society', 'market', 'international'] as const;
export type Sphere = (typeof SPHERES)[number];

/** How sure the source is of a fact: `reportedly`, `allegedly`; absent when the fact is asserted. */
export type Certainty = 'reported' | 'alleged';

/**
 * Every declaration is known by a key: its model-qualified name
 * (`china.cyber.CAC`, `china.cyber.MPS.Bureau11`; just `CAC` in the default model).
 */
export type Key = string;

export interface Citation {
    source?: Key;
    sourceName: string;
    locator?: string;
    loc: Location;
}

/** A date as written, with where it was written, so checks can point at it. */
export interface DatedText {
    date: PDate;
    loc: Location;
}

export interface WrittenPeriod {
    period: Period;
    loc?: Location;
}

export type DeclarationType = 'institution' | 'mandate' | 'source' | 'kind' | 'relation' | 'role' | 'view' | 'person' | 'post';

export interface Declaration {
    type: DeclarationType;
    key: Key;
    /** The name as declared (`Bureau11`); `path` is unique within the model (`MPS.Bureau11`). */
    name: string;
    path: string;
    model: string;
    title?: string;
    doc?: string;
    /** Where the name is written. */
    loc: Location;
    /** The whole declaration. */
    extent: Location;
    builtin: boolean;
}

/** The built-in model every model sees (`polity.leads`, `polity.oversees`). */
export const PRELUDE_MODEL = 'polity';

export interface Institution extends Declaration {
    type: 'institution';
    /** The kind today: of the undated `kind` line, else of the one that started last. */
    kind?: Key;
    /** Every `kind` line, with its period: an institution may change kind over time. */
    kinds: { kind: Key; period: WrittenPeriod; citations: Citation[]; loc: Location }[];
    parent?: Key;
    established?: DatedText;
    dissolved?: DatedText;
    /** [established, dissolved). */
    lifetime: Period;
    formerNames: { name: string; until?: DatedText; citations: Citation[]; loc: Location }[];
    citations: Citation[];
    /** Names in other languages, each possibly dated. */
    names: Name[];
    /** "One body, two plaques": the other names the body acts under. */
    plaques: Plaque[];
    ids: Identifier[];
    facets: Facet[];
}

/** `name zh "鲁炜"`: a name in a language (a BCP 47 tag). */
export interface Name {
    lang: string;
    value: string;
    period: WrittenPeriod;
    citations: Citation[];
    loc: Location;
}
/** `plaque "Office of …" in party since 2014-02`. */
export interface Plaque {
    name: string;
    sphere?: string;
    period: WrittenPeriod;
    citations: Citation[];
    loc: Location;
}
/** `id wikidata "Q5200003"`: an identifier in another register. */
export interface Identifier {
    scheme: string;
    value: string;
    loc: Location;
}
/** `has rank "ministerial" since 2014`: a dated facet; numbers stay numbers. */
export interface Facet {
    key: string;
    value: string | number;
    period: WrittenPeriod;
    citations: Citation[];
    loc: Location;
}

/** `post director "Director" single`: a post of an institution; a single post has one holder at a time. */
export interface Post extends Declaration {
    type: 'post';
    single: boolean;
}

export interface Person extends Declaration {
    type: 'person';
    names: Name[];
    ids: Identifier[];
    facets: Facet[];
}

/** `holds director of CAC from 2013-07 to 2016-06`: a person's post in an institution. */
export interface Holding {
    person: Key;
    post: Key;
    institution: Key;
    certainty?: Certainty;
    period: WrittenPeriod;
    citations: Citation[];
    /** The institution's name in the line: where findings about the holding point. */
    loc: Location;
    /** The whole `holds` line. */
    extent: Location;
}

export interface Mandate extends Declaration {
    type: 'mandate';
    /** The first parent: the enclosing mandate, else the first one named after `within`. */
    parent?: Key;
    /** Every parent: the enclosing mandate and those named after `within`. */
    parents: Key[];
    /** Where each `within` parent is written, for the `cycle` finding. */
    within: { key: Key; loc: Location }[];
}

export interface Source extends Declaration {
    type: 'source';
    url?: string;
}
export interface Kind extends Declaration {
    type: 'kind';
    sphere: string;
}
/** `upward`: the subject is the subordinate (`part-of`, `reports-to`); otherwise it is the superior (`oversees`). */
export interface RelationKind extends Declaration {
    type: 'relation';
    hierarchical: boolean;
    upward: boolean;
}
/** A competence role; claims of one exclusive role on one mandate at one time conflict. */
export interface Role extends Declaration {
    type: 'role';
    exclusive: boolean;
}

export interface Claim {
    institution: Key;
    /** The role's key; a `shares` line claims the role `leads` (the model's own, else the prelude's). */
    role: Key;
    /** Written `shares … with`: messages say "shares". */
    shared: boolean;
    certainty?: Certainty;
    mandate: Key;
    /** Sub-mandates carved out of the claim with `except`. */
    exceptions: Key[];
    /** The period as written; the claim's effective period is this within the institution's lifetime. */
    period: WrittenPeriod;
    partners: Key[];
    citations: Citation[];
    /** The mandate's name in the claim: where a finding about this claim points. */
    loc: Location;
    /** The whole competence line. */
    extent: Location;
}

/** `contests M`: the institution sought the mandate against those who held it, and did not hold it itself. */
export interface Contest {
    institution: Key;
    mandate: Key;
    certainty?: Certainty;
    period: WrittenPeriod;
    citations: Citation[];
    /** The mandate's name in the line. */
    loc: Location;
    extent: Location;
}

export interface RelationFact {
    subject: Key;
    certainty?: Certainty;
    kind: Key;
    target: Key;
    period: WrittenPeriod;
    citations: Citation[];
    loc: Location;
}

export interface Dispute {
    mandate: Key;
    parties: Key[];
    period: WrittenPeriod;
    citations: Citation[];
    finding?: string;
    loc: Location;
}

export interface ViewFilter {
    op: 'include' | 'exclude';
    all: boolean;
    institutions: Key[];
    mandates: Key[];
    kinds: Key[];
    spheres: string[];
}

export interface View extends Declaration {
    type: 'view';
    filters: ViewFilter[];
    /** `hide`/`show` lines in order: the last that names a relation kind decides whether it is drawn. */
    relationRules: { op: 'hide' | 'show'; kinds: Key[] }[];
    at?: PDate;
    groupBy?: 'sphere' | 'parent' | 'kind' | 'none';
    direction?: 'right' | 'down';
    /** `labels zh`: draw names in this language where the model has them. */
    labels?: string;
    /** `show people`: draw the holders of the shown institutions' posts. */
    showPeople?: boolean;
}

/** A date or period written somewhere, checked for order. */
export interface DateCheck {
    kind: 'period' | 'lifetime';
    period: Period;
    loc: Location;
    owner?: Key;
}

/**
 * A reference that was written and resolved: what `unused` counts. Where it is
 * written is left out: nothing reads it (find references asks Langium's
 * index), and it was a third of a workspace's locations.
 */
export interface Use {
    key: Key;
}

/** What one document contributes; the workspace model is the union of these. */
export interface DocumentFacts {
    uri: string;
    model: string;
    declarations: Declaration[];
    claims: Claim[];
    relations: RelationFact[];
    contests: Contest[];
    /** `except` lines, checked against the claimed mandate (`bad-except`). */
    exceptions: { claimed: Key; excepted: Key; loc: Location }[];
    disputes: Dispute[];
    /** `holds` lines of the document's people. */
    holdings: Holding[];
    dateChecks: DateCheck[];
    uses: Use[];
}

export interface Finding {
    code: string;
    severity: Severity;
    message: string;
    loc: Location;
    related: { loc: Location; message: string }[];
    /** Data for quick fixes, e.g. the institutions and mandate of a conflict. */
    data?: Record<string, unknown>;
}
