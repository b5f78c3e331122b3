import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStoredEpisode, libraryGlossary } from "../../src/library/index.js";
import { getEpisodeConcepts, insertEpisode } from "../../src/store/index.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

/**
 * Transcript text is untrusted: an episode whose title, speakers and words carry HTML and script is
 * shown as text on every page of the app, and nothing in it runs.
 */
const ATTACK = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;

describe.skipIf(!HAS_CHROMIUM)("hostile transcript text in every page", () => {
  const store = freshStore();
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let episodeId = "";
  let conceptId = 0;

  beforeAll(async () => {
    const sentences = [
      `Mixture of experts ${ATTACK} is when a router picks experts for each token.`,
      "No, I disagree: the router of a mixture of experts is not the whole story.",
      `Sparse attention <b onmouseover="window.__pwned=3">bold</b> means each token attends to a few tokens.`,
      "I think mixture of experts models scale because only some experts run for each token.",
    ];
    episodeId = insertEpisode(store, {
      title: `Hostile ${ATTACK} episode`,
      show: `<svg onload="window.__pwned=4">`,
      language: "en",
      durationMs: 8 * 60_000,
      wordCount: 120,
      format: "srt",
      source: { kind: "file", ref: "hostile.srt", sha256: "hostile" },
      audioUrl: null,
      videoUrl: null,
      timingEstimated: false,
      speakersAnonymous: false,
      people: [
        { name: `Ada ${ATTACK}`, role: "host", anonymous: false },
        { name: "Bo", role: "guest", anonymous: false },
      ],
      segments: Array.from({ length: 16 }, (_, i) => ({
        startMs: i * 30_000,
        endMs: i * 30_000 + 29_000,
        speaker: i % 2 ? "Bo" : `Ada ${ATTACK}`,
        text: sentences[i % sentences.length] as string,
      })),
      chapters: [{ title: `Chapter ${ATTACK}`, startMs: 0, endMs: 8 * 60_000, source: "published" }],
    });
    analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
    conceptId = getEpisodeConcepts(store, episodeId)[0]?.id ?? 0;
    server = await startWebServer(store, store.dir);
  });
  afterAll(async () => {
    await server?.close();
    store.cleanup();
  });

  it("shows the markup as text and runs none of it", async () => {
    const browser = await launchBrowser("en-US");
    try {
      const page = await browser.context.newPage();
      const pages = [
        "/",
        `/episodes/${episodeId}`,
        `/episodes/${episodeId}/concepts`,
        `/episodes/${episodeId}/clashes`,
      ];
      pages.push(`/episodes/${episodeId}/map`, `/episodes/${episodeId}/progress`, "/review");
      if (conceptId) pages.push(`/episodes/${episodeId}/concepts/${conceptId}`);
      for (const path of pages) {
        await page.goto(`${server.url}${path}`);
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(300);
        const injected = await page.evaluate(() => ({
          pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
          imgs: document.querySelectorAll('img[src="x"]').length,
          scripts: [...document.querySelectorAll("script")].filter((s) => s.textContent?.includes("__pwned")).length,
          svgs: document.querySelectorAll("svg[onload]").length,
          bold: document.querySelectorAll("b[onmouseover]").length,
        }));
        expect(injected, path).toEqual({ pwned: null, imgs: 0, scripts: 0, svgs: 0, bold: 0 });
      }
      await page.goto(`${server.url}/episodes/${episodeId}`);
      await page.waitForLoadState("networkidle");
      expect(await page.locator("h1").first().textContent()).toContain("<img src=x");
      await saveScreenshot(page, "untrusted-listen-en");
    } finally {
      await browser.close();
    }
  });
});
