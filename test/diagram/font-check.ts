/**
 * What a browser actually draws a diagram's labels with, and where: shared by
 * the font tests of the preview page and of the built site.
 */
import type { Page } from 'playwright-core';

/** Each label line that runs out of its institution's box, as drawn (empty: all fit). */
export function labelsOutside(page: Page, scope = ''): Promise<string[]> {
    return page.$$eval(`${scope} g.node.institution`, nodes =>
        nodes.flatMap(node => {
            const shape = node.querySelector('path, polygon')!.getBoundingClientRect();
            return [...node.querySelectorAll('text')]
                .filter(text => {
                    const box = text.getBoundingClientRect();
                    return box.left < shape.left || box.right > shape.right || box.top < shape.top || box.bottom > shape.bottom;
                })
                .map(text => {
                    const b = text.getBoundingClientRect();
                    return `${node.id}: "${text.textContent}" at ${[b.left, b.right, b.top, b.bottom].map(Math.round)} in ${[shape.left, shape.right, shape.top, shape.bottom].map(Math.round)}`;
                });
        })
    );
}

/**
 * For each text element the selector finds, its text and the faces Chromium
 * drew its glyphs with (DevTools' "rendered fonts"), a face loaded by the page marked `web:`.
 */
export async function renderedFonts(page: Page, selector: string): Promise<{ text: string; fonts: string[] }[]> {
    const cdp = await page.context().newCDPSession(page);
    try {
        await cdp.send('DOM.enable');
        await cdp.send('CSS.enable');
        const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
        const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
        const result: { text: string; fonts: string[] }[] = [];
        for (const nodeId of nodeIds) {
            const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
            const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
            result.push({
                text: outerHTML.replace(/<[^>]*>/g, ''),
                fonts: fonts.map(f => `${f.isCustomFont ? 'web:' : ''}${f.familyName}`)
            });
        }
        return result;
    } finally {
        await cdp.detach();
    }
}
