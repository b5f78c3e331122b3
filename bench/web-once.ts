/**
 * The web benchmark (issue 5), in its own process: Lex Fridman #490 imported and analysed in a
 * temporary library, the real server and built app, Debian's Chromium with the HTTP cache off (every
 * run is a first visit). Prints one JSON line:
 *
 * - time to interactive of /episodes/<id>: navigation start until the transcript shows its first
 *   paragraph, the play button is there and the main thread is free to take a click, plus the time a
 *   real click on play takes to be answered (its label turns to "Pause"). Target: 1.5 s.
 * - the first view's JavaScript, gzipped: every script the library page and the episode page load
 *   when first opened, read from dist/web and gzipped with node:zlib. Target: 300 kB.
 * - a peer side by side: the same 624 paragraphs as one static HTML page (what a plain server-rendered
 *   transcript costs the browser), time to its first paragraph and to its load event.
 *
 * The episode gets the bundled sample's audio attached so the player has something to play (this
 * machine has no network for the episode's YouTube video).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { serve } from "@hono/node-server";
import type { Page } from "playwright-core";
import { build } from "vite";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../src/library/index.js";
import { createApp } from "../src/server/app.js";
import { getSegments, openStore } from "../src/store/index.js";
import { HAS_CHROMIUM, launchBrowser } from "../test/helpers/browser.js";

const [file, runsArg] = process.argv.slice(2);
if (!file) throw new Error("usage: web-once.ts <lex490 transcript> [runs]");
if (!HAS_CHROMIUM) {
  process.stdout.write(
    `${JSON.stringify({ skipped: "no Chromium at /usr/bin/chromium (apt-get install chromium)" })}\n`,
  );
  process.exit(0);
}
const runs = Math.max(1, Number(runsArg ?? 5));

/** A transcript paragraph, whatever the Listen page calls it; the episode title when it has none yet. */
const PARAGRAPH = "[data-segment-id], [data-testid=transcript] .segment, .segment";
const PLAY = ".player-bar .play-button";

/**
 * Runs in the page before any of its scripts: notes (performance.now(), i.e. since navigation
 * start) when the first paragraph and the play button appear, when the click arrives, and when the
 * play button's label changes in answer; and when the main thread is first free once both are
 * there (a click arriving then is handled at once). A string, not a function: tsx would wrap a function's
 * inner functions in helpers the page does not have.
 */
function instrument(selectors: { paragraph: string; play: string }): string {
  return `(() => {
  const sel = ${JSON.stringify(selectors)};
  let playLabel = null;
  const check = () => {
    if (window.__firstParagraph === undefined && document.querySelector(sel.paragraph))
      window.__firstParagraph = performance.now();
    const play = document.querySelector(sel.play);
    if (play && window.__playReady === undefined) {
      window.__playReady = performance.now();
      playLabel = play.getAttribute("aria-label");
    }
    if (window.__bothReady === undefined && window.__firstParagraph !== undefined && window.__playReady !== undefined) {
      window.__bothReady = performance.now();
      // The first task after the one that put both on screen: from then on a click is handled.
      setTimeout(() => { window.__idle = performance.now(); }, 0);
    }
    if (play && window.__click !== undefined && window.__playAnswered === undefined && play.getAttribute("aria-label") !== playLabel)
      window.__playAnswered = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener("pointerdown", () => {
    if (window.__click === undefined) window.__click = performance.now();
  }, true);
})();`;
}

interface EpisodeRun {
  /** The transcript's first paragraph on screen (the episode title while the Listen page has none). */
  firstParagraphMs: number;
  playReadyMs: number;
  /** The main thread free once both are there. */
  idleMs: number;
  /** A real click on play until its label answered. */
  clickToAnswerMs: number;
  /** idleMs + clickToAnswerMs: when a click sent at the first chance would have been answered. */
  interactiveMs: number;
  domContentLoadedMs: number;
}

async function coldPage(context: Awaited<ReturnType<typeof launchBrowser>>["context"]): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  return page;
}

