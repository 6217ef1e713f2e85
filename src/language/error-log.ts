import { ResponseError } from 'vscode-languageserver';
import type { Connection } from 'vscode-languageserver';
import { interceptHandlers, type Handler } from './connection-hooks.js';

/**
 * The connection, with every handler the server registers on it wrapped so
 * that an exception is logged to the client's output before it becomes the
 * error answer to that one request. Without this, vscode-jsonrpc answers with
 * the error but logs nothing, and a bug in one feature goes unseen.
 */
export function withErrorLog(connection: Connection): Connection {
    const log = (error: unknown, what: string) => {
        // Errors the server means to send (cancellation, "content modified") are answers, not bugs.
        if (error instanceof ResponseError) return;
        connection.console.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    };
    const guard =
        (handler: Handler, what: string): Handler =>
        (...args: unknown[]) => {
            try {
                const result = handler(...args);
                return result instanceof Promise
                    ? result.catch(error => {
                          log(error, what);
                          throw error;
                      })
                    : result;
            } catch (error) {
                log(error, what);
                throw error;
            }
        };
    return interceptHandlers(connection, (handler, { label }) => guard(handler, label));
}
