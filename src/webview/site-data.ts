/**
 * What a view page of the static site holds: for each year the date slider
 * offers, the picture the preview shows, and where each view's page is.
 * Pictures are files of their own, named by their content and loaded when
 * the slider reaches them: most years look like the year before, so a
 * picture is written once for all the years (and views) that show it.
 * Types only: the build writes them, site-host.ts reads them.
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
    diagrams: SiteDiagram[];
}

/** One date's diagram: its picture, and what differs from the other dates that share it. */
export interface SiteDiagram extends Pick<DiagramSuccess, 'title' | 'at' | 'direction'> {
    /** The picture's script, relative to the page. */
    picture: string;
    /** The SVG's own text that the picture's `svg` pieces are joined by: its "as of" date line. */
    dateLine: string;
}

/** A picture's script sets `window[SITE_PICTURES_GLOBAL][its file name]` to the SitePicture's JSON, deflated (zlib) and in base64. */
export interface SitePicture extends Omit<DiagramSuccess, 'views' | 'dates' | 'title' | 'at' | 'direction' | 'svg'> {
    /** The SVG cut at its date line, so that dates which look alike share the picture. */
    svg: string[];
}

/** The global the data script sets and the host script reads. */
export const SITE_DATA_GLOBAL = 'polityViewData';
/** The global the picture scripts fill. */
export const SITE_PICTURES_GLOBAL = 'polityPictures';
