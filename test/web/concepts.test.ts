import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../../src/library/index.js";
import type { ConceptRowJson } from "../../src/server/contract/index.js";
import { findConcept, getMasteryState, listAttempts } from "../../src/store/index.js";
import {
  applyConceptFilter,
  DEFAULT_FILTER,
  filterFromSearch,
  filterToSearch,
} from "../../web/src/pages/concepts/concept-filters.js";
import { corpusFile, HAS_CORPUS } from "../corpus.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

/** Written from the pack's GRPO rubric: group sampling, reward relative to the group, no critic. */
const GOOD_GRPO =
  "For each prompt GRPO samples a group of several answers and scores each one with the reward. " +
  "Each answer's advantage is its reward compared with the group's average reward, normalised by the spread, " +
  "so answers better than the group mean are pushed up and worse ones down. " +
  "Because the group itself is the baseline, it needs no separate value model or critic, unlike PPO.";
const VAGUE_GRPO = "GRPO is a better kind of RL that makes models smarter.";

const row = (over: Partial<ConceptRowJson>): ConceptRowJson => ({
  id: 1,
  name: "x",
  packNames: null,
  aliases: [],
  kind: "term",
  state: "new",
  mentionCount: 1,
  firstMs: 0,
  marked: false,
  rank: 0,
  hasPackEntry: false,
  ...over,
});

describe("the concepts table's filter", () => {
  const rows = [
    row({ id: 1, name: "Reinforcement learning", rank: 0, mentionCount: 37, state: "learning" }),
    row({ id: 2, name: "GRPO", rank: 1, mentionCount: 8, marked: true, firstMs: 428_000 }),
    row({ id: 3, name: "Tülu 3", kind: "model", rank: 2, mentionCount: 1, state: "verified" }),
    row({ id: 4, name: "KV cache", rank: 3, packNames: { en: "KV cache", zh: "KV 缓存" }, firstMs: 980_000 }),
  ];
  const ids = (f: Partial<typeof DEFAULT_FILTER>) =>
    applyConceptFilter([...rows], { ...DEFAULT_FILTER, ...f }).map((r) => r.id);

  it("finds by name, alias or the pack's Chinese name, ignoring case and accents", () => {
    expect(ids({ text: "grpo" })).toEqual([2]);
    expect(ids({ text: "tulu" })).toEqual([3]);
    expect(ids({ text: "缓存" })).toEqual([4]);
  });

  it("filters by kind, state and marks, and sorts by any column both ways", () => {
    expect(ids({ kind: "model" })).toEqual([3]);
    expect(ids({ state: "verified" })).toEqual([3]);
    expect(ids({ markedOnly: true })).toEqual([2]);
    expect(ids({ sort: "mentions" })).toEqual([1, 2, 3, 4]);
    expect(ids({ sort: "first", direction: "desc" })).toEqual([4, 2, 1, 3]);
    expect(ids({ sort: "name" })).toEqual([2, 4, 1, 3]);
  });

  it("lives in the address next to the language, and ignores values it does not know", () => {
    const search = filterToSearch(
      { ...DEFAULT_FILTER, text: "rl", state: "learning", markedOnly: true },
      "?lang=zh-CN",
    );
    expect(search).toBe("?lang=zh-CN&q=rl&state=learning&marked=1");
    expect(filterFromSearch(search)).toEqual({ ...DEFAULT_FILTER, text: "rl", state: "learning", markedOnly: true });
    expect(filterFromSearch("?kind=planet&sort=height&dir=sideways")).toEqual(DEFAULT_FILTER);
  });
});

/** The position the player bar shows, in seconds. */
async function playerSeconds(page: Page): Promise<number> {
  const text = (await page.locator(".player-bar .time").textContent()) ?? "";
  const [m, s] = (text.split("/")[0] ?? "").trim().split(":").map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
}

