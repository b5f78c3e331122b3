import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../../src/library/index.js";
import type { ProgressResponse } from "../../src/server/contract/index.js";
import { addListenSpan, addMark, getEpisodeConcepts, type Store } from "../../src/store/index.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { gradedExplanation } from "../helpers/learner-work.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

type TestStore = ReturnType<typeof freshStore>;

/** The sample episode, analysed, with a learner's work: explanations, marks and listening in two passes. */
async function sampleWithWork(store: Store & { dir: string }) {
  const { episode } = await importEpisode(store, {
    source: SAMPLE.transcript,
    audioUrl: SAMPLE.audio,
    sourceKind: "sample",
  });
  analyzeStoredEpisode(store, episode.id, libraryGlossary(store.dir));
  const concepts = getEpisodeConcepts(store, episode.id);
  const named = (name: string) => {
    const c = concepts.find((x) => x.name === name);
    if (!c) throw new Error(`the sample's analysis has no ${name}`);
    return c;
  };
  const grpo = named("GRPO");
  const rlvr = named("RLVR");
  const distillation = named("Distillation");
  const kvCache = named("KV cache");
  const attempt = (conceptId: number, confidence: number, verdict: "verified" | "partial") =>
    gradedExplanation(store, { episodeId: episode.id, conceptId, confidence, verdict });
  // Forecasts 1, 1, 0.75, 0.25 against verified, not, not, not: Brier (0 + 1 + 0.5625 + 0.0625) / 4.
  attempt(grpo.id, 5, "verified");
  attempt(rlvr.id, 5, "partial");
  attempt(rlvr.id, 4, "partial");
  attempt(distillation.id, 2, "partial");
  const mark = (pass: 1 | 2, startMs: number, extra: Partial<Parameters<typeof addMark>[1]> = {}) =>
    addMark(store, {
      episodeId: episode.id,
      pass,
      kind: "moment",
      startMs,
      segmentId: null,
      selection: null,
      conceptId: null,
      confidence: null,
      note: null,
      ...extra,
    });
  mark(1, 65_000, { confidence: 2 });
  mark(1, 980_000, { kind: "term", selection: "KV cache", conceptId: kvCache.id });
  mark(2, 400_000);
  addListenSpan(store, episode.id, { pass: 1, startMs: 0, endMs: 300_000, wallMs: 310_000 });
  addListenSpan(store, episode.id, { pass: 1, startMs: 280_000, endMs: 600_000, wallMs: 330_000 });
  addListenSpan(store, episode.id, { pass: 2, startMs: 380_000, endMs: 440_000, wallMs: 61_000 });
  return { episode, grpo, rlvr, distillation, kvCache };
}

