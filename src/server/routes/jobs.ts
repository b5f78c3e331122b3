import { Hono } from "hono";
import { getJob, listJobs, type Store } from "../../store/index.js";

/** `/api/jobs`: background jobs with their persisted progress, for progress bars in the web app. */
export function jobRoutes(store: Store): Hono {
  const app = new Hono();
  app.get("/", (c) => c.json({ jobs: listJobs(store, { episodeId: c.req.query("episode") }) }));
  app.get("/:id", (c) => {
    const job = getJob(store, c.req.param("id"));
    return job ? c.json({ job }) : c.json({ error: `no job ${c.req.param("id")}` }, 404);
  });
  return app;
}
