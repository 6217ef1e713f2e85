import { ResponseError } from 'vscode-languageserver';
import type { Connection } from 'vscode-languageserver';

/**
 * The connection, with every handler the server registers on it (`onHover`,
 * `languages.semanticTokens.on`, `onRequest`, …) wrapped so that an
 * exception is logged to the client's output before it becomes the error
 * answer to that one request. Without this, vscode-jsonrpc answers with the
 * error but logs nothing, and a bug in one feature goes unseen.
 */
export function withErrorLog(connection: Connection): Connection {
    const proxies = new WeakMap<object, object>();
    const log = (error: unknown, what: string) => {
        // Errors the server means to send (cancellation, "content modified") are answers, not bugs.
        if (error instanceof ResponseError) return;
        connection.console.error(`${what} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    };
    const guard = (handler: (...args: unknown[]) => unknown, what: string) => (...args: unknown[]) => {
        try {
            const result = handler(...args);
            return result instanceof Promise ? result.catch(error => { log(error, what); throw error; }) : result;
        } catch (error) {
            log(error, what);
            throw error;
        }
    };
    const wrap = <T extends object>(target: T, path: string): T => {
        const known = proxies.get(target);
        if (known) return known as T;
        const proxy = new Proxy(target, {
            get(object, property) {
                const value: unknown = Reflect.get(object, property);
                if (typeof property !== 'string') return value;
                if (typeof value === 'function') {
                    if (!/^on([A-Z]|$)/.test(property)) return value.bind(object);
                    return (...args: unknown[]) => {
                        const label = typeof args[0] === 'string' ? args[0] : (args[0] as { method?: string } | undefined)?.method ?? `${path}${property}`;
                        return value.apply(object, args.map(arg => (typeof arg === 'function' ? guard(arg as (...a: unknown[]) => unknown, label) : arg)));
                    };
                }
                return value !== null && typeof value === 'object' ? wrap(value, `${path}${property}.`) : value;
            }
        });
        proxies.set(target, proxy);
        return proxy;
    };
    return wrap(connection, '');
}
