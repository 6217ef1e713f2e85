import DOMPurify from 'dompurify';

/**
 * What Graphviz writes for a Polity diagram, and nothing else: shapes, text,
 * groups (with the ids that map back to declarations) and links without
 * targets. No scripts, styles, animation, filters, images, embedded HTML or
 * `<title>` (the page shows its own tooltips); whatever is not listed goes,
 * with its content.
 */
const ELEMENTS = ['svg', 'g', 'a', 'path', 'polygon', 'polyline', 'ellipse', 'text', '#text'];
const ATTRIBUTES = [
    'id',
    'class',
    'width',
    'height',
    'viewbox',
    'transform',
    'xml:space',
    'd',
    'points',
    'cx',
    'cy',
    'rx',
    'ry',
    'x',
    'y',
    'fill',
    'fill-opacity',
    'stroke',
    'stroke-width',
    'stroke-dasharray',
    'stroke-opacity',
    'text-anchor',
    'font-family',
    'font-size',
    'font-weight',
    'font-style',
    'text-decoration',
    'baseline-shift'
];

/**
 * What the matrix and the timeline (src/diagram/matrix-svg.ts, timeline-svg.ts) add: boxes, lines, and the
 * transfers' arrowhead marker and their labels' halo; `<title>` still goes, the page shows their tooltips itself.
 */
const CHART_ELEMENTS = ['rect', 'line', 'defs', 'marker'];
const CHART_ATTRIBUTES = [
    'x1',
    'y1',
    'x2',
    'y2',
    'refx',
    'refy',
    'markerwidth',
    'markerheight',
    'orient',
    'marker-end',
    // The halo under a transfer's label.
    'paint-order',
    'stroke-linejoin'
];

/** The functions a kept attribute may call: `transform`'s, and `url()` only for a `#fragment` of the picture. */
const TRANSFORMS = new Set(['matrix', 'translate', 'scale', 'rotate', 'skewx', 'skewy']);

const purifier = DOMPurify(window);
purifier.addHook('uponSanitizeAttribute', (_node, data) => {
    if (referencesOutside(data.attrValue)) data.keepAttr = false;
});

/**
 * Whether an attribute value could fetch something: a `url()` to anything
 * but a fragment, any other function, or a backslash (CSS escapes could
 * spell `url(` in a presentation attribute).
 */
function referencesOutside(value: string): boolean {
    if (value.includes('\\')) return true;
    for (const [, name = '', argument = ''] of value.matchAll(/([\w-]*)\s*\(([^)]*)/g)) {
        const lower = name.toLowerCase();
        if (lower === 'url' ? !/^\s*['"]?#/.test(argument) : !TRANSFORMS.has(lower)) return true;
    }
    return false;
}

/**
 * Parses an SVG string into an element of `target`, keeping only drawing
 * (see above; a `chart` the matrix's and timeline's too). Returns undefined
 * when the text is not a well-formed SVG.
 */
export function sanitizeSvg(text: string, target: Document, chart = false): SVGSVGElement | undefined {
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = parsed.documentElement;
    if (
        root.namespaceURI !== 'http://www.w3.org/2000/svg' ||
        root.localName !== 'svg' ||
        parsed.getElementsByTagNameNS('*', 'parsererror').length > 0
    )
        return undefined;
    const [tags, attributes] = chart
        ? [
              [...ELEMENTS, ...CHART_ELEMENTS],
              [...ATTRIBUTES, ...CHART_ATTRIBUTES]
          ]
        : [ELEMENTS, ATTRIBUTES];
    purifier.sanitize(root, {
        ALLOWED_TAGS: tags,
        ALLOWED_ATTR: attributes,
        ALLOW_DATA_ATTR: false,
        ALLOW_ARIA_ATTR: false,
        KEEP_CONTENT: false,
        IN_PLACE: true
    });
    return target.adoptNode(root) as unknown as SVGSVGElement;
}
