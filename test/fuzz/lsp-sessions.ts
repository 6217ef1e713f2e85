import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
    DidChangeConfigurationNotification,
    DocumentFormattingRequest,
    FileChangeType,
    LSPErrorCodes,
    RenameRequest,
    ResponseError,
    type Diagnostic,
    type TextEdit,
    type WorkspaceEdit
} from 'vscode-languageserver-protocol';
import { pickWith, seededRandom } from '../../bench/generate.js';
import { formatText } from '../../src/language/format/text.js';
import { createPolityServices } from '../../src/language/module.js';
import { isPrelude } from '../../src/language/prelude.js';
import { checkOptionsOf } from '../../src/language/lsp/settings.js';
import { LspSession } from '../support/lsp-client.js';
import { describe as describeError } from './stages.js';

/** The files each session starts with: one model over four files, with names used across them. */
const FILES: Record<string, string> = {
    'mandates.polity': 'model fz\n\nmandate m1 "One"\nmandate m2 "Two" {\n  mandate m3 "Three"\n}\n',
    'a.polity':
        'model fz\n\ninstitution A "Agency A" {\n  kind agency\n  leads m1 since 2001\n  supports m2\n}\n\ninstitution B { leads m3 }\n',
    'b.polity': 'model fz\n\n// C competes with A\ninstitution C {\n  leads m1 from 2000 to 2010\n}\nC oversees B\n',
    'c.polity': 'model fz\n\ndispute m1 between A, C "They overlap."\n\ninstitution D {\n  unit U "Unit" { leads m2 }\n}\nA advises D.U\n'
};

/** What an edit inserts: words, names and punctuation of the files, well-formed or not. */
const SNIPPETS = [
    '',
    ' ',
    '\n',
    '  ',
    '{',
    '}',
    '"',
    'A',
    'B',
    'C',
    'D',
    'm1',
    'm2',
    'm3',
    'leads ',
    'leads m1',
    'since 2005',
    ' until 2003-13',
    'institution E { leads m2 }\n',
    'mandate m4 "Four"\n',
    '\ninstitution A { }\n',
    'dispute m2 between A, B\n',
    '// note\n',
    '/* block */',
    'unit V { }',
    ','
];

export interface SessionFuzzOptions {
    seed: number;
    sessions: number;
    /** Steps per session. */
    steps: number;
    onSession?: (index: number, problems: string[]) => void;
}

export interface SessionFuzzReport {
    sessions: number;
    /** Formatting answers compared with `polity fmt`, and those withdrawn as ContentModified. */
    formats: { checked: number; withdrawn: number };
    failures: { session: number; problems: string[]; log: string[] }[];
    seconds: number;
}

/**
 * Editor sessions with the bundled language server over stdio, driven at
 * random and without waiting between steps (as a fast typist and a busy
 * workspace would): ranged edits, closes and reopens, files changed, created
 * and deleted on disk (open ones too: their editor text must win), renames
 * applied as workspace edits (open files through the editor, the others
 * written to disk), settings changes, and formatting. Every formatting answer must turn the
 * text the client had into exactly what `polity fmt` makes of it (or be
 * withdrawn as ContentModified), and at the end every document's last
 * diagnostics must be those of a fresh check of the texts the client has.
 */
export async function runSessionFuzz(options: SessionFuzzOptions): Promise<SessionFuzzReport> {
    const start = performance.now();
    const failures: SessionFuzzReport['failures'] = [];
    const formats = { checked: 0, withdrawn: 0 };
    for (let index = 0; index < options.sessions; index++) {
        const log: string[] = [];
        const problems = await runSession(options.seed * 1000 + index, options.steps, log, formats).catch((error: unknown) => [
            `the session failed: ${describeError(error)}`
        ]);
        options.onSession?.(index, problems);
        if (problems.length > 0) failures.push({ session: index, problems, log });
    }
    return { sessions: options.sessions, formats, failures, seconds: (performance.now() - start) / 1000 };
}

