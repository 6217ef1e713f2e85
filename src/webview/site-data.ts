/**
 * What a view page of the static site holds: the very diagrams the preview
 * shows, one for each year the date slider offers, and where each view's
 * page is. Types only: the build writes it, site-host.ts reads it.
 */
import type { DiagramSuccess, DiagramViewInfo } from '../diagram/protocol.js';

export interface SiteViewData {
    /** The view this page draws; undefined: the whole model. */
    view?: string;
    views: DiagramViewInfo[];
    dates: { min?: string; max?: string };
    /** View name ('' for the whole model) → its page, relative to this one. */
    pages: Record<string, string>;
    /** The diagram shown before the slider is moved: the view's own date, else the model's latest. */
    initial: number;
    /** Year on the slider → index in `diagrams`. */
    years: Record<string, number>;
    /** Each without `views` and `dates` (above, the same for all); `sources` point at the site's pages. */
    diagrams: Omit<DiagramSuccess, 'views' | 'dates'>[];
}

/** The global the data script sets and the host script reads. */
export const SITE_DATA_GLOBAL = 'polityViewData';
