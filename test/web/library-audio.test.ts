/**
 * Audio dropped on the library page: it is transcribed in the background with a progress bar
 * (chunks done, time left), then the episode appears with its transcript and its audio plays; with
 * no recogniser configured the page says what to configure, and the retry resumes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EpisodeDetailResponse, LibraryResponse } from "../../src/server/contract/index.js";
import {
  type AsrReplayServer,
  missingAudioTools,
  type SynthesizedSpeech,
  startAsrReplayServer,
  synthesizeSpeech,
} from "../helpers/asr-replay-server.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

const missing = missingAudioTools();
if (missing) console.warn(`[audio] ${missing}: the library audio browser tests are skipped.`);

const ASR_VARS = [
  "DEEPLISTEN_ASR_PROVIDER",
  "DEEPLISTEN_ASR_BASE_URL",
  "DEEPLISTEN_ASR_MODEL",
  "DEEPLISTEN_ASR_API_KEY",
  "DEEPLISTEN_ASR_MODEL_DIR",
  "DEEPLISTEN_ASR_PARALLEL",
  "DEEPLISTEN_ASR_CHUNK_SECONDS",
];

/** The app reads the recogniser from process.env when a job runs: set it, and undo afterwards. */
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
let asr: AsrReplayServer;
/** A slow recogniser: holds each request before passing it to the replay server, so the bar can be seen moving. */
let slow: Server;
let slowUrl: string;
let delayMs = 0;
let talk: SynthesizedSpeech;