async function measureEpisode(page: Page, url: string, paragraph: string): Promise<EpisodeRun> {
  await page.addInitScript(instrument({ paragraph, play: PLAY }));
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => (window as unknown as { __idle?: number }).__idle !== undefined, null, {
    timeout: 20_000,
  });
  await page.click(PLAY);
  await page.waitForFunction(
    () => (window as unknown as { __playAnswered?: number }).__playAnswered !== undefined,
    null,
    { timeout: 10_000 },
  );
  const marks = await page.evaluate(() => {
    const w = window as unknown as Record<string, number>;
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return {
      firstParagraph: w.__firstParagraph ?? 0,
      playReady: w.__playReady ?? 0,
      idle: w.__idle ?? 0,
      click: w.__click ?? 0,
      playAnswered: w.__playAnswered ?? 0,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? 0,
    };
  });
  const clickToAnswer = marks.playAnswered - marks.click;
  return {
    firstParagraphMs: round(marks.firstParagraph),
    playReadyMs: round(marks.playReady),
    idleMs: round(marks.idle),
    clickToAnswerMs: round(clickToAnswer),
    interactiveMs: round(marks.idle + clickToAnswer),
    domContentLoadedMs: round(marks.domContentLoaded),
  };
}

/** The scripts a page loads on its first view, by path under the app's origin. */
async function scriptsOf(page: Page, url: string, ready: string): Promise<string[]> {
  const scripts = new Set<string>();
  page.on("response", (r) => {
    if (r.request().resourceType() === "script" && r.url().startsWith(new URL(url).origin))
      scripts.add(new URL(r.url()).pathname);
  });
  await page.goto(url);
  await page.waitForSelector(ready, { timeout: 20_000 });
  await page.waitForLoadState("networkidle");
  return [...scripts].sort();
}

function gzippedKb(paths: string[]): {
  files: { path: string; kb: number; gzipKb: number }[];
  kb: number;
  gzipKb: number;
} {
  const files = paths.map((p) => {
    const bytes = readFileSync(join(webDist, p));
    return { path: p, kb: kb(bytes.byteLength), gzipKb: kb(gzipSync(bytes).byteLength) };
  });
  return {
    files,
    kb: round(files.reduce((n, f) => n + f.kb, 0)),
    gzipKb: round(files.reduce((n, f) => n + f.gzipKb, 0)),
  };
}

