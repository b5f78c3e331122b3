import type { MindElixirData, NodeObj, TagObj } from "mind-elixir";
import type { MapNodeJson, MapNodeLinkJson, MapTreeJson } from "../../../../src/server/contract/index.js";
import { formatTime } from "../../format.js";

/**
 * A node's links (concept, moment) live in `metadata.deeplisten`; on screen they show as small
 * markers, which are the editor's tags. The markers are made from the links when the map opens
 * and when a link changes, and are left out of what is saved: the links are the data.
 */

/** Class names of the markers (also how a click on one is recognised). */
export const MOMENT_CLASS = "dl-moment";
const MOMENT_MARKER = `dl-marker ${MOMENT_CLASS}`;
const CONCEPT_MARKER = "dl-marker dl-concept";

/** The link of a node of the editor, or an empty one. */
export function linkOf(node: { metadata?: unknown }): MapNodeLinkJson {
  const metadata = node.metadata as { deeplisten?: MapNodeLinkJson } | undefined;
  return metadata?.deeplisten ?? {};
}

/** A node's metadata with its link replaced (other metadata kept); empty links are dropped. */
export function withLink(node: { metadata?: unknown }, link: MapNodeLinkJson): Record<string, unknown> {
  const clean: MapNodeLinkJson = {};
  for (const [key, value] of Object.entries(link)) {
    if (value !== undefined) (clean as Record<string, unknown>)[key] = value;
  }
  const metadata = { ...((node.metadata as Record<string, unknown> | undefined) ?? {}) };
  if (Object.keys(clean).length > 0) metadata.deeplisten = clean;
  else delete metadata.deeplisten;
  return metadata;
}

/** The markers a node shows for its links: ▶ and the time for a moment, ◆ for a concept. */
export function markersFor(node: { topic: string; metadata?: unknown }): TagObj[] {
  const link = linkOf(node);
  const tags: TagObj[] = [];
  if (link.startMs !== undefined) {
    // The draft's quote nodes already start with their timecode: the marker need not repeat it.
    const timed = /^\d{1,2}:\d{2}(:\d{2})?\s/.test(node.topic);
    tags.push({ text: timed ? "▶" : `▶ ${formatTime(link.startMs)}`, className: MOMENT_MARKER });
  }
  if (link.conceptKey) tags.push({ text: "◆", className: CONCEPT_MARKER });
  return tags;
}

/** A node's tags after its link changed: the learner's own tags kept, the markers made anew. */
export function tagsWithMarkers(node: NodeObj, metadata: Record<string, unknown>): TagObj[] | undefined {
  const own = (node.tags ?? []).filter((t) => !isMarker(t)) as TagObj[];
  const tags = [...own, ...markersFor({ topic: node.topic, metadata })];
  return tags.length > 0 ? tags : undefined;
}

/** The stored map with markers on every linked node, ready for the editor. */
export function decorate(tree: MapTreeJson): MindElixirData {
  const copy = structuredClone(tree) as unknown as MindElixirData;
  walk(copy.nodeData, (node) => {
    const markers = markersFor(node);
    const own = (node.tags ?? []).filter((t) => !isMarker(t));
    const tags = [...own, ...markers];
    if (tags.length > 0) node.tags = tags;
    else delete node.tags;
  });
  return copy;
}

/** What the editor holds, as the map to save: no theme, no parent links, no markers. */
export function forSaving(data: MindElixirData): MapTreeJson {
  const nodeData = JSON.parse(
    JSON.stringify(data.nodeData, (key, value) => (key === "parent" ? undefined : value)),
  ) as NodeObj;
  walk(nodeData, (node) => {
    const own = (node.tags ?? []).filter((t) => !isMarker(t));
    if (own.length > 0) node.tags = own;
    else delete node.tags;
  });
  const tree: MapTreeJson = { nodeData: nodeData as unknown as MapNodeJson };
  if (data.arrows?.length) tree.arrows = data.arrows;
  if (data.summaries?.length) tree.summaries = data.summaries;
  if (data.direction === 0 || data.direction === 1 || data.direction === 2) tree.direction = data.direction;
  return tree;
}

/** Every node of a tree, parents first, without recursion. */
export function walk(root: NodeObj, visit: (node: NodeObj) => void): void {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as NodeObj;
    visit(node);
    for (const child of node.children ?? []) stack.push(child);
  }
}

function isMarker(tag: string | TagObj): boolean {
  return typeof tag !== "string" && (tag.className ?? "").startsWith("dl-marker");
}
