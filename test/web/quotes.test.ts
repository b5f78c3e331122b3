import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importEpisode, SAMPLE } from "../../src/library/index.js";
import { addStanceTopic } from "../../src/store/index.js";
import { addInsight } from "../../src/store/insights.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

const ARJUN = "Dr. Arjun Patel";
const LENA = "Dr. Lena Vogel";
const LENA_KEY = "reinforcement learning is a very good key, but it doesn't build the room";
const TOPIC = "What RL is for";
const PARAPHRASE = "knowledge comes from pre-training and reasoning comes from post-training";

/**
 * Accepting a flagged quote in the browser, on the bundled sample: on the clashes page a quote of
 * Lena Vogel's typed into Arjun Patel's column is flagged, accepted as it is, and flagged again
 * when its words change; on the review page the write-up lists the quotes to check with links to
 * fix them and a button to accept them, and the post's warning follows.
 */
describe.skipIf(!HAS_CHROMIUM)("accepting quotes in the browser", () => {
  const store = freshStore();
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let episodeId = "";

  beforeAll(async () => {
    const { episode } = await importEpisode(store, {
      source: SAMPLE.transcript,
      audioUrl: SAMPLE.audio,
      sourceKind: "sample",
    });
    episodeId = episode.id;
    addStanceTopic(store, episodeId, { title: TOPIC, clashIdx: null });
    addInsight(store, episodeId, { text: `I used to say “${PARAPHRASE}”.`, conceptIds: [], moments: [] });
    server = await startWebServer(store, store.dir);
    browser = await launchBrowser("en-US");
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    store.cleanup();
  });

  const postTop = async () => {
    const text = await (await fetch(`${server.url}/api/episodes/${episodeId}/post.md?lang=en`)).text();
    return text.slice(0, text.indexOf("\n# "));
  };

  it("accepts a misattributed quote on the clashes page, and flags it again when its words change", async () => {
    await page.goto(`${server.url}/episodes/${encodeURIComponent(episodeId)}/clashes?lang=en`);
    const quote = page.getByRole("textbox", { name: `Quote: ${ARJUN} on ${TOPIC}` });
    await quote.fill(LENA_KEY);
    const cell = page.locator(".stance-cell").filter({ has: quote });
    await cell.locator(".quote-check.wrong").waitFor({ timeout: 10_000 });
    expect(await postTop()).toContain(LENA_KEY);

    await cell.getByRole("button", { name: `Accept the quote credited to ${ARJUN} as it is` }).click();
    const accepted = cell.locator(".quote-check.accepted");
    await accepted.waitFor({ timeout: 10_000 });
    expect(await accepted.textContent()).toContain(
      `Accepted as you credit it; the transcript has ${LENA} saying it at`,
    );
    await saveScreenshot(page, "quote-accepted-en");
    expect(await postTop()).not.toContain(LENA_KEY);

    // The acceptance survives a reload.
    await page.reload();
    await page.locator(".stance-cell .quote-check.accepted").waitFor({ timeout: 10_000 });

    // New words: a new quote, flagged again.
    await page
      .getByRole("textbox", { name: `Quote: ${ARJUN} on ${TOPIC}` })
      .fill("reinforcement learning is a very good key, but it does not build the room");
    await cell.locator(".quote-check.wrong").waitFor({ timeout: 10_000 });
    expect(await cell.getByRole("button", { name: /^Accept the quote/ }).count()).toBe(1);
    await page.getByRole("status").filter({ hasText: "All changes saved" }).waitFor({ timeout: 10_000 });
    expect(await postTop()).toContain("it does not build the room");

    // Undo on the original words: put them back, accepted again, then undo.
    await page.getByRole("textbox", { name: `Quote: ${ARJUN} on ${TOPIC}` }).fill(LENA_KEY);
    await cell.locator(".quote-check.accepted").waitFor({ timeout: 10_000 });
    await cell.getByRole("button", { name: `Undo accepting the quote credited to ${ARJUN}` }).click();
    await cell.locator(".quote-check.wrong").waitFor({ timeout: 10_000 });
  });

  it("lists the quotes to check in the write-up, with a link to fix and a button to accept", async () => {
    await page.goto(`${server.url}/review?lang=en&episode=${encodeURIComponent(episodeId)}`);
    const list = page.locator(".quote-list");
    await list.getByRole("heading", { name: "Quotes to check before publishing (2)" }).waitFor({ timeout: 10_000 });
    const stance = list.locator("li").filter({ hasText: LENA_KEY });
    expect(await stance.textContent()).toContain(
      `credited to ${ARJUN}, but the transcript has ${LENA} saying it at 1:15`,
    );
    expect(await stance.getByRole("link", { name: "Fix it" }).getAttribute("href")).toBe(
      `/episodes/${encodeURIComponent(episodeId)}/clashes`,
    );
    const insight = list.locator("li").filter({ hasText: PARAPHRASE });
    expect(await insight.textContent()).toContain("(insight)");
    expect(await insight.textContent()).toContain("not found in the transcript");
    await saveScreenshot(page, "write-up-quotes-en");

    await insight.getByRole("button", { name: /^Accept “knowledge comes from/ }).click();
    await list.getByRole("heading", { name: "Quotes to check before publishing (1)" }).waitFor({ timeout: 10_000 });
    expect(await list.locator("details summary").textContent()).toBe("Accepted (1)");
    expect(await postTop()).not.toContain(PARAPHRASE);
    expect(await postTop()).toContain("Check before publishing: 1 quote(s)");

    // A new insight with a quotation joins the list at once.
    await page.getByRole("textbox", { name: "A new insight" }).fill(`Arjun: “${LENA_KEY}” surprised me.`);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await list.getByRole("heading", { name: "Quotes to check before publishing (2)" }).waitFor({ timeout: 10_000 });
    expect(await list.locator("li.quote-flagged").filter({ hasText: "(insight)" }).count()).toBe(1);

    await stance.filter({ hasText: "stance table" }).getByRole("link", { name: "Fix it" }).click();
    await page.getByRole("textbox", { name: `Quote: ${ARJUN} on ${TOPIC}` }).waitFor({ timeout: 10_000 });
  });
});
