import type { Conflict } from '../model/conflicts.js';
import { DATE_FORMS, parseDate, type PDate } from '../model/dates.js';
import type { SemanticModel } from '../model/model.js';
import type { View } from '../model/types.js';
import { buildGraph } from './graph.js';
import type { DiagramGraph } from './graph-types.js';
import { findView, select, viewsOf, type Direction, type Selection } from './select.js';

/** What a caller asks for, as typed: a view name and a date, both optional. */
export interface DiagramQuery {
    view?: string;
    at?: string;
    /** The model the default view and view names refer to; undefined: every model. */
    scope?: string;
    direction?: Direction;
    /** Label in this language where the model has names in it (`--lang`); overrides the view's `labels`. */
    lang?: string;
    today: PDate;
}

/** A view or date that does not exist; the message says what does. */
export class DiagramQueryError extends Error {}

/** The one path from a query to a graph, shared by the CLI and the language server. */
export function graphFor(model: SemanticModel, conflicts: readonly Conflict[], query: DiagramQuery): DiagramGraph {
    return buildGraph(model, selectionFor(model, conflicts, query));
}

/** What the query picks; with `everyDate`, the institutions of every date (for the timeline). */
export function selectionFor(model: SemanticModel, conflicts: readonly Conflict[], query: DiagramQuery, everyDate = false): Selection {
    const view = query.view ? resolveView(model, query.view, query.scope) : undefined;
    const at = query.at ? resolveDate(query.at) : undefined;
    return select(model, {
        view,
        at,
        today: query.today,
        scope: query.scope,
        direction: query.direction,
        lang: query.lang,
        conflicts,
        everyDate
    });
}

export function resolveView(model: SemanticModel, name: string, scope?: string): View {
    const view = findView(model, name, scope);
    if (view) return view;
    const views = viewsOf(model, scope);
    const sameName = views.filter(v => v.name === name);
    if (sameName.length > 1) {
        throw new DiagramQueryError(`view '${name}' is in several models (${sameName.map(v => v.key).join(', ')}): name it with its model`);
    }
    // A name that several models use is listed with its model, so that every listed name works.
    const names = views.map(v => (views.filter(w => w.name === v.name).length > 1 ? v.key : v.name));
    const known = names.length > 0 ? `the views are: ${names.join(', ')}` : 'the model has no views';
    throw new DiagramQueryError(`unknown view '${name}'; ${known}`);
}

export function resolveDate(text: string): PDate {
    const date = parseDate(text);
    if (!date) throw new DiagramQueryError(`'${text}' is not a date: expected ${DATE_FORMS}`);
    return date;
}
