import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeDiagram } from '../diagram/diagram.js';
import { EXTENSIONS, type DiagramFormat } from '../diagram/formats.js';
import { LayoutError } from '../diagram/render.js';
import { DiagramQueryError, graphFor, resolveDate, resolveView } from '../diagram/request.js';
import { viewsOf } from '../diagram/select.js';
import { WorkerRenderer } from '../diagram/worker-renderer.js';
import { today } from '../model/dates.js';
import type { View } from '../model/types.js';
import { collectDiagnostics, displayFile, displayPath } from './diagnostics.js';
import { formatLine } from './check.js';
import { errorCode, EXIT, UsageError } from './errors.js';
import { findModelFiles, loadWorkspace } from './workspace.js';
import { checkOutput, writeOutput } from './write-file.js';

export interface DiagramOptions {
    view?: string;
    allViews?: boolean;
    at?: string;
    format: DiagramFormat;
    output?: string;
}

/**
 * `polity diagram`: one view (or the whole model as of today) to stdout or a
 * file, or every view into a folder. A model with errors draws nothing: the
 * errors are printed and the exit code is 1.
 */
export async function diagram(inputs: string[], options: DiagramOptions, out: (text: string) => void, err: (text: string) => void): Promise<number> {
    if (options.view !== undefined && options.allViews) throw new UsageError('use either --view NAME or --all-views, not both');
    if (options.allViews && !options.output) throw new UsageError('--all-views writes one file per view: name a folder with -o DIR');
    if (options.at !== undefined) usage(() => resolveDate(options.at!));

    const files = await findModelFiles(inputs);
    const { services, documents } = await loadWorkspace(files);
    const errors = collectDiagnostics(documents).filter(d => d.severity === 'error');
    if (errors.length > 0) {
        errors.forEach(d => err(formatLine(d)));
        err(`polity: the model has ${errors.length} error${errors.length === 1 ? '' : 's'}; no diagram written`);
        return EXIT.findings;
    }
    const { model, conflicts } = services.references.WorkspaceModel.snapshot;
    const models = new Set(documents.map(d => (d.parseResult.value as { name?: string }).name ?? ''));
    const scope = models.size === 1 ? [...models][0] : undefined;
    const now = today();
    const renderer = new WorkerRenderer();
    const draw = async (view: View | undefined) => {
        try {
            return await writeDiagram(graphFor(model, conflicts, { view: view?.key, at: options.at, scope, today: now }), options.format, renderer, displayPath);
        } catch (error) {
            // Too big to lay out within the time budget (or Graphviz gave up): say which view and why, in one line.
            if (error instanceof LayoutError) throw new UsageError(`cannot draw ${view ? `view '${view.name}'` : 'the model'}: ${error.message}`);
            throw error;
        }
    };

    if (options.allViews) {
        const views = viewsOf(model, scope);
        if (views.length === 0) throw new UsageError('--all-views: the model has no views');
        const folder = path.resolve(options.output!);
        await makeFolder(folder);
        const targets = fileNames(views).map(([view, name]) => [view, path.join(folder, name + EXTENSIONS[options.format])] as const);
        for (const [, file] of targets) await checkOutput(file, files);
        for (const [view, file] of targets) {
            await writeOutput(file, await draw(view), files);
            out(displayFile(file));
        }
        return EXIT.ok;
    }
    const view = options.view === undefined ? undefined : usage(() => resolveView(model, options.view!, scope));
    const text = await draw(view);
    if (!options.output) {
        process.stdout.write(text);
        return EXIT.ok;
    }
    const stat = await fs.stat(options.output).catch(() => undefined);
    const target = stat?.isDirectory() ? path.join(options.output, safeFileName(view?.name ?? (scope || 'model')) + EXTENSIONS[options.format]) : options.output;
    await writeOutput(target, text, files);
    return EXIT.ok;
}

/** Turns a wrong view name or date into a usage error (exit 2) that lists what exists. */
function usage<T>(action: () => T): T {
    try {
        return action();
    } catch (error) {
        if (error instanceof DiagramQueryError) throw new UsageError(error.message);
        throw error;
    }
}

async function makeFolder(folder: string): Promise<void> {
    const stat = await fs.stat(folder).catch(() => undefined);
    if (stat && !stat.isDirectory()) throw new UsageError(`${folder}: not a folder; --all-views needs -o DIR`);
    await fs.mkdir(folder, { recursive: true }).catch(error => {
        throw new UsageError(`${folder}: cannot create folder (${errorCode(error)})`);
    });
}

/**
 * A file name per view that stays inside the folder whatever the name holds,
 * and never the same for two views, even on file systems that ignore case.
 */
export function fileNames(views: View[]): [View, string][] {
    const taken = new Set<string>();
    return views.map(view => {
        const base = safeFileName(view.name);
        let name = base;
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
        taken.add(name.toLowerCase());
        return [view, name];
    });
}

export function safeFileName(name: string): string {
    const safe = name.replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 100);
    return safe || 'view';
}
