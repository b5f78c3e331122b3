import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobsResponse, LibraryResponse } from "../../src/server/contract/index.js";
import { corpusFile, HAS_CORPUS } from "../corpus.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

/** A running app over a fresh library, and a browser to drive it. */
async function openLibrary(locale = "en-US") {
  const store = freshStore();
  const server = await startWebServer(store, store.dir);
  const browser = await launchBrowser(locale);
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return {
    store,
    server,
    page,
    errors,
    episodes: async () => ((await (await fetch(`${server.url}/api/episodes`)).json()) as LibraryResponse).episodes,
    close: async () => {
      await browser.close();
      await server.close();
      store.cleanup();
    },
  };
}

type Library = Awaited<ReturnType<typeof openLibrary>>;

/** The library list's entry for a title. */
function entry(page: Page, title: string) {
  return page.locator(".episode-item").filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

describe.skipIf(!HAS_CHROMIUM || !HAS_CORPUS)("importing real transcripts through the library page", () => {
  let lib: Library;
  let transcripts: Server;
  let transcriptsUrl: string;

  beforeAll(async () => {
    lib = await openLibrary();
    // A web server of our own that serves a corpus page, as a podcast site would.
    transcripts = createServer((req, res) => {
      if (req.url === "/lex416-yann-lecun.md") {
        res.writeHead(200, { "content-type": "text/markdown; charset=utf-8" });
        res.end(readFileSync(corpusFile("en/lex416-yann-lecun.lexfridman-site.md")));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => transcripts.listen(0, "127.0.0.1", r));
    transcriptsUrl = `http://127.0.0.1:${(transcripts.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await lib?.close();
    await new Promise<void>((r) => (transcripts ? transcripts.close(() => r()) : r()));
  });

  it("imports a dropped file, follows its analysis to the end, and opens it", { timeout: 60_000 }, async () => {
    const { page } = lib;
    await page.goto(lib.server.url);
    await page.getByText("No episodes yet.").waitFor();
    await saveScreenshot(page, "library-empty-en");

    await page
      .locator("[data-testid=upload-input]")
      .setInputFiles(corpusFile("en/lex447-cursor-team.lexfridman-site.md"));
    const [episode] = await expect.poll(lib.episodes).toHaveLength(1).then(lib.episodes);
    if (!episode) throw new Error("nothing was imported");
    await page
      .getByRole("status")
      .filter({ hasText: `Imported “${episode.title}”. It is being analysed` })
      .waitFor();
    const item = entry(page, episode.title);
    await item.waitFor();

    // The analysis job runs in the background; when it is done the entry shows the concepts.
    await expect
      .poll(() => item.locator(".episode-stats").textContent(), { timeout: 30_000 })
      .toMatch(/0 of \d+ concepts verified/);
    const jobs = ((await (await fetch(`${lib.server.url}/api/jobs?episode=${episode.id}`)).json()) as JobsResponse)
      .jobs;
    expect(jobs.map((j) => [j.kind, j.state, j.progress])).toEqual([["analysis", "done", 1]]);
    const concepts = Number(/of (\d+) concepts/.exec((await item.locator(".episode-stats").textContent()) ?? "")?.[1]);
    expect(concepts).toBeGreaterThan(10);
    expect(await item.locator(".job").count()).toBe(0);
    expect(await item.locator(".episode-meta").textContent()).toMatch(/2 h 2\d min/);
    await saveScreenshot(page, "library-imported-en");

    await item.getByRole("link", { name: episode.title }).click();
    await page.waitForURL(`**/episodes/${episode.id}`);
    await page.getByRole("heading", { level: 1, name: episode.title }).waitFor();
    expect(lib.errors).toEqual([]);
  });

  it("imports a transcript by its URL", { timeout: 60_000 }, async () => {
    const { page } = lib;
    await page.goto(lib.server.url);
    const before = (await lib.episodes()).length;
    await page.getByLabel("Transcript, episode page or RSS feed URL").fill(`${transcriptsUrl}/lex416-yann-lecun.md`);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(async () => (await lib.episodes()).length).toBe(before + 1);
    const added = (await lib.episodes()).find((e) => e.source.ref.endsWith("/lex416-yann-lecun.md"));
    if (!added) throw new Error("the URL import is not in the library");
    expect(added.source.kind).toBe("url");
    await page
      .getByRole("status")
      .filter({ hasText: `Imported “${added.title}”` })
      .waitFor();
    await expect
      .poll(() => entry(page, added.title).locator(".episode-stats").textContent(), { timeout: 30_000 })
      .toMatch(/0 of \d+ concepts verified/);
    // The field is cleared for the next address.
    expect(await page.getByLabel("Transcript, episode page or RSS feed URL").inputValue()).toBe("");
    expect(lib.errors).toEqual([]);
  });
});

describe.skipIf(!HAS_CHROMIUM)("the library page in Chromium", () => {
  let lib: Library;
  beforeAll(async () => {
    lib = await openLibrary();
  });
  afterAll(async () => lib?.close());

  it("shows a bad file's problem in one sentence and adds nothing", async () => {
    const { page } = lib;
    await page.goto(lib.server.url);
    await page.getByRole("heading", { name: "Library" }).waitFor();
    await page.locator("[data-testid=upload-input]").setInputFiles({
      name: "truncated.srt",
      mimeType: "application/x-subrip",
      buffer: Buffer.from("1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n00:00:03,000 --> 00:0"),
    });
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.count()).toBe(1);
    const sentence = (await alert.textContent()) ?? "";
    expect(sentence).toMatch(/^Could not import truncated\.srt, line 6: the timing line "00:00:03,000 --> 00:0" /);
    expect(sentence.split("\n")).toHaveLength(1);
    expect(await lib.episodes()).toEqual([]);
    expect(await page.locator(".episode-item").count()).toBe(0);
    await saveScreenshot(page, "library-bad-file-en");

    // The next good file clears the error.
    await page.locator("[data-testid=upload-input]").setInputFiles({
      name: "good.vtt",
      mimeType: "text/vtt",
      buffer: Buffer.from("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>The router picks two experts.\n"),
    });
    await page.locator(".episode-item").first().waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(lib.errors).toEqual([]);
  });

  it("says in Chinese which file and line could not be imported, with the reader's own reason after it", async () => {
    const { page } = lib;
    await page.goto(`${lib.server.url}/?lang=zh-CN`);
    await page.getByRole("heading", { name: "资料库" }).waitFor();
    await page.locator("[data-testid=upload-input]").setInputFiles({
      name: "broken.srt",
      mimeType: "application/x-subrip",
      buffer: Buffer.from("1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n00:00:03,000 --> 00:0"),
    });
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /^无法导入 broken\.srt（第 6 行）。原因：the timing line "00:00:03,000 --> 00:0" /,
    );
    await saveScreenshot(page, "library-bad-file-zh-CN");
    await page.goto(`${lib.server.url}/?lang=en`);
  });

  it("shows a title with markup as text, never as markup", async () => {
    const { page } = lib;
    const title = `<img src=x onerror="window.__xss=1"> and <b>bold</b>`;
    await page.goto(lib.server.url);
    await page.getByRole("heading", { name: "Library" }).waitFor();
    await page.locator("[data-testid=upload-input]").setInputFiles({
      name: "markup.txt",
      mimeType: "text/plain",
      buffer: Buffer.from(
        `# Transcript for ${title}\n# Show: Test show\n\nAna (00:00:00) The router picks two experts for every token.\nBen (00:00:05) And the others stay idle, which saves compute.\n`,
      ),
    });
    const link = page.getByRole("link", { name: title, exact: true });
    await link.waitFor();
    expect(await link.textContent()).toBe(title);
    expect(await page.locator("main img, main b").count()).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await link.click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await page.locator("main img, main b").count()).toBe(0);
    expect(await page.title()).toBe(`${title} · deeplisten`);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(lib.errors).toEqual([]);
  });
});

