/**
 * `polity mcp`: the model's questions as Model Context Protocol tools over
 * stdio, for an AI assistant. The workspace is loaded as `polity check` loads
 * it and loaded again when a `.polity` file under the given paths changes;
 * every answer comes from the latest complete load.
 */
import { watch, type FSWatcher } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { collectDiagnostics, displayPath } from '../cli/diagnostics.js';
import { findModelFiles, loadWorkspace } from '../cli/workspace.js';
import { today } from '../model/dates.js';
import {
    describeInstitutionAnswer,
    findInstitutionsAnswer,
    listFindingsAnswer,
    oversightPathAnswer,
    sourceList,
    whatChangedAnswer,
    whoHeldAnswer,
    type QueryContext
} from './queries.js';
import { whoHeldPostAnswer, type PostQuery } from './posts.js';
import { QueryError } from './query-error.js';

interface Loaded {
    context: QueryContext;
    errors: number;
}

const DATE = z.string().describe('a date: YYYY, YYYY-MM or YYYY-MM-DD');
const RELOAD_DELAY_MS = 200;

export async function serveMcp(inputs: string[], version: string, log: (text: string) => void): Promise<void> {
    let loaded = await load(inputs);
    let reloading: Promise<void> | undefined;
    const reload = () => {
        // One load at a time; a change during a load is picked up by the next event.
        reloading ??= load(inputs)
            .then(
                next => {
                    loaded = next;
                },
                error => {
                    log(
                        `polity mcp: the model could not be read again (${error instanceof Error ? error.message : String(error)}); answering from the last load`
                    );
                }
            )
            .finally(() => {
                reloading = undefined;
            });
    };
    const watchers = await watchModels(inputs, reload);

    const server = new McpServer(
        { name: 'polity', version },
        {
            instructions:
                'Answers questions about the governance model in the Polity files (institutions, their competences on mandates, relations, conflicts and recorded disputes, over time). ' +
                "Every answer cites the model's sources with their locators and the file and line of each fact: quote them as evidence. Names may be short names (CAC), titles or former names; dates are YYYY, YYYY-MM or YYYY-MM-DD. " +
                'People and the posts they held (director of CAC, …) are answered by who_held_post.'
        }
    );
    const tool =
        <A>(answer: (context: QueryContext, args: A) => string) =>
        async (args: A) => {
            try {
                const context = { ...loaded.context, cited: new Set<string>() };
                const note = loaded.errors
                    ? `(Note: the model has ${loaded.errors} error(s); \`polity check\` lists them. Facts written where they are may be missing.)`
                    : '';
                const parts = [answer(context, args), sourceList(context), note].filter(Boolean);
                return { content: [{ type: 'text' as const, text: parts.join('\n\n') }] };
            } catch (error) {
                if (!(error instanceof QueryError)) throw error;
                return { content: [{ type: 'text' as const, text: error.message }], isError: true };
            }
        };
    const readOnly = { readOnlyHint: true, openWorldHint: false };

    server.registerTool(
        'find_institutions',
        {
            title: 'Find institutions',
            description:
                'Institutions whose short name, title or former name contains the text (any case), with kind, lifetime and sources.',
            inputSchema: { query: z.string().describe('part of a name, e.g. "CAC", "Cyberspace" or "Public Security"') },
            annotations: readOnly
        },
        tool((ctx, { query }: { query: string }) => findInstitutionsAnswer(ctx, query))
    );

    server.registerTool(
        'describe_institution',
        {
            title: 'Describe an institution at a date',
            description:
                'An institution as it stood on a date: kind and sphere, unit of, former names, competences (role, mandate, period, certainty), contests, relations both ways, disputes and conflicts; each fact with its citations.',
            inputSchema: {
                institution: z.string().describe('name, title or former name'),
                at: DATE.optional().describe('the date (default: today)')
            },
            annotations: readOnly
        },
        tool((ctx, { institution, at }: { institution: string; at?: string }) => describeInstitutionAnswer(ctx, institution, at))
    );

    server.registerTool(
        'who_held',
        {
            title: 'Who held a mandate at a date',
            description:
                "The institutions with a competence (leads, shares, supports or a model's own role) on a mandate or any part of it on a date, with periods, certainty and citations.",
            inputSchema: {
                mandate: z
                    .string()
                    .describe('the mandate\'s name or title, e.g. "cii" or "Critical information infrastructure protection"'),
                at: DATE.optional().describe('the date (default: today)'),
                role: z.string().optional().describe('only this role, e.g. "leads"')
            },
            annotations: readOnly
        },
        tool((ctx, { mandate, at, role }: { mandate: string; at?: string; role?: string }) => whoHeldAnswer(ctx, mandate, at, role))
    );

    server.registerTool(
        'who_held_post',
        {
            title: 'Who held a post at a date',
            description:
                'The people who held a post of an institution (or all its posts) on a date, or the posts a person held then, with periods, certainty and citations; and who held them at other dates.',
            inputSchema: {
                institution: z.string().optional().describe('the institution\'s name, title or former name, e.g. "CAC"'),
                post: z
                    .string()
                    .optional()
                    .describe('the post\'s name or title, e.g. "director"; without it, every post of the institution'),
                person: z.string().optional().describe('a person\'s name or a name of theirs in another language, e.g. "Lu Wei"'),
                at: DATE.optional().describe('the date (default: today)')
            },
            annotations: readOnly
        },
        tool((ctx, query: PostQuery) => whoHeldPostAnswer(ctx, query))
    );

    server.registerTool(
        'list_findings',
        {
            title: 'Conflicts, contests and disputes',
            description:
                'Competence conflicts (two institutions claiming one mandate at once), contests and recorded disputes with their findings, optionally only on a mandate, involving an institution, or overlapping a period.',
            inputSchema: {
                mandate: z.string().optional(),
                institution: z.string().optional(),
                from: DATE.optional().describe('start of the period'),
                to: DATE.optional().describe('end of the period (excluded)')
            },
            annotations: readOnly
        },
        tool((ctx, filter: { mandate?: string; institution?: string; from?: string; to?: string }) => listFindingsAnswer(ctx, filter))
    );

    server.registerTool(
        'oversight_path',
        {
            title: 'Oversight path between two institutions',
            description:
                'The shortest chain by which one institution oversees another on a date: oversees and part-of relations, units, and offices (X is the office of Y), each step cited.',
            inputSchema: {
                from: z.string().describe('the superior'),
                to: z.string().describe('the subordinate'),
                at: DATE.optional().describe('the date (default: today)')
            },
            annotations: readOnly
        },
        tool((ctx, { from, to, at }: { from: string; to: string; at?: string }) => oversightPathAnswer(ctx, from, to, at))
    );

    server.registerTool(
        'what_changed',
        {
            title: 'What changed between two dates',
            description:
                'The institutions, competences, contests, relations, disputes and conflicts that began, ended or changed between two dates, each cited.',
            inputSchema: { from: DATE, to: DATE },
            annotations: readOnly
        },
        tool((ctx, { from, to }: { from: string; to: string }) => whatChangedAnswer(ctx, from, to))
    );

    const transport = new StdioServerTransport();
    transport.onclose = () => watchers.forEach(w => w.close());
    await server.connect(transport);
}

