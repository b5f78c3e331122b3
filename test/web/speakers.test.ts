import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importEpisode, SAMPLE } from "../../src/library/index.js";
import type { SegmentJson } from "../../src/server/contract/index.js";
import { getSegments, listSpeakerChanges } from "../../src/store/index.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

/**
 * Speaker corrections in the listen view: relabel a paragraph, a whole turn or up to the next
 * speaker change from the menu on a speaker's name; rename everywhere; merge; undo.
 */
describe.skipIf(!HAS_CHROMIUM)("correcting speakers on the listen page", { timeout: 60_000 }, () => {
  let store: ReturnType<typeof freshStore>;
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let episodeId: string;
  let url: string;

  const speakerOf = (id: number) => getSegments(store, episodeId).find((s) => s.id === id)?.speaker;
  const shownSpeaker = (id: number) => page.locator(`.para[data-segment-id="${id}"] .speaker-name`).textContent();
  const openMenu = async (id: number) => {
    await page.locator(`.para[data-segment-id="${id}"] .speaker-name`).click();
    await page.waitForSelector(".speaker-menu");
  };

  beforeAll(async () => {
    store = freshStore();
    const { episode } = await importEpisode(store, {
      source: SAMPLE.transcript,
      audioUrl: SAMPLE.audio,
      sourceKind: "sample",
    });
    episodeId = episode.id;
    server = await startWebServer(store, store.dir);
    browser = await launchBrowser("en-US");
    page = await browser.context.newPage();
    url = `${server.url}/episodes/${episodeId}`;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    store?.cleanup();
  });

  it("relabels a paragraph, shows the new name, and undo restores it", async () => {
    await page.goto(`${url}?lang=en`);
    await page.waitForSelector(".para");
    const first = getSegments(store, episodeId)[0] as SegmentJson;
    expect(await shownSpeaker(first.id)).toBe("Maya Chen");

    await openMenu(first.id);
    await saveScreenshot(page, "listen-speaker-menu-en");
    await page.locator(".speaker-menu").getByRole("button", { name: "Dr. Lena Vogel" }).click();
    await expect.poll(() => shownSpeaker(first.id)).toBe("Dr. Lena Vogel");
    expect(speakerOf(first.id)).toBe("Dr. Lena Vogel");
    expect(await page.locator(".speaker-menu").count()).toBe(0);
    expect(await page.locator(".listen-status").textContent()).toContain("Dr. Lena Vogel");

    await page.click(".listen-status .undo-button");
    await expect.poll(() => shownSpeaker(first.id)).toBe("Maya Chen");
    expect(speakerOf(first.id)).toBe("Maya Chen");
  });

  it("relabels a whole turn with a new name, by keyboard, and undoes it from the speakers panel", async () => {
    await page.goto(`${url}?lang=en`);
    await page.waitForSelector(".para");
    const segments = getSegments(store, episodeId);
    // A turn of two paragraphs or more.
    const at = segments.findIndex((s, i) => i > 0 && s.speaker === segments[i + 1]?.speaker);
    const start = segments[at] as SegmentJson;
    const turn: number[] = [];
    for (let i = at; segments[i]?.speaker === start.speaker; i++) turn.push((segments[i] as SegmentJson).id);
    let first = at;
    while (first > 0 && segments[first - 1]?.speaker === start.speaker) first--;
    for (let i = first; i < at; i++) turn.unshift((segments[i] as SegmentJson).id);
    expect(turn.length).toBeGreaterThanOrEqual(2);

    const name = page.locator(`.para[data-segment-id="${start.id}"] .speaker-name`);
    await name.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector(".speaker-menu");
    await page
      .locator(".speaker-menu")
      .getByLabel(/this whole turn/)
      .check();
    await page.locator(".speaker-menu").getByLabel("Name of the speaker").fill("Guest Z");
    await page.keyboard.press("Enter");
    await expect.poll(() => turn.map((id) => speakerOf(id))).toEqual(turn.map(() => "Guest Z"));
    await expect.poll(() => shownSpeaker(start.id)).toBe("Guest Z");
    // Focus returns to the name it was opened from.
    expect(await page.evaluate(() => document.activeElement?.classList.contains("speaker-name"))).toBe(true);

    await page.getByRole("tab", { name: "Speakers" }).click();
    await expect.poll(() => page.locator(".speaker-list").textContent()).toContain("Guest Z");
    await page.getByRole("button", { name: /Undo the last correction/ }).click();
    await expect.poll(() => speakerOf(start.id)).toBe(start.speaker);
    await expect.poll(() => shownSpeaker(start.id)).toBe(start.speaker);
    expect(listSpeakerChanges(store, episodeId)[0]?.undoneAt).not.toBeNull();
  });

  it("relabels from here to the next speaker change, renames everywhere and merges", async () => {
    await page.goto(`${url}?lang=en`);
    await page.waitForSelector(".para");
    const segments = getSegments(store, episodeId);
    const at = segments.findIndex((s, i) => i > 0 && s.speaker === segments[i + 1]?.speaker);
    const here = segments[at + 1] as SegmentJson;
    const before = segments[at] as SegmentJson;
    await openMenu(here.id);
    await page
      .locator(".speaker-menu")
      .getByLabel(/to the next speaker change/)
      .check();
    await page.locator(".speaker-menu").getByRole("button", { name: "Dr. Arjun Patel" }).click();
    await expect.poll(() => speakerOf(here.id)).toBe("Dr. Arjun Patel");
    expect(speakerOf(before.id)).toBe(before.speaker);

    await openMenu(segments[0]?.id as number);
    await page.locator(".speaker-menu").getByLabel("New name").fill("Maya C.");
    await page.locator(".speaker-menu").getByRole("button", { name: "Rename" }).click();
    await expect.poll(() => shownSpeaker(segments[0]?.id as number)).toBe("Maya C.");
    expect(getSegments(store, episodeId).some((s) => s.speaker === "Maya Chen")).toBe(false);

    await openMenu(segments[0]?.id as number);
    await page.locator(".speaker-menu select").selectOption("Dr. Lena Vogel");
    await page.locator(".speaker-menu").getByRole("button", { name: "Merge" }).click();
    await expect.poll(() => shownSpeaker(segments[0]?.id as number)).toBe("Dr. Lena Vogel");
    expect(new Set(getSegments(store, episodeId).map((s) => s.speaker))).toEqual(
      new Set(["Dr. Lena Vogel", "Dr. Arjun Patel"]),
    );

    // Undo, undo, undo: the transcript is as it came in.
    await page.getByRole("tab", { name: "Speakers" }).click();
    for (let i = 0; i < 3; i++) {
      const undo = page.getByRole("button", { name: /Undo the last correction/ });
      await expect.poll(() => undo.isEnabled()).toBe(true);
      const left = listSpeakerChanges(store, episodeId).filter((c) => c.undoneAt === null).length;
      await undo.click();
      await expect
        .poll(() => listSpeakerChanges(store, episodeId).filter((c) => c.undoneAt === null).length)
        .toBe(left - 1);
    }
    expect(getSegments(store, episodeId).map((s) => s.speaker)).toEqual(segments.map((s) => s.speaker));
    await expect.poll(() => shownSpeaker(segments[0]?.id as number)).toBe("Maya Chen");
  });

  it("offers the corrections in Chinese", async () => {
    await page.goto(`${url}?lang=zh-CN`);
    await page.waitForSelector(".para");
    const first = getSegments(store, episodeId)[0] as SegmentJson;
    await openMenu(first.id);
    const menu = await page.locator(".speaker-menu").textContent();
    expect(menu).toContain("这段是谁说的？");
    expect(menu).toContain("这一整轮发言");
    expect(menu).toContain("合并到");
    await saveScreenshot(page, "listen-speaker-menu-zh-CN");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".speaker-menu").count()).toBe(0);
    await page.getByRole("tab", { name: "说话人" }).click();
    await expect.poll(() => page.locator(".speakers-panel").textContent()).toContain("更正记录");
    await saveScreenshot(page, "listen-speakers-panel-zh-CN");
    await page.goto(`${url}?lang=en`);
  });
});
