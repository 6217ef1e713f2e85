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
    nonce: string;
}

export function previewHtml({ cspSource, scriptUri, styleUri, nonce }: PreviewHtmlOptions): string {
    const csp = [
        "default-src 'none'",
        `img-src ${cspSource} data:`,
        `style-src ${cspSource} 'nonce-${nonce}'`,
        `script-src 'nonce-${nonce}'`
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(styleUri)}" nonce="${attr(nonce)}">
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
<script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>
`;
}

function attr(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