/** The peer: the same paragraphs as one static HTML page, as a server-rendered transcript would be. */
function staticTranscriptHtml(
  title: string,
  segments: { id: number; startMs: number; speaker: string | null; text: string }[],
): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:auto;line-height:1.55}p{margin:.6rem 0}b{margin-right:.4rem}</style></head>
<body><h1>${esc(title)}</h1><main>${segments
    .map(
      (s) =>
        `<p data-segment-id="${s.id}"><b>${esc(s.speaker ?? "")}</b><a href="#t=${s.startMs}">${time(s.startMs)}</a> ${esc(s.text)}</p>`,
    )
    .join("\n")}</main></body></html>`;
}

/** The real app over the bench's library and web build, on a free loopback port. */
async function serveApp(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createApp({ store, home, webDist });
  let server: ReturnType<typeof serve> | undefined;
  const url = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
  return {
    url,
    close: async () => {
      await app.jobsIdle();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
function round(x: number): number {
  return Math.round(x * 10) / 10;
}
function kb(bytes: number): number {
  return round(bytes / 1024);
}

const home = mkdtempSync(join(tmpdir(), "deeplisten-bench-web-"));
// A production build of the current web/ of its own: dist/web may be a test run's build (React's
// development mode) or be rebuilt under our feet by a test run.
const webDist = join(home, "web");
process.env.NODE_ENV = "production";
await build({
  configFile: join(import.meta.dirname, "..", "vite.config.ts"),
  logLevel: "warn",
  build: { outDir: webDist, emptyOutDir: true },
});
const store = openStore(join(home, "library.sqlite"));
const { episode } = await importEpisode(store, { source: file, audioUrl: SAMPLE.audio });
analyzeStoredEpisode(store, episode.id, libraryGlossary(home));
const segments = getSegments(store, episode.id);
const server = await serveApp();
const browser = await launchBrowser("en-US");
const peerHtml = staticTranscriptHtml(episode.title, segments);
try {
  const episodeUrl = `${server.url}/episodes/${encodeURIComponent(episode.id)}`;

  // Is the Listen page there yet (another part of the app, built separately)? Its paragraphs decide.
  const probe = await coldPage(browser.context);
  await probe.goto(episodeUrl);
  await probe.waitForSelector("main .episode-title", { timeout: 20_000 });
  const hasParagraphs = await probe
    .waitForSelector(PARAGRAPH, { timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  await probe.close();

  const episodeRuns: EpisodeRun[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await coldPage(browser.context);
    episodeRuns.push(await measureEpisode(page, episodeUrl, hasParagraphs ? PARAGRAPH : "main .episode-title"));
    await page.close();
  }

  const libraryPage = await coldPage(browser.context);
  const libraryScripts = await scriptsOf(libraryPage, `${server.url}/`, ".episode-item");
  await libraryPage.close();
  const episodePage = await coldPage(browser.context);
  const episodeScripts = await scriptsOf(episodePage, episodeUrl, hasParagraphs ? PARAGRAPH : "main .episode-title");
  await episodePage.close();
  const firstView = gzippedKb([...new Set([...libraryScripts, ...episodeScripts])].sort());

  const peerRuns: { firstParagraphMs: number; loadMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await coldPage(browser.context);
    await page.route(`${server.url}/static-transcript.html`, (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: peerHtml }),
    );
    await page.addInitScript(instrument({ paragraph: "[data-segment-id]", play: "#none" }));
    await page.goto(`${server.url}/static-transcript.html`, { waitUntil: "load" });
    peerRuns.push(
      await page.evaluate(() => {
        const w = window as unknown as Record<string, number | undefined>;
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
        return {
          firstParagraphMs: Math.round((w.__firstParagraph ?? 0) * 10) / 10,
          loadMs: Math.round((nav?.loadEventEnd ?? 0) * 10) / 10,
        };
      }),
    );
    await page.close();
  }

  const interactiveMs = median(episodeRuns.map((r) => r.interactiveMs));
  const peerFirstParagraphMs = median(peerRuns.map((r) => r.firstParagraphMs));
  process.stdout.write(
    `${JSON.stringify({
      episode: { title: episode.title, segments: segments.length, words: episode.wordCount },
      listenPageHasParagraphs: hasParagraphs,
      note: hasParagraphs
        ? undefined
        : "the Listen page shows no transcript paragraphs yet: timed to the episode title and the play button instead",
      runs,
      interactive: {
        medianMs: interactiveMs,
        firstParagraphMedianMs: median(episodeRuns.map((r) => r.firstParagraphMs)),
        playReadyMedianMs: median(episodeRuns.map((r) => r.playReadyMs)),
        idleMedianMs: median(episodeRuns.map((r) => r.idleMs)),
        clickToAnswerMedianMs: median(episodeRuns.map((r) => r.clickToAnswerMs)),
        domContentLoadedMedianMs: median(episodeRuns.map((r) => r.domContentLoadedMs)),
        targetMs: 1500,
        withinTarget: interactiveMs < 1500,
        runs: episodeRuns,
      },
      firstViewJs: {
        libraryScripts,
        episodeScripts,
        files: firstView.files,
        kb: firstView.kb,
        gzipKb: firstView.gzipKb,
        targetGzipKb: 300,
        withinTarget: firstView.gzipKb < 300,
      },
      peer: {
        name: "the same paragraphs as one static HTML page (no script)",
        htmlKb: kb(Buffer.byteLength(peerHtml)),
        htmlGzipKb: kb(gzipSync(peerHtml).byteLength),
        firstParagraphMedianMs: peerFirstParagraphMs,
        loadMedianMs: median(peerRuns.map((r) => r.loadMs)),
        deeplistenVsPeerFirstParagraph:
          hasParagraphs && peerFirstParagraphMs
            ? round(median(episodeRuns.map((r) => r.firstParagraphMs)) / peerFirstParagraphMs)
            : null,
      },
    })}\n`,
  );
} finally {
  await browser.close();
  await server.close();
  store.db.close();
  rmSync(home, { recursive: true, force: true });
}
