import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { PolityIndexManager } from '../language/index-manager.js';
import { createPolityServices, type PolityOverrides, type PolityServices } from '../language/module.js';
import { isPrelude } from '../language/prelude.js';
import { displayFile } from './diagnostics.js';
import { errorCode, UsageError } from './errors.js';
import { kindOf, readModelFile } from './read-model.js';

export interface LoadedWorkspace {
    services: PolityServices;
    /** The user's documents (not the prelude), in file order. */
    documents: LangiumDocument[];
}

/**
 * Every `.polity` file under the given files and folders, sorted, each once
 * however many paths (symbolic links, overlapping folders) lead to it.
 */
export async function findModelFiles(inputs: string[]): Promise<string[]> {
    if (inputs.length === 0) throw new UsageError('no files or folders given: name at least one .polity file or a folder that holds some');
    const found = new ModelFiles();
    for (const input of inputs) {
        const absolute = path.resolve(input);
        const stat = await fs.stat(absolute).catch(() => undefined);
        if (!stat) throw new UsageError(`${input}: no such file or folder`);
        if (stat.isDirectory()) await found.walk(absolute);
        else if (!stat.isFile()) throw new UsageError(`${input}: not a regular file (${kindOf(stat)}); name .polity files or folders`);
        else if (!isModelFileName(absolute))
            throw new UsageError(
                `${input}: not a .polity file${path.extname(input).toLowerCase() === MODEL_EXTENSION ? ` (the extension is written ${MODEL_EXTENSION}, in lower case)` : ''}`
            );
        else await found.add(absolute);
    }
    if (found.size === 0) throw new UsageError(`no .polity files found in ${inputs.join(', ')}`);
    return found.files();
}

const MODEL_EXTENSION = '.polity';

/** Case matters, as it does for the editor's and the language server's file association. */
function isModelFileName(file: string): boolean {
    return file.endsWith(MODEL_EXTENSION);
}

/** What a path leads to, whatever the path: the same for symbolic and hard links to one file. */
async function identity(file: string): Promise<string> {
    const { dev, ino } = await fs.stat(file).catch(error => {
        throw new UsageError(`${displayFile(file)}: cannot read (${errorCode(error)})`);
    });
    return `${dev}:${ino}`;
}

/** Model files found so far, by what they are, each kept under the first path that led to it. */
class ModelFiles {
    private readonly byTarget = new Map<string, string>();
    /** Folders already searched: a link back up the tree is not followed round again. */
    private readonly folders = new Set<string>();

    get size(): number {
        return this.byTarget.size;
    }

    files(): string[] {
        return [...this.byTarget.values()].sort();
    }

    async add(file: string): Promise<void> {
        const target = await identity(file);
        if (!this.byTarget.has(target)) this.byTarget.set(target, file);
    }

    /** Searches a folder, following symbolic links to files and folders; hidden entries and node_modules are left out. */
    async walk(folder: string): Promise<void> {
        const real = await identity(folder);
        if (this.folders.has(real)) return;
        this.folders.add(real);
        const entries = await fs.readdir(folder, { withFileTypes: true }).catch(error => {
            throw new UsageError(`${displayFile(folder)}: cannot read folder (${errorCode(error)})`);
        });
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
            const full = path.join(folder, entry.name);
            const stat = entry.isSymbolicLink() ? await fs.stat(full).catch(() => undefined) : entry;
            if (!stat) {
                // A model file that is missing would silently take its facts with it.
                if (isModelFileName(entry.name))
                    throw new UsageError(`${displayFile(full)}: a symbolic link to nothing (${await fs.readlink(full)}); fix or remove it`);
            } else if (stat.isDirectory()) {
                await this.walk(full);
            } else if (stat.isFile() && isModelFileName(entry.name)) {
                await this.add(full);
            }
        }
    }
}

/** Loads the files as one workspace and builds it: parsed, linked and validated. */
export async function loadWorkspace(files: string[], options: LoadOptions = {}): Promise<LoadedWorkspace> {
    return loadTexts(await readModelFiles(files), options);
}

/** A model file's text and the URI it is known by (e.g. a file as it was at a git revision). */
export interface ModelText {
    uri: URI;
    text: string;
}

export async function readModelFiles(files: string[]): Promise<ModelText[]> {
    const texts: ModelText[] = [];
    for (const file of files) {
        texts.push({ uri: URI.file(file), text: (await readModelFile(file, displayFile(file))).text });
    }
    return texts;
}

export interface LoadOptions {
    /** Whether documents are validated (the default). */
    validate?: boolean;
    /** Whether the documents' diagnostics include the workspace-wide findings (the default; see `PolityValidator`). */
    workspaceFindings?: boolean;
    /** Services to use instead of Polity's own. */
    overrides?: PolityOverrides;
}

/** Loads texts as one workspace, in its own services, and builds it like `loadWorkspace`. */
export async function loadTexts(texts: ModelText[], options: LoadOptions = {}): Promise<LoadedWorkspace> {
    const { Polity: services, shared } = createPolityServices(NodeFileSystem, options.overrides);
    // Built once and read, never edited: nothing asks who refers to what.
    (shared.workspace.IndexManager as PolityIndexManager).indexReferences = false;
    services.polity.Validator.workspaceFindings = options.workspaceFindings ?? true;
    const documents: LangiumDocument[] = [];
    for (const { uri, text } of texts) {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        documents.push(document);
    }
    const all = shared.workspace.LangiumDocuments.all.toArray();
    await shared.workspace.DocumentBuilder.build(all, { validation: options.validate ?? true });
    return { services, documents: documents.filter(d => !isPrelude(d.uri)) };
}
