import { strToU8, zipSync } from "fflate";
import { type MapExportOptions, nodeLink } from "./map-options.js";
import { oneLine } from "./one-line.js";
import type { MapNode } from "./types.js";
import { xmlChars } from "./xml-text.js";

/** A topic of XMind's JSON format (XMind 2020 and later, "Zen"). */
export interface XMindTopic {
  id: string;
  class: "topic";
  title: string;
  structureClass?: string;
  href?: string;
  notes?: { plain: { content: string } };
  children?: { attached: XMindTopic[] };
}

/** A sheet of `content.json`: one mind map. */
export interface XMindSheet {
  id: string;
  class: "sheet";
  title: string;
  rootTopic: XMindTopic;
  topicPositioning: "fixed";
}

/** The generator named in `metadata.json`. */
const CREATOR = { name: "deeplisten", version: "0.1.0" };

/**
 * A mind map as an `.xmind` file: a zip holding `content.json` (the sheets), `manifest.json` (the
 * entries) and `metadata.json`, the layout XMind writes since 2020. A moment becomes the topic's
 * `href`; ids follow the tree's order, so the same map gives the same file.
 */
export function mapToXMind(root: MapNode, options: MapExportOptions = {}): Uint8Array {
  const sheet = xmindSheet(root, options);
  const files = {
    "content.json": strToU8(JSON.stringify([sheet])),
    "metadata.json": strToU8(
      JSON.stringify({
        creator: CREATOR,
        activeSheetId: sheet.id,
        dataStructureVersion: "2",
        layoutEngineVersion: "3",
      }),
    ),
    "manifest.json": strToU8(JSON.stringify({ "file-entries": { "content.json": {}, "metadata.json": {} } })),
  };
  // A fixed timestamp keeps the bytes a function of the map alone (zip stores a modification time).
  const mtime = options.createdAt ? new Date(options.createdAt) : new Date(Date.UTC(2020, 0, 1));
  return zipSync(files, { level: 6, mtime: Number.isNaN(mtime.getTime()) ? new Date(Date.UTC(2020, 0, 1)) : mtime });
}

/** The sheet that `content.json` holds, for callers that want the JSON without the zip. */
export function xmindSheet(root: MapNode, options: MapExportOptions = {}): XMindSheet {
  let next = 0;
  const topic = (node: MapNode): XMindTopic => {
    const t: XMindTopic = { id: `topic-${next++}`, class: "topic", title: plain(node.title) };
    const link = nodeLink(node, options);
    if (link) t.href = link;
    if (node.note) t.notes = { plain: { content: xmlChars(node.note) } };
    if (node.children.length > 0) t.children = { attached: node.children.map(topic) };
    return t;
  };
  const rootTopic = { ...topic(root), structureClass: "org.xmind.ui.map.unbalanced" };
  return { id: "sheet-1", class: "sheet", title: plain(root.title), rootTopic, topicPositioning: "fixed" };
}

/** Titles are plain text in XMind; drop what no text field should carry (XMind also writes XML). */
function plain(title: string): string {
  return oneLine(xmlChars(title)) || "untitled";
}
