import { Hono } from "hono";
import { episodeProgress } from "../../library/episode-progress.js";
import type { ProgressResponse } from "../contract/index.js";
import type { RouteDeps } from "../route-deps.js";

/** `GET /api/episodes/:id/progress`: everything the progress page shows, in one answer. */
export function progressRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.get("/:id/progress", (c) => {
    const id = c.req.param("id");
    const progress = episodeProgress(deps.store, id);
    if (!progress) return c.json({ error: `no episode ${id}` }, 404);
    const { title: _title, ...rest } = progress;
    const body: ProgressResponse = rest;
    return c.json(body);
  });
  return app;
}
