import { Hono } from "hono";
import { z } from "zod";
import {
  addMark,
  deleteMark,
  findOrCreateConcept,
  getEpisode,
  listMarks,
  type Store,
  updateMark,
} from "../../store/index.js";
import type { MarkJson, MarksResponse } from "../contract/index.js";
import { readJsonBody } from "../read-json-body.js";

const NewMarkBody = z.object({
  pass: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  kind: z.enum(["moment", "term"]),
  startMs: z.number().int().min(0),
  segmentId: z.number().int().nullish(),
  selection: z.string().trim().min(1).max(200).nullish(),
  confidence: z.number().int().min(1).max(5).nullish(),
  note: z.string().max(5000).nullish(),
});

const UpdateMarkBody = z.object({
  confidence: z.number().int().min(1).max(5).nullable().optional(),
  note: z.string().max(5000).nullable().optional(),
});

/**
 * `/api/episodes/:id/marks`: the learner's pass-1 marks. A term mark names a concept: an existing
 * one of the library, or a new one the tutor can then teach.
 */
export function markRoutes(store: Store): Hono {
  const app = new Hono();
  app.get("/:id/marks", (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const body: MarksResponse = { marks: listMarks(store, id) as MarkJson[] };
    return c.json(body);
  });
  app.post("/:id/marks", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const parsed = await readJsonBody(c, NewMarkBody);
    if (!parsed.ok) return c.json({ error: `a mark ${parsed.error}` }, 400);
    const m = parsed.value;
    if (m.kind === "term" && !m.selection)
      return c.json({ error: "a term mark needs the words it marks (selection)" }, 400);
    const segmentId = m.segmentId ?? null;
    if (
      segmentId !== null &&
      !store.db.prepare("SELECT 1 FROM segment WHERE id = ? AND episode_id = ?").get(segmentId, id)
    ) {
      return c.json({ error: `segment ${segmentId} is not part of this episode` }, 400);
    }
    const concept = m.kind === "term" && m.selection ? findOrCreateConcept(store, m.selection, id) : null;
    const mark = addMark(store, {
      episodeId: id,
      pass: m.pass,
      kind: m.kind,
      startMs: m.startMs,
      segmentId,
      selection: m.selection ?? null,
      conceptId: concept?.id ?? null,
      confidence: m.confidence ?? null,
      note: m.note ?? null,
    });
    const json: MarkJson = { ...mark, conceptName: concept?.name ?? null };
    return c.json({ mark: json }, 201);
  });
  app.patch("/:id/marks/:markId", async (c) => {
    const parsed = await readJsonBody(c, UpdateMarkBody);
    if (!parsed.ok) return c.json({ error: `a mark ${parsed.error}` }, 400);
    const ok = updateMark(store, c.req.param("id"), Number(c.req.param("markId")), parsed.value);
    return ok ? c.json({ ok: true }) : c.json({ error: `no mark ${c.req.param("markId")} in this episode` }, 404);
  });
  app.delete("/:id/marks/:markId", (c) => {
    const ok = deleteMark(store, c.req.param("id"), Number(c.req.param("markId")));
    return ok ? c.json({ ok: true }) : c.json({ error: `no mark ${c.req.param("markId")} in this episode` }, 404);
  });
  return app;
}
