import { readFileSync, rmSync } from "node:fs";
import { type Context, Hono } from "hono";
import { looksLikeAudioBytes } from "../../asr/index.js";
import { ImportError } from "../../core/index.js";
import {
  ANALYSIS_JOB,
  audioOffsetOf,
  dismissTranscription,
  episodeJson,
  getTranscription,
  type ImportResult,
  importEpisode,
  keepAudioUpload,
  listTranscriptions,
  queueTranscription,
  receiveUpload,
  retryTranscription,
  type Transcription,
  TranscriptionQueued,
  UploadTooLarge,
} from "../../library/index.js";
import {
  enqueueJob,
  episodeProgressSummaries,
  findEpisodeBySha256,
  getChapters,
  getEpisode,
  getEpisodePass,
  getSegments,
  listEpisodes,
  type Store,
  searchSegments,
} from "../../store/index.js";
import {
  AUDIO_UPLOAD_LIMIT_BYTES,
  type EpisodeDetailResponse,
  type ImportResponse,
  type LibraryResponse,
  type TranscriptionJson,
  type TranscriptionsResponse,
  UPLOAD_LIMIT_BYTES,
} from "../contract/index.js";

/**
 * `/api/episodes`: the library with progress, one episode with its transcript, search, import and
 * upload. Audio (uploaded, or imported by URL or feed item) is transcribed in a background job: the
 * request answers at once with it, and `/transcriptions` follows it.
 */
export function episodeRoutes(store: Store, kickJobs: () => void): Hono {
  const app = new Hono();
  // Before "/:id", which would take "transcriptions" for an episode id.
  app.get("/transcriptions", (c) => {
    const body: TranscriptionsResponse = { transcriptions: listTranscriptions(store).map(transcriptionJson) };
    return c.json(body);
  });
  app.post("/transcriptions/:job/retry", (c) => {
    const id = c.req.param("job");
    if (!retryTranscription(store, id)) {
      return c.json({ error: `no failed transcription ${id} to try again` }, 404);
    }
    kickJobs();
    const again = getTranscription(store, id);
    return c.json({ transcription: again ? transcriptionJson(again) : null });
  });
  app.delete("/transcriptions/:job", (c) => {
    const id = c.req.param("job");
    if (!dismissTranscription(store, id)) {
      return c.json({ error: `no failed or finished transcription ${id}: one that is running cannot be removed` }, 404);
    }
    return c.json({ ok: true });
  });
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
    let result: ImportResult;
    try {
      result = await importEpisode(store, {
        source: body.url,
        item,
        // Audio (a URL, a feed item's enclosure) is transcribed by a job, not in this request.
        audio: { queue: (audio) => queueTranscription(store, audio, audio.sourceKind === "rss-item" ? "feed" : "url") },
      });
    } catch (error) {
      if (error instanceof TranscriptionQueued) return c.json(queuedAnswer(error.jobId));
      throw error;
    }
    return c.json(imported(result));
  });
  app.post("/upload", async (c) => {
    const name = (c.req.query("name") ?? "").trim();
    if (!name) return c.json({ error: "name the uploaded file: POST /api/episodes/upload?name=<file name>" }, 400);
    if (name.includes("/") || name.includes("\\") || name.length > 200) {
      return c.json({ error: `"${name.slice(0, 80)}" is not a file name` }, 400);
    }
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > AUDIO_UPLOAD_LIMIT_BYTES) return c.json({ error: tooLarge(name, AUDIO_UPLOAD_LIMIT_BYTES) }, 413);
    // Streamed to a file, never held in memory: a recording may be 2 GB.
    let upload: Awaited<ReturnType<typeof receiveUpload>>;
    try {
      upload = await receiveUpload(store, c.req.raw.body, AUDIO_UPLOAD_LIMIT_BYTES);
    } catch (error) {
      if (error instanceof UploadTooLarge) return c.json({ error: tooLarge(name, AUDIO_UPLOAD_LIMIT_BYTES) }, 413);
      throw error;
    }
    if (looksLikeAudioBytes(upload.head)) return audioUpload(c, name, upload);
    // A transcript: small, parsed in this request as before.
    let bytes: Uint8Array;
    try {
      if (upload.size > UPLOAD_LIMIT_BYTES) return c.json({ error: tooLarge(name, UPLOAD_LIMIT_BYTES) }, 413);
      bytes = readFileSync(upload.tempPath);
    } finally {
      rmSync(upload.tempPath, { force: true });
    }
    if (bytes.byteLength === 0) throw new ImportError("the file is empty", { file: name });
    return c.json(imported(await importEpisode(store, { source: name, bytes })));
  });

  const audioUpload = (c: Context, name: string, upload: Awaited<ReturnType<typeof receiveUpload>>) => {
    const existing = findEpisodeBySha256(store, upload.sha);
    if (existing) {
      rmSync(upload.tempPath, { force: true });
      const episode = getEpisode(store, existing);
      if (episode) return c.json(imported({ episode, alreadyImported: true }));
    }
    const path = keepAudioUpload(store, upload, name);
    const jobId = queueTranscription(
      store,
      {
        source: path,
        sha256: upload.sha,
        sourceKind: "file",
        sourceRef: name,
        audioUrl: path,
        fallbackTitle: name.replace(/\.[a-z0-9]{1,5}$/i, "") || name,
      },
      "upload",
    );
    return c.json(queuedAnswer(jobId));
  };

  const imported = (result: ImportResult): ImportResponse => ({
    episode: episodeJson(result.episode),
    alreadyImported: result.alreadyImported,
    jobId: result.alreadyImported ? null : queueAnalysis(result.episode.id),
    transcription: null,
  });

  const queuedAnswer = (jobId: string): ImportResponse => {
    kickJobs();
    const transcription = getTranscription(store, jobId);
    return {
      episode: null,
      alreadyImported: false,
      jobId,
      transcription: transcription ? transcriptionJson(transcription) : null,
    };
  };
  return app;
}

function tooLarge(name: string, limit: number): string {
  return limit === UPLOAD_LIMIT_BYTES
    ? `${name} is larger than ${limit / 1024 / 1024} MB, the most the web app takes for a transcript; import it with deeplisten import`
    : `${name} is larger than ${limit / 1024 / 1024 / 1024} GB, the most the web app takes for audio; import it with deeplisten import`;
}

function transcriptionJson(t: Transcription): TranscriptionJson {
  return {
    jobId: t.job.id,
    name: t.name,
    origin: t.origin,
    state: t.job.state,
    progress: t.job.progress,
    phase: t.phase,
    step: t.job.step,
    chunksDone: t.chunksDone,
    chunksTotal: t.chunksTotal,
    chunksResumed: t.chunksResumed,
    timeLeftMs: t.job.state === "running" ? t.timeLeftMs : null,
    error: t.job.error,
    problem: t.job.state === "failed" ? t.problem : null,
    episodeId: t.episodeId,
    attempts: t.job.attempts,
    createdAt: t.job.createdAt,
    updatedAt: t.job.updatedAt,
  };
}

/** The YouTube video id of a watch, share or embed link. */
export function youtubeIdOf(url: string | null): string | null {
  if (!url) return null;
  const m = /(?:youtube\.com\/(?:watch\?(?:.*&)?v=|embed\/|live\/)|youtu\.be\/)([\w-]{11})/.exec(url);
  return m?.[1] ?? null;
}
