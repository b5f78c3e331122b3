import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../../src/library/index.js";
import type { StancesResponse } from "../../src/server/contract/index.js";
import { corpusFile, HAS_CORPUS } from "../corpus.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

const ARJUN = "Dr. Arjun Patel";
const LENA = "Dr. Lena Vogel";
const LENA_KEY = "reinforcement learning is a very good key, but it doesn't build the room";

async function waitForSaved(page: Page) {
  await page.getByRole("status").filter({ hasText: "All changes saved" }).waitFor({ timeout: 10_000 });
}

/**
 * Pass 2 in the browser on the bundled sample (a 20-minute debate between Arjun Patel and Lena
 * Vogel, hosted by Maya Chen): the clash playlist drives the shared player, and the stance table
 * saves as the learner types and checks who said each quote.
 */
describe.skipIf(!HAS_CHROMIUM)("the clashes page", () => {
  const store = freshStore();
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let address = "";
  let episodeId = "";

  beforeAll(async () => {
    const { episode } = await importEpisode(store, {
      source: SAMPLE.transcript,
      audioUrl: SAMPLE.audio,
      sourceKind: "sample",
    });
    episodeId = episode.id;
    await analyzeStoredEpisode(store, episode.id, libraryGlossary(store.dir));
    server = await startWebServer(store, store.dir);
    browser = await launchBrowser("en-US");
    page = await browser.context.newPage();
    address = `${server.url}/episodes/${encodeURIComponent(episode.id)}/clashes?lang=en`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    store.cleanup();
  });

  const clashItems = () => page.locator(".clash-list > li");
  const playerTime = () => page.locator(".player-bar .time");
  const table = async () =>
    (await (await fetch(`${server.url}/api/episodes/${episodeId}/stances`)).json()) as StancesResponse;

  it("lists the clash moments in order, and a click plays one in the shared player", async () => {
    await page.goto(address);
    await page.getByRole("heading", { name: "Clash playlist" }).waitFor();
    // The heading shows before the clashes arrive: wait for the list itself.
    await clashItems().first().waitFor();
    expect(await clashItems().count()).toBe(3);
    const first = clashItems().nth(0);
    expect(await first.textContent()).toContain("2:43–4:10");
    expect(await first.textContent()).toContain("I disagree with the leap at the end there");
    expect(await first.textContent()).toContain(`— ${ARJUN}`);
    expect(await first.textContent()).toContain(`${ARJUN} vs ${LENA}`);

    await page.getByRole("button", { name: /^Play clash 2 at 11:42/ }).click();
    await expect.poll(() => playerTime().textContent()).toMatch(/^11:4\d/);
    expect(await clashItems().nth(1).getAttribute("aria-current")).toBe("true");
    expect(await clashItems().nth(0).getAttribute("aria-current")).toBeNull();
    expect(await page.getByRole("status").filter({ hasText: "Clash 2 of 3" }).count()).toBe(1);

    await page.getByRole("button", { name: "Next clash" }).click();
    await expect.poll(() => playerTime().textContent()).toMatch(/^16:2\d/);
    expect(await clashItems().nth(2).getAttribute("aria-current")).toBe("true");
  });

  it("plays all: at the end of one clash the player goes on to the next", async () => {
    await page.goto(address);
    await page.getByRole("button", { name: "Play all" }).click();
    await expect.poll(() => clashItems().nth(0).getAttribute("aria-current")).toBe("true");
    // Jump to two seconds before the first clash ends (4:10) and let it play over the end.
    await page.evaluate(() => {
      const audio = document.querySelector("audio") as HTMLAudioElement;
      audio.currentTime = 248;
      void audio.play();
    });
    await expect.poll(() => clashItems().nth(1).getAttribute("aria-current"), { timeout: 10_000 }).toBe("true");
    await expect.poll(() => playerTime().textContent()).toMatch(/^11:4\d/);
    await page.getByRole("button", { name: "Stop playing all" }).click();
  });

  it("makes a topic row from a clash; a position and a quote save as typed and survive a reload", async () => {
    await page.goto(address);
    await clashItems()
      .nth(0)
      .getByRole("button", { name: /Add to the stance table/ })
      .click();
    const title = page.getByRole("textbox", { name: "Title of topic 1" });
    await title.waitFor();
    const clashTopic = (await clashItems().nth(0).locator(".clash-topic").textContent()) ?? "";
    expect(await title.inputValue()).toBe(clashTopic);
    // The new row takes the focus so the learner can name the topic in their own words.
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(
      await clashItems()
        .nth(0)
        .getByRole("button", { name: /In the stance table/ })
        .count(),
    ).toBe(1);

    await title.fill("Does pre-training already teach reasoning?");
    const topic = "Does pre-training already teach reasoning?";
    await page
      .getByRole("textbox", { name: `Position: ${ARJUN} on ${topic}` })
      .fill("No: predicting proofs is not proving.");
    await page
      .getByRole("textbox", { name: `Quote: ${ARJUN} on ${topic}` })
      .fill("I disagree with the leap at the end there");
    await waitForSaved(page);
    const cell = page.locator(".stance-cell").nth(1);
    await expect.poll(() => cell.locator(".quote-check").textContent()).toContain(`Found: ${ARJUN} at 3:09`);

    await page.reload();
    await page.getByRole("textbox", { name: "Title of topic 1" }).waitFor();
    expect(await page.getByRole("textbox", { name: "Title of topic 1" }).inputValue()).toBe(topic);
    expect(await page.getByRole("textbox", { name: `Position: ${ARJUN} on ${topic}` }).inputValue()).toBe(
      "No: predicting proofs is not proving.",
    );
    expect(await page.getByRole("textbox", { name: `Quote: ${ARJUN} on ${topic}` }).inputValue()).toBe(
      "I disagree with the leap at the end there",
    );
    const saved = await table();
    expect(saved.topics).toHaveLength(1);
    expect(saved.topics[0]).toMatchObject({ title: topic, clashIdx: 0 });
  });

  it("flags a quote of Lena Vogel typed into Arjun Patel's column, with her name and moment", async () => {
    await page.goto(address);
    const topic = "Does pre-training already teach reasoning?";
    await page.getByRole("textbox", { name: `Quote: ${ARJUN} on ${topic}` }).fill(LENA_KEY);
    const check = page.locator(".stance-cell").nth(1).locator(".quote-check.wrong");
    await check.waitFor({ timeout: 10_000 });
    expect(await check.textContent()).toContain(`Said by ${LENA}, not ${ARJUN}, at 1:15`);
    await check.getByRole("button", { name: "Play the moment at 1:15" }).click();
    await expect.poll(() => playerTime().textContent()).toMatch(/^1:1\d/);

    // One click moves it to her column, where it is fine, with the moment where she says it.
    await check.getByRole("button", { name: `Move it to ${LENA}` }).click();
    expect(await page.getByRole("textbox", { name: `Quote: ${ARJUN} on ${topic}` }).inputValue()).toBe("");
    expect(await page.getByRole("textbox", { name: `Quote: ${LENA} on ${topic}` }).inputValue()).toBe(LENA_KEY);
    const lena = page.locator(".stance-cell").nth(2);
    await lena.locator(".quote-check.ok").waitFor({ timeout: 10_000 });
    expect(await lena.locator(".quote-check").textContent()).toContain(`Found: ${LENA} at 1:15`);
    expect(await lena.locator(".moment-row").textContent()).toContain("1:15");
    await waitForSaved(page);
    const cells = (await table()).topics[0]?.cells ?? [];
    expect(cells.find((c) => c.speaker === LENA)).toMatchObject({ quote: LENA_KEY, startMs: 75_000 });
    expect(cells.find((c) => c.speaker === ARJUN)?.quote).toBe("");

    // A sentence nobody said.
    await page
      .getByRole("textbox", { name: `Quote: Maya Chen on ${topic}` })
      .fill("Knowledge comes from pre-training, reasoning from post-training");
    await page.locator(".stance-cell").nth(0).locator(".quote-check.missing").waitFor({ timeout: 10_000 });
    expect(await page.locator(".stance-cell").nth(0).locator(".quote-check").textContent()).toContain(
      "Not found in the transcript",
    );
    await waitForSaved(page);
  });

  it("takes the cell's moment from the player", async () => {
    await page.goto(address);
    await page.getByRole("button", { name: /^Play clash 1 at 2:43/ }).click();
    await page.getByRole("button", { name: new RegExp(`^Use current moment \\(2:4\\d\\) for ${ARJUN}`) }).click();
    await waitForSaved(page);
    const arjun = (await table()).topics[0]?.cells.find((c) => c.speaker === ARJUN);
    expect(Math.floor((arjun?.startMs ?? 0) / 1000)).toBeGreaterThanOrEqual(163);
    expect(await page.locator(".stance-cell").nth(1).locator(".moment-row").textContent()).toMatch(/2:4\d/);
    expect(arjun?.segmentId).not.toBeNull();
  });

  it("keeps what was typed when the page is reloaded before the save, then saves it", async () => {
    await page.goto(address);
    const topic = "Does pre-training already teach reasoning?";
    const synthesis = page.getByRole("textbox", { name: `My synthesis on ${topic}` });
    await synthesis.fill("RL selects what pre-training made; the fight is about new strategies.");
    await page.reload();
    await expect
      .poll(() => page.getByRole("textbox", { name: `My synthesis on ${topic}` }).inputValue())
      .toBe("RL selects what pre-training made; the fight is about new strategies.");
    await waitForSaved(page);
    expect((await table()).topics[0]?.synthesis).toBe(
      "RL selects what pre-training made; the fight is about new strategies.",
    );
  });

  it("adds, reorders and deletes typed topics", async () => {
    await page.goto(address);
    await page.getByRole("textbox", { name: "New topic" }).fill("Is pass@k a fair test?");
    await page.getByRole("button", { name: "Add topic" }).click();
    await page.getByRole("textbox", { name: "Title of topic 2" }).waitFor();
    await page.getByRole("button", { name: "Move “Is pass@k a fair test?” up" }).click();
    await expect.poll(async () => (await table()).topics.map((t) => t.title)[0]).toBe("Is pass@k a fair test?");
    await saveScreenshot(page, "clashes-en");
    await page
      .locator(`#topic-${(await table()).topics[0]?.id}`)
      .getByRole("button", { name: "Delete topic" })
      .click();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await expect.poll(async () => (await table()).topics.length).toBe(1);
    expect(await page.getByRole("textbox", { name: "Title of topic 2" }).count()).toBe(0);
  });

  it("offers to analyse an episode that was not analysed, then shows its clashes", async () => {
    const { episode } = await importEpisode(store, { source: `${SAMPLE.dir}/transcript.vtt` });
    await page.goto(`${server.url}/episodes/${encodeURIComponent(episode.id)}/clashes?lang=en`);
    await page.getByText("This episode has not been analysed yet").waitFor();
    expect(await clashItems().count()).toBe(0);
    await page.getByRole("button", { name: "Analyse it now" }).click();
    await expect.poll(() => clashItems().count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.getByText("This episode has not been analysed yet").count()).toBe(0);
  });

  it("speaks Chinese", async () => {
    const zh = await launchBrowser("zh-CN");
    try {
      const p = await zh.context.newPage();
      await p.goto(address.replace("?lang=en", ""));
      await p.getByRole("heading", { name: "交锋片段播放列表" }).waitFor();
      expect(await p.getByRole("heading", { name: "立场表" }).count()).toBe(1);
      expect(await p.getByRole("button", { name: "全部播放" }).count()).toBe(1);
      const wrongTopic = "Does pre-training already teach reasoning?";
      await p.getByRole("textbox", { name: `原话：${ARJUN} 对“${wrongTopic}”` }).fill(LENA_KEY);
      await p.locator(".quote-check.wrong").waitFor({ timeout: 10_000 });
      expect(await p.locator(".quote-check.wrong").textContent()).toContain(`这句话是 ${LENA} 说的，不是 ${ARJUN}`);
      await saveScreenshot(p, "clashes-zh-CN");
    } finally {
      await zh.close();
    }
  });
});