async function runSession(seed: number, steps: number, log: string[], formats: SessionFuzzReport['formats']): Promise<string[]> {
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => pickWith(random, items);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'polity-sessions-'));
    const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).toString();
    const fileOf = (uri: string) => path.join(dir, uri.slice(uri.lastIndexOf('/') + 1));
    /** What the client sees: files on disk, and the documents open in the editor. */
    const disk = new Map<string, string>();
    const open = new Map<string, string>();
    const problems: string[] = [];
    let severity = 'warning';
    const writeDisk = (uri: string, text: string) => {
        writeFileSync(fileOf(uri), text);
        disk.set(uri, text);
    };
    for (const [name, text] of Object.entries(FILES)) writeDisk(uriOf(name), text);

    const session = LspSession.start();
    try {
        await session.initialize(dir);
        const known = () => [...new Set([...disk.keys(), ...open.keys()])];
        const mutate = (text: string) => {
            const from = Math.floor(random() * (text.length + 1));
            const to = Math.min(text.length, from + Math.floor(random() * 12));
            return { from, to, insert: pick(SNIPPETS) };
        };
        for (let step = 0; step < steps; step++) {
            const roll = random();
            const openUris = [...open.keys()];
            if (roll < 0.35 && openUris.length > 0) {
                const uri = pick(openUris);
                const text = open.get(uri)!;
                const { from, to, insert } = mutate(text);
                const document = TextDocument.create(uri, 'polity', 0, text);
                log.push(`edit ${name(uri)} [${from}, ${to}) ← ${JSON.stringify(insert)}`);
                open.set(uri, text.slice(0, from) + insert + text.slice(to));
                await session.edit(uri, { start: document.positionAt(from), end: document.positionAt(to) }, insert);
            } else if (roll < 0.5 && openUris.length > 0) {
                const uri = pick(openUris);
                const text = open.get(uri)!;
                // Sometimes the user types on before the answer arrives: it must then be withdrawn, or fit the text asked about.
                const typeOn = random() < 0.3 ? mutate(text) : undefined;
                log.push(`format ${name(uri)}${typeOn ? ', typing on at once' : ''}`);
                const answer = checkFormatting(session, uri, text, formats);
                if (typeOn) {
                    const document = TextDocument.create(uri, 'polity', 0, text);
                    open.set(uri, text.slice(0, typeOn.from) + typeOn.insert + text.slice(typeOn.to));
                    await session.edit(
                        uri,
                        { start: document.positionAt(typeOn.from), end: document.positionAt(typeOn.to) },
                        typeOn.insert
                    );
                }
                problems.push(...(await answer));
            } else if (roll < 0.6 && openUris.length > 0) {
                const uri = pick(openUris);
                log.push(`close ${name(uri)}`);
                open.delete(uri);
                await session.close(uri);
            } else if (roll < 0.72) {
                const closed = known().filter(uri => !open.has(uri));
                const uri = closed.length > 0 && random() < 0.8 ? pick(closed) : uriOf(`new${step}.polity`);
                const text = disk.get(uri) ?? 'model fz\n\ninstitution N { leads m1 }\n';
                log.push(`open ${name(uri)}`);
                open.set(uri, text);
                await session.open(uri, text);
            } else if (roll < 0.84) {
                // A file written on disk: changed, or created if it was not there (open or not).
                const uri = random() < 0.8 ? pick(known()) : uriOf(`disk${step}.polity`);
                const before = disk.get(uri);
                const base = before ?? 'model fz\n\ninstitution F { leads m3 }\n';
                const { from, to, insert } = mutate(base);
                log.push(`write ${name(uri)}`);
                writeDisk(uri, base.slice(0, from) + insert + base.slice(to));
                await session.watched([{ uri, type: before === undefined ? FileChangeType.Created : FileChangeType.Changed }]);
            } else if (roll < 0.87) {
                severity = pick(['error', 'warning', 'information', 'off']);
                log.push(`settings: conflicts ${severity}`);
                await session.connection.sendNotification(DidChangeConfigurationNotification.type, {
                    settings: { polity: { conflicts: { severity } } }
                });
            } else if (roll < 0.92 && disk.size > 0) {
                const uri = pick([...disk.keys()]);
                log.push(`delete ${name(uri)}`);
                rmSync(fileOf(uri));
                disk.delete(uri);
                await session.watched([{ uri, type: FileChangeType.Deleted }]);
            } else if (openUris.length > 0) {
                const uri = pick(openUris);
                const text = open.get(uri)!;
                const words = [...text.matchAll(/\b(A|B|C|D|m1|m2|m3)\b/g)];
                if (words.length === 0) continue;
                const word = pick(words);
                const newName = `${word[0]}x${step}`;
                log.push(`rename ${word[0]} at ${word.index} in ${name(uri)} to ${newName}`);
                await applyRename(session, uri, text, word.index!, newName, { open, disk, writeDisk }, log);
            }
        }
        problems.push(...(await checkDiagnostics(session, open, disk, severity, log)));
    } finally {
        await session.stop();
        rmSync(dir, { recursive: true, force: true });
    }
    if (!session.alive && session.process.exitCode !== 0 && session.process.exitCode !== null)
        problems.push(`the server exited with ${session.process.exitCode}: ${session.stderr.slice(-1000)}`);
    problems.push(...session.errors.map(e => `the server logged: ${e.slice(0, 500)}`));
    return problems;
}

function name(uri: string): string {
    return uri.slice(uri.lastIndexOf('/') + 1);
}

function applyEdits(text: string, edits: TextEdit[]): string {
    return TextDocument.applyEdits(TextDocument.create('file:///x.polity', 'polity', 0, text), edits);
}

