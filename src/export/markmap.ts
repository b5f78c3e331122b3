import { escapeHtml, jsonForScript, scriptForHtml } from "./html-text.js";
import { type MapExportOptions, nodeLink } from "./map-options.js";
import { oneLine } from "./one-line.js";
import type { MapNode } from "./types.js";

/** The JavaScript the page inlines, read from the installed packages by `loadMarkmapAssets`. */
export interface MarkmapAssets {
  /** d3's UMD build, which markmap-view's browser build expects as the global `d3`. */
  d3: string;
  /** markmap-view's browser build (defines the global `markmap`). */
  markmapView: string;
}

/** A node as markmap-view draws it: `content` is HTML, set as innerHTML. */
export interface MarkmapNode {
  content: string;
  children: MarkmapNode[];
  payload?: { fold?: number };
}

/** The id of the element that holds the tree as JSON. */
export const MARKMAP_DATA_ID = "deeplisten-mindmap-data";

/**
 * A mind map as one self-contained HTML page, drawn by markmap (zoom, pan, fold branches) with no
 * network: d3 and markmap-view are inlined. The tree is built here rather than through markmap's
 * Markdown transformer, so titles never pass through a Markdown parser; since markmap sets each
 * node's content as HTML, every title is HTML-escaped, and the tree travels as JSON in a
 * `<script type="application/json">` with `<` escaped, which no transcript text can close.
 */
export function mapToMarkmapHtml(root: MapNode, assets: MarkmapAssets, options: MapExportOptions = {}): string {
  const title = escapeHtml(oneLine(root.title));
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="deeplisten">
<title>${title}</title>
<style>
html, body { margin: 0; padding: 0; height: 100%; }
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; }
#mindmap { display: block; width: 100vw; height: 100vh; }
</style>
</head>
<body>
<svg id="mindmap"></svg>
<script type="application/json" id="${MARKMAP_DATA_ID}">${jsonForScript(markmapTree(root, options))}</script>
<script>${scriptForHtml(assets.d3)}</script>
<script>${scriptForHtml(assets.markmapView)}</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById("${MARKMAP_DATA_ID}").textContent);
  window.mm = window.markmap.Markmap.create("svg#mindmap", { duration: 300 }, data);
})();
</script>
</body>
</html>
`;
}

/** The tree markmap-view draws: each title escaped as HTML, a moment as a link that opens the video. */
export function markmapTree(node: MapNode, options: MapExportOptions = {}): MarkmapNode {
  const text = escapeHtml(oneLine(node.title));
  const link = nodeLink(node, options);
  const content = link ? `<a href="${escapeHtml(link)}" target="_blank" rel="noopener noreferrer">${text}</a>` : text;
  return { content, children: node.children.map((child) => markmapTree(child, options)) };
}
