/**
 * The static pages of `polity build`, from the exported model: the index, a
 * page per institution and per mandate, the competence matrix, the sources
 * and the findings. Plain HTML and one stylesheet, no script; every model
 * string goes through `html`, so it is text on the page whatever it holds.
 */
import {
    competenceMatrix,
    exportedPeriodText,
    shortNames,
    writtenVerb,
    type ExportedCitation,
    type ExportedPlace,
    type ModelExport
} from '../model/export.js';
import type { Key } from '../model/types.js';
import { html, type Html, type HtmlValue } from '../text/html.js';
import { FONTS_CSS } from './fonts.js';

/** Where each page is, relative to the site's root; one name per key, the same on every build. */
export interface SiteLinks {
    institutions: ReadonlyMap<Key, string>;
    mandates: ReadonlyMap<Key, string>;
    /** View pages: the name shown and the page, in model order; the whole model first. */
    views: readonly { name: string; title: string; page: string }[];
}

export interface SitePage {
    path: string;
    text: string | Uint8Array;
}

const STYLESHEET = 'assets/site.css';

/** The page's HTML around its body: a strict CSP (nothing but the site's own files), the stylesheet and the site's navigation. */
export function pageHtml(root: string, title: string, body: Html, head: HtmlValue = undefined): string {
    const csp = "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'";
    const nav: [string, string][] = [
        ['index.html', 'Views'],
        ['institutions.html', 'Institutions'],
        ['mandates.html', 'Mandates'],
        ['matrix.html', 'Competence matrix'],
        ['findings.html', 'Findings'],
        ['sources.html', 'Sources']
    ];
    return html`<!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="UTF-8" />
                <meta http-equiv="Content-Security-Policy" content="${csp}" />
                <meta name="viewport" content="width=device-width, initial-scale=1.0" />
                <meta name="referrer" content="no-referrer" />
                <link rel="stylesheet" href="${root}${FONTS_CSS}" />
                <link rel="stylesheet" href="${root}${STYLESHEET}" />
                ${head}
                <title>${title}</title>
            </head>
            <body>
                <nav class="site">${nav.map(([href, label]) => html`<a href="${root}${href}">${label}</a> `)}</nav>
                <main>${body}</main>
            </body>
        </html> `.markup;
}

