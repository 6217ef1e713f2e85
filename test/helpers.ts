import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments, setTextDocument } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationToken } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createPolityServices, type PolityServices } from '../src/language/module.js';
import { isPrelude } from '../src/language/prelude.js';

export function createServices(): { Polity: PolityServices; shared: PolityServices['shared'] } {
    return createPolityServices(EmptyFileSystem);
}

/** A workspace of in-memory files, built and validated like the server builds an opened folder. */
export class TestWorkspace {
    readonly services = createServices();
    private versions = new Map<string, number>();

    get Polity(): PolityServices {
        return this.services.Polity;
    }

    uri(name: string): URI {
        return URI.parse(`file:///ws/${name}`);
    }

    /** With a cancel token, the build yields to other work between documents, as the server's builds do. */
    async open(files: Record<string, string>, cancelToken?: CancellationToken): Promise<void> {
        const docs: LangiumDocument[] = [];
        for (const [name, text] of Object.entries(files)) {
            const uri = this.uri(name);
            this.versions.set(name, 1);
            setTextDocument(this.services.shared, TextDocument.create(uri.toString(), 'polity', 1, text));
            const doc = this.services.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
            this.services.shared.workspace.LangiumDocuments.addDocument(doc);
            docs.push(doc);
        }
        await this.services.shared.workspace.DocumentBuilder.build(docs, { validation: true }, cancelToken);
    }

    /** Changes one file as an editor would, and lets the builder update what it must. */
    async edit(name: string, text: string): Promise<void> {
        const version = (this.versions.get(name) ?? 1) + 1;
        this.versions.set(name, version);
        setTextDocument(this.services.shared, TextDocument.create(this.uri(name).toString(), 'polity', version, text));
        await this.services.shared.workspace.DocumentBuilder.update([this.uri(name)], []);
    }

    document(name: string): LangiumDocument {
        return this.services.shared.workspace.LangiumDocuments.getDocument(this.uri(name))!;
    }

    diagnostics(name: string): Diagnostic[] {
        return this.document(name).diagnostics ?? [];
    }

    codes(name: string): string[] {
        return this.diagnostics(name).map(codeOf).sort();
    }

    async dispose(): Promise<void> {
        const docs = this.services.shared.workspace.LangiumDocuments.all.filter(d => !isPrelude(d.uri)).toArray();
        await clearDocuments(this.services.shared, docs);
    }
}

export function codeOf(d: Diagnostic): string {
    return String(d.code ?? '');
}

/** Validates one model given as text; returns the diagnostics as `code@line: message` for easy assertions. */
export async function checkText(text: string): Promise<{ codes: string[]; diagnostics: Diagnostic[] }> {
    const ws = new TestWorkspace();
    await ws.open({ 'model.polity': text });
    const diagnostics = ws.diagnostics('model.polity');
    return { codes: diagnostics.map(codeOf).sort(), diagnostics };
}

/** The value, which the test needs to go on; fails the test, saying what was missing, when it is undefined. */
export function defined<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`expected ${what}, found none`);
    return value;
}
