import * as path from 'node:path';
import { URI } from 'langium';
import pc from 'picocolors';
import { diffModels } from '../model/diff.js';
import { displayPath } from './diagnostics.js';
import { EXIT, UsageError } from './errors.js';
import { diffJson, diffMarkdown, diffText, summarizeChanges, type DiffReport } from './formats/diff.js';
import { modelFilesAt, repositoryRoot, textsAt, verifyRevision, workingTreeModelFiles } from './git.js';
import { readModelFile } from './read-model.js';
import { modelInput, warnUnreadable, type ModelInput } from './semantic.js';
import { findModelFiles, loadTexts, loadWorkspace, readModelFiles, type ModelText } from './workspace.js';

export type DiffFormat = 'text' | 'markdown' | 'json';

export interface DiffOptions {
    /** Compare the working tree with this revision; the arguments are then pathspecs. */
    git?: string;
    /** The arguments are the seven (or nine) that git passes to an external diff driver. */
    gitExternal?: boolean;
    format: DiffFormat;
    /** Exit 1 when there are differences, like `git diff --exit-code`. */
    exitCode?: boolean;
}

export interface DiffIO {
    out(text: string): void;
    warn(text: string): void;
    colour: boolean;
}

interface Sides {
    old: ModelInput;
    new: ModelInput;
    oldName: string;
    newName: string;
}

/** `polity diff`: what changed in the model between two versions, fact by fact. */
export async function diff(args: string[], options: DiffOptions, io: DiffIO): Promise<number> {
    if (options.gitExternal && args.length === 1) {
        io.out(`polity diff: ${args[0]} is unmerged; resolve it, then compare`);
        return EXIT.ok;
    }
    const sides = options.gitExternal
        ? await externalSides(args)
        : options.git !== undefined
          ? await revisionSides(options.git, args)
          : await pathSides(args);
    warnUnreadable(sides.old, sides.oldName, io.warn);
    warnUnreadable(sides.new, sides.newName, io.warn);
    const changes = diffModels(sides.old.model, sides.new.model).changes.map(c => ({
        ...c,
        old: c.old && sides.old.place(c.old),
        new: c.new && sides.new.place(c.new)
    }));
    const report: DiffReport = {
        schema: 'polity/diff@1',
        old: sides.oldName,
        new: sides.newName,
        summary: summarizeChanges(changes),
        changes
    };
    io.out(
        options.format === 'json'
            ? diffJson(report)
            : options.format === 'markdown'
              ? diffMarkdown(report)
              : diffText(report, pc.createColors(io.colour))
    );
    // git stops at an external driver's non-zero exit, so that mode always succeeds.
    return options.exitCode && !options.gitExternal && changes.length > 0 ? EXIT.findings : EXIT.ok;
}

async function pathSides(args: string[]): Promise<Sides> {
    const [oldName, newName, ...more] = args;
    if (oldName === undefined || newName === undefined || more.length > 0) {
        throw new UsageError(
            `compare two files or folders (polity diff OLD NEW), or the working tree with a revision (polity diff --git REV [path…]); got ${args.length} path(s)`
        );
    }
    const load = async (input: string) => modelInput(await loadWorkspace(await findModelFiles([input])), displayPath);
    return { old: await load(oldName), new: await load(newName), oldName, newName };
}

async function revisionSides(rev: string, pathspecs: string[]): Promise<Sides> {
    const root = await repositoryRoot();
    await verifyRevision(rev);
    const specs = pathspecs.length > 0 ? pathspecs : ['.'];
    const oldPaths = await modelFilesAt(rev, specs);
    const newFiles = await workingTreeModelFiles(root, specs);
    if (oldPaths.length === 0 && newFiles.length === 0) {
        throw new UsageError(`no .polity files in ${specs.join(', ')}, neither at ${rev} nor in the working tree`);
    }
    const old = await loadTexts(await textsAt(rev, root, oldPaths));
    // `rev:path` is what `git show` takes, so a removed fact's place can be looked up.
    const atRevision = (uri: string) => `${rev}:${path.relative(root, URI.parse(uri).fsPath).split(path.sep).join('/')}`;
    return {
        old: modelInput(old, atRevision),
        new: modelInput(await loadWorkspace(newFiles), displayPath),
        oldName: rev,
        newName: 'working tree'
    };
}

/**
 * git's external diff protocol: `path old-file old-hex old-mode new-file
 * new-hex new-mode [new-path rename-info]`, one file at a time. A file alone
 * rarely makes a model (its mandates and sources live in other files), so
 * both versions are read with the working-tree files of the same folder
 * around them; the diff then shows what this file's change does.
 */
async function externalSides(args: string[]): Promise<Sides> {
    const [file, oldFile, , , newFile, , , renamedTo] = args;
    if ((args.length !== 7 && args.length !== 9) || file === undefined || oldFile === undefined || newFile === undefined) {
        throw new UsageError(
            `--git-external takes the 7 or 9 arguments git passes to an external diff driver, got ${args.length} (see "Models in git" in the README)`
        );
    }
    const newPath = renamedTo ?? file;
    const root = await repositoryRoot();
    const own = new Set([file, newPath].map(p => path.resolve(root, p)));
    const folder = path.relative(process.cwd(), path.resolve(root, path.dirname(file))) || '.';
    const around = (await workingTreeModelFiles(root, [folder])).filter(f => !own.has(f));
    const context = await readModelFiles(around);
    // Messages name the file as the diff does (`a/x.polity`), not by git's temporary copy.
    const version = async (label: string, name: string, blob: string): Promise<ModelText[]> =>
        blob === '/dev/null'
            ? []
            : [{ uri: URI.file(path.resolve(root, name)), text: (await readModelFile(blob, `${label}/${name}`)).text }];
    const named = (label: string, name: string) => (uri: string) =>
        URI.parse(uri).fsPath === path.resolve(root, name) ? `${label}/${name}` : displayPath(uri);
    return {
        old: modelInput(await loadTexts([...context, ...(await version('a', file, oldFile))]), named('a', file)),
        new: modelInput(await loadTexts([...context, ...(await version('b', newPath, newFile))]), named('b', newPath)),
        oldName: `a/${file}`,
        newName: `b/${newPath}`
    };
}
