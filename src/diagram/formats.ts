/** The diagram formats, apart from the code that writes them: the CLI lists them in --help without loading Graphviz. */
export const FORMATS = ['svg', 'dot', 'mermaid', 'json'] as const;
export type DiagramFormat = (typeof FORMATS)[number];

/** The pictures Polity lays out itself, from the semantic model rather than through Graphviz. */
export const CHART_FORMATS = ['matrix-html', 'matrix-svg', 'timeline-svg'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

export const CHART_EXTENSIONS: Record<ChartFormat, string> = { 'matrix-html': '.html', 'matrix-svg': '.svg', 'timeline-svg': '.svg' };

export function isChartFormat(format: string): format is ChartFormat {
    return (CHART_FORMATS as readonly string[]).includes(format);
}

/** Images drawn from the SVG (src/publish/raster.ts). */
export const IMAGE_FORMATS = ['png', 'pdf'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];
export const IMAGE_EXTENSIONS: Record<ImageFormat, string> = { png: '.png', pdf: '.pdf' };

export function isImageFormat(format: string): format is ImageFormat {
    return (IMAGE_FORMATS as readonly string[]).includes(format);
}

/** Every format `polity diagram --format` takes. */
export const CLI_FORMATS = [...FORMATS, ...CHART_FORMATS, ...IMAGE_FORMATS] as const;
export type CliFormat = (typeof CLI_FORMATS)[number];
