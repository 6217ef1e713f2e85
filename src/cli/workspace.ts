import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { PolityIndexManager } from '../language/index-manager.js';
import { createPolityServices, type PolityServices } from '../language/module.js';
import { isPrelude } from '../language/prelude.js';
import { errorCode, UsageError } from './errors.js';

export interface LoadedWorkspace {
    services: PolityServices;
    /** The user's documents (not the prelude), in file order. */
    documents: LangiumDocument[];
}

/** Every `.polity` file under the given files and folders, sorted, each once. */
export async function findModelFiles(inputs: string[]): Promise<string[]> {
    if (inputs.length === 0) throw new UsageError('no files or folders given: name at least one .polity file or a folder that holds some');
    const found = new Set<string>();
    for (const input of inputs) {
        const absolute = path.resolve(input);
        const stat = await fs.stat(absolute).catch(() => undefined);
        if (!stat) throw new UsageError(`${input}: no such file or folder`);
        if (stat.isDirectory()) {
            for (const file of await walk(absolute)) found.add(file);
        } else {
            found.add(absolute);
        }
    }
    if (found.size === 0) throw new UsageError(`no .polity files found in ${inputs.join(', ')}`);
    return [...found].sort();
}

async function walk(folder: string): Promise<string[]> {
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch(error => {
        throw new UsageError(`${folder}: cannot read folder (${errorCode(error)})`);
    });
    const files: string[] = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) files.push(...await walk(full));
        else if (entry.isFile() && entry.name.endsWith('.polity')) files.push(full);
    }
    return files;
}

/** Loads the files as one workspace and builds it: parsed, linked and validated. */
export async function loadWorkspace(files: string[], options: { validate?: boolean } = {}): Promise<LoadedWorkspace> {
    return loadTexts(await readModelFiles(files), options);
}

/** A model file's text and the URI it is known by (e.g. a file as it was at a git revision). */
export interface ModelText { uri: URI; text: string }

export async function readModelFiles(files: string[]): Promise<ModelText[]> {
    const texts: ModelText[] = [];
    for (const file of files) {
        const text = await fs.readFile(file, 'utf8').catch(error => {
            throw new UsageError(`${file}: cannot read file (${errorCode(error)})`);
        });
        texts.push({ uri: URI.file(file), text });
    }
    return texts;
}

/** Loads texts as one workspace, in its own services, and builds it like `loadWorkspace`. */
export async function loadTexts(texts: ModelText[], options: { validate?: boolean } = {}): Promise<LoadedWorkspace> {
    const { Polity: services, shared } = createPolityServices(NodeFileSystem);
    // Built once and read, never edited: nothing asks who refers to what.
    (shared.workspace.IndexManager as PolityIndexManager).indexReferences = false;
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
