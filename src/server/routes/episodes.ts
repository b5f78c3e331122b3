import { Hono } from "hono";
import { ImportError } from "../../core/index.js";
import { ANALYSIS_JOB, episodeJson, importEpisode } from "../../library/index.js";
import {
  enqueueJob,
  episodeProgressSummaries,
  getChapters,
  getEpisode,
  getEpisodePass,
  getSegments,
  listEpisodes,
  type Store,
  searchSegments,
} from "../../store/index.js";
import {
  type EpisodeDetailResponse,
  type ImportResponse,
  type LibraryResponse,
  UPLOAD_LIMIT_BYTES,
} from "../contract/index.js";

/** `/api/episodes`: the library with progress, one episode with its transcript, search, import and upload. */
export function episodeRoutes(store: Store, kickJobs: () => void): Hono {
  const app = new Hono();
  app.get("/", (c) => {
    const progress = episodeProgressSummaries(store);
    const body: LibraryResponse = {
      episodes: listEpisodes(store).map((e) => ({
        ...episodeJson(e),
        progress: progress.get(e.id) ?? { pass: 1, conceptCount: 0, verifiedCount: 0, markCount: 0, analysed: false },
      })),
    };
    return c.json(body);
  });
  app.get("/:id", (c) => {
    const episode = getEpisode(store, c.req.param("id"));
    if (!episode) return c.json({ error: `no episode ${c.req.param("id")}` }, 404);
    const body: EpisodeDetailResponse = {
      episode: {
        ...episodeJson(episode),
        segments: getSegments(store, episode.id),
        chapterList: getChapters(store, episode.id),
        playableAudioUrl: episode.audioUrl ? `/api/episodes/${encodeURIComponent(episode.id)}/audio` : null,
        youtubeId: youtubeIdOf(episode.videoUrl),
        audioOffsetMs: audioOffsetOf(store, episode.id),
        pass: getEpisodePass(store, episode.id),
      },
    };
    return c.json(body);
  });
  app.get("/:id/search", (c) => {
    const q = c.req.query("q") ?? "";
    return c.json({ hits: searchSegments(store, q, { episodeId: c.req.param("id"), limit: 50 }) });
  });
  const queueAnalysis = (episodeId: string): string => {
    const job = enqueueJob(store, ANALYSIS_JOB, episodeId);
    kickJobs();
    return job.id;
  };
  app.post("/import", async (c) => {
    const body = (await c.req.json().catch(() => null)) as { url?: unknown; item?: unknown } | null;
    if (!body || typeof body.url !== "string" || !/^https?:\/\//i.test(body.url)) {
      return c.json({ error: 'send {"url": "https://..."}: only http and https URLs can be imported here' }, 400);
    }
    const item = typeof body.item === "number" ? body.item : undefined;
    const result = await importEpisode(store, { source: body.url, item });
    const answer: ImportResponse = {
      episode: episodeJson(result.episode),
      alreadyImported: result.alreadyImported,
      jobId: result.alreadyImported ? null : queueAnalysis(result.episode.id),
    };
    return c.json(answer);
  });
  app.post("/upload", async (c) => {
    const name = (c.req.query("name") ?? "").trim();
    if (!name) return c.json({ error: "name the uploaded file: POST /api/episodes/upload?name=<file name>" }, 400);
    if (name.includes("/") || name.includes("\\") || name.length > 200) {
      return c.json({ error: `"${name.slice(0, 80)}" is not a file name` }, 400);
    }
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > UPLOAD_LIMIT_BYTES) return c.json({ error: tooLarge(name) }, 413);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > UPLOAD_LIMIT_BYTES) return c.json({ error: tooLarge(name) }, 413);
    if (bytes.byteLength === 0) throw new ImportError("the file is empty", { file: name });
    const result = await importEpisode(store, { source: name, bytes });
    const answer: ImportResponse = {
      episode: episodeJson(result.episode),
      alreadyImported: result.alreadyImported,
      jobId: result.alreadyImported ? null : queueAnalysis(result.episode.id),
    };
    return c.json(answer);
  });
  return app;
}

function tooLarge(name: string): string {
  return `${name} is larger than ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB, the most the web app takes; import it with deeplisten import`;
}

/** The YouTube video id of a watch, share or embed link. */
export function youtubeIdOf(url: string | null): string | null {
  if (!url) return null;
  const m = /(?:youtube\.com\/(?:watch\?(?:.*&)?v=|embed\/|live\/)|youtu\.be\/)([\w-]{11})/.exec(url);
  return m?.[1] ?? null;
}

function audioOffsetOf(store: Store, episodeId: string): number {
  const row = store.db.prepare("SELECT audio_offset_ms AS ms FROM episode WHERE id = ?").get(episodeId) as
    | { ms: number }
    | undefined;
  return row?.ms ?? 0;
}
