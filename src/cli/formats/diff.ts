import type pc from 'picocolors';
import { DIFF_CATEGORIES, type ChangeKind, type DiffCategory, type FieldChange } from '../../model/diff.js';
import { escapeMarkdown, markdownCode, markdownTable } from '../../text/markdown.js';
import { printable } from '../../text/terminal.js';
import type { Place } from '../semantic.js';
import { capitalise } from '../../text/capitalise.js';

type Colors = ReturnType<typeof pc.createColors>;

/** What `polity diff --format json` prints; text and Markdown are rendered from it. */
export interface DiffReport {
    schema: 'polity/diff@1';
    /** What was compared, e.g. `HEAD~1` and `working tree`, or two paths. */
    old: string;
    new: string;
    summary: DiffSummary;
    changes: ReportedChange[];
}

export interface ReportedChange {
    category: DiffCategory;
    change: ChangeKind;
    id: string;
    label: string;
    fields: FieldChange[];
    old?: Place;
    new?: Place;
}

export interface DiffSummary {
    added: number;
    removed: number;
    renamed: number;
    moved: number;
    changed: number;
    conflicts: { appeared: number; disappeared: number; changed: number };
}

export function summarizeChanges(changes: ReportedChange[]): DiffSummary {
    const facts = changes.filter(c => c.category !== 'conflicts');
    const conflicts = changes.filter(c => c.category === 'conflicts');
    const count = (list: ReportedChange[], kind: ChangeKind) => list.filter(c => c.change === kind).length;
    return {
        added: count(facts, 'added'),
        removed: count(facts, 'removed'),
        renamed: count(facts, 'renamed'),
        moved: count(facts, 'moved'),
        changed: count(facts, 'changed'),
        conflicts: { appeared: count(conflicts, 'added'), disappeared: count(conflicts, 'removed'), changed: count(conflicts, 'changed') }
    };
}

const NOUNS: Record<DiffCategory, string> = {
    institutions: 'Institution',
    mandates: 'Mandate',
    sources: 'Source',
    kinds: 'Kind',
    'relation kinds': 'Relation kind',
    roles: 'Role',
    competences: 'Competence',
    contests: 'Contest',
    relations: 'Relation',
    disputes: 'Dispute',
    views: 'View',
    conflicts: 'Conflict',
    posts: 'Post',
    people: 'Person',
    'held posts': 'Held post',
    'concurrent posts': 'Concurrent posts'
};

/** Conflicts and concurrent posts are not written but found, so they appear and disappear. */
/** How a change is said: derived findings appear and disappear. */
type Verb = ChangeKind | 'appeared' | 'disappeared';

function verb(change: ReportedChange): Verb {
    if (change.category !== 'conflicts' && change.category !== 'concurrent posts') return change.change;
    return change.change === 'added' ? 'appeared' : change.change === 'removed' ? 'disappeared' : 'changed';
}

/** `3 added, 1 renamed; 1 conflict appeared` — or nothing to say. */
export function summaryText(summary: DiffSummary): string {
    const facts = (['added', 'removed', 'renamed', 'moved', 'changed'] as const).filter(k => summary[k] > 0).map(k => `${summary[k]} ${k}`);
    const conflicts = (['appeared', 'disappeared', 'changed'] as const)
        .filter(k => summary.conflicts[k] > 0)
        .map(k => `${summary.conflicts[k]} conflict${summary.conflicts[k] === 1 ? '' : 's'} ${k}`);
    const parts = [facts.join(', '), conflicts.join(', ')].filter(Boolean);
    return parts.length > 0 ? parts.join('; ') : 'no semantic changes';
}

const QUOTED = new Set(['title', 'finding', 'doc', 'url']);
const LONGEST = 100;

/** A value as the reader sees it: text attributes quoted, long ones shortened (JSON keeps them whole). */
function shown(field: string, value: string | undefined): string {
    if (value === undefined || value === '') return '(none)';
    const flat = value.replace(/\s+/g, ' ');
    const short = flat.length > LONGEST ? `${flat.slice(0, LONGEST - 1)}…` : flat;
    return QUOTED.has(field) ? `"${short}"` : short;
}

function detail(change: ReportedChange, f: FieldChange): string {
    if (change.change === 'added') return `${f.field} ${shown(f.field, f.new)}`;
    if (change.change === 'removed') return `${f.field} ${shown(f.field, f.old)}`;
    return `${f.field} ${shown(f.field, f.old)} → ${shown(f.field, f.new)}`;
}

/** The place to look: the new text, or the old one for what was removed. */
function where(change: ReportedChange): string {
    const place = change.new ?? change.old;
    return place ? `${place.file}:${place.line}` : '';
}

function byCategory(report: DiffReport): [DiffCategory, ReportedChange[]][] {
    return DIFF_CATEGORIES.map(
        category => [category, report.changes.filter(c => c.category === category)] as [DiffCategory, ReportedChange[]]
    ).filter(([, changes]) => changes.length > 0);
}

export function diffText(report: DiffReport, colours: Colors): string {
    const paint: Record<Verb, (s: string) => string> = {
        added: colours.green,
        removed: colours.red,
        changed: colours.yellow,
        renamed: colours.cyan,
        moved: colours.cyan,
        appeared: colours.red,
        disappeared: colours.green
    };
    const lines = [colours.bold(`Semantic diff: ${printable(report.old)} → ${printable(report.new)}`)];
    for (const [category, changes] of byCategory(report)) {
        lines.push('', colours.bold(capitalise(category)));
        for (const change of changes) {
            const v = verb(change);
            const details = printable(change.fields.map(f => detail(change, f)).join('; '));
            const place = printable(where(change));
            lines.push(
                `  ${paint[v](v.padEnd(11))} ${printable(change.label)}${details ? `  ${details}` : ''}${place ? colours.dim(`  (${place})`) : ''}`
            );
        }
    }
    lines.push('', summaryText(report.summary));
    return lines.join('\n');
}

export function diffMarkdown(report: DiffReport): string {
    const lines = [`## Semantic diff: ${markdownCode(report.old)} → ${markdownCode(report.new)}`, '', `**${summaryText(report.summary)}**`];
    for (const [category, changes] of byCategory(report)) {
        const rows = changes.map(change => {
            const v = verb(change);
            return [
                category === 'conflicts' && v === 'appeared' ? `⚠ ${v}` : v,
                escapeMarkdown(change.label),
                change.fields.map(f => escapeMarkdown(detail(change, f))).join('\n'),
                where(change) ? markdownCode(where(change)) : ''
            ];
        });
        lines.push('', `### ${capitalise(category)}`, '', ...markdownTable(['Change', NOUNS[category], 'Details', 'Where'], rows));
    }
    return lines.join('\n');
}

export function diffJson(report: DiffReport): string {
    return JSON.stringify(report, null, 2);
}
