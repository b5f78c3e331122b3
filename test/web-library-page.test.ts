import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../src/library/index.js";
import { createApp } from "../src/server/app.js";
import { insertEpisode } from "../src/store/index.js";
import { HAS_CHROMIUM, launchBrowser } from "./helpers/browser.js";
import { freshStore } from "./helpers/store.js";

/** The library page in a real Chromium: what a learner sees on first start, in English and Chinese. */
describe.skipIf(!HAS_CHROMIUM)("the library page in Chromium", () => {
  const store = freshStore();
  let url = "";
  let server: ReturnType<typeof serve>;

  beforeAll(async () => {
    const { episode } = await importEpisode(store, {
      source: SAMPLE.transcript,
      audioUrl: SAMPLE.audio,
      sourceKind: "sample",
    });
    analyzeStoredEpisode(store, episode.id, libraryGlossary(store.dir));
    insertEpisode(store, {
      title: "<img src=x onerror=alert(1)> 混合专家",
      show: null,
      language: "zh",
      durationMs: 4000,
      wordCount: 12,
      format: "srt",
      source: { kind: "file", ref: "x.srt", sha256: "x" },
      audioUrl: null,
      videoUrl: null,
      timingEstimated: false,
      speakersAnonymous: true,
      people: [],
      segments: [
        { startMs: 0, endMs: 4000, speaker: "Speaker 1", text: "<script>window.hacked=1</script>路由器挑选专家。" },
      ],
      chapters: [],
    });
    const app = createApp({ store, home: store.dir });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
        url = `http://127.0.0.1:${info.port}/`;
        resolve();
      });
    });
  });
  afterAll(() => {
    server?.close();
    store.cleanup();
  });

  it("lists the episodes with their length, speakers and chapters, in English", async () => {
    const browser = await launchBrowser("en-US");
    try {
      const page = await browser.context.newPage();
      await page.goto(url);
      await page.waitForSelector(".episode");
      const cards = await page.locator(".episode h2").allTextContents();
      expect(cards).toHaveLength(2);
      expect(cards).toContain("<img src=x onerror=alert(1)> 混合专家");
      const sample = page.locator(".episode", { hasText: "Speakers: Maya Chen" });
      await expect(sample.locator(".chapters li").count()).resolves.toBeGreaterThanOrEqual(5);
      expect(await page.locator("header .tag").textContent()).toBe("Understanding you can prove");
      // The sample's transcript opens with its audio; text from the library is shown as text.
      await sample.click();
      await page.waitForSelector(".seg");
      expect(await page.locator("audio").count()).toBe(1);
      expect(await page.locator(".chapter-title").count()).toBeGreaterThanOrEqual(5);
      // What the analysis found: the concepts to learn and the moments where the guests clash.
      expect(await page.locator(".concepts li", { hasText: "GRPO" }).count()).toBe(1);
      expect(await page.locator(".clash").count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator(".clash").first().textContent()).toMatch(/disagree|push back/i);
      await page.goto(`${url}#/`);
      await page.locator(".episode", { hasText: "混合专家" }).click();
      await page.waitForSelector(".seg");
      expect(await page.locator(".seg").first().textContent()).toContain("<script>window.hacked=1</script>");
      expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
    } finally {
      await browser.close();
    }
  });

  it("speaks Chinese to a Chinese browser", async () => {
    const browser = await launchBrowser("zh-CN");
    try {
      const page = await browser.context.newPage();
      await page.goto(url);
      await page.waitForSelector(".episode");
      expect(await page.locator("header .tag").textContent()).toBe("可以被证明的理解");
      expect(await page.locator(".episode .meta").first().textContent()).toContain("说话人");
      await page.locator(".episode", { hasText: "Maya Chen" }).click();
      await page.waitForSelector(".seg");
      expect(await page.locator("h3.section").first().textContent()).toBe("核心概念");
      await page.click("#lang");
      expect(await page.locator("header .tag").textContent()).toBe("Understanding you can prove");
    } finally {
      await browser.close();
    }
  });
});