beforeAll(async () => {
  if (missing || !HAS_CHROMIUM) return;
  work = mkdtempSync(join(tmpdir(), "deeplisten-library-audio-"));
  talk = synthesizeSpeech(
    mkdtempSync(join(work, "talk-")),
    [
      { say: "Mixture of experts routes every token to two experts." },
      { pauseMs: 1500 },
      { say: "Fair enough." },
      { pauseMs: 1500 },
      { say: "Attention is what lets the model look back at earlier words.", voice: "en-gb+f3" },
      { pauseMs: 1500 },
      { say: "Reinforcement learning teaches it when to think." },
    ],
    join(work, "state-of-ai.mp3"),
  );
  asr = await startAsrReplayServer({ sentences: talk.sentences });
  slow = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      setTimeout(async () => {
        try {
          const answer = await fetch(`${asr.baseUrl.replace(/\/v1$/, "")}${req.url}`, {
            method: req.method,
            headers: { "content-type": req.headers["content-type"] ?? "" },
            body: Buffer.concat(chunks),
          });
          res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
        } catch {
          if (!res.headersSent) res.writeHead(502).end();
        }
      }, delayMs);
    });
  });
  await new Promise<void>((r) => slow.listen(0, "127.0.0.1", r));
  slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/v1`;
}, 60_000);

afterAll(async () => {
  await asr?.close();
  if (slow) {
    slow.closeAllConnections();
    await new Promise((r) => slow.close(r));
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openLibrary(locale: string) {
  const store = freshStore();
  const server = await startWebServer(store, store.dir);
  const browser = await launchBrowser(locale);
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return {
    store,
    server,
    page,
    errors,
    episodes: async () => ((await (await fetch(`${server.url}/api/episodes`)).json()) as LibraryResponse).episodes,
    close: async () => {
      await browser.close();
      await server.close();
      store.cleanup();
    },
  };
}

describe.skipIf(missing !== null || !HAS_CHROMIUM)("audio on the library page", { timeout: 120_000 }, () => {
  for (const lang of ["en", "zh-CN"] as const) {
    it(`shows a dropped mp3 transcribing with its progress, then the episode plays (${lang})`, async () => {
      delayMs = 1200;
      asr.reset();
      const restore = setAsrEnv({
        DEEPLISTEN_ASR_PROVIDER: "openai-compatible",
        DEEPLISTEN_ASR_BASE_URL: slowUrl,
        DEEPLISTEN_ASR_CHUNK_SECONDS: "5",
        DEEPLISTEN_ASR_PARALLEL: "1",
      });
      const lib = await openLibrary(lang === "en" ? "en-US" : "zh-CN");
      try {
        const { page } = lib;
        await page.goto(`${lib.server.url}/?lang=${lang}`);
        await page.getByRole("heading", { name: lang === "en" ? "Library" : "资料库" }).waitFor();
        const accepts =
          lang === "en"
            ? "Audio (MP3, M4A, WAV, OGG, OPUS) up to 2 GB is transcribed."
            : "音频（MP3, M4A, WAV, OGG, OPUS）最大 2 GB";
        expect(await page.getByText(accepts).count()).toBe(1);

        await page.locator("[data-testid=upload-input]").setInputFiles(talk.file);
        const item = page.locator("[data-testid=transcription]");
        await item.waitFor();
        expect(await item.locator(".transcription-name").textContent()).toBe("state-of-ai");
        // The bar moves with the chunks: wait until one is done, then look.
        const step = item.locator(".transcription-step");
        await expect
          .poll(async () => (await step.textContent()) ?? "", { timeout: 30_000 })
          .toMatch(lang === "en" ? /^Transcribing: [1-9]\d* of \d+ chunks · / : /^正在转写：第 [1-9]\d* \/ \d+ 段 · /);
        const text = (await step.textContent()) ?? "";
        expect(text).toMatch(
          lang === "en" ? /(about \d+ min|less than a minute) left$/ : /(约剩 \d+ 分钟|不到一分钟)$/,
        );
        const bar = item.getByRole("progressbar");
        expect(Number(await bar.getAttribute("aria-valuenow"))).toBeGreaterThan(0);
        await saveScreenshot(page, `library-transcribing-${lang}`);

        // When the transcript is stored the episode appears, and the transcription line goes.
        delayMs = 0;
        const link = page.getByRole("link", { name: "state-of-ai", exact: true });
        await link.waitFor({ timeout: 60_000 });
        await item.waitFor({ state: "detached" });
        const [episode] = await lib.episodes();
        expect(episode).toMatchObject({ format: "speech-recognition", segmentCount: talk.sentences.length });
        const detail = (await (
          await fetch(`${lib.server.url}/api/episodes/${episode?.id}`)
        ).json()) as EpisodeDetailResponse;
        expect(detail.episode.segments.map((s) => s.text)).toEqual(talk.sentences.map((s) => s.text));
        const range = await fetch(`${lib.server.url}${detail.episode.playableAudioUrl}`, {
          headers: { range: "bytes=0-99" },
        });
        expect(range.status).toBe(206);
        expect(range.headers.get("content-range")).toMatch(/^bytes 0-99\/\d+$/);

        // Its page plays the audio: the player's element loads the stored file.
        await link.click();
        const audio = page.locator("audio");
        await audio.waitFor({ state: "attached" });
        await expect
          .poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: 15_000 })
          .toBeGreaterThanOrEqual(1);
        expect(await audio.evaluate((a: HTMLAudioElement) => Math.round(a.duration))).toBe(
          Math.round(talk.durationMs / 1000),
        );
        expect(lib.errors).toEqual([]);
      } finally {
        await lib.close();
        restore();
      }
    });
  }

  it("says what to configure when no recogniser is, and the retry works once one is", async () => {
    delayMs = 0;
    asr.reset();
    let restore = setAsrEnv({});
    const lib = await openLibrary("en-US");
    try {
      const { page } = lib;
      await page.goto(lib.server.url);
      await page.getByRole("heading", { name: "Library" }).waitFor();
      await page.locator("[data-testid=upload-input]").setInputFiles(talk.file);
      const alert = page.locator("[data-testid=transcription]").getByRole("alert");
      await alert.waitFor({ timeout: 30_000 });
      const sentence = (await alert.textContent()) ?? "";
      expect(sentence).toMatch(
        /^No speech recogniser is configured, so state-of-ai cannot be transcribed\. Configure one \(a transcription server or a local model\), then try again: no speech recogniser is configured: set DEEPLISTEN_ASR_PROVIDER/,
      );
      expect(sentence).toContain(join(lib.store.dir, "asr.json"));
      await saveScreenshot(page, "library-transcription-failed-en");

      restore();
      restore = setAsrEnv({
        DEEPLISTEN_ASR_PROVIDER: "openai-compatible",
        DEEPLISTEN_ASR_BASE_URL: asr.baseUrl,
        DEEPLISTEN_ASR_CHUNK_SECONDS: "5",
      });
      await page.getByRole("button", { name: "Try again" }).click();
      await page.getByRole("link", { name: "state-of-ai", exact: true }).waitFor({ timeout: 60_000 });
      expect(await page.locator("[data-testid=transcription]").count()).toBe(0);
      expect(lib.errors).toEqual([]);
    } finally {
      await lib.close();
      restore();
    }
  });
});