async function load(inputs: string[]): Promise<Loaded> {
    const files = await findModelFiles(inputs);
    const loaded = await loadWorkspace(files);
    const { model, conflicts } = loaded.services.polity.WorkspaceModel.snapshot;
    const errors = collectDiagnostics(loaded.documents).filter(d => d.severity === 'error').length;
    return { context: { model, conflicts, place: loc => `${displayPath(loc.uri)}:${loc.range.start.line + 1}`, today: today() }, errors };
}

/** Watches each folder (recursively) and the folder of each file named; a change to a `.polity` file reloads after a short quiet spell. */
async function watchModels(inputs: string[], reload: () => void): Promise<FSWatcher[]> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = (name: string | null) => {
        if (name !== null && !name.endsWith('.polity')) return;
        clearTimeout(timer);
        timer = setTimeout(reload, RELOAD_DELAY_MS);
    };
    const watchers: FSWatcher[] = [];
    for (const input of inputs) {
        const absolute = path.resolve(input);
        const isFolder = (await fs.stat(absolute)).isDirectory();
        const watcher = watch(isFolder ? absolute : path.dirname(absolute), { recursive: isFolder, persistent: false }, (_event, name) =>
            changed(name)
        );
        watcher.on('error', () => watcher.close());
        watchers.push(watcher);
    }
    return watchers;
}
