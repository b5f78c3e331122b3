import { type MapExportOptions, nodeLink } from "./map-options.js";
import { oneLine } from "./one-line.js";
import type { MapNode } from "./types.js";
import { xmlAttribute, xmlText } from "./xml-text.js";

/**
 * A mind map as OPML 2.0, the outline format that outliners and mind-map tools (XMind, MindNode,
 * Workflowy, OmniOutliner) import. The root is the one top-level outline, so the tree comes back
 * whole; a node with a moment is a `type="link"` outline whose `url` plays it; notes go in `_note`.
 */
export function mapToOpml(root: MapNode, options: MapExportOptions = {}): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    "  <head>",
    `    <title>${xmlText(oneLine(root.title))}</title>`,
  ];
  if (options.createdAt) lines.push(`    <dateCreated>${xmlText(rfc822(options.createdAt))}</dateCreated>`);
  lines.push("  </head>", "  <body>");
  const walk = (node: MapNode, depth: number) => {
    const indent = "  ".repeat(depth + 2);
    const link = nodeLink(node, options);
    const attributes = [`text="${xmlAttribute(oneLine(node.title))}"`];
    if (link) attributes.push('type="link"', `url="${xmlAttribute(link)}"`);
    if (node.note) attributes.push(`_note="${xmlAttribute(node.note)}"`);
    if (node.children.length === 0) {
      lines.push(`${indent}<outline ${attributes.join(" ")}/>`);
      return;
    }
    lines.push(`${indent}<outline ${attributes.join(" ")}>`);
    for (const child of node.children) walk(child, depth + 1);
    lines.push(`${indent}</outline>`);
  };
  walk(root, 0);
  lines.push("  </body>", "</opml>");
  return `${lines.join("\n")}\n`;
}

/** OPML dates are RFC 822 dates, which `toUTCString` writes. */
function rfc822(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toUTCString();
}