export function sitePages(data: ModelExport, links: SiteLinks, modelName: string): SitePage[] {
    const name = shortNames(data);
    const byKey = new Map(data.institutions.map(i => [i.key, i]));
    const mandateByKey = new Map(data.mandates.map(m => [m.key, m]));
    const sourceByKey = new Map(data.sources.map(s => [s.key, s]));
    const institutionLink = (root: string, key: Key) => {
        const page = links.institutions.get(key);
        const inst = byKey.get(key);
        return page ? html`<a href="${root}${page}" title="${inst?.title ?? ''}">${name(key)}</a>` : html`${name(key)}`;
    };
    const mandateLink = (root: string, key: Key) => {
        const page = links.mandates.get(key);
        return page ? html`<a href="${root}${page}" title="${mandateByKey.get(key)?.title ?? ''}">${name(key)}</a>` : html`${name(key)}`;
    };
    const citations = (root: string, cited: readonly ExportedCitation[], place: ExportedPlace) =>
        html`<span class="cite"
            >${
                cited.length === 0
                    ? html`<span class="none">no source cited</span>`
                    : cited.map(
                          c =>
                              html`<a class="citation" href="${root}sources.html#${sourceAnchor(c)}"
                                  >${c.source ? name(c.source) : c.name}${c.locator ? html`, “${c.locator}”` : ''}</a
                              > `
                      )
            }<span class="place">${place.file}:${place.line}</span></span
        >`;
    const certainty = (c?: string) =>
        c ? html` <span class="certainty">(${c === 'reported' ? 'reportedly' : 'allegedly'})</span>` : undefined;
    const list = (items: Html[], empty: string) =>
        items.length
            ? html`<ul>
                  ${items.map(i => html`<li>${i}</li>`)}
              </ul>`
            : html`<p class="none">${empty}</p>`;

    const pages: SitePage[] = [];
    const add = (path: string, title: string, body: Html) => pages.push({ path, text: pageHtml(rootOf(path), title, body) });

    // ---- Index: the views, then what else there is ----
    add(
        'index.html',
        `${modelName}: views`,
        html`<h1>${modelName}</h1>
            <p>
                ${data.institutions.length} institutions, ${data.mandates.length} mandates, ${data.competences.length} competences,
                ${data.relations.length} relations, ${data.conflicts.length} conflicts, ${data.disputes.length} recorded disputes, from
                ${data.sources.length} sources.
            </p>
            <h2>Views</h2>
            ${list(
                links.views.map(v => html`<a href="${v.page}">${v.title}</a>${v.name ? html` <code>${v.name}</code>` : ''}`),
                'The model has no views.'
            )}`
    );

    // ---- Institutions ----
    add(
        'institutions.html',
        `${modelName}: institutions`,
        html`<h1>Institutions</h1>
            ${list(
                data.institutions.map(
                    i => html`${institutionLink('', i.key)} ${i.title ?? ''} <span class="kind">${i.kind ? name(i.kind) : ''}</span>`
                ),
                'No institutions.'
            )}`
    );
    for (const i of data.institutions) {
        const path = links.institutions.get(i.key)!;
        const root = rootOf(path);
        const competences = data.competences.filter(c => c.institution === i.key);
        const contests = data.contests.filter(c => c.institution === i.key);
        const outgoing = data.relations.filter(r => r.subject === i.key);
        const incoming = data.relations.filter(r => r.target === i.key);
        const units = data.institutions.filter(u => u.parent === i.key);
        const disputes = data.disputes.filter(d => d.parties.includes(i.key));
        const conflicts = data.conflicts.filter(c => c.institutions.includes(i.key));
        const relationKind = (key: Key) => data.relationKinds.find(k => k.key === key);
        add(
            path,
            `${i.path}: ${i.title ?? i.name}`,
            html`<h1>${i.path}${i.title ? html` <span class="title">${i.title}</span>` : ''}</h1>
                ${i.doc ? html`<p class="doc">${i.doc}</p>` : ''}
                <dl>
                    <dt>Exists</dt>
                    <dd>${exportedPeriodText(i.lifetime)} ${citations(root, i.citations, i.location)}</dd>
                    ${
                        i.formerNames.length
                            ? html`<dt>Former names</dt>
                                  <dd>
                                      ${list(
                                          i.formerNames.map(f => html`“${f.name}”${f.until ? html` until ${f.until.text}` : ''}`),
                                          ''
                                      )}
                                  </dd>`
                            : ''
                    }
                    <dt>Kind and sphere</dt>
                    <dd>
                        ${
                            i.kinds.length
                                ? list(
                                      i.kinds.map(
                                          k =>
                                              html`${name(k.kind)} (${data.kinds.find(d => d.key === k.kind)?.sphere ?? 'no sphere'}),
                                              ${exportedPeriodText(k.period)}`
                                      ),
                                      ''
                                  )
                                : html`${i.kind ? name(i.kind) : 'none'}${i.sphere ? html` (${i.sphere})` : ''}`
                        }
                    </dd>
                    ${
                        i.parent
                            ? html`<dt>Unit of</dt>
                                  <dd>${institutionLink(root, i.parent)}</dd>`
                            : ''
                    }
                    ${
                        units.length
                            ? html`<dt>Units</dt>
                                  <dd>${units.map(u => html`${institutionLink(root, u.key)} `)}</dd>`
                            : ''
                    }
                </dl>
                <h2>Competences</h2>
                ${list(
                    [
                        ...competences.map(
                            c =>
                                html`${writtenVerb(c)}${certainty(c.certainty)}
                                ${mandateLink(root, c.mandate)}${c.with.length ? html` with ${c.with.map(w => institutionLink(root, w))}` : ''}${c.except.length ? html` except ${c.except.map(e => mandateLink(root, e))}` : ''},
                                ${exportedPeriodText(c.period)} ${citations(root, c.citations, c.location)}`
                        ),
                        ...contests.map(
                            c =>
                                html`contests${certainty(c.certainty)} ${mandateLink(root, c.mandate)}, ${exportedPeriodText(c.period)}
                                ${citations(root, c.citations, c.location)}`
                        )
                    ],
                    'No competences recorded.'
                )}
                <h2>Relations</h2>
                ${list(
                    [
                        ...outgoing.map(
                            r =>
                                html`${i.path} ${relationKind(r.kind)?.title ?? name(r.kind)}${certainty(r.certainty)}
                                ${institutionLink(root, r.target)}, ${exportedPeriodText(r.period)}
                                ${citations(root, r.citations, r.location)}`
                        ),
                        ...incoming.map(
                            r =>
                                html`${institutionLink(root, r.subject)}
                                ${relationKind(r.kind)?.title ?? name(r.kind)}${certainty(r.certainty)} ${i.path},
                                ${exportedPeriodText(r.period)} ${citations(root, r.citations, r.location)}`
                        )
                    ],
                    'No relations recorded.'
                )}
                <h2>Disputes and conflicts</h2>
                ${list(
                    [
                        ...disputes.map(
                            d =>
                                html`Recorded dispute over ${mandateLink(root, d.mandate)} between
                                ${d.parties.map((p, n) => html`${n ? ', ' : ''}${institutionLink(root, p)}`)},
                                ${exportedPeriodText(d.period)}${d.finding ? html`: <q>${d.finding}</q>` : ''}
                                ${citations(root, d.citations, d.location)}`
                        ),
                        ...conflicts.map(
                            c =>
                                html`<span class="${c.disputes.length ? 'dispute' : 'conflict'}"
                                        >${c.disputes.length ? 'Conflict, recorded as a dispute' : 'Undeclared conflict'}</span
                                    >: ${c.description}`
                        )
                    ],
                    'None.'
                )}`
        );
    }

    // ---- Mandates: who held which role when, in order of start ----
    add(
        'mandates.html',
        `${modelName}: mandates`,
        html`<h1>Mandates</h1>
            ${list(
                data.mandates.map(
                    m =>
                        html`${mandateLink('', m.key)}
                        ${m.title ?? ''}${m.parents.length ? html` <span class="kind">in ${m.parents.map(p => name(p)).join(', ')}</span>` : ''}`
                ),
                'No mandates.'
            )}`
    );
    for (const m of data.mandates) {
        const path = links.mandates.get(m.key)!;
        const root = rootOf(path);
        const held = [...data.competences.filter(c => c.mandate === m.key), ...data.contests.filter(c => c.mandate === m.key)].sort(
            (a, b) => (a.period.start?.earliest ?? '').localeCompare(b.period.start?.earliest ?? '') || a.id.localeCompare(b.id)
        );
        const children = data.mandates.filter(c => c.parents.includes(m.key));
        const disputes = data.disputes.filter(d => d.mandate === m.key);
        const conflicts = data.conflicts.filter(c => c.mandate === m.key);
        add(
            path,
            `${m.name}: ${m.title ?? m.name}`,
            html`<h1>${m.name}${m.title ? html` <span class="title">${m.title}</span>` : ''}</h1>
                ${m.parents.length ? html`<p>Part of ${m.parents.map(p => html`${mandateLink(root, p)} `)}</p>` : ''}
                ${children.length ? html`<p>Parts: ${children.map(c => html`${mandateLink(root, c.key)} `)}</p>` : ''}
                <h2>Who held it when</h2>
                ${
                    held.length
                        ? html`<table class="timeline">
                              <thead>
                                  <tr>
                                      <th>Period</th>
                                      <th>Institution</th>
                                      <th>Role</th>
                                      <th>Evidence</th>
                                  </tr>
                              </thead>
                              <tbody>
                                  ${held.map(
                                      c =>
                                          html`<tr>
                                              <td>${exportedPeriodText(c.period)}</td>
                                              <td>${institutionLink(root, c.institution)}</td>
                                              <td>${writtenVerb(c)}${certainty(c.certainty)}</td>
                                              <td>${citations(root, c.citations, c.location)}</td>
                                          </tr> `
                                  )}
                              </tbody>
                          </table>`
                        : html`<p class="none">No institution is recorded with a competence on it.</p>`
                }
                <h2>Disputes and conflicts</h2>
                ${list(
                    [
                        ...disputes.map(
                            d =>
                                html`Recorded dispute between ${d.parties.map((p, n) => html`${n ? ', ' : ''}${institutionLink(root, p)}`)},
                                ${exportedPeriodText(d.period)}${d.finding ? html`: <q>${d.finding}</q>` : ''}
                                ${citations(root, d.citations, d.location)}`
                        ),
                        ...conflicts.map(
                            c => html`${c.disputes.length ? 'Conflict, recorded as a dispute' : 'Undeclared conflict'}: ${c.description}`
                        )
                    ],
                    'None.'
                )}`
        );
    }

    // ---- The competence matrix ----
    const matrix = competenceMatrix(data);
    add(
        'matrix.html',
        `${modelName}: competence matrix`,
        html`<h1>Competence matrix</h1>
            <p>Mandates by institution, every competence with its period; ⚠ an undeclared conflict, ⚑ one recorded as a dispute.</p>
            <div class="scroll">
                <table class="matrix">
                    <thead>
                        <tr>
                            <th>Mandate</th>
                            ${matrix.columns.map(c => html`<th>${institutionLink('', c.key)}</th>`)}
                        </tr>
                    </thead>
                    <tbody>
                        ${matrix.rows.map(
                            r =>
                                html`<tr>
                                    <th>${mandateLink('', r.key)}</th>
                                    ${r.cells.map(cell => html`<td>${cell}</td>`)}
                                </tr> `
                        )}
                    </tbody>
                </table>
            </div>`
    );

    // ---- Sources: every citation by source and locator ----
    type Use = { locator: string | null; what: Html };
    const uses = new Map<string, Use[]>();
    const cite = (cited: readonly ExportedCitation[], what: Html) => {
        for (const c of cited) {
            const anchor = sourceAnchor(c);
            uses.set(anchor, [...(uses.get(anchor) ?? []), { locator: c.locator, what }]);
        }
    };
    for (const i of data.institutions) cite(i.citations, html`${institutionLink('', i.key)} exists, ${exportedPeriodText(i.lifetime)}`);
    for (const c of data.competences)
        cite(
            c.citations,
            html`${institutionLink('', c.institution)} ${writtenVerb(c)} ${mandateLink('', c.mandate)}, ${exportedPeriodText(c.period)}`
        );
    for (const c of data.contests)
        cite(
            c.citations,
            html`${institutionLink('', c.institution)} contests ${mandateLink('', c.mandate)}, ${exportedPeriodText(c.period)}`
        );
    for (const r of data.relations)
        cite(
            r.citations,
            html`${institutionLink('', r.subject)} ${name(r.kind)} ${institutionLink('', r.target)}, ${exportedPeriodText(r.period)}`
        );
    for (const d of data.disputes) cite(d.citations, html`dispute over ${mandateLink('', d.mandate)}, ${exportedPeriodText(d.period)}`);
    const sourceIds = [...data.sources.map(s => s.key), ...[...uses.keys()].filter(k => k.startsWith('cited-') && !sourceByKey.has(k))];
    add(
        'sources.html',
        `${modelName}: sources`,
        html`<h1>Sources</h1>
            ${sourceIds.map(id => {
                const source = sourceByKey.get(id);
                const cited = uses.get(source ? sourceAnchor({ source: id, name: source.name, locator: null }) : id) ?? [];
                const byLocator = new Map<string, Html[]>();
                for (const u of cited) byLocator.set(u.locator ?? '', [...(byLocator.get(u.locator ?? '') ?? []), u.what]);
                return html`<section id="${source ? sourceAnchor({ source: id, name: source.name, locator: null }) : id}">
                    <h2>
                        ${source ? name(id) : id.slice('cited-'.length)}${source?.title ? html` <span class="title">${source.title}</span>` : ''}
                    </h2>
                    ${source?.url ? html`<p><a href="${safeUrl(source.url)}" rel="noreferrer">${source.url}</a></p>` : ''}
                    ${[...byLocator]
                        .sort(([a], [b]) => a.localeCompare(b))
                        .map(
                            ([locator, facts]) =>
                                html`<h3>${locator ? `“${locator}”` : 'No locator'}</h3>
                                    ${list(facts, '')}`
                        )}
                </section> `;
            })}`
    );

    // ---- Findings ----
    add(
        'findings.html',
        `${modelName}: findings`,
        html`<h1>Conflicts, contests and disputes</h1>
            <h2>Conflicts</h2>
            ${list(
                data.conflicts.map(
                    c =>
                        html`<span class="${c.disputes.length ? 'dispute' : 'conflict'}"
                                >${c.disputes.length ? 'recorded as a dispute' : 'undeclared'}</span
                            >: ${c.description} (${mandateLink('', c.mandate)})`
                ),
                'No conflicts.'
            )}
            <h2>Contests</h2>
            ${list(
                data.contests.flatMap(c => c.holders.map(h => html`${h.description} ${citations('', c.citations, c.location)}`)),
                'No contests met a holder.'
            )}
            <h2>Recorded disputes</h2>
            ${list(
                data.disputes.map(
                    d =>
                        html`${mandateLink('', d.mandate)} between
                        ${d.parties.map((p, n) => html`${n ? ', ' : ''}${institutionLink('', p)}`)},
                        ${exportedPeriodText(d.period)}${d.finding ? html`: <q>${d.finding}</q>` : ''}
                        ${citations('', d.citations, d.location)}`
                ),
                'No disputes recorded.'
            )}`
    );
    return pages;
}

/** `../` for each folder the page is in. */
export function rootOf(path: string): string {
    return '../'.repeat(path.split('/').length - 1);
}

/** The sources page's anchor for a citation's source: a declared source by key, a name written in place by that name. */
function sourceAnchor(c: Pick<ExportedCitation, 'source' | 'name'> & { locator: string | null }): string {
    return c.source ? `source-${c.source}` : `cited-${c.name}`;
}

/** Only web addresses become links: a `javascript:` or `data:` URL in a model stays text. */
function safeUrl(url: string): string {
    return /^https?:\/\//i.test(url) ? url : '#';
}
