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
    /** The faces labels are drawn in (dist/fonts.css, written by esbuild.mjs), from the same place as the stylesheet. */
    fontsUri: string;
    /** VS Code's; a static site (polity build), whose pages cannot keep one secret, runs only its own files instead. */
    nonce?: string;
    /** Scripts that run before the page's own: the static site's data and host (src/webview/site-host.ts). */
    preload?: string[];
}

export function previewHtml({ cspSource, scriptUri, styleUri, fontsUri, nonce, preload = [] }: PreviewHtmlOptions): string {
    const csp = [
        "default-src 'none'",
        `img-src ${cspSource} data:`,
        `font-src ${cspSource}`,
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
<link rel="stylesheet" href="${attr(fontsUri)}"${nonceAttr}>
<link rel="stylesheet" href="${attr(styleUri)}"${nonceAttr}>
<title>Polity Preview</title>
</head>
<body>
<header class="toolbar">
  <div class="tabs" role="tablist" aria-label="Picture">
    <button id="tab-diagram" type="button" role="tab" aria-selected="true" aria-controls="viewport" title="The institutions and their relations">Diagram</button>
    <button id="tab-matrix" type="button" role="tab" aria-selected="false" aria-controls="matrix-panel" title="Institutions × mandates at the date" disabled>Matrix</button>
    <button id="tab-timeline" type="button" role="tab" aria-selected="false" aria-controls="timeline-panel" title="Lifetimes and competences across the years" disabled>Timeline</button>
  </div>
  <select id="view" class="view" aria-label="View"></select>
  <label class="date" title="The date shown: slide to replay the model"><input id="date" type="range" step="1" aria-label="Date"> <output id="date-value" for="date"></output></label>
  <input id="search" class="diagram-only" type="search" placeholder="Find" aria-label="Find an institution by name, title or former name" spellcheck="false">
  <output id="search-count" class="diagram-only" for="search" aria-live="polite"></output>
  <button id="focus-leave" class="diagram-only" type="button" title="Show everything again (Escape)" hidden>Leave focus</button>
  <span id="zoom" class="zoom diagram-only" role="group" aria-label="Zoom">
    <button id="zoom-out" type="button" title="Zoom out (−)" aria-label="Zoom out">−</button>
    <button id="zoom-reset" type="button" title="Actual size (0)">100 %</button>
    <button id="zoom-in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button>
    <button id="fit" type="button" title="Fit the whole diagram to the window">Fit</button>
  </span>
  <button id="more" type="button" title="More actions" aria-label="More actions" aria-haspopup="menu" aria-expanded="false" aria-controls="menu">⋯</button>
  <div id="menu" class="menu" role="menu" aria-label="More actions" hidden>
    <button id="date-reset" type="button" role="menuitem" title="Show the view's own date again">Reset the date</button>
    <label class="diagram-only" title="Click an institution to focus on it; Escape leaves">Focus <select id="focus">
      <option value="neighbours:1">1 step</option><option value="neighbours:2">2 steps</option><option value="neighbours:3">3 steps</option>
      <option value="neighbours:Infinity">all linked</option><option value="upstream:Infinity">up the hierarchy</option><option value="downstream:Infinity">down the hierarchy</option>
    </select></label>
    <button id="export" class="diagram-only" type="button" role="menuitem" title="Save this diagram as an SVG file">Export SVG…</button>
    <button id="export-png" type="button" role="menuitem" title="Save the picture shown as a PNG image">Export PNG…</button>
  </div>
</header>
<div id="notice" role="status" hidden></div>
<main id="viewport" tabindex="0" role="tabpanel" aria-labelledby="tab-diagram" aria-label="Diagram: drag to pan, wheel or +/− to zoom, click an institution to focus on it and go to its declaration">
  <div id="canvas"></div>
  <p id="empty">Waiting for the Polity language server…</p>
  <div id="caption" hidden></div>
  <aside id="legend-panel" aria-label="Legend" hidden></aside>
</main>
<section id="matrix-panel" class="chart" role="tabpanel" aria-labelledby="tab-matrix" hidden>
  <p class="chart-controls"><label>Mandates <select id="matrix-subtree"></select></label>
  <label>Sort <select id="matrix-sort"></select></label>
  <span class="key"><span class="key-conflict">conflict or contest</span> <span class="key-dispute">recorded dispute</span></span></p>
  <div id="matrix-canvas" class="chart-canvas" aria-label="Click a cell to go to its claim, a mandate to sort by it"></div>
</section>
<section id="timeline-panel" class="chart" role="tabpanel" aria-labelledby="tab-timeline" hidden>
  <div id="timeline-canvas" class="chart-canvas" aria-label="Click a bar to go to its claim"></div>
</section>
<div id="tooltip" role="tooltip" hidden></div>
${[...preload, scriptUri].map(script).join('')}</body>
</html>
`;
}

function attr(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
