/**
 * The picture shown, as a PNG drawn by the page's own canvas: the extension's
 * bundle cannot carry resvg's native binary. The SVG goes into an image as a
 * data: URL (the CSP's img-src allows them), where it loads nothing and runs
 * nothing, and is drawn on white at twice the size the page shows it at 100 %.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
export const PNG_SCALE = 2;
/** Chromium's canvas stops at 16,384 px a side; the area bound keeps the export's memory to about 128 MB. */
const MAX_SIDE = 16_384;
const MAX_AREA = 32_000_000;

export interface Png {
    data: string;
    width: number;
    height: number;
}

/** What the page shows of `svg` (elements hidden by the page's toggles left out) in its own colours, drawn as a PNG; base64. */
export async function svgToPng(svg: SVGSVGElement): Promise<Png> {
    const copy = svg.cloneNode(true) as SVGSVGElement;
    for (const hidden of copy.querySelectorAll('.kind-hidden')) hidden.remove();
    // The page's inline colours suit the theme's background (contrast.ts); the PNG is on white, in the picture's own.
    // The root's is the size the page fits it to (timeline-fit.ts): the PNG has the picture's own.
    for (const styled of [copy, ...copy.querySelectorAll('[style]')]) styled.removeAttribute('style');
    copy.setAttribute('xmlns', SVG_NS);
    const text = new XMLSerializer().serializeToString(copy);
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    await image.decode();
    // The SVG's own size (Graphviz's points, 4/3 px each) rather than the image's, which is whole pixels.
    const [width, height] = [svg.width.baseVal.value || image.naturalWidth, svg.height.baseVal.value || image.naturalHeight];
    if (!(width > 0 && height > 0)) throw new Error('the picture has no size');
    const scale = Math.min(PNG_SCALE, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('the page cannot draw on a canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const url = canvas.toDataURL('image/png');
    return { data: url.slice(url.indexOf(',') + 1), width: canvas.width, height: canvas.height };
}
