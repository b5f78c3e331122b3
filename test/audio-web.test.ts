/**
 * Audio through the HTTP API, in process: an upload or a URL answers at once with a transcription
 * job; the job transcribes with the recogniser of DEEPLISTEN_ASR_* (a real local fake server),
 * writes the episode and queues its analysis; failures are sentences and resume on retry.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/server/app.js";
import type { AsrSettingsResponse, AsrTestResponse } from "../src/server/contract/asr.js";
import type {
  EpisodeDetailResponse,
  ImportResponse,
  JobsResponse,
  TranscriptionsResponse,
} from "../src/server/contract/index.js";
import {
  type AsrReplayServer,
  missingAudioTools,
  type SynthesizedSpeech,
  startAsrReplayServer,
  synthesizeSpeech,
} from "./helpers/asr-replay-server.js";
import { freshStore } from "./helpers/store.js";

const missing = missingAudioTools();
if (missing) console.warn(`[audio] ${missing}: the audio upload tests are skipped.`);

const ASR_VARS = [
  "DEEPLISTEN_ASR_PROVIDER",
  "DEEPLISTEN_ASR_BASE_URL",
  "DEEPLISTEN_ASR_MODEL",
  "DEEPLISTEN_ASR_API_KEY",
  "DEEPLISTEN_ASR_MODEL_DIR",
  "DEEPLISTEN_ASR_PARALLEL",
  "DEEPLISTEN_ASR_CHUNK_SECONDS",
];

/** Sets the recogniser variables (the app reads process.env when a job runs); returns the undo. */
function setAsrEnv(vars: Record<string, string>): () => void {
  const saved = new Map(ASR_VARS.map((name) => [name, process.env[name]]));
  for (const name of ASR_VARS) delete process.env[name];
  Object.assign(process.env, vars);
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

let work: string;
let server: AsrReplayServer;
let talk: SynthesizedSpeech;

beforeAll(async () => {
  if (missing) return;
  work = mkdtempSync(join(tmpdir(), "deeplisten-audio-web-"));
  talk = synthesizeSpeech(
    mkdtempSync(join(work, "talk-")),
    [
      { say: "Mixture of experts routes every token to two experts." },
      { pauseMs: 1500 },
      { say: "Attention is what lets the model look back.", voice: "en-gb+f3" },
      { pauseMs: 1500 },
      { say: "Fair enough." },
      { pauseMs: 1500 },
      { say: "Reinforcement learning teaches it when to think.", voice: "en-gb+f3" },
    ],
    join(work, "lecture.mp3"),
  );
  server = await startAsrReplayServer({ sentences: talk.sentences });
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function asrVars(): Record<string, string> {
  return {
    DEEPLISTEN_ASR_PROVIDER: "openai-compatible",
    DEEPLISTEN_ASR_BASE_URL: server.baseUrl,
    DEEPLISTEN_ASR_CHUNK_SECONDS: "5",
    DEEPLISTEN_ASR_PARALLEL: "1",
  };
}

/** A fresh library with the real app over it. */
function openApp() {
  const store = freshStore();
  const app = createApp({ store, home: store.dir, webDist: join(store.dir, "no-web") });
  const json = async <T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> => {
    const response = await app.request(path, init);
    return { status: response.status, body: (await response.json()) as T };
  };
  const upload = (name: string, bytes: Uint8Array) =>
    json<ImportResponse>(`/api/episodes/upload?name=${encodeURIComponent(name)}`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: new Uint8Array(bytes) as Uint8Array<ArrayBuffer>,
    });
  const transcriptions = async () =>
    (await json<TranscriptionsResponse>("/api/episodes/transcriptions")).body.transcriptions;
  return {
    store,
    app,
    json,
    upload,
    transcriptions,
    close: async () => {
      await app.jobsIdle();
      store.cleanup();
    },
  };
}

describe.skipIf(missing !== null)("audio uploaded or imported in the web app", { timeout: 120_000 }, () => {
  it("answers an upload at once with its transcription, then stores the episode, analyses it and plays its audio", async () => {
    server.reset();
    const restore = setAsrEnv(asrVars());
    const lib = openApp();
    try {
      const bytes = readFileSync(talk.file);
      const started = performance.now();
      const answer = await lib.upload("lecture.mp3", bytes);
      expect(answer.status).toBe(200);
      // The request did not wait for the recogniser.
      expect(server.requests.length).toBe(0);
      expect(performance.now() - started).toBeLessThan(5000);
      expect(answer.body).toMatchObject({
        episode: null,
        alreadyImported: false,
        transcription: { name: "lecture", origin: "upload", state: "queued", problem: null },
      });
      const jobId = answer.body.jobId as string;
      // Progress is persisted while it runs: the chunk count and a step with the time left.
      const seen: { done: number | null; total: number | null; step: string }[] = [];
      const poll = setInterval(() => {
        const row = lib.store.db.prepare("SELECT step FROM job WHERE id = ?").get(jobId) as { step: string };
        const record = JSON.parse(
          (
            lib.store.db.prepare("SELECT value FROM setting WHERE key = ?").get(`transcription:${jobId}`) as {
              value: string;
            }
          ).value,
        );
        seen.push({ done: record.chunksDone, total: record.chunksTotal, step: row.step });
      }, 20);
      await lib.app.jobsIdle();
      clearInterval(poll);
      expect(seen.some((s) => s.total !== null && s.total >= 3)).toBe(true);
      expect(seen.some((s) => /^transcribing: \d+\/\d+ chunks/.test(s.step))).toBe(true);

      const [done] = await lib.transcriptions();
      expect(done).toMatchObject({
        jobId,
        state: "done",
        progress: 1,
        error: null,
        chunksTotal: server.requests.length,
      });
      const episodeId = done?.episodeId as string;
      const detail = (await lib.json<EpisodeDetailResponse>(`/api/episodes/${episodeId}`)).body.episode;
      expect(detail).toMatchObject({
        title: "lecture",
        format: "speech-recognition",
        segmentCount: talk.sentences.length,
        playableAudioUrl: `/api/episodes/${episodeId}/audio`,
        source: { kind: "file", ref: "lecture.mp3" },
      });
      expect(detail.segments.map((s) => s.text)).toEqual(talk.sentences.map((s) => s.text));
      // The upload is kept in the library's audio folder for the player.
      expect(detail.audioUrl?.startsWith(join(lib.store.dir, "audio"))).toBe(true);
      expect(statSync(detail.audioUrl as string).size).toBe(bytes.byteLength);
      // The analysis followed the transcription.
      const jobs = (await lib.json<JobsResponse>("/api/jobs")).body.jobs;
      expect(jobs.find((j) => j.kind === "analysis" && j.episodeId === episodeId)?.state).toBe("done");

      const range = await lib.app.request(`/api/episodes/${episodeId}/audio`, { headers: { range: "bytes=100-1099" } });
      expect(range.status).toBe(206);
      expect(range.headers.get("content-type")).toBe("audio/mpeg");
      expect(range.headers.get("content-range")).toBe(`bytes 100-1099/${bytes.byteLength}`);
      expect(new Uint8Array(await range.arrayBuffer())).toEqual(new Uint8Array(bytes.subarray(100, 1100)));

      // The same audio again: already in the library, nothing transcribed.
      server.reset();
      const again = await lib.upload("copy.mp3", bytes);
      expect(again.body).toMatchObject({ alreadyImported: true, episode: { id: episodeId }, transcription: null });
      await lib.app.jobsIdle();
      expect(server.requests).toHaveLength(0);
    } finally {
      await lib.close();
      restore();
    }
  });

  it("fails with the sentence when no recogniser is configured, and succeeds on retry once one is", async () => {
    server.reset();
    let restore = setAsrEnv({});
    const lib = openApp();
    try {
      const answer = await lib.upload("lecture.mp3", readFileSync(talk.file));
      await lib.app.jobsIdle();
      const [failed] = await lib.transcriptions();
      expect(failed).toMatchObject({ state: "failed", problem: "no-recogniser", episodeId: null });
      expect(failed?.error).toMatch(/no speech recogniser is configured: set DEEPLISTEN_ASR_PROVIDER/);
      expect(failed?.error).toContain(join(lib.store.dir, "asr.json"));

      restore();
      restore = setAsrEnv(asrVars());
      const retry = await lib.json<{ transcription: { state: string } }>(
        `/api/episodes/transcriptions/${answer.body.jobId}/retry`,
        { method: "POST", headers: { "content-type": "application/json" }, body: "{}" },
      );
      expect(retry.status).toBe(200);
      await lib.app.jobsIdle();
      const [done] = await lib.transcriptions();
      expect(done).toMatchObject({ state: "done", problem: null });
      expect(done?.episodeId).toBeTruthy();
    } finally {
      await lib.close();
      restore();
    }
  });

  it("keeps the chunks done when the recogniser fails, and resumes with them on retry", async () => {
    server.reset({ failFrom: { request: 3, status: 400 } });
    const restore = setAsrEnv(asrVars());
    const lib = openApp();
    try {
      const answer = await lib.upload("lecture.mp3", readFileSync(talk.file));
      await lib.app.jobsIdle();
      const [failed] = await lib.transcriptions();
      expect(failed).toMatchObject({ state: "failed", problem: "recogniser", chunksDone: 2 });
      expect(failed?.error).toMatch(
        /answered 400: replay failure on request 3 \(chunk 3 of \d+, at 00:00:\d\d\); the 2 chunks done are kept/,
      );
      const total = failed?.chunksTotal as number;

      server.reset();
      await lib.app.request(`/api/episodes/transcriptions/${answer.body.jobId}/retry`, { method: "POST" });
      await lib.app.jobsIdle();
      const [done] = await lib.transcriptions();
      expect(done).toMatchObject({ state: "done", chunksResumed: 2, chunksTotal: total });
      expect(server.requests).toHaveLength(total - 2);
      // A finished transcription cannot be retried; a failed or finished one can be removed.
      const again = await lib.app.request(`/api/episodes/transcriptions/${answer.body.jobId}/retry`, {
        method: "POST",
      });
      expect(again.status).toBe(404);
      const removed = await lib.app.request(`/api/episodes/transcriptions/${answer.body.jobId}`, { method: "DELETE" });
      expect(removed.status).toBe(200);
      expect(await lib.transcriptions()).toEqual([]);
    } finally {
      await lib.close();
      restore();
    }
  });

  it("transcribes audio imported by URL in the background, and plays the URL", async () => {
    server.reset();
    const host = createServer((req, res) => {
      if (req.url === "/episodes/42.mp3")
        res.writeHead(200, { "content-type": "audio/mpeg" }).end(readFileSync(talk.file));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => host.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(host.address() as AddressInfo).port}/episodes/42.mp3`;
    const restore = setAsrEnv(asrVars());
    const lib = openApp();
    try {
      const answer = await lib.json<ImportResponse>("/api/episodes/import", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url }),
      });
      expect(answer.body).toMatchObject({ episode: null, transcription: { origin: "url", name: "42" } });
      await lib.app.jobsIdle();
      const [done] = await lib.transcriptions();
      expect(done?.state).toBe("done");
      const detail = (await lib.json<EpisodeDetailResponse>(`/api/episodes/${done?.episodeId}`)).body.episode;
      expect(detail).toMatchObject({
        audioUrl: url,
        source: { kind: "url", ref: url },
        segmentCount: talk.sentences.length,
      });
    } finally {
      await lib.close();
      restore();
      host.closeAllConnections();
      await new Promise((r) => host.close(r));
    }
  });
});

describe("uploads of transcripts and the limits", () => {
  it("still imports a transcript in the request, and refuses what is too large in one sentence", async () => {
    const lib = openApp();
    try {
      const vtt = await lib.upload(
        "talk.vtt",
        new TextEncoder().encode("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>The router picks two experts.\n"),
      );
      expect(vtt.status).toBe(200);
      expect(vtt.body).toMatchObject({ episode: { title: "talk" }, transcription: null });
      expect(typeof vtt.body.jobId).toBe("string");

      const huge = await lib.json<{ error: string }>("/api/episodes/upload?name=huge.mp3", {
        method: "POST",
        headers: { "content-type": "application/octet-stream", "content-length": String(3 * 1024 ** 3) },
        body: new Uint8Array(10),
      });
      expect(huge.status).toBe(413);
      expect(huge.body.error).toBe(
        "huge.mp3 is larger than 2 GB, the most the web app takes for audio; import it with deeplisten import",
      );
      const empty = await lib.upload("empty.vtt", new Uint8Array(0));
      expect(empty.status).toBe(400);
      expect((empty.body as unknown as { error: string }).error).toBe("empty.vtt: the file is empty");
    } finally {
      await lib.close();
    }
  });
});

describe.skipIf(missing !== null)("/api/settings/asr", { timeout: 60_000 }, () => {
  it("saves the recogniser with the key masked, never sends the key, and tests it", async () => {
    const restore = setAsrEnv({});
    const lib = openApp();
    const key = "sk-test-0123456789abcdef";
    try {
      const empty = await lib.json<AsrSettingsResponse>("/api/settings/asr");
      expect(empty.body).toMatchObject({ saved: null, current: null });
      expect(empty.body.problem).toMatch(/^no speech recogniser is configured/);
      expect(empty.body.providers.map((p) => p.id)).toContain("whisper-cpp");
      const notConfigured = await lib.json<AsrTestResponse>("/api/settings/asr/test", { method: "POST" });
      expect(notConfigured.body).toMatchObject({ ok: false, problem: "not-configured" });

      server.reset({ apiKey: key });
      const put = await lib.app.request("/api/settings/asr", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          provider: "openai-compatible",
          baseUrl: server.baseUrl,
          model: "whisper-1",
          apiKey: "wrong-key-0000000000",
        }),
      });
      const putText = await put.text();
      expect(put.status).toBe(200);
      expect(putText).not.toContain("wrong-key");
      expect(JSON.parse(putText)).toMatchObject({
        saved: { provider: "openai-compatible", apiKey: "****0000", baseUrl: server.baseUrl },
        current: { provider: "openai-compatible", model: "whisper-1", apiKey: "****0000", sources: { apiKey: "file" } },
        problem: null,
      });
      expect(statSync(join(lib.store.dir, "asr.json")).mode & 0o777).toBe(0o600);

      const badKey = await lib.json<AsrTestResponse>("/api/settings/asr/test", { method: "POST" });
      expect(badKey.body).toMatchObject({ ok: false, problem: "bad-key" });

      // A new key; the model only, then: the key is kept.
      await lib.app.request("/api/settings/asr", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ provider: "openai-compatible", baseUrl: server.baseUrl, apiKey: key }),
      });
      const kept = await lib.app.request("/api/settings/asr", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ provider: "openai-compatible", baseUrl: server.baseUrl, model: "whisper-large-v3" }),
      });
      const keptText = await kept.text();
      expect(keptText).not.toContain(key);
      expect(JSON.parse(keptText).saved.apiKey).toBe("****cdef");
      const ok = await lib.json<AsrTestResponse>("/api/settings/asr/test", { method: "POST" });
      expect(ok.body).toMatchObject({ ok: true, provider: "openai-compatible", model: "whisper-large-v3" });
      expect(server.requests.at(-1)?.authorization).toBe(`Bearer ${key}`);

      const bad = await lib.json<{ error: string }>("/api/settings/asr", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ provider: "nope" }),
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/unknown speech recogniser "nope"; choose one of whisper-cpp, /);

      const deleted = await lib.json<AsrSettingsResponse>("/api/settings/asr", { method: "DELETE" });
      expect(deleted.body.saved).toBeNull();
    } finally {
      await lib.close();
      restore();
    }
  });
});
