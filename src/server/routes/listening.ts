import { Hono } from "hono";
import { z } from "zod";
import { addListenSpan, getEpisode, listListenSpans, type Store, setEpisodePass } from "../../store/index.js";
import type { ListenSpansResponse } from "../contract/index.js";
import { readJsonBody } from "../read-json-body.js";

const Pass = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const SpanBody = z
  .object({
    pass: Pass,
    startMs: z.number().int().min(0),
    endMs: z.number().int().min(0),
    wallMs: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600 * 1000),
  })
  .refine((s) => s.endMs >= s.startMs, { message: "endMs comes before startMs", path: ["endMs"] });

/** `/api/episodes/:id/pass` and `/listened`: which pass the learner is on, and what they played in it. */
export function listeningRoutes(store: Store): Hono {
  const app = new Hono();
  app.put("/:id/pass", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const parsed = await readJsonBody(c, z.object({ pass: Pass }));
    if (!parsed.ok) return c.json({ error: `the pass ${parsed.error}` }, 400);
    setEpisodePass(store, id, parsed.value.pass);
    return c.json({ pass: parsed.value.pass });
  });
  app.get("/:id/listened", (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const body: ListenSpansResponse = { spans: listListenSpans(store, id) };
    return c.json(body);
  });
  app.post("/:id/listened", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const parsed = await readJsonBody(c, SpanBody);
    if (!parsed.ok) return c.json({ error: `a listened stretch ${parsed.error}` }, 400);
    addListenSpan(store, id, parsed.value);
    return c.json({ ok: true }, 201);
  });
  return app;
}
