/**
 * Checks of request parameters, before any handler sees them: each returns
 * what is wrong, in plain words, or undefined. The client gets the message
 * with the code InvalidParams (see request-gate.ts), never a stack trace from
 * deep inside a feature that trusted its input.
 */

export type ParamsCheck = (params: unknown) => string | undefined;

/** What a request about one document needs besides `textDocument`. */
export interface DocumentRequestShape {
    position?: boolean;
    range?: boolean;
    /** Names of further string properties it needs. */
    strings?: string[];
}

/** A request about one document: `textDocument.uri`, and whatever else `shape` names. */
export function documentParams(shape: DocumentRequestShape = {}): ParamsCheck {
    return params => {
        if (!isObject(params))
            return `expected an object with 'textDocument'${shape.position ? " and 'position'" : ''}${shape.range ? " and 'range'" : ''}, got ${describe(params)}`;
        const textDocument = params.textDocument;
        if (!isObject(textDocument) || typeof textDocument.uri !== 'string') {
            return `'textDocument.uri' must be a string (the document's URI), got ${describe(isObject(textDocument) ? textDocument.uri : textDocument)}`;
        }
        return (
            (shape.position ? position(params.position, 'position') : undefined) ??
            (shape.range ? range(params.range, 'range') : undefined) ??
            shape.strings
                ?.map(name => (typeof params[name] === 'string' ? undefined : `'${name}' must be a string, got ${describe(params[name])}`))
                .find(Boolean)
        );
    };
}

/** An object of string properties: `required` ones and `optional` ones (absent or a string). */
export function stringParams(required: string[], optional: string[] = []): ParamsCheck {
    return params => {
        if (!isObject(params)) return `expected an object with ${required.map(n => `'${n}'`).join(', ')}, got ${describe(params)}`;
        for (const name of required) {
            if (typeof params[name] !== 'string') return `'${name}' must be a string, got ${describe(params[name])}`;
        }
        for (const name of optional) {
            if (params[name] !== undefined && params[name] !== null && typeof params[name] !== 'string') {
                return `'${name}' must be a string when given, got ${describe(params[name])}`;
            }
        }
        return undefined;
    };
}

/** `didChange`: the document, its new version and the changes (whole texts, or ranges and texts). */
export const changeParams: ParamsCheck = params => {
    const document = documentParams()(params);
    if (document) return document;
    const { textDocument, contentChanges } = params as { textDocument: Record<string, unknown>; contentChanges: unknown };
    if (!Number.isInteger(textDocument.version))
        return `'textDocument.version' must be a whole number, got ${describe(textDocument.version)}`;
    if (!Array.isArray(contentChanges)) return `'contentChanges' must be a list, got ${describe(contentChanges)}`;
    for (const [i, change] of contentChanges.entries()) {
        if (!isObject(change) || typeof change.text !== 'string') return `'contentChanges[${i}].text' must be a string`;
        const problem = change.range === undefined ? undefined : range(change.range, `contentChanges[${i}].range`);
        if (problem) return problem;
    }
    return undefined;
};

/** `didChangeWatchedFiles`: a list of {uri, type} with a known type. */
export const fileEventsParams: ParamsCheck = params => {
    const changes = isObject(params) ? params.changes : undefined;
    if (!Array.isArray(changes)) return `'changes' must be a list, got ${describe(changes)}`;
    for (const [i, change] of changes.entries()) {
        if (!isObject(change) || typeof change.uri !== 'string' || ![1, 2, 3].includes(change.type as number)) {
            return `'changes[${i}]' must be {uri, type} with type 1 (created), 2 (changed) or 3 (deleted)`;
        }
    }
    return undefined;
};

function position(value: unknown, name: string): string | undefined {
    if (!isObject(value)) return `'${name}' must be an object {line, character}, got ${describe(value)}`;
    for (const key of ['line', 'character']) {
        const n = value[key];
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
            return `'${name}.${key}' must be a whole number of 0 or more, got ${describe(n)}`;
    }
    return undefined;
}

function range(value: unknown, name: string): string | undefined {
    if (!isObject(value)) return `'${name}' must be an object {start, end}, got ${describe(value)}`;
    return position(value.start, `${name}.start`) ?? position(value.end, `${name}.end`);
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
    if (value === undefined) return 'nothing';
    if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    if (Array.isArray(value)) return 'a list';
    if (value === null || typeof value !== 'object') return String(value);
    return 'an object';
}