// A browser on a busy two-core machine: each step may wait for the page, so each test gets a minute.
describe.skipIf(!HAS_CHROMIUM)("the concepts pages in Chromium", { timeout: 60_000 }, () => {
  const store = freshStore();
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let episodeId = "";
  let grpoId = 0;

  beforeAll(async () => {
    const { episode } = await importEpisode(store, {
      source: SAMPLE.transcript,
      audioUrl: SAMPLE.audio,
      sourceKind: "sample",
    });
    episodeId = episode.id;
    analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
    grpoId = findConcept(store, "GRPO", episodeId)?.id ?? 0;
    server = await startWebServer(store, store.dir);
    browser = await launchBrowser("en-US");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    store.cleanup();
  });

  const open = async (path: string) => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}${path}`);
    return page;
  };

  it("lists the concepts, filters them, plays a first moment and opens a concept", async () => {
    const page = await open(`/episodes/${episodeId}/concepts?lang=en`);
    const rows = page.locator(".concepts-table tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(50);
    expect(await page.locator(".concepts-table tbody tr").first().locator("td").nth(1).textContent()).toContain(
      "Reinforcement learning",
    );
    await saveScreenshot(page, "concepts-en");

    await page.getByLabel("Find").fill("grpo");
    await expect.poll(() => rows.count()).toBe(1);
    expect(page.url()).toContain("q=grpo");
    const grpo = rows.first();
    expect(await grpo.textContent()).toContain("GRPO");
    await grpo.getByRole("button", { name: "Play from 7:08" }).click();
    await expect.poll(() => playerSeconds(page)).toBeGreaterThanOrEqual(428);
    expect(await playerSeconds(page)).toBeLessThan(440);

    await page.getByRole("combobox", { name: "Mastery" }).selectOption("verified");
    await page.getByText("No concept matches these filters.").waitFor();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(50);

    await page.getByRole("button", { name: "Sort by Mentions" }).click();
    expect(await page.locator("th[aria-sort=ascending]").textContent()).toContain("Mentions");

    await page.getByLabel("Find").fill("grpo");
    await page.getByRole("link", { name: "GRPO" }).click();
    await page.getByRole("heading", { name: "GRPO", level: 2 }).waitFor();
    expect(page.url()).toBe(`${server.url}/episodes/${episodeId}/concepts/${grpoId}`);
    await page.close();
  });

  it("teaches GRPO: moments play, the card, what to learn first, and the gate keeps a vague explanation out", async () => {
    const page = await open(`/episodes/${episodeId}/concepts/${grpoId}?lang=en`);
    await page.getByRole("heading", { name: "What the episode says" }).waitFor();
    expect(await page.locator(".pack-card .definition").textContent()).toMatch(/^Group Relative Policy Optimization/);
    const learnFirst = page.locator(".prerequisites");
    expect(await learnFirst.getByRole("link", { name: "PPO" }).count()).toBe(1);
    expect(await page.locator(".questions li").count()).toBeGreaterThanOrEqual(2);

    const firstMoment = page.locator(".moments .moment").first();
    const label = (await firstMoment.getAttribute("aria-label")) ?? "";
    const [, mm, ss] = /Play (\d+):(\d+)/.exec(label) ?? [];
    await firstMoment.click();
    const at = Number(mm) * 60 + Number(ss);
    await expect.poll(() => playerSeconds(page)).toBeGreaterThanOrEqual(at);
    expect(await playerSeconds(page)).toBeLessThan(at + 10);

    // Confidence first: the explanation cannot be typed before it.
    const box = page.locator(".explain-box");
    const textarea = box.getByRole("textbox");
    expect(await textarea.isDisabled()).toBe(true);
    await box.getByRole("radio", { name: "4 sure" }).check();
    await textarea.fill(VAGUE_GRPO);
    await box.getByRole("button", { name: "Check my explanation" }).click();
    const verdict = box.locator(".verdict");
    await verdict.waitFor();
    expect(await verdict.getAttribute("data-verdict")).toBe("partial");
    expect(await verdict.textContent()).toContain("Partly there");
    expect(await verdict.locator(".points.missing").textContent()).toContain(
      "No separate value/critic model is needed, unlike PPO.",
    );
    expect(await verdict.textContent()).toContain("this is the “kind of get it” the gate is here for");
    expect(await page.locator(".concept-header .badge").textContent()).toContain("learning");
    expect(getMasteryState(store, grpoId)).toBe("learning");
    await saveScreenshot(page, "concept-partial-en");
    await page.close();
  });

  it("keeps a draft through a reload, then verifies a real explanation and shows it in the history", async () => {
    const page = await open(`/episodes/${episodeId}/concepts/${grpoId}?lang=en`);
    const box = page.locator(".explain-box");
    await box.waitFor();
    await box.getByRole("radio", { name: "4 sure" }).check();
    await box.getByRole("textbox").fill(GOOD_GRPO);
    await page.reload();
    await box.waitFor();
    expect(await box.getByRole("textbox").inputValue()).toBe(GOOD_GRPO);
    expect(await box.getByRole("radio", { name: "4 sure" }).isChecked()).toBe(true);

    await box.getByRole("button", { name: "Check my explanation" }).click();
    const verdict = box.locator(".verdict");
    await verdict.waitFor();
    expect(await verdict.getAttribute("data-verdict")).toBe("verified");
    expect(await verdict.locator(".points.covered li").count()).toBe(3);
    expect(await verdict.locator(".state-change").textContent()).toMatch(/learning\s*→\s*verified/);
    expect(await page.locator(".concept-header .badge").textContent()).toContain("verified");
    expect(await page.locator(".attempt").count()).toBe(2);
    expect(await page.locator(".attempt").first().getAttribute("data-verdict")).toBe("verified");
    expect(listAttempts(store, grpoId).map((a) => [a.verdict, a.confidence])).toEqual([
      ["partial", 4],
      ["verified", 4],
    ]);
    await saveScreenshot(page, "concept-verified-en");

    // Submitted: the draft is gone, so a reload starts a fresh attempt.
    await page.reload();
    await box.waitFor();
    expect(await box.getByRole("textbox").inputValue()).toBe("");
    await page.close();
  });

  it("speaks Chinese: labels, the Chinese card and a Chinese verdict", async () => {
    const rlvr = findConcept(store, "RLVR", episodeId)?.id ?? 0;
    const page = await open(`/episodes/${episodeId}/concepts?lang=zh-CN`);
    await page.getByRole("columnheader", { name: /名称/ }).waitFor();
    expect(await page.getByRole("columnheader", { name: /掌握程度/ }).count()).toBe(1);
    expect(await page.locator(".concepts-table").textContent()).toContain("强化学习");
    await saveScreenshot(page, "concepts-zh-CN");

    await page.goto(`${server.url}/episodes/${episodeId}/concepts/${rlvr}?lang=zh-CN`);
    await page.getByRole("heading", { name: "节目里是怎么说的" }).waitFor();
    expect(await page.locator(".pack-card h3").textContent()).toBe("知识卡片");
    expect(await page.locator(".pack-card .definition").textContent()).toMatch(/[\u4e00-\u9fff]{4}/);
    const box = page.locator(".explain-box");
    expect(await box.locator("h2").textContent()).toBe("用你自己的话解释");
    await box.getByRole("radio", { name: "3 大概懂" }).check();
    await box.getByRole("textbox").fill("它就是一种强化学习。");
    await box.getByRole("button", { name: "检查我的解释" }).click();
    await box.locator(".verdict").waitFor();
    expect(await box.locator(".verdict-title").textContent()).toContain("部分正确");
    expect(await box.locator(".points.missing").textContent()).toMatch(/还缺少[\s\S]*[\u4e00-\u9fff]/);
    await saveScreenshot(page, "concept-zh-CN");
    await page.close();
  });

  it("says so when the concept is not one of this episode's", async () => {
    const page = await open(`/episodes/${episodeId}/concepts/999999?lang=en`);
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("this episode has no concept 999999");
    await page.close();
  });
});

describe.skipIf(!HAS_CHROMIUM || !HAS_CORPUS)("the concepts table on #490", { timeout: 120_000 }, () => {
  it("shows hundreds of concepts and filters them as the learner types", async () => {
    const store = freshStore();
    const { episode } = await importEpisode(store, {
      source: corpusFile("en/lex490-state-of-ai-2026.timestamped.txt"),
    });
    analyzeStoredEpisode(store, episode.id, libraryGlossary(store.dir));
    const server = await startWebServer(store, store.dir);
    const browser = await launchBrowser("en-US");
    try {
      const page = await browser.context.newPage();
      const started = Date.now();
      await page.goto(`${server.url}/episodes/${episode.id}/concepts?lang=en`);
      const rows = page.locator(".concepts-table tbody tr");
      await rows.first().waitFor();
      const shownMs = Date.now() - started;
      const total = await rows.count();
      expect(total).toBeGreaterThan(200);
      const typed = Date.now();
      await page.getByLabel("Find").fill("latent");
      await expect.poll(() => rows.count()).toBeLessThan(total);
      const filteredMs = Date.now() - typed;
      expect(await rows.first().textContent()).toMatch(/latent attention/i);
      console.log(`[concepts #490] ${total} rows shown in ${shownMs} ms; filtered in ${filteredMs} ms`);
      expect(shownMs).toBeLessThan(10_000);
      await page.getByLabel("Find").fill("");
      await saveScreenshot(page, "concepts-lex490-en");
    } finally {
      await browser.close();
      await server.close();
      store.cleanup();
    }
  });
});
