import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
    createProtocolConnection,
    DidChangeTextDocumentNotification,
    DidChangeWatchedFilesNotification,
    DidCloseTextDocumentNotification,
    DidOpenTextDocumentNotification,
    ExitNotification,
    InitializedNotification,
    InitializeRequest,
    LogMessageNotification,
    MessageType,
    PublishDiagnosticsNotification,
    ShutdownRequest,
    StreamMessageReader,
    StreamMessageWriter,
    type Diagnostic,
    type FileEvent,
    type ProtocolConnection,
    type Position,
    type PublishDiagnosticsParams,
    type Range
} from 'vscode-languageserver-protocol/node';
import { offsetOf } from '../lsp/fixtures.js';

/** The repository root: the nearest folder with a package.json above this file (also when it is bundled). */
export const REPO_ROOT = (() => {
    let folder = path.dirname(fileURLToPath(import.meta.url));
    while (!existsSync(path.join(folder, 'package.json')) && path.dirname(folder) !== folder) folder = path.dirname(folder);
    return folder;
})();
export const SERVER_PATH = path.join(REPO_ROOT, 'dist', 'server.cjs');

export interface SessionOptions {
    /** Extra arguments for `node` before the server script (e.g. `--require`). */
    nodeArgs?: string[];
    /** What `node` runs, after `nodeArgs`: the bundled server on stdio unless given (e.g. `bin/polity.js lsp`). */
    args?: string[];
    env?: NodeJS.ProcessEnv;
}

/**
 * The bundled language server in a child process, spoken to over stdio by a
 * real LSP client, as an editor would. Every wait is bounded. The one LSP
 * client of the tests and the bench.
 */
export class LspSession {
    readonly connection: ProtocolConnection;
    readonly diagnostics = new Map<string, Diagnostic[]>();
    /** The server's stderr, for failure messages and fault-isolation checks. */
    stderr = '';
    /** Errors the server logged (`window/logMessage`; the server's console.error goes there). */
    readonly errors: string[] = [];
    private exited?: number | null;
    /** Rejects when the server exits, so that no wait outlives it. */
    private readonly exit: Promise<never>;
    private readonly listeners = new Set<(params: PublishDiagnosticsParams) => void>();
    private versions = new Map<string, number>();

    private constructor(readonly process: ChildProcess) {
        process.stderr!.on('data', chunk => {
            this.stderr += String(chunk);
        });
        this.exit = new Promise<never>((_, reject) =>
            process.on('exit', code => {
                this.exited = code;
                reject(new Error(`the server exited (code ${code}): ${this.stderr.slice(-2000)}`));
            })
        );
        this.exit.catch(() => undefined);
        this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
        this.connection.onNotification(LogMessageNotification.type, params => {
            if (params.type === MessageType.Error) this.errors.push(params.message);
        });
        this.connection.onNotification(PublishDiagnosticsNotification.type, params => {
            this.diagnostics.set(params.uri, params.diagnostics);
            for (const listener of this.listeners) listener(params);
        });
        // Servers ask for configuration and register capabilities; an editor answers, so must we.
        this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.listen();
    }

