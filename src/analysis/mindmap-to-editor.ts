import type { MindMapNode } from "./types.js";

/**
 * The learner's mind map as the web editor (mind-elixir) stores it, and the conversions to and from
 * the analysis' draft. The editor's tree is kept as the editor gives it (so styles, folds and
 * arrows survive a save); deeplisten's own data on a node sits in `metadata.deeplisten`.
 */

/** What a node of the learner's map points to: a concept of the library, a moment, or both. */
export interface EditorNodeLink {
  /** What the node was in the draft (the learner's own nodes have none). */
  kind?: MindMapNode["kind"];
  /** The library concept the node stands for. */
  conceptKey?: string;
  /** A moment of the episode, on the transcript's timeline. */
  startMs?: number;
  segmentId?: number;
}

/** One node of the editor's tree (mind-elixir's NodeObj: other fields are the editor's own). */
export interface EditorNode {
  id: string;
  topic: string;
  children?: EditorNode[];
  expanded?: boolean;
  /** The learner's note on the node. */
  note?: string;
  metadata?: { deeplisten?: EditorNodeLink; [other: string]: unknown };
  [editorField: string]: unknown;
}

/** The whole map as the editor stores it: mind-elixir's data without its theme. */
export interface EditorMap {
  nodeData: EditorNode;
  arrows?: unknown[];
  summaries?: unknown[];
  /** mind-elixir's layout: 0 left, 1 right, 2 both sides. */
  direction?: 0 | 1 | 2;
}

/** A node of the learner's map in the exporters' terms (the shape of `MapNode` in src/export). */
export interface LearnerMapNode {
  id: string;
  title: string;
  kind?: string;
  startMs?: number;
  conceptKey?: string;
  note?: string;
  children: LearnerMapNode[];
}

/** Both sides: a draft with a handful of chapters reads better spread around the title. */
const SIDE = 2;

/**
 * The most nodes a draft opens with unfolded: about what reads on one screen at the editor's
 * smallest readable zoom. #490's 26 chapters with their concepts are ~150 nodes: a wall of text.
 */
const MAX_OPEN_NODES = 60;

/**
 * The analysis' draft as a map the editor opens: same tree, same titles, each node's concept and
 * moment kept as its link. Concept branches start folded, so the chapters and concepts show first
 * and the defining quotes one click away; when the chapters and their concepts together are more
 * than a screen holds, the chapters start folded too, so the episode's outline shows first.
 */
export function draftToEditorMap(draft: MindMapNode): EditorMap {
  const ids = new Set<string>();
  const convert = (node: MindMapNode, depth: number): EditorNode => {
    const link: EditorNodeLink = { kind: node.kind };
    if (node.conceptKey !== undefined) link.conceptKey = node.conceptKey;
    if (node.startMs !== undefined) link.startMs = node.startMs;
    if (node.segmentId !== undefined) link.segmentId = node.segmentId;
    const out: EditorNode = {
      id: uniqueId(node.id, ids),
      topic: node.title,
      metadata: { deeplisten: link },
      children: node.children.map((c) => convert(c, depth + 1)),
    };
    if (node.kind === "concept" && node.children.length > 0 && depth > 0) out.expanded = false;
    return out;
  };
  const root = convert(draft, 0);
  const branches = root.children ?? [];
  const open = branches.reduce((n, b) => n + 1 + (b.children?.length ?? 0), 0);
  if (open > MAX_OPEN_NODES) {
    for (const branch of branches) if (branch.children?.length) branch.expanded = false;
  }
  return { nodeData: root, direction: SIDE };
}

/** A map with the episode's title alone, for an episode that was never analysed. */
export function emptyEditorMap(title: string): EditorMap {
  return { nodeData: { id: "episode", topic: title, metadata: { deeplisten: { kind: "episode" } }, children: [] } };
}

/**
 * The learner's stored map as the exporters' tree: topics become titles, links become the
 * node's moment and concept. Null when the stored value is not a map (the editor's own fields are
 * ignored). Reads iteratively, so a deep tree cannot overflow the stack.
 */
export function editorMapToMapNode(tree: unknown): LearnerMapNode | null {
  const rootData = isRecord(tree) ? tree.nodeData : undefined;
  if (!isRecord(rootData)) return null;
  const root = toMapNode(rootData);
  const stack: { source: Record<string, unknown>; target: LearnerMapNode }[] = [{ source: rootData, target: root }];
  while (stack.length > 0) {
    const { source, target } = stack.pop() as (typeof stack)[number];
    const children = Array.isArray(source.children) ? source.children.filter(isRecord) : [];
    for (const child of children) {
      const node = toMapNode(child);
      target.children.push(node);
      stack.push({ source: child, target: node });
    }
  }
  return root;
}

function toMapNode(source: Record<string, unknown>): LearnerMapNode {
  const node: LearnerMapNode = {
    id: typeof source.id === "string" ? source.id : "",
    title: typeof source.topic === "string" ? source.topic : "",
    children: [],
  };
  const link = isRecord(source.metadata) && isRecord(source.metadata.deeplisten) ? source.metadata.deeplisten : {};
  if (typeof link.kind === "string") node.kind = link.kind;
  if (typeof link.startMs === "number" && Number.isFinite(link.startMs)) node.startMs = link.startMs;
  if (typeof link.conceptKey === "string") node.conceptKey = link.conceptKey;
  if (typeof source.note === "string" && source.note.trim()) node.note = source.note;
  return node;
}

/**
 * The editor finds nodes by id inside an attribute selector, and exports keep ids: plain
 * characters only, and never twice.
 */
function uniqueId(id: string, taken: Set<string>): string {
  const base = id.replace(/[^A-Za-z0-9_-]/g, "_") || "node";
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
  taken.add(candidate);
  return candidate;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
