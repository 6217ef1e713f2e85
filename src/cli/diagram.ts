import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeChart } from '../diagram/charts.js';
import { EXTENSIONS, writeDiagram } from '../diagram/diagram.js';
import {
    CHART_EXTENSIONS,
    IMAGE_EXTENSIONS,
    isChartFormat,
    isImageFormat,
    type CliFormat,
    type DiagramFormat
} from '../diagram/formats.js';
import { LayoutError } from '../diagram/render.js';
import { DiagramQueryError, graphFor, resolveDate, resolveView } from '../diagram/request.js';
import { viewsOf } from '../diagram/select.js';
import { WorkerRenderer } from '../diagram/worker-renderer.js';
import { today } from '../model/dates.js';
import type { View } from '../model/types.js';
import { displayFile, displayPath } from './diagnostics.js';
import { errorCode, EXIT, UsageError } from './errors.js';
import { loadErrorFreeModel } from './error-free-model.js';
import { findModelFiles } from './workspace.js';
import { checkOutput, writeOutput } from './write-file.js';

export interface DiagramOptions {
    view?: string;
    allViews?: boolean;
    at?: string;
    lang?: string;
    format: CliFormat;
    output?: string;
    /** PNG and PDF: times the diagram's own size. */
    scale?: string;
}

/**
 * `polity diagram`: one view (or the whole model as of today) to stdout or a
 * file, or every view into a folder. A model with errors draws nothing: the
 * errors are printed and the exit code is 1.
 */
export async function diagram(
    inputs: string[],
    options: DiagramOptions,
    out: (text: string) => void,
    err: (text: string) => void
): Promise<number> {
    if (options.view !== undefined && options.allViews) throw new UsageError('use either --view NAME or --all-views, not both');
    const scale = scaleOf(options);
    const image = isImageFormat(options.format);
    if (image && !options.output && process.stdout.isTTY)
        throw new UsageError(`${options.format.toUpperCase()} is binary: name a file with -o FILE (or pipe the output)`);
    // All views in one PDF, a page each; PNG, like the text formats, one file per view.
    const onePdf = options.allViews && options.format === 'pdf';
    if (options.allViews && !options.output)
        throw new UsageError(
            onePdf
                ? '--all-views --format pdf writes one PDF, a page per view: name it with -o FILE'
                : '--all-views writes one file per view: name a folder with -o DIR'
        );
    if (options.at !== undefined) usage(() => resolveDate(options.at!));

    const files = await findModelFiles(inputs);
    const loaded = await loadErrorFreeModel(files, 'no diagram written', err);
    if (!loaded) return EXIT.findings;
    const { model, conflicts, scope } = loaded;
    const now = today();
    const renderer = new WorkerRenderer();
    const draw = async (view: View | undefined, format: DiagramFormat) => {
        try {
            return await writeDiagram(
                graphFor(model, conflicts, { view: view?.key, at: options.at, lang: options.lang, scope, today: now }),
                format,
                renderer,
                displayPath
            );
        } catch (error) {
            // Too big to lay out within the time budget (or Graphviz gave up): say which view and why, in one line.
            if (error instanceof LayoutError)
                throw new UsageError(`cannot draw ${view ? `view '${view.name}'` : 'the model'}: ${error.message}`);
            throw error;
        }
    };
    const title = (view: View | undefined) => (view ? (view.title ?? view.name) : scope || 'model');
    /** The file's bytes in the format asked for: text as it is, charts from the model, PNG and PDF drawn from the SVG. */
    const file = async (view: View | undefined): Promise<string | Uint8Array> => {
        const format = options.format;
        if (isChartFormat(format))
            return writeChart(
                model,
                conflicts,
                { view: view?.key, at: options.at, lang: options.lang, scope, today: now },
                format,
                displayPath
            );
        if (format === 'png') return (await import('../publish/raster.js')).svgToPng(await draw(view, 'svg'), scale);
        if (format === 'pdf')
            return (await import('../publish/raster.js')).svgsToPdf(
                [{ svg: await draw(view, 'svg'), title: title(view) }],
                title(view),
                scale
            );
        return draw(view, format);
    };
    const extension = isChartFormat(options.format)
        ? CHART_EXTENSIONS[options.format]
        : isImageFormat(options.format)
          ? IMAGE_EXTENSIONS[options.format]
          : EXTENSIONS[options.format];

    if (options.allViews) {
        const views = viewsOf(model, scope);
        if (views.length === 0) throw new UsageError('--all-views: the model has no views');
        if (onePdf) {
            await checkOutput(options.output!, files);
            const pages = [];
            for (const view of views) pages.push({ svg: await draw(view, 'svg'), title: title(view) });
            await writeOutput(
                options.output!,
                await (await import('../publish/raster.js')).svgsToPdf(pages, scope || 'model', scale),
                files
            );
            return EXIT.ok;
        }
        const folder = path.resolve(options.output!);
        await makeFolder(folder);
        const targets = fileNames(views).map(([view, name]) => [view, path.join(folder, name + extension)] as const);
        for (const [, target] of targets) await checkOutput(target, files);
        for (const [view, target] of targets) {
            await writeOutput(target, await file(view), files);
            out(displayFile(target));
        }
        return EXIT.ok;
    }
    const view = options.view === undefined ? undefined : usage(() => resolveView(model, options.view!, scope));
    const bytes = await file(view);
    if (!options.output) {
        process.stdout.write(bytes);
        return EXIT.ok;
    }
    const stat = await fs.stat(options.output).catch(() => undefined);
    const target = stat?.isDirectory()
        ? path.join(options.output, safeFileName(view?.name ?? (scope || 'model')) + extension)
        : options.output;
    await writeOutput(target, bytes, files);
    return EXIT.ok;
}

function scaleOf(options: DiagramOptions): number {
    if (options.scale === undefined) return 1;
    if (!isImageFormat(options.format)) throw new UsageError('--scale is for --format png or pdf');
    const scale = Number(options.scale);
    if (!/^\d+(\.\d+)?$/.test(options.scale) || !(scale > 0) || scale > 16)
        throw new UsageError(`--scale ${options.scale}: give a number above 0 and at most 16 (e.g. 2 for twice the size)`);
    return scale;
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
    const names = uniqueFileNames(views.map(view => view.name));
    return views.map((view, i) => [view, names[i]!]); // one name per view
}

/** `safeFileName` of each name, numbered where two would be the same (in any case); `taken` are names already in use. */
export function uniqueFileNames(names: string[], taken: Iterable<string> = []): string[] {
    const used = new Set([...taken].map(name => name.toLowerCase()));
    return names.map(original => {
        const base = safeFileName(original);
        let name = base;
        for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
        used.add(name.toLowerCase());
        return name;
    });
}

export function safeFileName(name: string): string {
    const safe = name
        .replace(/[^\p{L}\p{N}_-]+/gu, '_')
        .replace(/^_+|_+$/g, '')
        .slice(0, 100);
    return safe || 'view';
}
