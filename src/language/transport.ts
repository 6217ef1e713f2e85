import { format } from 'node:util';
import {
    createConnection,
    ErrorCodes,
    IPCMessageReader,
    IPCMessageWriter,
    Message,
    ProposedFeatures,
    StreamMessageReader,
    StreamMessageWriter,
    type Connection,
    type MessageReader,
    type MessageWriter,
    type RequestMessage,
    type ResponseMessage
} from 'vscode-languageserver/node';

/**
 * The connection to the client, over Node IPC (`--node-ipc`, as the VS Code
 * extension starts the server) or else stdio, with the protocol's rules at the
 * door that vscode-languageserver leaves to the server:
 *
 * - a request before `initialize` is answered with ServerNotInitialized, and a
 *   notification before it (other than `exit`) is dropped;
 * - a request whose parameters are not an object (`null`, a number) is
 *   answered with InvalidParams;
 * - on stdio, a message whose framing is broken (a header without a numeric
 *   Content-Length) leaves the reader unable to find the next message: the
 *   server says so on stderr and exits with 1, so that the client can start a
 *   new one, instead of ignoring everything from then on. A message whose
 *   body is not JSON is only dropped: the frame around it was sound.
 */
export function createServerConnection(argv = process.argv): Connection {
    const ipc = argv.includes('--node-ipc');
    const reader: MessageReader = ipc ? new IPCMessageReader(process) : new StreamMessageReader(process.stdin);
    const writer: MessageWriter = ipc ? new IPCMessageWriter(process) : new StreamMessageWriter(process.stdout);
    let initialized = false;
    let shutdown = false;
    const reply = (id: RequestMessage['id'], code: number, message: string) => {
        const answer: ResponseMessage = { jsonrpc: '2.0', id, error: { code, message } };
        void writer.write(answer);
    };
    const connection = createConnection(ProposedFeatures.all, reader, writer, {
        messageStrategy: {
            handleMessage(message, next) {
                if (Message.isRequest(message)) {
                    if (!initialized && message.method !== 'initialize') {
                        return reply(
                            message.id,
                            ErrorCodes.ServerNotInitialized,
                            `The server is not initialized: send 'initialize' before '${message.method}'.`
                        );
                    }
                    // vscode-languageserver reads fields of the parameters before any handler can check them.
                    if (
                        message.method !== 'shutdown' &&
                        (message.params === null || (message.params !== undefined && typeof message.params !== 'object'))
                    ) {
                        return reply(
                            message.id,
                            ErrorCodes.InvalidParams,
                            `Invalid parameters: '${message.method}' takes an object, got ${String(message.params)}.`
                        );
                    }
                    initialized = true;
                } else if (!initialized && Message.isNotification(message) && message.method !== 'exit') {
                    return;
                }
                return next(message);
            }
        }
    });
    reader.onError(error => {
        if (error instanceof SyntaxError) return;
        process.stderr.write(
            `polity language server: the client sent a message that cannot be read (${error.message.split('\n')[0]}); exiting so that it can start the server again.\n`
        );
        process.exit(1);
    });
    connection.onShutdown(() => {
        shutdown = true;
    });
    if (!ipc) {
        // With its own reader, vscode-languageserver neither ends with stdin nor keeps console output off stdout, which carries the protocol.
        reader.onClose(() => process.exit(shutdown ? 0 : 1));
        console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
        console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
        console.error = (...args: unknown[]) => connection.console.error(format(...args));
    }
    return connection;
}