describe("the progress API", () => {
  let store: TestStore;
  afterAll(() => store?.cleanup());

  it("answers with mastery counts, calibration, marks and listening per pass", async () => {
    store = freshStore();
    const { episode, grpo, kvCache } = await sampleWithWork(store);
    const server = await startWebServer(store, store.dir);
    try {
      const res = await fetch(`${server.url}/api/episodes/${episode.id}/progress`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as ProgressResponse;
      expect(body.mastery.counts).toMatchObject({ verified: 1, learning: 2, marked: 1 });
      expect(body.mastery.concepts.find((c) => c.id === grpo.id)?.state).toBe("verified");
      expect(body.mastery.concepts.find((c) => c.id === kvCache.id)).toMatchObject({ state: "marked", marked: true });
      expect(body.calibration.brier).toBeCloseTo(1.625 / 4);
      expect(body.calibration.points.map((p) => p.conceptName)).toEqual(["GRPO", "RLVR", "RLVR", "Distillation"]);
      expect(body.marks.map((m) => m.startMs)).toEqual([65_000, 400_000, 980_000]);
      const [one, two, three] = body.passes;
      expect(one).toMatchObject({ pass: 1, timeMs: 640_000, listenedMs: 600_000 });
      expect(one?.stretches).toEqual([{ startMs: 0, endMs: 600_000 }]);
      expect(two).toMatchObject({ pass: 2, timeMs: 61_000, listenedMs: 60_000 });
      expect(three).toMatchObject({ pass: 3, timeMs: 0, listenedMs: 0, stretches: [] });
      expect((await fetch(`${server.url}/api/episodes/nope/progress`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe.skipIf(!HAS_CHROMIUM)("the progress page in Chromium", () => {
  let store: TestStore;
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let work: Awaited<ReturnType<typeof sampleWithWork>>;
  let empty: { id: string };

  beforeAll(async () => {
    store = freshStore();
    work = await sampleWithWork(store);
    // A second episode with nothing done yet (and not analysed): every part shows what to do.
    const { episode } = await importEpisode(store, {
      source: SAMPLE.dir.concat("/transcript.vtt"),
      title: "An untouched episode",
    });
    empty = episode;
    server = await startWebServer(store, store.dir);
  });
  afterAll(async () => {
    await server?.close();
    store?.cleanup();
  });

  async function openProgress(
    id: string,
    locale = "en-US",
    query = "",
  ): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const browser = await launchBrowser(locale);
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/episodes/${id}/progress${query}`);
    return { page, errors, close: browser.close };
  }

  it("shows concepts by state, the calibration with its Brier score, marks that play, and time per pass", async () => {
    const { page, errors, close } = await openProgress(work.episode.id);
    try {
      await page.getByRole("heading", { name: "Concepts by mastery" }).waitFor();
      const concepts = getEpisodeConcepts(store, work.episode.id).length;
      expect(await page.getByText(`1 of ${concepts} concepts verified.`).count()).toBe(1);
      const verified = page.locator("details.state-verified");
      expect(await verified.getByRole("link").allTextContents()).toEqual(["GRPO"]);
      expect((await page.locator("details.state-learning").getByRole("link").allTextContents()).sort()).toEqual([
        "Distillation",
        "RLVR",
      ]);
      expect(await page.locator("details.state-marked").getByRole("link").allTextContents()).toEqual(["KV cache"]);
      expect(await page.locator('.chart-legend li[data-part="verified"]').textContent()).toBe("Verified 1");

      // Calibration: the score, the sentence that explains it, and the learner's tendency.
      expect(await page.getByTestId("brier").textContent()).toBe("0.41");
      expect(await page.getByText(/always answering “even odds” \(3\) scores 0\.25/).count()).toBe(1);
      expect(
        await page
          .getByText("You tend to be over-confident: you expected 75% of your explanations to pass, and 25% did.")
          .count(),
      ).toBe(1);
      expect(await page.locator(".calibration-chart circle.dot").count()).toBe(3); // confidence 2, 4 and 5
      expect(await page.locator(".calibration-chart .reference").count()).toBe(1); // the ideal diagonal
      expect(
        await page.getByRole("img", { name: /Brier score after each explanation: 0\.00 at first, 0\.41 now/ }).count(),
      ).toBe(1);

      // Time per pass and coverage, from the listened stretches.
      const pass1 = page.locator('tr[data-pass="1"]');
      expect(await pass1.locator("td").first().textContent()).toBe("11 min");
      expect(await pass1.locator("td").nth(1).textContent()).toBe("10 min of 21 min");
      expect(await pass1.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("48");
      expect(await page.locator('tr[data-pass="3"] td').first().textContent()).toBe("0 min");

      await saveScreenshot(page, "progress-en");

      // A mark on the pass-2 row plays from its moment.
      await page.getByRole("button", { name: "Mark at 6:40, pass 2: a moment" }).click();
      await expect.poll(() => playerSeconds(page)).toBeGreaterThanOrEqual(400);
      expect(await playerSeconds(page)).toBeLessThan(420);
      // The same from the keyboard, on the pass-1 row.
      await page.getByRole("button", { name: "Mark at 16:20, pass 1: KV cache" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => playerSeconds(page)).toBeGreaterThanOrEqual(980);
      expect(await playerSeconds(page)).toBeLessThan(1000);

      // A concept opens its page.
      await verified.getByRole("link", { name: "GRPO" }).click();
      await page.waitForURL(`**/episodes/${work.episode.id}/concepts/${work.grpo.id}`);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("tells the learner what to do where nothing is done yet", async () => {
    const { page, errors, close } = await openProgress(empty.id);
    try {
      await page.getByRole("heading", { name: "Concepts by mastery" }).waitFor();
      expect(await page.getByText(/has not been analysed yet/).count()).toBe(1);
      expect(await page.getByText(/No graded explanations yet\. Open a concept/).count()).toBe(1);
      expect(await page.getByText(/No marks yet\. On the Listen tab, press M/).count()).toBe(1);
      expect(await page.getByText(/Nothing listened to yet\. Press play on the Listen tab/).count()).toBe(1);
      expect(await page.getByRole("link", { name: "Open the concepts" }).getAttribute("href")).toBe(
        `/episodes/${empty.id}/concepts`,
      );
      await saveScreenshot(page, "progress-empty-en");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("speaks Chinese", async () => {
    const { page, errors, close } = await openProgress(work.episode.id, "en-US", "?lang=zh-CN");
    try {
      await page.getByRole("heading", { name: "概念掌握情况" }).waitFor();
      expect(await page.getByRole("heading", { name: "信心校准" }).count()).toBe(1);
      expect(await page.getByText(/每次都答“一半一半”（3）得 0\.25/).count()).toBe(1);
      expect(await page.getByText("你有些过于自信：你预计 75% 的讲解会通过，实际通过了 25%。").count()).toBe(1);
      expect(await page.getByRole("button", { name: "6:40 的标记，第 2 遍：一个时刻" }).count()).toBe(1);
      expect(await page.locator('tr[data-pass="1"] td').first().textContent()).toBe("11 分钟");
      await saveScreenshot(page, "progress-zh-CN");
      const { page: emptyPage, close: closeEmpty } = await openProgress(empty.id, "zh-CN");
      try {
        await emptyPage.getByText(/还没有评判过的讲解/).waitFor();
        await saveScreenshot(emptyPage, "progress-empty-zh-CN");
      } finally {
        await closeEmpty();
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

/** Where the player bar says playback is, in seconds. */
async function playerSeconds(page: Page): Promise<number> {
  const text = (await page.locator(".player-bar .time").textContent()) ?? "";
  const parts = (text.split("/")[0] ?? "").trim().split(":").map(Number);
  return parts.reduce((s, n) => s * 60 + n, 0);
}
