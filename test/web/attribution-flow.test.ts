import { rmSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importEpisode, SAMPLE } from "../../src/library/index.js";
import { llmSettingsFile, saveLlmSettings } from "../../src/llm/index.js";
import { addStanceTopic, getSegments } from "../../src/store/index.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { type ReplayServer, startOpenAiReplayServer } from "../helpers/openai-replay-server.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

const ARJUN = "Dr. Arjun Patel";
const LENA = "Dr. Lena Vogel";
const LENA_KEY = "reinforcement learning is a very good key, but it doesn't build the room";
const ZH_QUOTE = "强化学习是一把很好的钥匙，但它并不建造房间";
const BACK = "reinforcement learning is a very good key, but it does not build the room";
const CLAIM = "Lena thinks reinforcement learning builds the reasoning room";
const TOPIC = "What RL is for";
const ENV = ["DEEPLISTEN_LLM_PROVIDER", "DEEPLISTEN_LLM_MODEL", "DEEPLISTEN_LLM_BASE_URL", "DEEPLISTEN_LLM_API_KEY"];

function lastUser(body: unknown): string {
  const messages = (body as { messages?: { role: string; content: unknown }[] }).messages ?? [];
  const last = [...messages].reverse().find((m) => m.role === "user");
  return typeof last?.content === "string" ? last.content : "";
}

/**
 * The attribution flow across pages, on the bundled sample: a quote credited to the wrong speaker is
 * flagged on the clashes page; the learner decides the transcript is what is wrong, relabels the
 * paragraph in the listen view, and the stance cell's check follows. Then, with a model (a real
 * local OpenAI-style server replaying answers): a claim in the learner's words is checked and
 * contradicted with the passage, and a quote typed in Chinese is found through its translation.
 */
