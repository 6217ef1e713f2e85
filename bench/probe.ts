/**
 * Runs inside a measured process: `probe parse DIR` only reads and parses
 * every file (the floor that `polity check` is compared with); `probe phases
 * DIR` builds the workspace like `polity check` and prints the time of each
 * build phase as JSON.
 */
import { promises as fs } from 'node:fs';
import { DocumentState, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { findModelFiles } from '../src/cli/workspace.js';
import { createPolityServices } from '../src/language/module.js';

export type Phases = Record<'read' | 'parse' | 'index' | 'link' | 'validate' | 'total', number>;

async function main(mode: string, folder: string): Promise<void> {
    const start = performance.now();
    const files = await findModelFiles([folder]);
    const texts = await Promise.all(files.map(file => fs.readFile(file, 'utf8')));
    const read = performance.now();
    const { shared, Polity } = createPolityServices(NodeFileSystem);
    if (mode === 'parse') {
        for (const text of texts) Polity.parser.LangiumParser.parse(text);
        return;
    }
    const documents = files.map((file, i) => shared.workspace.LangiumDocumentFactory.fromString(texts[i] ?? '', URI.file(file)));
    const parsed = performance.now();
    const at = new Map<DocumentState, number>();
    for (const state of [DocumentState.ComputedScopes, DocumentState.IndexedReferences, DocumentState.Validated]) {
        shared.workspace.DocumentBuilder.onBuildPhase(state, () => {
            at.set(state, performance.now());
        });
    }
    for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build(shared.workspace.LangiumDocuments.all.toArray(), { validation: true });
    const phases: Phases = {
        read: read - start,
        parse: parsed - read,
        index: at.get(DocumentState.ComputedScopes)! - parsed,
        link: at.get(DocumentState.IndexedReferences)! - at.get(DocumentState.ComputedScopes)!,
        validate: at.get(DocumentState.Validated)! - at.get(DocumentState.IndexedReferences)!,
        total: performance.now() - start
    };
    process.stdout.write(JSON.stringify(phases));
}

const [, , mode, folder] = process.argv;
if (!mode || !folder) throw new Error('usage: probe.ts parse|check FOLDER');
await main(mode, folder);
