import { oneLine } from "./one-line.js";
import type { MapNode } from "./types.js";

/**
 * A mind map as a tree of box-drawing lines, for a terminal, a code block or a plain-text post:
 *
 * ```
 * Episode
 * ├── Chapter
 * │   └── Concept
 * └── Chapter
 * ```
 */
export function mapToAscii(root: MapNode): string {
  const lines = [asciiTitle(root.title)];
  const walk = (node: MapNode, prefix: string) => {
    node.children.forEach((child, i) => {
      const last = i === node.children.length - 1;
      lines.push(`${prefix}${last ? "└── " : "├── "}${asciiTitle(child.title)}`);
      walk(child, `${prefix}${last ? "    " : "│   "}`);
    });
  };
  walk(root, "");
  return `${lines.join("\n")}\n`;
}

/** One line: a line break or a control character would break the drawing. */
function asciiTitle(title: string): string {
  return oneLine(title) || "(untitled)";
}