/** Formatting must give what `polity fmt` gives for the text the client has, or be withdrawn. */
async function checkFormatting(session: LspSession, uri: string, text: string, formats: SessionFuzzReport['formats']): Promise<string[]> {
    let edits: TextEdit[] | null;
    formats.checked++;
    try {
        edits = await session.request<TextEdit[] | null>(
            DocumentFormattingRequest.method,
            { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } },
            30_000
        );
    } catch (error) {
        if (error instanceof ResponseError && error.code === LSPErrorCodes.ContentModified) {
            formats.withdrawn++;
            return [];
        }
        return [`formatting ${name(uri)} failed: ${describeError(error)}`];
    }
    const fresh = formatText(text);
    const expected = fresh.ok ? fresh.text : text;
    const got = applyEdits(text, edits ?? []);
    return got === expected
        ? []
        : [`formatting ${name(uri)} gave ${JSON.stringify(got.slice(0, 300))}, polity fmt gives ${JSON.stringify(expected.slice(0, 300))}`];
}

interface ClientFiles {
    open: Map<string, string>;
    disk: Map<string, string>;
    writeDisk: (uri: string, text: string) => void;
}

/** Renames, and applies the edit as an editor does: open documents through the editor, other files on disk. */
async function applyRename(
    session: LspSession,
    uri: string,
    text: string,
    offset: number,
    newName: string,
    files: ClientFiles,
    log: string[]
): Promise<void> {
    const position = TextDocument.create(uri, 'polity', 0, text).positionAt(offset);
    let edit: WorkspaceEdit | null;
    try {
        edit = await session.request<WorkspaceEdit | null>(RenameRequest.method, { textDocument: { uri }, position, newName }, 30_000);
    } catch (error) {
        // Refusals (a clash, a built-in name, content modified) are answers.
        if (error instanceof ResponseError) return;
        throw error;
    }
    const written: { uri: string; type: FileChangeType }[] = [];
    for (const [target, edits] of Object.entries(edit?.changes ?? {})) {
        const opened = files.open.get(target);
        if (opened !== undefined) {
            files.open.set(target, applyEdits(opened, edits));
            // Applied as one change per edit, last first, as an editor sends them.
            const sorted = [...edits].sort(
                (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character
            );
            for (const e of sorted) await session.edit(target, e.range, e.newText);
        } else if (files.disk.has(target)) {
            files.writeDisk(target, applyEdits(files.disk.get(target)!, edits));
            written.push({ uri: target, type: FileChangeType.Changed });
        } else {
            log.push(`  (the rename edits ${name(target)}, which the client does not have)`);
        }
    }
    if (written.length > 0) await session.watched(written);
}

/**
 * Once the server has caught up (a formatting request waits for every update;
 * a document is opened for it when none is), each document's last diagnostics
 * must be those of a fresh check of what the client has, and a document the
 * client no longer has must have none.
 */
async function checkDiagnostics(
    session: LspSession,
    open: Map<string, string>,
    disk: Map<string, string>,
    severity: string,
    log: string[]
): Promise<string[]> {
    if (open.size === 0) {
        const uri = [...disk.keys()][0];
        if (uri) {
            log.push(`open ${name(uri)} (to wait for the server)`);
            open.set(uri, disk.get(uri)!);
            await session.open(uri, disk.get(uri)!);
        }
    }
    for (const uri of open.keys()) {
        await session
            .request(DocumentFormattingRequest.method, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }, 60_000)
            .catch(() => undefined);
        break;
    }
    await session.settle(300);
    const texts = new Map([...disk, ...open]);
    const expected = await freshDiagnostics(texts, severity);
    const problems: string[] = [];
    for (const uri of new Set([...texts.keys(), ...session.diagnostics.keys()])) {
        if (uri.startsWith('polity-builtin:')) continue;
        const want = (expected.get(uri) ?? []).map(key).sort();
        const got = (session.diagnostics.get(uri) ?? []).map(key).sort();
        if (JSON.stringify(want) !== JSON.stringify(got)) {
            problems.push(
                `diagnostics of ${name(uri)}${texts.has(uri) ? '' : ' (which the client no longer has)'}: the server shows ${JSON.stringify(got)}, a fresh check ${JSON.stringify(want)}`
            );
        }
    }
    return problems;
}

function key(d: Diagnostic): string {
    return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.code ?? '')} ${d.message}`;
}

/** The diagnostics of the texts checked from scratch, as `polity check` would. */
async function freshDiagnostics(texts: Map<string, string>, severity: string): Promise<Map<string, Diagnostic[]>> {
    const { shared, Polity } = createPolityServices(EmptyFileSystem);
    Polity.polity.WorkspaceModel.setOptions(checkOptionsOf({ conflicts: { severity } }));
    const documents = [...texts].map(([uri, text]) => shared.workspace.LangiumDocuments.createDocument(URI.parse(uri), text));
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return new Map(
        shared.workspace.LangiumDocuments.all
            .filter(d => !isPrelude(d.uri))
            .map(d => [d.uri.toString(), d.diagnostics ?? []] as const)
            .toArray()
    );
}
