import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../../src/library/index.js";
import { llmSettingsFile, saveLlmSettings } from "../../src/llm/index.js";
import { addStanceTopic, getLearnerMap, listStances, saveLearnerMap, saveStanceCell } from "../../src/store/index.js";
import { enrichmentResponder } from "../enrich-answers.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { type ReplayServer, startOpenAiReplayServer } from "../helpers/openai-replay-server.js";
import { SCREENSHOT_DIR, saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

const MAYA = "Maya Chen";
const ARJUN = "Dr. Arjun Patel";
const MAYAS_OWN = "My own reading: Maya frames the question and takes no side.";

/**
 * Enrichment of a whole episode in a real browser, the model played by a real OpenAI-style server
 * (behind a small delay, so the progress bar can be seen): the estimate on the concepts page before
 * anything is sent, the confirmation, the job's progress, the summary of what was written; then the
 * model's material where the learner works: chapter summaries on the listen page, the stance draft
 * copied into the learner's table without touching their own cells, and the map started from the
 * model's map only once they confirm.
 */
describe.skipIf(!HAS_CHROMIUM)("enriching an episode from the web app", () => {
  const store = freshStore();
  let replay: ReplayServer;
  let slow: { url: string; close: () => Promise<void> };
  let web: Awaited<ReturnType<typeof startWebServer>>;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let episodeId = "";
  let at = "";

  beforeAll(async () => {
    const { episode } = await importEpisode(store, {
      source: SAMPLE.transcript,
      audioUrl: SAMPLE.audio,
      sourceKind: "sample",
    });
    episodeId = episode.id;
    analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
    // Two draft topics: the first is one the learner already has a row for (in other words' case).
    replay = await startOpenAiReplayServer({
      respond: enrichmentResponder((kind, answer) => {
        if (kind !== "stance") return answer;
        const all = (answer as { topics: { topic: string; claims: number[] }[] }).topics[0]?.claims ?? [];
        return {
          topics: [
            { topic: "Where the field is going", claims: all.slice(0, 2) },
            { topic: "What the evidence shows", claims: all.slice(2) },
          ],
        };
      }),
    });
    slow = await startDelayProxy(replay.baseUrl, 350);
    web = await startWebServer(store, store.dir);
    browser = await launchBrowser("en-US");
    page = await browser.context.newPage();
    at = `${web.url}/episodes/${encodeURIComponent(episodeId)}`;
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await slow?.close();
    await replay?.close();
    store.cleanup();
  });

  it("without a model, the concepts page says what to configure and links the settings", async () => {
    await page.goto(`${at}/concepts?lang=en`);
    const card = page.locator(".enrich-episode");
    await card.waitFor();
    await expect(card.locator(".notice").textContent()).resolves.toBe(
      "Enrichment needs a model: choose one on the Settings page. A local server (Ollama, llama.cpp) works and costs nothing.",
    );
    await card.getByRole("link", { name: "Open Settings" }).click();
    await page.locator("#settings-title").waitFor();
  }, 60_000);

  it("shows the estimate, sends nothing until confirmed, shows progress, then what was written", async () => {
    saveLlmSettings(llmSettingsFile(store.dir), { provider: "vllm", model: "replay-model", baseUrl: slow.url });
    await page.goto(`${at}/concepts?lang=en`);
    const card = page.locator(".enrich-episode");
    await card.getByRole("button", { name: "Enrich this episode with the model…" }).click();
    const confirm = card.locator(".enrich-confirm");
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toMatch(
      /^This sends about [\d,]+ tokens and receives about [\d,]+, in \d+ request\(s\) over 3 part\(s\) of the transcript, with notes for \d+ concept\(s\)\. Cost: free \(local server\)\./,
    );
    expect(replay.requests).toHaveLength(0);
    await saveScreenshot(page, "enrich-episode-estimate-en");

    // Cancel sends nothing either.
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await card.getByRole("button", { name: "Enrich this episode with the model…" }).click();
    await card.getByRole("button", { name: "Enrich it" }).click();

    const bar = card.getByRole("progressbar", { name: "Enrichment progress" });
    await bar.waitFor({ timeout: 10_000 });
    await expect(card.getByRole("status").textContent()).resolves.toMatch(
      /Waiting to start…|Reading part \d of 3|Writing notes on|Grouping|Refining/,
    );
    await saveScreenshot(page, "enrich-episode-progress-en");

    const summary = card.locator(".enrich-summary");
    await summary.waitFor({ timeout: 60_000 });
    const text = await summary.textContent();
    expect(text).toContain("Written by vllm · replay-model");
    expect(text).toContain("7 chapter summaries");
    expect(text).toMatch(/notes on \d+ concept\(s\)/);
    expect(text).toContain("a stance table draft with 2 topic(s)");
    expect(text).toContain("a refined mind map");
    expect(text).toMatch(/Tokens so far: [\d,]+ sent, [\d,]+ received\. Cost: free \(local server\)\./);
    expect(replay.requests.length).toBeGreaterThan(3);
    await saveScreenshot(page, "enrich-episode-done-en");
  }, 120_000);

  it("shows the model's chapter summaries on the listen page, labelled as the model's", async () => {
    await page.goto(`${at}?lang=en`);
    const panel = page.locator(".chapter-summaries");
    await panel.locator("summary").click();
    await expect(panel.locator("summary").textContent()).resolves.toBe(
      "Chapter summaries · written by the model (vllm · replay-model), not checked",
    );
    await expect(panel.textContent()).resolves.toContain(
      "The speakers discuss what pre-training actually learns and what it means for the field.",
    );
    await panel.getByRole("button", { name: /^Play chapter “What reinforcement learning changes” from 5:34/ }).click();
    await expect(panel.locator("li[aria-current]").textContent()).resolves.toContain(
      "What reinforcement learning changes",
    );
  }, 60_000);

  it("copies a draft topic into the stance table, never replacing the learner's own cells", async () => {
    const mine = addStanceTopic(store, episodeId, { title: "where the field is going" });
    saveStanceCell(store, episodeId, mine.id, {
      speaker: MAYA,
      position: MAYAS_OWN,
      quote: "",
      startMs: null,
      segmentId: null,
    });
    await page.goto(`${at}/clashes?lang=en`);
    const draft = page.locator(".stance-draft");
    await expect(draft.locator(".model-label").textContent()).resolves.toMatch(/^Written by vllm · replay-model/);

    // The learner's row of that title: only the empty cell is filled.
    const first = draft.locator("article").filter({ hasText: "Where the field is going" });
    await first.getByRole("button", { name: "+ Add to my stance table" }).click();
    await expect(first.getByRole("status").textContent()).resolves.toBe(
      "Filled 1 empty cell(s) of your row “where the field is going”; what you wrote there is kept.",
    );
    // The other topic becomes a new row.
    const second = draft.locator("article").filter({ hasText: "What the evidence shows" });
    await second.getByRole("button", { name: "+ Add to my stance table" }).click();
    // The sample's last lines have no speaker label: no column is theirs, so they are left out.
    await expect(second.getByRole("status").textContent()).resolves.toBe(
      "Added as a row of your table. Left out, as no column of the table is theirs: Speaker.",
    );
    await page.getByRole("status").filter({ hasText: "All changes saved" }).waitFor({ timeout: 10_000 });

    const rows = listStances(store, episodeId);
    expect(rows.map((r) => r.title)).toEqual(["where the field is going", "What the evidence shows"]);
    const kept = rows[0]?.cells.find((c) => c.speaker === MAYA);
    expect(kept?.position).toBe(MAYAS_OWN);
    const filled = rows[0]?.cells.find((c) => c.speaker === ARJUN);
    expect(filled).toMatchObject({ quote: "Thanks, Maya. Let me state my position plainly", startMs: 41_000 });
    expect(filled?.position).toBe("Dr. Arjun Patel makes a point.");
    expect(rows[1]?.cells.length).toBeGreaterThan(0);
    for (const cell of rows[1]?.cells ?? []) expect(cell.startMs).not.toBeNull();

    // Asking again changes nothing: every speaker of that row has a position now.
    await first.getByRole("button", { name: "+ Add to my stance table" }).click();
    await expect(first.getByRole("status").textContent()).resolves.toMatch(/already has every speaker's position/);

    // After a reload the quotes carry the usual attribution check, credited to the right speaker.
    await page.reload();
    const quote = page.getByLabel(`Quote: ${ARJUN} on where the field is going`);
    await expect(quote.inputValue()).resolves.toBe("Thanks, Maya. Let me state my position plainly");
    const cell = page.locator("td.stance-cell").filter({ has: quote });
    await expect(cell.locator(".quote-check").textContent()).resolves.toMatch(/Found: Dr\. Arjun Patel at\s*0:41/);
    await expect(page.getByLabel(`Position: ${MAYA} on where the field is going`).inputValue()).resolves.toBe(
      MAYAS_OWN,
    );
    await saveScreenshot(page, "enrich-stance-draft-en");
  }, 60_000);

  it("starts the map from the model's map only once the learner confirms", async () => {
    const own = {
      nodeData: { id: "root", topic: "My own map", children: [{ id: "n1", topic: "My first branch" }] },
    };
    saveLearnerMap(store, episodeId, own, 0);
    await page.goto(`${at}/map?lang=en`);
    await page.getByText("My first branch").waitFor();
    const offer = page.locator(".model-map");
    await expect(offer.locator(".model-label").textContent()).resolves.toBe(
      "The model drew a refined map of this episode (vllm · replay-model).",
    );

    await offer.getByRole("button", { name: "Start from the model's map" }).click();
    const dialog = offer.getByRole("alertdialog");
    await expect(dialog.textContent()).resolves.toMatch(/^Replace your map with the model's map\?/);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.getByText("My first branch").waitFor();
    expect(getLearnerMap(store, episodeId)?.tree).toEqual(own);

    await offer.getByRole("button", { name: "Start from the model's map" }).click();
    await offer.getByRole("button", { name: "Replace with the model's map" }).click();
    await page.locator(".map-editor").getByText("The main theme").waitFor();
    expect(await page.getByText("My first branch").count()).toBe(0);
    await expect
      .poll(() => JSON.stringify(getLearnerMap(store, episodeId)?.tree ?? null), { timeout: 10_000 })
      .toContain("The main theme");
    expect(getLearnerMap(store, episodeId)?.revision).toBe(2);
  }, 60_000);

  it("reads in Chinese", async () => {
    await page.goto(`${at}/concepts?lang=zh-CN`);
    const summary = page.locator(".enrich-summary");
    await summary.waitFor();
    const text = await summary.textContent();
    expect(text).toContain("由 vllm · replay-model 于");
    expect(text).toContain("7 个章节摘要");
    expect(text).toContain("含 2 个话题的观点表草稿");
    expect(text).toContain("费用：免费（本地服务器）");
    await page.locator(".enrich-episode").getByRole("button", { name: "再次充实…" }).click();
    await page.locator(".enrich-confirm").waitFor();
    await expect(page.locator(".enrich-confirm").textContent()).resolves.toContain("所有内容都已缓存：不产生费用。");
    await saveScreenshot(page, "enrich-episode-zh-CN");
    await page.locator(".enrich-episode").screenshot({ path: join(SCREENSHOT_DIR, "enrich-episode-card-zh-CN.png") });

    await page.goto(`${at}/clashes?lang=zh-CN`);
    await expect(page.locator(".stance-draft h2").textContent()).resolves.toBe("模型起草的观点表");
    await page.goto(`${at}?lang=zh-CN`);
    await page.locator(".chapter-summaries summary").click();
    await expect(page.locator(".chapter-summaries summary").textContent()).resolves.toBe(
      "章节摘要 · 由模型（vllm · replay-model）撰写，未经核对",
    );
    await saveScreenshot(page, "enrich-chapter-summaries-zh-CN");
  }, 60_000);
});

/** An HTTP proxy that holds each request a moment before passing it on, like a slow local model. */
async function startDelayProxy(target: string, delayMs: number): Promise<{ url: string; close: () => Promise<void> }> {
  const to = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      setTimeout(() => {
        const forward = request(
          {
            hostname: to.hostname,
            port: to.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: to.host },
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.on("error", () => {
          res.writeHead(502);
          res.end();
        });
        forward.end(Buffer.concat(chunks));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${to.pathname}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
