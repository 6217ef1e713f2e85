import type { Connection } from 'vscode-languageserver';

export type Handler = (...args: unknown[]) => unknown;

/** Where a handler is registered: the registering method's path (`onHover`, `languages.semanticTokens.on`) and a label (the request's method when given). */
export interface Registration {
    path: string;
    label: string;
}

/**
 * The connection, with every handler the server registers on it (`onHover`,
 * `languages.semanticTokens.on`, `onRequest`, …) replaced by what `intercept`
 * makes of it, so that one concern (logging, parameter checks) applies to
 * every request without touching each feature.
 */
export function interceptHandlers(
    connection: Connection,
    intercept: (handler: Handler, registration: Registration) => Handler
): Connection {
    const proxies = new WeakMap<object, object>();
    const wrap = <T extends object>(target: T, prefix: string): T => {
        const known = proxies.get(target);
        if (known) return known as T;
        const proxy = new Proxy(target, {
            get(object, property) {
                const value: unknown = Reflect.get(object, property);
                if (typeof property !== 'string') return value;
                if (typeof value === 'function') {
                    if (!/^on([A-Z]|$)/.test(property)) return value.bind(object);
                    const path = `${prefix}${property}`;
                    return (...args: unknown[]) => {
                        const label =
                            typeof args[0] === 'string' ? args[0] : ((args[0] as { method?: string } | undefined)?.method ?? path);
                        return value.apply(
                            object,
                            args.map(arg => (typeof arg === 'function' ? intercept(arg as Handler, { path, label }) : arg))
                        );
                    };
                }
                return value !== null && typeof value === 'object' ? wrap(value, `${prefix}${property}.`) : value;
            }
        });
        proxies.set(target, proxy);
        return proxy;
    };
    return wrap(connection, '');
}
