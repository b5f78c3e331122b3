import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../../src/library/index.js";
import type { SegmentJson } from "../../src/server/contract/index.js";
import { getEpisodePass, getSegments, listMarks } from "../../src/store/index.js";
import {
  buildRows,
  highlightParts,
  listenedShare,
  mergeSpans,
  msAtChar,
  paragraphAt,
  turnExtent,
} from "../../web/src/pages/listen/transcript-model.js";
import { corpusFile, HAS_CORPUS } from "../corpus.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

/**
 * The listen page in a real Chromium: the sample's audio plays and the highlighted paragraph
 * follows it; M marks a moment, selected words and T mark a term; confidence ratings, the pass
 * selector and the per-pass timeline survive a reload; Chinese UI; #490 is a virtual list.
 */

/** Scrolls the virtual transcript until the paragraph is in the page (rows off screen are not). */
async function revealParagraph(page: Page, segmentId: number): Promise<void> {
  const row = page.locator(`.para[data-segment-id="${segmentId}"]`);
  const scroller = page.locator(".transcript-scroll");
  for (let i = 0; i < 400 && (await row.count()) === 0; i++) {
    const direction = await page.evaluate((id) => {
      const shown = [...document.querySelectorAll<HTMLElement>(".para")].map((e) => Number(e.dataset.segmentId));
      return shown.length === 0 || Math.max(...shown) < id ? 1 : -1;
    }, segmentId);
    await scroller.evaluate((el, d) => {
      el.scrollTop += d * el.clientHeight * 0.8;
    }, direction);
    await page.waitForTimeout(30);
  }
  await row.scrollIntoViewIfNeeded();
}

/** The id of the highlighted paragraph, or null. */
async function currentParagraph(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const id = document.querySelector<HTMLElement>(".para.current")?.dataset.segmentId;
    return id === undefined ? null : Number(id);
  });
}

/** Where the audio element is, in ms. */
function audioMs(page: Page): Promise<number> {
  return page.evaluate(() => Math.round((document.querySelector("audio")?.currentTime ?? 0) * 1000));
}

function pauseAudio(page: Page): Promise<void> {
  return page.evaluate(() => document.querySelector("audio")?.pause());
}