describe.skipIf(!HAS_CHROMIUM || !HAS_CORPUS)("the stance table on Lex Fridman #490", () => {
  const store = freshStore();
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let address = "";
  beforeAll(async () => {
    const { episode } = await importEpisode(store, {
      source: corpusFile("en/lex490-state-of-ai-2026.timestamped.txt"),
    });
    server = await startWebServer(store, store.dir);
    browser = await launchBrowser("en-US");
    address = `${server.url}/episodes/${encodeURIComponent(episode.id)}/clashes?lang=en`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    store.cleanup();
  });

  it("flags Sebastian Raschka's skill-unlock quote credited to Nathan Lambert, at 1:08:18", async () => {
    const page = await browser.context.newPage();
    await page.goto(address);
    await page.getByRole("textbox", { name: "New topic" }).fill("Knowledge vs reasoning");
    await page.getByRole("button", { name: "Add topic" }).click();
    await page
      .getByRole("textbox", { name: "Quote: Nathan Lambert on Knowledge vs reasoning" })
      .fill("RL post-training is more like the skill unlock");
    const flag = page.locator(".quote-check.wrong");
    await flag.waitFor({ timeout: 10_000 });
    expect(await flag.textContent()).toContain("Said by Sebastian Raschka, not Nathan Lambert, at 1:08:1");
    await saveScreenshot(page, "clashes-lex490-misattribution");
  });
});
