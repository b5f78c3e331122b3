import { type Context, Hono } from "hono";
import { z } from "zod";
import { draftToEditorMap, emptyEditorMap } from "../../analysis/mindmap-to-editor.js";
import {
  getEpisode,
  getEpisodeConcepts,
  getLearnerMap,
  getMindMapDraft,
  StaleMapError,
  saveLearnerMap,
} from "../../store/index.js";
import {
  MAP_MAX_BYTES,
  type MapResponse,
  type MapTreeJson,
  type SaveMapResponse,
  type StaleMapResponse,
} from "../contract/index.js";
import type { RouteDeps } from "../route-deps.js";

/** Limits that keep a map something the editor and the exporters can open. */
const MAX_NODES = 20_000;
const MAX_DEPTH = 200;
const MAX_TOPIC = 5_000;

const Link = z.object({
  kind: z.enum(["episode", "chapter", "concept", "moment"]).optional(),
  conceptKey: z.string().min(1).max(500).optional(),
  startMs: z.number().int().min(0).optional(),
  segmentId: z.number().int().optional(),
});

/** One node, checked on its own: the tree's shape (depth, size, ids) is walked separately. */
const Node = z.looseObject({
  id: z.string().min(1).max(200),
  topic: z.string().max(MAX_TOPIC, `a node's text must be at most ${MAX_TOPIC} characters`),
  children: z.array(z.unknown()).optional(),
  expanded: z.boolean().optional(),
  note: z.string().max(50_000).optional(),
  metadata: z.looseObject({ deeplisten: Link.optional() }).optional(),
});

const Body = z.object({
  tree: z.looseObject({
    nodeData: z.unknown(),
    arrows: z.array(z.unknown()).optional(),
    summaries: z.array(z.unknown()).optional(),
    direction: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  }),
  baseRevision: z.number().int().min(0),
});

/**
 * `/api/episodes/:id/map`: the learner's own mind map. GET gives the saved map (or null), the
 * analysis' draft in the editor's form and the concepts a node can link to; PUT saves an edit made
 * from `baseRevision` and answers 409 when another tab saved since, changing nothing.
 */
export function mapRoutes({ store }: RouteDeps): Hono {
  const app = new Hono();

  app.get("/:id/map", (c) => {
    const id = c.req.param("id");
    const episode = getEpisode(store, id);
    if (!episode) return c.json({ error: `no episode ${id}` }, 404);
    const saved = getLearnerMap(store, id);
    const draft = getMindMapDraft(store, id);
    const body: MapResponse = {
      map: saved ? { tree: saved.tree as MapTreeJson, revision: saved.revision, updatedAt: saved.updatedAt } : null,
      draft: draft ? draftToEditorMap(draft) : emptyEditorMap(episode.title),
      analysed: draft !== null,
      concepts: getEpisodeConcepts(store, id).map(({ id: conceptId, key, name }) => ({ id: conceptId, key, name })),
    };
    return c.json(body);
  });

  app.put("/:id/map", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const read = await readMapBody(c);
    if (!read.ok) return c.json({ error: `the map was not saved: it ${read.error}` }, read.status);
    try {
      const saved = saveLearnerMap(store, id, read.tree, read.baseRevision);
      const body: SaveMapResponse = saved;
      return c.json(body);
    } catch (error) {
      if (!(error instanceof StaleMapError)) throw error;
      const body: StaleMapResponse = {
        error: "This map was changed in another tab or window since you opened it. Reload to see the newer map.",
        revision: error.current,
      };
      return c.json(body, 409);
    }
  });

  return app;
}

type ReadResult =
  | { ok: true; tree: MapTreeJson; baseRevision: number }
  | { ok: false; status: 400 | 413; error: string };

/** Reads and checks a PUT body: size first (before parsing), then the shape, then the tree. */
async function readMapBody(c: Context): Promise<ReadResult> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAP_MAX_BYTES) return { ok: false, status: 413, error: tooLarge() };
  const text = await c.req.text();
  if (Buffer.byteLength(text, "utf8") > MAP_MAX_BYTES) return { ok: false, status: 413, error: tooLarge() };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, error: "must be sent as a JSON object" };
  }
  const parsed = Body.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, error: describeIssue(parsed.error) };
  const treeError = checkTree(parsed.data.tree.nodeData);
  if (treeError) return { ok: false, status: 400, error: treeError };
  return { ok: true, tree: parsed.data.tree as unknown as MapTreeJson, baseRevision: parsed.data.baseRevision };
}

function tooLarge(): string {
  return `is larger than ${MAP_MAX_BYTES / 1024 / 1024} MB; split it or remove some nodes`;
}

/**
 * Walks the tree without recursion (a hostile tree cannot overflow the stack), checking every
 * node, the depth, the size and that ids are unique (the editor finds nodes by id).
 */
function checkTree(nodeData: unknown): string | null {
  const seen = new Set<string>();
  const stack: { node: unknown; path: string; depth: number }[] = [{ node: nodeData, path: "tree.nodeData", depth: 1 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop() as (typeof stack)[number];
    if (depth > MAX_DEPTH) return `is nested deeper than ${MAX_DEPTH} levels`;
    const parsed = Node.safeParse(node);
    if (!parsed.success) return describeIssue(parsed.error, path);
    if (seen.has(parsed.data.id)) return `has two nodes with the id "${parsed.data.id}"`;
    seen.add(parsed.data.id);
    if (seen.size > MAX_NODES) return `has more than ${MAX_NODES} nodes`;
    (parsed.data.children ?? []).forEach((child, i) => {
      stack.push({ node: child, path: `${path}.children.${i}`, depth: depth + 1 });
    });
  }
  return null;
}

function describeIssue(error: z.ZodError, prefix?: string): string {
  const issue = error.issues[0];
  const where = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join(".") || "body";
  return `has a bad ${where}: ${issue?.message ?? "invalid"}`;
}