    static start(options: SessionOptions = {}): LspSession {
        const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...(options.args ?? [SERVER_PATH, '--stdio'])], {
            cwd: REPO_ROOT,
            env: { ...process.env, ...options.env },
            stdio: ['pipe', 'pipe', 'pipe']
        });
        return new LspSession(child);
    }

    get alive(): boolean {
        return this.exited === undefined && this.process.exitCode === null;
    }

    async initialize(folder?: string, initializationOptions?: unknown): Promise<void> {
        const folders = folder ? [{ uri: pathToFileURL(folder).toString(), name: path.basename(folder) }] : null;
        await this.request(
            InitializeRequest.method,
            {
                processId: process.pid,
                rootUri: folders?.[0]?.uri ?? null,
                workspaceFolders: folders,
                initializationOptions,
                capabilities: {
                    workspace: { workspaceFolders: true, configuration: true },
                    textDocument: {
                        publishDiagnostics: { relatedInformation: true },
                        hover: { contentFormat: ['markdown', 'plaintext'] },
                        completion: { completionItem: { snippetSupport: true } }
                    }
                }
            },
            60_000
        );
        await this.connection.sendNotification(InitializedNotification.type, {});
    }

    /** A request that must be answered within `timeout` ms; rejects otherwise. */
    request<R>(method: string, params: unknown, timeout = 10_000): Promise<R> {
        return bounded(
            Promise.race([this.connection.sendRequest<R>(method, params), this.exit]),
            timeout,
            `${method} not answered within ${timeout} ms`
        );
    }

    async open(uri: string, text: string): Promise<void> {
        this.versions.set(uri, 1);
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri, languageId: 'polity', version: 1, text }
        });
    }

    /** Replaces the whole text, as a full-document change. */
    async change(uri: string, text: string): Promise<void> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version },
            contentChanges: [{ text }]
        });
    }

    /** Replaces `range` of the text (as the client has it) with `text`, as an incremental change. */
    async edit(uri: string, range: Range, text: string): Promise<void> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
            textDocument: { uri, version },
            contentChanges: [{ range, text }]
        });
    }

    async close(uri: string): Promise<void> {
        this.versions.delete(uri);
        await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }

    /** Reports files changed, created or deleted on disk, as the client's file watcher does. */
    async watched(changes: FileEvent[]): Promise<void> {
        await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
    }

    /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
    nextDiagnostics(uri: string, timeout = 30_000, accept: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
        return this.waitFor(
            params => (params.uri === uri && accept(params.diagnostics) ? params.diagnostics : undefined),
            timeout,
            `no diagnostics for ${uri} within ${timeout} ms`
        );
    }

    /** Resolves when `test` returns a value for a published set of diagnostics. */
    waitFor<T>(test: (params: PublishDiagnosticsParams) => T | undefined, timeout: number, message: string): Promise<T> {
        let listener!: (params: PublishDiagnosticsParams) => void;
        const result = new Promise<T>(resolve => {
            listener = params => {
                const value = test(params);
                if (value !== undefined) resolve(value);
            };
            this.listeners.add(listener);
        });
        return bounded(Promise.race([result, this.exit]), timeout, message).finally(() => this.listeners.delete(listener));
    }

    /**
     * Resolves once no diagnostics have been published for `quiet` ms, with
     * the time (performance.now()) of the last one published meanwhile.
     */
    async settle(quiet = 300, timeout = 60_000): Promise<number | undefined> {
        const deadline = Date.now() + timeout;
        let last = Date.now();
        let published: number | undefined;
        const listener = () => {
            last = Date.now();
            published = performance.now();
        };
        this.listeners.add(listener);
        try {
            while (Date.now() - last < quiet) {
                if (Date.now() > deadline) throw new Error(`server still publishing after ${timeout} ms`);
                await new Promise(resolve => setTimeout(resolve, quiet / 3));
            }
        } finally {
            this.listeners.delete(listener);
        }
        return published;
    }

    /** Shuts the server down politely, then by force if it does not exit. */
    async stop(): Promise<void> {
        if (this.alive) {
            await this.request(ShutdownRequest.method, null, 5_000).catch(() => undefined);
            await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
            const exited = new Promise<void>(resolve => this.process.once('exit', () => resolve()));
            await bounded(exited, 5_000, 'no exit').catch(() => this.process.kill('SIGKILL'));
        }
        this.connection.dispose();
    }
}

function bounded<T>(promise: Promise<T>, timeout: number, message: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), timeout);
    });
    return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** The bundled server, `dist/server.cjs`; fails clearly when it has not been built. */
export function startBundledServer(options: Omit<SessionOptions, 'args'> = {}): LspSession {
    if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run \`npm run build\` first.`);
    return LspSession.start(options);
}

/** The same server through the CLI: `polity lsp`. */
export function startCliServer(): LspSession {
    if (!existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first.');
    return LspSession.start({ args: [path.join(REPO_ROOT, 'bin', 'polity.js'), 'lsp'] });
}

/** A copy of a folder of the repository (e.g. `examples/china-cyber`) in a fresh temporary folder. */
export function tempCopy(folder: string): { dir: string; remove: () => void } {
    const root = mkdtempSync(path.join(os.tmpdir(), 'polity-lsp-'));
    const dir = path.join(root, path.basename(folder));
    cpSync(path.join(REPO_ROOT, folder), dir, { recursive: true });
    return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A file's URI and text, ready for `didOpen`. */
export function fileDocument(file: string): { uri: string; text: string } {
    return { uri: pathToFileURL(file).toString(), text: readFileSync(file, 'utf8') };
}

/** The position `offset` characters into the `occurrence`-th (0-based) `needle` in `text`. */
export function positionOf(text: string, needle: string, offset = 0, occurrence = 0): Position {
    const before = text.slice(0, offsetOf(text, needle, occurrence) + offset).split('\n');
    return { line: before.length - 1, character: (before.at(-1) ?? '').length };
}
