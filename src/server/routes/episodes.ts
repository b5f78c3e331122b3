import { Hono } from "hono";
import { ANALYSIS_JOB, episodeJson, importEpisode } from "../../library/index.js";
import { enqueueJob, getEpisode, getSegments, listEpisodes, type Store, searchSegments } from "../../store/index.js";

/** `/api/episodes`: the library as JSON, one episode with its transcript, search, and import. */
export function episodeRoutes(store: Store, kickJobs: () => void): Hono {
  const app = new Hono();
  app.get("/", (c) => c.json({ episodes: listEpisodes(store).map(episodeJson) }));
  app.get("/:id", (c) => {
    const episode = getEpisode(store, c.req.param("id"));
    if (!episode) return c.json({ error: `no episode ${c.req.param("id")}` }, 404);
    return c.json({ episode: { ...episodeJson(episode), segments: getSegments(store, episode.id) } });
  });
  app.get("/:id/search", (c) => {
    const q = c.req.query("q") ?? "";
    return c.json({ hits: searchSegments(store, q, { episodeId: c.req.param("id"), limit: 50 }) });
  });
  app.post("/import", async (c) => {
    const body = (await c.req.json().catch(() => null)) as { url?: unknown; item?: unknown } | null;
    if (!body || typeof body.url !== "string" || !/^https?:\/\//i.test(body.url)) {
      return c.json({ error: 'send {"url": "https://..."}: only http and https URLs can be imported here' }, 400);
    }
    const item = typeof body.item === "number" ? body.item : undefined;
    const result = await importEpisode(store, { source: body.url, item });
    if (!result.alreadyImported) {
      enqueueJob(store, ANALYSIS_JOB, result.episode.id);
      kickJobs();
    }
    return c.json({ episode: episodeJson(result.episode), alreadyImported: result.alreadyImported });
  });
  return app;
}