describe.skipIf(!HAS_CHROMIUM)("the library page in Chinese", () => {
  it("speaks Chinese from the address, and from the language switcher", async () => {
    const lib = await openLibrary("en-US");
    try {
      const { page } = lib;
      await page.goto(`${lib.server.url}/?lang=zh-CN`);
      await page.getByRole("heading", { name: "资料库" }).waitFor();
      expect(await page.getByText("资料库还是空的。").count()).toBe(1);
      expect(await page.getByRole("button", { name: "选择文件" }).count()).toBe(1);
      expect(await page.getByLabel("文字稿、节目页面或 RSS 订阅地址").count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
      await page.locator("[data-testid=upload-input]").setInputFiles({
        name: "empty.vtt",
        mimeType: "text/vtt",
        buffer: Buffer.from(""),
      });
      await page.getByRole("alert").waitFor();
      await saveScreenshot(page, "library-zh-CN");

      // Back to English with the switcher, then to Chinese again, without a reload.
      await page.getByLabel("语言").selectOption("en");
      await page.getByRole("heading", { name: "Library" }).waitFor();
      expect(page.url()).toContain("lang=en");
      await page.getByLabel("Language").selectOption("zh-CN");
      await page.getByRole("heading", { name: "资料库" }).waitFor();
      // The choice is remembered on the next visit without ?lang.
      await page.goto(lib.server.url);
      await page.getByRole("heading", { name: "资料库" }).waitFor();
      expect(lib.errors).toEqual([]);
    } finally {
      await lib.close();
    }
  });

  it("follows a Chinese browser", async () => {
    const lib = await openLibrary("zh-CN");
    try {
      await lib.page.goto(lib.server.url);
      await lib.page.getByRole("heading", { name: "资料库" }).waitFor();
      expect(await lib.page.getByRole("navigation", { name: "main" }).textContent()).toBe("资料库复习设置");
    } finally {
      await lib.close();
    }
  });
});
