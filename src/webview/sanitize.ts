/** Elements that could run code, load content or embed HTML; Graphviz writes none of them. */
const FORBIDDEN = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'style', 'image', 'use', 'animate', 'set', 'handler', 'listener']);

/**
 * Parses an SVG string into an element of `target`, keeping only drawing:
 * no scripts, no embedded HTML, no event handlers, no links out of the
 * picture. `<title>` goes too; the page shows its own tooltips. Returns
 * undefined when the text is not SVG.
 */
export function sanitizeSvg(text: string, target: Document): SVGSVGElement | undefined {
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = parsed.documentElement;
    if (root.localName !== 'svg' || parsed.getElementsByTagName('parsererror').length > 0) return undefined;
    for (const element of Array.from(root.querySelectorAll('*'))) {
        const name = element.localName.toLowerCase();
        if (FORBIDDEN.has(name) || name === 'title') {
            element.remove();
            continue;
        }
        cleanAttributes(element);
    }
    cleanAttributes(root);
    return target.adoptNode(root) as unknown as SVGSVGElement;
}

function cleanAttributes(element: Element): void {
    for (const attribute of Array.from(element.attributes)) {
        const name = attribute.localName.toLowerCase();
        const linksOut = (name === 'href' || name === 'src') && !attribute.value.trim().startsWith('#');
        if (name.startsWith('on') || linksOut || name === 'style') element.removeAttributeNode(attribute);
    }
}
