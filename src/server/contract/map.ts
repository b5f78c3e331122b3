/**
 * The API contract for the learner's mind map (`/api/episodes/:id/map`). The tree is the web
 * editor's own data (mind-elixir); deeplisten's links live in each node's `metadata.deeplisten`.
 */

/** What a node points to: a concept of the library (by key), a moment of the episode, or both. */
export interface MapNodeLinkJson {
  /** What the node was in the analysis' draft; the learner's own nodes have none. */
  kind?: "episode" | "chapter" | "concept" | "moment";
  conceptKey?: string;
  startMs?: number;
  segmentId?: number;
}

/** A node of the editor's tree; fields other than these are the editor's (style, folds…). */
export interface MapNodeJson {
  id: string;
  topic: string;
  children?: MapNodeJson[];
  expanded?: boolean;
  note?: string;
  metadata?: { deeplisten?: MapNodeLinkJson; [other: string]: unknown };
  [editorField: string]: unknown;
}

/** The whole map as the editor saves it. */
export interface MapTreeJson {
  nodeData: MapNodeJson;
  arrows?: unknown[];
  summaries?: unknown[];
  direction?: 0 | 1 | 2;
}

/** A concept of the episode a node can link to (the id is the concept page's address). */
export interface MapConceptJson {
  id: number;
  key: string;
  name: string;
}

/** `GET /api/episodes/:id/map` */
export interface MapResponse {
  /** The learner's saved map, or null before their first edit. */
  map: { tree: MapTreeJson; revision: number; updatedAt: string } | null;
  /** The analysis' draft in the editor's form (the episode's title alone before any analysis). */
  draft: MapTreeJson;
  /** Whether the draft comes from an analysis. */
  analysed: boolean;
  /** The episode's concepts, in the analysis' order. */
  concepts: MapConceptJson[];
}

/** `PUT /api/episodes/:id/map`: `baseRevision` is the revision the edit started from (0: none). */
export interface SaveMapRequest {
  tree: MapTreeJson;
  baseRevision: number;
}

/** The answer to a save; a stale `baseRevision` gets 409 with `{error, revision}` instead. */
export interface SaveMapResponse {
  revision: number;
  updatedAt: string;
}

/** 409 body: the map was saved elsewhere since `baseRevision`. */
export interface StaleMapResponse {
  error: string;
  /** The revision now stored. */
  revision: number;
}

/** The largest map the server stores, in bytes of JSON. */
export const MAP_MAX_BYTES = 2 * 1024 * 1024;