/** Selects `words` in a paragraph's text, as a drag of the mouse would. */
async function selectWords(page: Page, segmentId: number, words: string): Promise<void> {
  await page.locator(`.para[data-segment-id="${segmentId}"] .para-text`).evaluate((el, wanted) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text;
      const at = text.data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + wanted.length);
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in the paragraph`);
  }, words);
}

describe("the listen page's logic", () => {
  const seg = (id: number, startMs: number, speaker: string, text = "x"): SegmentJson => ({
    id,
    startMs,
    endMs: startMs + 10_000,
    speaker,
    text,
  });
  const segs = [seg(1, 0, "A"), seg(2, 10_000, "B"), seg(3, 20_000, "B"), seg(4, 30_000, "B"), seg(5, 40_000, "A")];

  it("finds the paragraph playing at a moment", () => {
    expect(paragraphAt(segs, -1)).toBe(-1);
    expect(paragraphAt(segs, 0)).toBe(0);
    expect(paragraphAt(segs, 19_999)).toBe(1);
    expect(paragraphAt(segs, 20_000)).toBe(2);
    expect(paragraphAt(segs, 10_000_000)).toBe(4);
    expect(paragraphAt([], 5)).toBe(-1);
  });

  it("puts chapter headings before their first paragraph and marks turn starts", () => {
    const chapters = [
      { title: "One", startMs: 0, endMs: 15_000, source: "published" as const },
      { title: "Two", startMs: 15_000, endMs: 60_000, source: "published" as const },
    ];
    const { rows, rowOfSegment, rowOfChapter } = buildRows(segs, chapters);
    expect(rows.map((r) => (r.kind === "chapter" ? r.chapter.title : r.segment.id))).toEqual([
      "One",
      1,
      2,
      "Two",
      3,
      4,
      5,
    ]);
    expect(rowOfSegment).toEqual([1, 2, 4, 5, 6]);
    expect(rowOfChapter).toEqual([0, 3]);
    // A paragraph after a heading starts a turn again; one of the same speaker otherwise does not.
    expect(rows.filter((r) => r.kind === "para" && r.turnStart).map((r) => r.key)).toEqual(["s1", "s2", "s3", "s5"]);
  });

  it("measures a turn, merges listened stretches and highlights marked words", () => {
    expect(turnExtent(segs, 2)).toEqual({ turn: 3, untilChange: 2 });
    expect(turnExtent(segs, 0)).toEqual({ turn: 1, untilChange: 1 });
    expect(
      mergeSpans([
        { startMs: 5000, endMs: 9000 },
        { startMs: 0, endMs: 4500 },
        { startMs: 20_000, endMs: 21_000 },
      ]),
    ).toEqual([
      { startMs: 0, endMs: 9000 },
      { startMs: 20_000, endMs: 21_000 },
    ]);
    expect(
      listenedShare(
        [
          { pass: 1, startMs: 0, endMs: 25_000, wallMs: 1 },
          { pass: 2, startMs: 0, endMs: 100_000, wallMs: 1 },
        ],
        1,
        100_000,
      ),
    ).toBe(0.25);
    expect(highlightParts("The Base Model and a base model.", ["base model"])).toEqual([
      { text: "The ", marked: false },
      { text: "Base Model", marked: true },
      { text: " and a ", marked: false },
      { text: "base model", marked: true },
      { text: ".", marked: false },
    ]);
    expect(msAtChar({ id: 1, startMs: 1000, endMs: 3000, speaker: null, text: "abcd" }, 2)).toBe(2000);
  });
});

describe.skipIf(!HAS_CHROMIUM)("the listen page", { timeout: 60_000 }, () => {
  let store: ReturnType<typeof freshStore>;
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let episodeId: string;
  let segments: SegmentJson[];
  let url: string;

  beforeAll(async () => {
    store = freshStore();
    const { episode } = await importEpisode(store, {
      source: SAMPLE.transcript,
      audioUrl: SAMPLE.audio,
      sourceKind: "sample",
    });
    episodeId = episode.id;
    analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
    segments = getSegments(store, episodeId);
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

  it("plays the audio and the highlighted paragraph follows playback and seeks", async () => {
    await page.goto(`${url}?lang=en`);
    await page.waitForSelector(".para");
    await expect.poll(() => currentParagraph(page)).toBe(segments[0]?.id);

    // Click a line at about five minutes: it plays from there and is highlighted.
    const atFive = segments.find((s) => s.startMs >= 300_000) as SegmentJson;
    const next = segments[segments.indexOf(atFive) + 1] as SegmentJson;
    await revealParagraph(page, atFive.id);
    await page.locator(`.para[data-segment-id="${atFive.id}"] .para-text`).click({ position: { x: 4, y: 4 } });
    await expect.poll(() => audioMs(page), { timeout: 10_000 }).toBeGreaterThan(atFive.startMs + 1500);
    expect([atFive.id, next.id]).toContain(await currentParagraph(page));
    expect(await page.locator(".play-button").getAttribute("aria-label")).toBe("Pause");

    // The shortest paragraph: playing on, the highlight moves to the next paragraph by itself.
    const short = segments
      .slice(1, -1)
      .reduce((a, b) => (b.endMs - b.startMs < a.endMs - a.startMs ? b : a)) as SegmentJson;
    expect(short.endMs - short.startMs).toBeLessThan(8000);
    const after = segments[segments.indexOf(short) + 1] as SegmentJson;
    await revealParagraph(page, short.id);
    await page.locator(`.para[data-segment-id="${short.id}"] .para-time`).click();
    await expect.poll(() => currentParagraph(page), { timeout: 5000 }).toBe(short.id);
    await expect.poll(() => currentParagraph(page), { timeout: 15_000 }).toBe(after.id);
    expect(await page.locator(".para.current").getAttribute("aria-current")).toBe("true");
    // The transcript keeps the playing paragraph in view.
    expect(await page.locator(".para.current").isVisible()).toBe(true);

    // Seeking elsewhere (a chapter from the jump menu) moves the highlight there.
    const chapterOptions = await page.locator(".chapter-jump option").allTextContents();
    expect(chapterOptions.length).toBeGreaterThanOrEqual(5);
    await page.locator(".chapter-jump select").selectOption({ index: 3 });
    expect(await page.locator(".chapter-jump select").inputValue()).toBe("3");
    const chapterParagraph = await currentParagraph(page);
    const chapterSegment = segments.find((s) => s.id === chapterParagraph) as SegmentJson;
    expect(chapterSegment.startMs).toBeGreaterThan(short.startMs);
    await expect.poll(() => audioMs(page)).toBeGreaterThanOrEqual(chapterSegment.startMs - 1000);
    await expect(page.locator(".chapter-heading").first().isVisible()).resolves.toBe(true);
    await pauseAudio(page);
    await saveScreenshot(page, "listen-en");
  });

  it("stops following while the learner scrolls, and comes back with “Back to now”", async () => {
    await page.goto(`${url}?lang=en`);
    await page.waitForSelector(".para");
    const scroller = page.locator(".transcript-scroll");
    await scroller.hover();
    await page.mouse.wheel(0, 4000);
    await page.waitForSelector(".back-to-now");
    await page.click(".back-to-now");
    await expect.poll(() => page.locator(".back-to-now").count()).toBe(0);
    // The virtualised list renders the current paragraph a frame after it scrolls there.
    await expect.poll(() => page.locator(".para.current").isVisible()).toBe(true);
  });

  it("marks a moment with M and a term with T, takes a confidence, and keeps them over a reload", async () => {
    await page.goto(`${url}?lang=en`);
    await page.waitForSelector(".para");
    const target = segments.find((s) => s.text.includes("base model")) as SegmentJson;
    await revealParagraph(page, target.id);
    await page.locator(`.para[data-segment-id="${target.id}"] .para-time`).click();
    await expect.poll(() => currentParagraph(page)).toBe(target.id);
    await pauseAudio(page);

    await page.keyboard.press("m");
    await page.waitForSelector(".mark-item.moment");
    await expect.poll(() => listMarks(store, episodeId).filter((m) => m.kind === "moment").length).toBe(1);
    const moment = listMarks(store, episodeId).find((m) => m.kind === "moment");
    expect(moment?.pass).toBe(1);
    expect(moment?.segmentId).toBe(target.id);
    expect(moment?.startMs).toBeGreaterThanOrEqual(target.startMs - 1000);

    // T with nothing selected asks for the words (the keyboard way); Escape cancels, Enter marks.
    await page.keyboard.press("t");
    await page.waitForSelector(".term-draft input");
    expect(await page.evaluate(() => document.activeElement?.closest(".term-draft") !== null)).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".term-draft").count()).toBe(0);
    await page.keyboard.press("t");
    await page.locator(".term-draft input").fill("post-training stack");
    await page.keyboard.press("Enter");
    await expect.poll(() => listMarks(store, episodeId).filter((m) => m.kind === "term").length).toBe(1);
    expect(listMarks(store, episodeId).find((m) => m.kind === "term")?.segmentId).toBe(target.id);

    // Selected words and T: a term mark of exactly those words.
    await selectWords(page, target.id, "base model");
    await expect.poll(() => page.locator(".term-button").getAttribute("data-ready")).toBe("true");
    await page.waitForSelector(".term-bubble");
    await saveScreenshot(page, "listen-term-selection-en");
    await page.keyboard.press("t");
    await expect.poll(() => listMarks(store, episodeId).filter((m) => m.kind === "term").length).toBe(2);
    const term = listMarks(store, episodeId).find((m) => m.selection === "base model");
    expect(term?.conceptName?.toLowerCase()).toBe("base model");
    expect(term?.segmentId).toBe(target.id);
    expect(term?.startMs).toBeGreaterThan(target.startMs);
    expect(term?.startMs).toBeLessThan(target.endMs);
    // The marked words are highlighted in the transcript.
    await expect
      .poll(() => page.locator(`.para[data-segment-id="${target.id}"] mark.term-mark`).allTextContents())
      .toContain("base model");

    // A second term through the button, words of another paragraph.
    const other = segments.find((s) => s.id !== target.id && s.text.includes("reinforcement learning")) as SegmentJson;
    await revealParagraph(page, other.id);
    await selectWords(page, other.id, "reinforcement learning");
    await page.click(".term-button");
    await expect.poll(() => listMarks(store, episodeId).filter((m) => m.kind === "term").length).toBe(3);

    // Rate the first term 2, then change it to 4.
    const termItem = page.locator(`.mark-item[data-mark-id="${term?.id}"]`);
    await termItem.locator('label:has(input[value="2"])').click();
    await expect.poll(() => listMarks(store, episodeId).find((m) => m.id === term?.id)?.confidence).toBe(2);
    await termItem.locator('label:has(input[value="4"])').click();
    await expect.poll(() => listMarks(store, episodeId).find((m) => m.id === term?.id)?.confidence).toBe(4);

    await page.reload();
    await page.waitForSelector(".mark-item");
    expect(await page.locator(".mark-item").count()).toBe(4);
    expect(await page.locator(`.mark-item[data-mark-id="${term?.id}"] input[value="4"]`).isChecked()).toBe(true);
    expect(await page.locator(".mark-term").allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringContaining("base model"),
        expect.stringContaining("reinforcement learning"),
      ]),
    );
    // Marks fall on the pass-1 timeline; a click on one plays from it.
    const ticked = await page
      .locator('.pass-strip[data-pass="1"] .mark-tick')
      .evaluateAll((ticks) => ticks.flatMap((tick) => (tick.getAttribute("data-marks") ?? "").split(" ").map(Number)));
    expect(ticked.sort()).toEqual(
      listMarks(store, episodeId)
        .map((m) => m.id)
        .sort(),
    );
    await page.locator(`.pass-strip[data-pass="1"] .mark-tick[data-marks~="${moment?.id}"]`).click();
    await expect.poll(() => audioMs(page)).toBeGreaterThanOrEqual((moment?.startMs ?? 0) - 200);
    await pauseAudio(page);
    await saveScreenshot(page, "listen-marks-en");

    // Delete a mark, then undo the deletion.
    await page.locator(`.mark-item[data-mark-id="${moment?.id}"] .mark-delete`).click();
    await expect.poll(() => listMarks(store, episodeId).length).toBe(3);
    await page.click(".listen-status .undo-button");
    await expect.poll(() => listMarks(store, episodeId).length).toBe(4);
  });

  it("switches the pass; what was listened to shows on that pass's strip", async () => {
    await page.goto(`${url}?lang=en`);
    await page.waitForSelector(".para");
    // Listening in pass 1 is recorded on the pass-1 strip.
    expect(getEpisodePass(store, episodeId)).toBe(1);
    await page.click(".play-button");
    await expect.poll(() => page.locator(".play-button").getAttribute("aria-label")).toBe("Pause");
    const from = await audioMs(page);
    await expect.poll(() => audioMs(page), { timeout: 10_000 }).toBeGreaterThan(from + 1500);
    await page.click(".play-button");
    await expect.poll(() => page.locator('.pass-strip[data-pass="1"] .listened').count()).toBeGreaterThan(0);
    await expect
      .poll(async () => (await (await fetch(`${server.url}/api/episodes/${episodeId}/listened`)).json()).spans.length)
      .toBeGreaterThan(0);
    await page.getByRole("button", { name: /Pass 2/ }).click();
    await expect.poll(() => getEpisodePass(store, episodeId)).toBe(2);
    expect(await page.getByRole("button", { name: /Pass 2/ }).getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator(".pass-strip.active").getAttribute("data-pass")).toBe("2");

    // Listen a little in pass 2 and mark it: both land on pass 2.
    await page.locator(".para-time").first().click();
    await expect.poll(() => audioMs(page), { timeout: 10_000 }).toBeGreaterThan(2000);
    await page.keyboard.press("m");
    await expect.poll(() => listMarks(store, episodeId).filter((m) => m.pass === 2).length).toBe(1);
    await page.evaluate(() => document.querySelector("audio")?.pause());
    await expect
      .poll(() => page.locator('.pass-strip[data-pass="2"] .listened').count(), { timeout: 5000 })
      .toBeGreaterThan(0);
    await page.reload();
    await page.waitForSelector(".para");
    expect(await page.getByRole("button", { name: /Pass 2/ }).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => page.locator('.pass-strip[data-pass="2"] .listened').count()).toBeGreaterThan(0);
    expect(await page.locator('.pass-strip[data-pass="2"] .mark-tick').count()).toBe(1);
    expect(await page.locator('.pass-strip[data-pass="1"] .mark-tick').count()).toBeGreaterThan(0);
  });

  it("speaks Chinese with ?lang=zh-CN", async () => {
    await page.goto(`${url}?lang=zh-CN`);
    await page.waitForSelector(".para");
    const toolbar = await page.locator(".listen-toolbar").textContent();
    expect(toolbar).toContain("标记此刻");
    expect(toolbar).toContain("没听懂");
    expect(toolbar).toContain("第 1 遍");
    expect(await page.locator(".side-tabs").textContent()).toContain("标记");
    expect(await page.locator(".pass-timeline").textContent()).toContain("已听");
    await page.waitForSelector(".mark-item");
    expect(await page.locator(".mark-item .confidence legend").first().textContent()).toBe("你理解了多少？");
    await saveScreenshot(page, "listen-zh-CN");
    await page.goto(`${url}?lang=en`);
  });
});

/** A stand-in for https://www.youtube.com/iframe_api (this machine is offline): a player whose clock runs. */
const FAKE_YOUTUBE_API = `
window.YT = { Player: function (el, opts) {
  var t = 0, state = -1, rate = 1, timer = 0;
  var setState = function (s) { state = s; opts.events.onStateChange && opts.events.onStateChange({ data: s }); };
  this.playVideo = function () { if (state === 1) return; timer = setInterval(function () { t += 0.1 * rate; }, 100); setState(1); };
  this.pauseVideo = function () { clearInterval(timer); setState(2); };
  this.seekTo = function (s) { t = s; };
  this.getCurrentTime = function () { return t; };
  this.getDuration = function () { return 1243; };
  this.getPlayerState = function () { return state; };
  this.setPlaybackRate = function (r) { rate = r; };
  this.destroy = function () { clearInterval(timer); };
  var frame = document.createElement("div"); frame.className = "fake-youtube"; el.replaceWith(frame);
  setTimeout(function () { opts.events.onReady && opts.events.onReady(); }, 0);
} };
window.onYouTubeIframeAPIReady();
`;

describe.skipIf(!HAS_CHROMIUM)("an episode with a YouTube video and no audio", { timeout: 60_000 }, () => {
  let store: ReturnType<typeof freshStore>;
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let episodeId: string;
  let segments: SegmentJson[];

  beforeAll(async () => {
    store = freshStore();
    const { episode } = await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" });
    episodeId = episode.id;
    store.db
      .prepare("UPDATE episode SET video_url = ? WHERE id = ?")
      .run("https://www.youtube.com/watch?v=abcdefghijk", episodeId);
    segments = getSegments(store, episodeId);
    server = await startWebServer(store, store.dir);
    browser = await launchBrowser("en-US");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    store?.cleanup();
  });

  it("plays the video through the YouTube player, and the transcript follows it", async () => {
    const page = await browser.context.newPage();
    await page.route("https://www.youtube.com/**", (route) =>
      route.fulfill({ contentType: "text/javascript", body: FAKE_YOUTUBE_API }),
    );
    await page.goto(`${server.url}/episodes/${episodeId}?lang=en`);
    await page.waitForSelector(".fake-youtube", { state: "attached" });
    await page.waitForSelector(".player-bar .play-button");
    expect(await page.locator(".youtube-box").isVisible()).toBe(true);
    const target = segments[5] as SegmentJson;
    await page.locator(`.para[data-segment-id="${target.id}"] .para-time`).click();
    await expect.poll(() => currentParagraph(page)).toBe(target.id);
    expect(await page.locator(".play-button").getAttribute("aria-label")).toBe("Pause");
    const shown = () => page.locator(".player-bar .time").textContent();
    const at = await shown();
    await expect.poll(shown, { timeout: 5000 }).not.toBe(at);
    await page.keyboard.press("m");
    await expect.poll(() => listMarks(store, episodeId).length).toBe(1);
    expect(listMarks(store, episodeId)[0]?.startMs).toBeGreaterThanOrEqual(target.startMs);
    await page.close();
  });

  it("works on without it when the YouTube player cannot load (offline)", async () => {
    const page = await browser.context.newPage();
    await page.route("https://www.youtube.com/**", (route) => route.abort());
    await page.goto(`${server.url}/episodes/${episodeId}?lang=en`);
    await page.waitForSelector(".para");
    await expect.poll(() => page.locator(".player-bar").textContent()).toContain("could not be loaded");
    const target = segments[3] as SegmentJson;
    await page.locator(`.para[data-segment-id="${target.id}"] .para-time`).click();
    await expect.poll(() => currentParagraph(page)).toBe(target.id);
    await page.close();
  });
});

const LEX490 = "en/lex490-state-of-ai-2026.timestamped.txt";

describe.skipIf(!HAS_CHROMIUM || !HAS_CORPUS)("the listen page on Lex Fridman #490 (corpus)", () => {
  it("renders far fewer rows than its 624 paragraphs and still reaches the last one", async () => {
    const store = freshStore();
    const { episode } = await importEpisode(store, { source: corpusFile(LEX490) });
    const segments = getSegments(store, episode.id);
    expect(segments.length).toBe(624);
    const server = await startWebServer(store, store.dir);
    const browser = await launchBrowser("en-US");
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/episodes/${episode.id}?lang=en`);
      await page.waitForSelector(".para");
      const rendered = await page.locator(".para").count();
      expect(rendered).toBeGreaterThan(2);
      expect(rendered).toBeLessThan(60);
      expect(await page.locator(".chapter-jump option").count()).toBe(26);

      const last = segments[segments.length - 1] as SegmentJson;
      const scroller = page.locator(".transcript-scroll");
      for (let i = 0; i < 50 && (await page.locator(`.para[data-segment-id="${last.id}"]`).count()) === 0; i++) {
        await scroller.evaluate((el) => {
          el.scrollTop = el.scrollHeight;
        });
        await page.waitForTimeout(50);
      }
      const lastRow = page.locator(`.para[data-segment-id="${last.id}"]`);
      await lastRow.waitFor();
      expect(await lastRow.isVisible()).toBe(true);
      expect(await lastRow.locator(".para-text").textContent()).toBe(last.text);
      expect(await page.locator(".para").count()).toBeLessThan(60);
      await saveScreenshot(page, "listen-lex490-end-en");

      // The chapter menu jumps to a chapter deep in the episode: its heading comes into view.
      await page.locator(".chapter-jump select").selectOption({ index: 20 });
      const title = (await page.locator(".chapter-jump select option").nth(20).textContent()) ?? "";
      await expect
        .poll(() => page.locator(".chapter-heading").allTextContents())
        .toEqual(expect.arrayContaining([expect.stringContaining(title.replace(/^\S+\s/, ""))]));

      // Labels to review: 00:02:53 is Sebastian Raschka's answer under Lex Fridman's name.
      await page.getByRole("tab", { name: "Speakers" }).click();
      await expect.poll(() => page.locator(".suggestion-list li").count(), { timeout: 10_000 }).toBeGreaterThan(20);
      const first = page.locator(".suggestion-list li").first();
      expect(await first.textContent()).toContain("2:53");
      expect(await first.textContent()).toContain("probably Sebastian Raschka");
      await first.locator(".time-link").click();
      const suspect = segments.find((s) => s.startMs === 173_000) as SegmentJson;
      const row = page.locator(`.para[data-segment-id="${suspect.id}"]`);
      await row.waitFor();
      expect(await row.locator(".suspect").count()).toBe(1);
      await saveScreenshot(page, "listen-lex490-review-en");
      await first.getByRole("button", { name: "Accept" }).click();
      await expect.poll(() => row.locator(".speaker-name").textContent()).toBe("Sebastian Raschka");
      expect(getSegments(store, episode.id).find((s) => s.id === suspect.id)?.speaker).toBe("Sebastian Raschka");
    } finally {
      await browser.close();
      await server.close();
      store.cleanup();
    }
  }, 60_000);
});
