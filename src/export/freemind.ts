import { type MapExportOptions, nodeLink } from "./map-options.js";
import { oneLine } from "./one-line.js";
import type { MapNode } from "./types.js";
import { asciiReferences, xmlAttribute, xmlText } from "./xml-text.js";

/**
 * A mind map as a FreeMind `.mm` file (FreeMind 1.0, also read by Freeplane, XMind and MindManager).
 * Written the way FreeMind writes it: no XML declaration, `<map version="1.0.1">`, non-ASCII as
 * numeric references (so no reader can get the encoding wrong), first-level branches alternating
 * right and left. A moment becomes the node's `LINK`; a note becomes a `richcontent` note.
 */
export function mapToFreeMind(root: MapNode, options: MapExportOptions = {}): string {
  const lines = ['<map version="1.0.1">'];
  lines.push(
    "<!-- To view this file, download free mind mapping software FreeMind from https://freemind.sourceforge.io -->",
  );
  let next = 1;
  const walk = (node: MapNode, depth: number, position: "left" | "right" | null) => {
    const attributes = [`ID="ID_${next++}"`, `TEXT="${attr(oneLine(node.title))}"`];
    if (position) attributes.push(`POSITION="${position}"`);
    const link = nodeLink(node, options);
    if (link) attributes.push(`LINK="${attr(link)}"`);
    const hasBody = node.children.length > 0 || Boolean(node.note);
    lines.push(`<node ${attributes.join(" ")}${hasBody ? "" : "/"}>`);
    if (!hasBody) return;
    if (node.note) {
      lines.push(
        '<richcontent TYPE="NOTE"><html><head></head><body>',
        `<p>${asciiReferences(xmlText(node.note)).replace(/\r?\n/g, "<br/>")}</p>`,
        "</body></html></richcontent>",
      );
    }
    node.children.forEach((child, i) => {
      walk(child, depth + 1, depth === 0 ? (i % 2 === 0 ? "right" : "left") : null);
    });
    lines.push("</node>");
  };
  walk(root, 0, null);
  lines.push("</map>");
  return `${lines.join("\n")}\n`;
}

function attr(text: string): string {
  return xmlAttribute(text, { asciiOnly: true });
}