describe.skipIf(!HAS_CHROMIUM)("attribution in the browser", { timeout: 90_000 }, () => {
  const store = freshStore();
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let replay: ReplayServer;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let episodeId = "";
  const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));

  beforeAll(async () => {
    for (const k of ENV) delete process.env[k];
    const { episode } = await importEpisode(store, {
      source: SAMPLE.transcript,
      audioUrl: SAMPLE.audio,
      sourceKind: "sample",
    });
    episodeId = episode.id;
    addStanceTopic(store, episodeId, { title: TOPIC, clashIdx: null });
    replay = await startOpenAiReplayServer({
      respond: (body) => {
        const asked = lastUser(body);
        if (asked.startsWith("Quote (Chinese)")) return { content: JSON.stringify({ translations: [BACK] }) };
        if (asked.startsWith("Claim")) {
          const line = asked.split("\n").find((l) => l.includes("doesn't build the room")) ?? "[1]";
          const passage = Number(/^\[(\d+)\]/.exec(line)?.[1] ?? 1);
          return {
            content: JSON.stringify({
              verdict: "contradicted",
              passage,
              explanation: "She says reinforcement learning is a key that does not build the room.",
            }),
          };
        }
        return null;
      },
    });
    server = await startWebServer(store, store.dir);
    browser = await launchBrowser("en-US");
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await browser?.close();
    await server?.close();
    await replay?.close();
    store.cleanup();
  });

  const clashes = () => page.goto(`${server.url}/episodes/${encodeURIComponent(episodeId)}/clashes?lang=en`);
  const cellOf = (speaker: string) =>
    page.locator(".stance-cell").filter({ has: page.getByRole("textbox", { name: `Quote: ${speaker} on ${TOPIC}` }) });

  it("relabelling the paragraph in the listen view turns a wrong-speaker quote into a verified one", async () => {
    await clashes();
    await page.getByRole("textbox", { name: `Quote: ${ARJUN} on ${TOPIC}` }).fill(LENA_KEY);
    const cell = cellOf(ARJUN);
    const wrong = cell.locator(".quote-check.wrong");
    await wrong.waitFor({ timeout: 10_000 });
    expect(await wrong.textContent()).toContain(`Said by ${LENA}, not ${ARJUN}, at`);
    await page.getByRole("status").filter({ hasText: "All changes saved" }).waitFor({ timeout: 10_000 });

    // No model: the position offers a way to add one instead of a check.
    await page.getByRole("textbox", { name: `Position: ${ARJUN} on ${TOPIC}` }).fill(CLAIM);
    const hint = cell.locator(".claim-check");
    await hint.getByRole("link", { name: "add one in Settings" }).waitFor({ timeout: 10_000 });
    expect(await hint.getByRole("link").getAttribute("href")).toBe("/settings");

    // The transcript is what is wrong, the learner decides: the paragraph goes to Arjun.
    const paragraph = getSegments(store, episodeId).find((s) => s.text.includes("doesn't build the room"));
    expect(paragraph?.speaker).toBe(LENA);
    await page.goto(`${server.url}/episodes/${encodeURIComponent(episodeId)}?lang=en`);
    const name = page.locator(`.para[data-segment-id="${paragraph?.id}"] .speaker-name`);
    await name.click();
    await page.locator(".speaker-menu").getByRole("button", { name: ARJUN }).click();
    await expect.poll(() => name.textContent()).toBe(ARJUN);

    await clashes();
    const ok = cellOf(ARJUN).locator(".quote-check.ok");
    await ok.waitFor({ timeout: 10_000 });
    expect(await ok.textContent()).toContain(`Found: ${ARJUN} at`);
    await saveScreenshot(page, "attribution-after-relabel-en");

    // Undo in the listen view: flagged again.
    await page.goto(`${server.url}/episodes/${encodeURIComponent(episodeId)}?lang=en`);
    await page.locator(`.para[data-segment-id="${paragraph?.id}"] .speaker-name`).click();
    await page.locator(".speaker-menu").getByRole("button", { name: LENA }).click();
    await expect.poll(() => getSegments(store, episodeId).find((s) => s.id === paragraph?.id)?.speaker).toBe(LENA);
    await clashes();
    await cellOf(ARJUN).locator(".quote-check.wrong").waitFor({ timeout: 10_000 });
  });

  it("checks a claim in the learner's words with the model: contradicted, with the passage to play", async () => {
    saveLlmSettings(llmSettingsFile(store.dir), { provider: "vllm", model: "replay-model", baseUrl: replay.baseUrl });
    await clashes();
    const position = page.getByRole("textbox", { name: `Position: ${LENA} on ${TOPIC}` });
    await position.fill(CLAIM);
    const cell = cellOf(LENA);
    await cell.getByRole("button", { name: `Check ${LENA}'s position on ${TOPIC} with the model` }).click();
    const verdict = cell.locator(".claim-verdict");
    await verdict.waitFor({ timeout: 15_000 });
    const text = await verdict.textContent();
    expect(text).toContain(`Contradicted by ${LENA} at`);
    expect(text).toContain("1:15");
    expect(text).toContain("doesn't build the room");
    expect(text).toContain("She says reinforcement learning is a key");
    await verdict.getByRole("button", { name: "Play the passage at 1:15" }).waitFor();
    await saveScreenshot(page, "claim-check-en");

    // In Chinese, the same control.
    await page.goto(`${server.url}/episodes/${encodeURIComponent(episodeId)}/clashes?lang=zh-CN`);
    await page.getByRole("button", { name: `用模型核对 ${LENA} 对“${TOPIC}”的立场` }).waitFor({ timeout: 10_000 });
  });

  it("finds a quote typed in Chinese through the model's translation", async () => {
    await clashes();
    await page.getByRole("textbox", { name: `Quote: ${LENA} on ${TOPIC}` }).fill(ZH_QUOTE);
    const ok = cellOf(LENA).locator(".quote-check.ok");
    await ok.waitFor({ timeout: 15_000 });
    const text = await ok.textContent();
    expect(text).toContain(`Found: ${LENA} at`);
    expect(text).toContain(`matched through a translation: “${BACK}”`);
    await saveScreenshot(page, "quote-through-translation-en");

    // Without a model: a sentence saying what to do, not a silent "not found".
    rmSync(llmSettingsFile(store.dir), { force: true });
    await clashes();
    const missing = cellOf(LENA).locator(".quote-check.missing");
    await missing.waitFor({ timeout: 15_000 });
    expect(await missing.textContent()).toContain("Not found: add a model to check translated quotes.");
  });
});
