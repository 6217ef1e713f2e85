import {
    competenceMatrix,
    exportedPeriodText,
    MARKS,
    shortNames,
    writtenVerb,
    type ExportedCitation,
    type ExportedPlace,
    type ModelExport
} from '../../model/export.js';
import { escapeMarkdown, markdownCode, markdownTable } from '../../text/markdown.js';

/**
 * `polity export --format markdown`: a report an analyst can paste into a
 * document — the institutions, their people and posts, the competence
 * matrix with its conflicts marked, the conflicts and disputes with their
 * citations, and the sources.
 */
export function markdownReport(data: ModelExport): string {
    const name = shortNames(data);
    const md = escapeMarkdown;
    const place = (p: ExportedPlace) => markdownCode(`${p.file}:${p.line}`);
    const cited = (list: ExportedCitation[]) => list.map(c => md(c.locator === null ? c.name : `${c.name}, ${c.locator}`)).join('; ');
    const models = [...new Set([...data.institutions, ...data.mandates].map(d => d.model))].filter(Boolean).sort();
    const undeclared = data.conflicts.filter(c => c.disputes.length === 0).length;
    const lines: string[] = [
        `# ${models.length > 0 ? md(models.join(', ')) : 'Model'}: institutions and competences${data.at ? ` in ${data.at}` : ''}`,
        '',
        `${count(data.institutions.length, 'institution')}, ${count(data.mandates.length, 'mandate')}, ` +
            `${count(data.competences.length, 'competence')}, ${count(data.conflicts.length, 'conflict')} ` +
            `(${undeclared} undeclared, ${recorded(data.conflicts.length - undeclared)})` +
            `${data.contests.length > 0 ? `, ${count(data.contests.length, 'contest')}` : ''}.`
    ];
    // Several `kind` lines: each with its period, so that a change of kind shows.
    const kinds = (i: ModelExport['institutions'][number]) =>
        i.kinds.length > 1 ? i.kinds.map(k => `${name(k.kind)} (${exportedPeriodText(k.period)})`).join('; ') : i.kind ? name(i.kind) : '';

    lines.push(
        '',
        '## Institutions',
        '',
        ...markdownTable(
            ['Institution', 'Title', 'Kind', 'Sphere', 'Part of', 'Lifetime', 'Where'],
            data.institutions.map(i => [
                `**${md(name(i.key))}**`,
                md(i.title ?? ''),
                md(kinds(i)),
                i.sphere ?? '',
                i.parent ? md(name(i.parent)) : '',
                exportedPeriodText(i.lifetime),
                place(i.location)
            ])
        )
    );

    if (data.holdings.length > 0) {
        const person = new Map(data.people.map(p => [p.key, p.label]));
        const post = new Map(data.posts.map(p => [p.key, p.name]));
        const who = (key: string) => md(person.get(key) ?? key);
        lines.push(
            '',
            '## People and posts',
            '',
            ...markdownTable(
                ['Person', 'Post', 'Institution', 'Period', 'Sources', 'Where'],
                data.holdings.map(h => [
                    `**${who(h.person)}**`,
                    `${h.certainty ? `${h.certainty} ` : ''}${md(post.get(h.post) ?? h.post)}`,
                    md(name(h.institution)),
                    exportedPeriodText(h.period),
                    cited(h.citations),
                    place(h.location)
                ])
            )
        );
        if (data.concurrentPosts.length > 0) {
            const held = new Map(data.holdings.map(h => [h.id, h]));
            lines.push('', 'Concurrent posts (one person in two institutions at once):', '');
            for (const c of data.concurrentPosts) {
                const [a, b] = c.holdings.map(id => held.get(id)!);
                if (!a || !b) continue;
                lines.push(
                    `- ${who(c.person)}: ${md(post.get(a.post) ?? a.post)} of ${md(name(a.institution))} and ${md(post.get(b.post) ?? b.post)} of ${md(name(b.institution))} (${exportedPeriodText(c.period)})`
                );
            }
        }
    }

    const matrix = competenceMatrix(data);
    lines.push(
        '',
        '## Competence matrix',
        '',
        `Each cell gives the role as written (with how sure the source is) and the period it holds, and the institution's contests. ` +
            `${MARKS.conflict} marks an undeclared conflict or contest, ${MARKS.dispute} one recorded as a dispute.`,
        '',
        ...markdownTable(
            ['Mandate', ...matrix.columns.map(c => md(c.label))],
            matrix.rows.map(row => [row.parent ? `${md(row.parent)} › ${md(row.label)}` : md(row.label), ...row.cells.map(md)])
        )
    );

    lines.push('', '## Conflicts', '');
    if (data.conflicts.length === 0) lines.push('No conflicting competences.');
    const competence = new Map(data.competences.map(c => [c.id, c]));
    const dispute = new Map(data.disputes.map(d => [d.id, d]));
    for (const conflict of data.conflicts) {
        const mark = conflict.disputes.length > 0 ? `${MARKS.dispute} recorded as a dispute` : `${MARKS.conflict} undeclared`;
        lines.push(`- **${md(conflict.description)}** — ${mark}`);
        for (const id of conflict.competences) {
            const c = competence.get(id)!;
            const sources = cited(c.citations);
            lines.push(
                `  - ${md(`${name(c.institution)} ${writtenVerb(c)} ${name(c.mandate)}`)} (${place(c.location)})${sources ? `: ${sources}` : ''}`
            );
        }
        for (const id of conflict.disputes) lines.push(`  - dispute at ${place(dispute.get(id)!.location)}`);
    }

    if (data.contests.length > 0) {
        lines.push('', '## Contests', '');
        for (const c of data.contests) {
            const sources = cited(c.citations);
            lines.push(
                `- **${md(`${name(c.institution)} ${writtenVerb(c)} ${name(c.mandate)}`)}** (${exportedPeriodText(c.period)}) ` +
                    `(${place(c.location)})${sources ? `: ${sources}` : ''}`
            );
            if (c.holders.length === 0) lines.push(`  - no holder ${data.at ? `in ${md(data.at)}` : 'in its period'}`);
            for (const holder of c.holders) {
                const mark = holder.disputes.length > 0 ? `${MARKS.dispute} recorded as a dispute` : `${MARKS.conflict} undeclared`;
                lines.push(
                    `  - ${md(holder.description)} — ${mark}${holder.disputes.map(id => `, dispute at ${place(dispute.get(id)!.location)}`).join('')}`
                );
            }
        }
    }

    lines.push('', '## Disputes', '');
    if (data.disputes.length === 0) lines.push('No recorded disputes.');
    for (const d of data.disputes) {
        const period = d.period.start || d.period.end ? ` (${exportedPeriodText(d.period)})` : '';
        const sources = cited(d.citations);
        lines.push(
            `- **${md(name(d.mandate))}** between ${md(d.parties.map(name).join(', '))}${period} (${place(d.location)})` +
                `${d.finding ? `: “${md(d.finding)}”` : ''}${sources ? ` — ${sources}` : ''}`
        );
    }

    lines.push(
        '',
        '## Sources',
        '',
        ...markdownTable(
            ['Source', 'Title', 'URL', 'Where'],
            data.sources.map(s => [`**${md(name(s.key))}**`, md(s.title ?? ''), md(s.url ?? ''), place(s.location)])
        )
    );
    return lines.join('\n') + '\n';
}

function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function recorded(n: number): string {
    return n === 1 ? '1 recorded as a dispute' : `${n} recorded as disputes`;
}
