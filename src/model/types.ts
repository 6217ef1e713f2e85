import type { PDate } from './dates.js';
import type { Period } from './periods.js';

/** Plain positions, 0-based like LSP, so the model needs no editor types. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface Location { uri: string; range: Range }

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const SPHERES = ['party', 'state', 'military', 'affiliated', 'society', 'market', 'international'] as const;
export type Sphere = typeof SPHERES[number];

export type Role = 'leads' | 'shares' | 'supports' | 'coordinates';

/**
 * Every declaration is known by a key: its model-qualified name
 * (`china.cyber.CAC`, `china.cyber.MPS.Bureau11`; just `CAC` in the default model).
 */
export type Key = string;

export interface Citation { source?: Key; sourceName: string; locator?: string; loc: Location }

/** A date as written, with where it was written, so checks can point at it. */
export interface DatedText { date: PDate; loc: Location }

export interface WrittenPeriod {
    period: Period;
    loc?: Location;
}

export type DeclarationType = 'institution' | 'mandate' | 'source' | 'kind' | 'relation' | 'view' | 'person';

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

export interface Institution extends Declaration {
    type: 'institution';
    kind?: Key;
    parent?: Key;
    established?: DatedText;
    dissolved?: DatedText;
    /** [established, dissolved). */
    lifetime: Period;
    formerNames: { name: string; until?: DatedText; citations: Citation[]; loc: Location }[];
    citations: Citation[];
}

export interface Mandate extends Declaration {
    type: 'mandate';
    parent?: Key;
}

export interface Source extends Declaration { type: 'source'; url?: string }
export interface Kind extends Declaration { type: 'kind'; sphere: string }
export interface RelationKind extends Declaration { type: 'relation'; hierarchical: boolean }

export interface Claim {
    institution: Key;
    role: Role;
    mandate: Key;
    /** The period as written; the claim's effective period is this within the institution's lifetime. */
    period: WrittenPeriod;
    partners: Key[];
    citations: Citation[];
    /** The mandate's name in the claim: where a finding about this claim points. */
    loc: Location;
    /** The whole competence line. */
    extent: Location;
}

export interface RelationFact {
    subject: Key;
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
    at?: PDate;
    groupBy?: 'sphere' | 'parent' | 'kind' | 'none';
    direction?: 'right' | 'down';
}

/** A date or period written somewhere, checked for order. */
export interface DateCheck { kind: 'period' | 'lifetime'; period: Period; loc: Location; owner?: Key }

/** A reference that was written and resolved: what `unused` and `find references` count. */
export interface Use { key: Key; loc: Location }

/** What one document contributes; the workspace model is the union of these. */
export interface DocumentFacts {
    uri: string;
    model: string;
    declarations: Declaration[];
    claims: Claim[];
    relations: RelationFact[];
    disputes: Dispute[];
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
