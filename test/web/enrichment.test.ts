import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../../src/library/index.js";
import { llmSettingsFile, saveLlmSettings } from "../../src/llm/index.js";
import { findConcept } from "../../src/store/index.js";
import { enrichmentResponder } from "../enrich-answers.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { type ReplayServer, startOpenAiReplayServer } from "../helpers/openai-replay-server.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

/**
 * Enrichment on the concept page in a real browser, the model played by a real OpenAI-style
 * server: without a model the panel says what to configure; with one, the estimate (tokens and
 * cost) is shown before anything is sent, then the background job writes the notes, which appear
 * labelled as model-written beside the pack card's place; a concept with a pack card is not offered.
 */
let store: ReturnType<typeof freshStore>;
let server: ReplayServer;
let web: Awaited<ReturnType<typeof startWebServer>>;
let episodeId: string;
let rewardId: number;
let grpoId: number;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  store = freshStore();
  const { episode } = await importEpisode(store, {
    source: SAMPLE.transcript,
    audioUrl: SAMPLE.audio,
    sourceKind: "sample",
  });
  episodeId = episode.id;
  analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
  rewardId = findConcept(store, "reward", episodeId)?.id ?? 0;
  grpoId = findConcept(store, "GRPO", episodeId)?.id ?? 0;
  server = await startOpenAiReplayServer({ respond: enrichmentResponder() });
  web = await startWebServer(store, store.dir);
});
afterAll(async () => {
  if (!HAS_CHROMIUM) return;
  await web.close();
  await server.close();
  store.cleanup();
});

describe.skipIf(!HAS_CHROMIUM)("enrichment on the concept page", () => {
  it("without a model, says what to configure and links the settings", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${web.url}/episodes/${episodeId}/concepts/${rewardId}?lang=en`);
      const card = page.locator(".enrichment-card");
      await card.waitFor();
      await expect(card.textContent()).resolves.toMatch(
        /Writing notes needs a model\. enrichment needs a model: choose one on the Settings page/,
      );
      await card.getByRole("link", { name: "Open Settings" }).click();
      await page.locator("#settings-title").waitFor();
    } finally {
      await browser.close();
    }
  }, 90_000);

  it("shows the estimate first, then writes labelled notes in the learner's language; none for a packed concept", async () => {
    saveLlmSettings(llmSettingsFile(store.dir), { provider: "vllm", model: "replay-model", baseUrl: server.baseUrl });
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${web.url}/episodes/${episodeId}/concepts/${rewardId}?lang=en`);
      const card = page.locator(".enrichment-card");
      await card.getByRole("button", { name: "Write notes with the model…" }).click();
      const confirm = card.locator(".enrich-confirm");
      await confirm.waitFor();
      await expect(confirm.textContent()).resolves.toMatch(
        /This sends about [\d,]+ tokens and receives about [\d,]+, in 1 request\(s\)\. Cost: free \(your own server\)\./,
      );
      expect(server.requests).toHaveLength(0);
      await saveScreenshot(page, "enrichment-estimate-en");
      await confirm.getByRole("button", { name: "Write them" }).click();
      const written = page.locator("[data-model-written]");
      await written.waitFor({ timeout: 30_000 });
      await expect(written.locator(".model-label").textContent()).resolves.toBe(
        "Written by vllm · replay-model from this episode's passages; not checked like a pack card.",
      );
      await expect(written.textContent()).resolves.toContain("Why does reward matter?");
      await saveScreenshot(page, "enrichment-notes-en");

      await page.goto(`${web.url}/episodes/${episodeId}/concepts/${rewardId}?lang=zh-CN`);
      await page.locator("[data-model-written]").waitFor();
      await expect(page.locator("[data-model-written]").textContent()).resolves.toContain("模型撰写的笔记");
      await expect(page.locator("[data-model-written]").textContent()).resolves.toContain("为什么重要");
      await saveScreenshot(page, "enrichment-notes-zh-CN");

      await page.goto(`${web.url}/episodes/${episodeId}/concepts/${grpoId}?lang=en`);
      await page.locator(".pack-card").waitFor();
      await page.waitForLoadState("networkidle");
      expect(await page.locator(".enrichment-card").count()).toBe(0);
    } finally {
      await browser.close();
      rmSync(llmSettingsFile(store.dir), { force: true });
    }
  }, 120_000);
});
