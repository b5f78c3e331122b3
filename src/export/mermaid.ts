import { oneLine } from "./one-line.js";
import type { MapNode } from "./types.js";

/**
 * A mind map in Mermaid's `mindmap` syntax, which GitHub, Obsidian and many Markdown tools render:
 *
 * ```
 * mindmap
 *   n0(("Episode"))
 *     n1["Chapter"]
 * ```
 *
 * Indentation carries the tree. Every label is a quoted string (the only form in which brackets
 * and parentheses are not shapes) with Mermaid's `#code;` entity codes for what a quoted string
 * cannot hold or Mermaid would interpret.
 */
export function mapToMermaid(root: MapNode): string {
  const lines = ["mindmap"];
  let next = 0;
  const walk = (node: MapNode, depth: number) => {
    const id = `n${next++}`;
    const label = mermaidLabel(node.title);
    const indent = "  ".repeat(depth + 1);
    lines.push(depth === 0 ? `${indent}${id}(("${label}"))` : `${indent}${id}["${label}"]`);
    for (const child of node.children) walk(child, depth + 1);
  };
  walk(root, 0);
  return `${lines.join("\n")}\n`;
}

/**
 * A title as the inside of a Mermaid quoted label:
 * - `"` would end the string; a backtick right after the opening quote starts a Markdown string;
 * - `#` could start an entity code of its own (`#quot;` in a transcript must stay text);
 * - `<`, `>` and `&` would reach the SVG as markup (Mermaid sanitises, but the text must show as typed);
 * - `%%` can start a comment or a directive in Mermaid's preprocessing;
 * - a line with `style`/`classDef`, a colon and a `#...;` loses its last `;` in Mermaid's entity
 *   pass, which would break our own entity codes: on such lines colons are encoded too.
 * Line breaks become spaces: one node is one line.
 */
export function mermaidLabel(title: string): string {
  const text = oneLine(title) || "untitled";
  let label = text.replace(/[#"`<>&%]/g, (ch) => `#${ch.charCodeAt(0)};`);
  if (/style|classDef/.test(label)) label = label.replace(/:/g, "#58;");
  return label;
}
