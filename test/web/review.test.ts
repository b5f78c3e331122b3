import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../../src/library/index.js";
import { addMark, findConcept, getMasteryState } from "../../src/store/index.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

const GOOD_GRPO =
  "For each prompt GRPO samples a group of several answers and scores each one with the reward. Each answer's advantage is its reward compared with the group's average reward, normalised by the spread, so answers better than the group mean are pushed up and worse ones down. Because the group itself is the baseline, it needs no separate value model or critic, unlike PPO.";

describe.skipIf(!HAS_CHROMIUM)("the review page", () => {
  const base = freshStore();
  // Due dates are shown relative to the browser's clock: the server uses the real one here.
  const store = { ...base, now: () => new Date() };
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let episodeId: string;

  beforeAll(async () => {
    const { episode } = await importEpisode(store, {
      source: SAMPLE.transcript,
      audioUrl: SAMPLE.audio,
      sourceKind: "sample",
    });
    episodeId = episode.id;
    analyzeStoredEpisode(store, episodeId, libraryGlossary(base.dir));
    const grpo = findConcept(store, "GRPO", episodeId);
    if (!grpo) throw new Error("no GRPO in the sample");
    addMark(store, {
      episodeId,
      pass: 1,
      kind: "term",
      startMs: 0,
      segmentId: null,
      selection: "GRPO",
      conceptId: grpo.id,
      confidence: 2,
      note: null,
    });
    server = await startWebServer(store, base.dir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    base.cleanup();
  });

  it("shows a due card, takes confidence first, and shows the verdict and the next due date", async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/review?lang=en`);
    await page.getByRole("heading", { name: "Explain GRPO in your own words." }).waitFor();
    const box = page.getByLabel("Your answer, without looking anything up");
    expect(await box.isDisabled()).toBe(true);
    await page.getByText("4", { exact: true }).click();
    expect(await box.isDisabled()).toBe(false);
    await box.fill(GOOD_GRPO);
    await page.getByRole("button", { name: "Check my answer" }).click();
    const verdict = page.getByRole("status");
    await verdict.getByRole("heading", { name: "Verified" }).waitFor();
    expect(await verdict.textContent()).toMatch(/GRPO is verified\..*Next review in \d+ min/);
    await saveScreenshot(page, "review-verdict-en");
    const grpo = findConcept(store, "GRPO", episodeId);
    expect(getMasteryState(store, grpo?.id as number)).toBe("verified");
    // The next card of the list comes up.
    await page.getByRole("button", { name: "Next card" }).click();
    await page.getByText("Card 2 of").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows pass 3, the insights and the write-up preview of an episode in Chinese", async () => {
    const zh = await launchBrowser("zh-CN");
    try {
      const page = await zh.context.newPage();
      await page.goto(`${server.url}/review?lang=zh-CN&episode=${episodeId}&mode=pass3`);
      await page.getByRole("heading", { name: "第三遍：不看资料验证" }).waitFor();
      await page.getByRole("heading", { name: "用你自己的话解释「GRPO」。" }).waitFor();
      await page.getByLabel("新的想法").fill("我原来以为强化学习创造了推理能力。");
      await page.getByRole("button", { name: "添加" }).click();
      await page.getByText("我原来以为强化学习创造了推理能力。", { exact: true }).waitFor();
      await page.getByRole("button", { name: "预览文章" }).click();
      const preview = page.locator(".write-up-preview");
      await preview.waitFor();
      expect(await preview.textContent()).toContain("## 我的想法有什么变化");
      await saveScreenshot(page, "review-pass3-zh");
      await page.close();
    } finally {
      await zh.close();
    }
  });
});
