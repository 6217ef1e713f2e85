/**
 * The preview page's HTML. No imports from `vscode`, so the tests can render
 * the very same page in a plain browser. Scripts run only by nonce and nothing
 * is loaded from outside the extension.
 */
export interface PreviewHtmlOptions {
    /** `webview.cspSource`. */
    cspSource: string;
    scriptUri: string;
    styleUri: string;
    /** VS Code's; a static site (polity build), whose pages cannot keep one secret, runs only its own files instead. */
    nonce?: string;
    /** Scripts that run before the page's own: the static site's data and host (src/webview/site-host.ts). */
    preload?: string[];
}

export function previewHtml({ cspSource, scriptUri, styleUri, nonce, preload = [] }: PreviewHtmlOptions): string {
    const csp = [
        "default-src 'none'",
        `img-src ${cspSource} data:`,
        nonce ? `style-src ${cspSource} 'nonce-${nonce}'` : `style-src ${cspSource}`,
        nonce ? `script-src 'nonce-${nonce}'` : `script-src ${cspSource}`
    ].join('; ');
    const nonceAttr = nonce ? ` nonce="${attr(nonce)}"` : '';
    const script = (uri: string) => `<script${nonceAttr} src="${attr(uri)}"></script>\n`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(styleUri)}"${nonceAttr}>
<title>Polity Preview</title>
</head>
<body>
<header class="toolbar">
  <label>View <select id="view"></select></label>
  <label class="date">Date <input id="date" type="range" step="1"> <output id="date-value" for="date"></output></label>
  <button id="date-reset" type="button" title="Show the view's own date again">Reset date</button>
  <span class="spacer"></span>
  <button id="fit" type="button" title="Fit the diagram to the window">Fit</button>
  <button id="export" type="button" title="Save this diagram as an SVG file">Export SVG</button>
</header>
<div id="notice" role="status" hidden></div>
<main id="viewport" tabindex="0" aria-label="Diagram: drag to pan, wheel to zoom, click an element to go to its declaration">
  <div id="canvas"></div>
  <p id="empty">Waiting for the Polity language server…</p>
</main>
<div id="tooltip" role="tooltip" hidden></div>
${[...preload, scriptUri].map(script).join('')}</body>
</html>
`;
}

function attr(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
