import { Hono } from "hono";
import { ANALYSIS_JOB } from "../../library/index.js";
import { enqueueJob, getAnalysis, getChapters, getEpisode, type Store } from "../../store/index.js";

/**
 * `/api/episodes/:id/analysis`: the stored analysis (concepts, chapters, clashes, mind-map draft);
 * POST queues a new one and answers with the job to poll.
 */
export function analysisRoutes(store: Store, kickJobs: () => void): Hono {
  const app = new Hono();
  app.get("/:id/analysis", (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const analysis = getAnalysis(store, id);
    if (!analysis) return c.json({ error: "not analysed yet", analysed: false }, 404);
    return c.json({ ...analysis, chapters: getChapters(store, id) });
  });
  app.post("/:id/analysis", (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const job = enqueueJob(store, ANALYSIS_JOB, id);
    kickJobs();
    return c.json({ job }, 202);
  });
  return app;
}
