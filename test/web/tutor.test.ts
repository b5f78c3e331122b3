import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatTimecode } from "../../src/core/index.js";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../../src/library/index.js";
import { llmSettingsFile, saveLlmSettings } from "../../src/llm/index.js";
import { findConcept, getEpisodeConcept } from "../../src/store/index.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { type ReplayServer, startOpenAiReplayServer } from "../helpers/openai-replay-server.js";
import { SCREENSHOT_DIR, saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

/**
 * The tutor chat and the settings page in a real browser, with the model played by a real
 * OpenAI-style server: ask, watch the answer stream in, click a cited moment and the shared player
 * moves there; save settings (the key never comes back) and test the connection.
 */
const KEY = "sk-browser-secret-0123456789";
let store: ReturnType<typeof freshStore>;
let server: ReplayServer;
let web: Awaited<ReturnType<typeof startWebServer>>;
let episodeId: string;
let conceptId: number;
let momentMs: number;

/** The player bar's time as the app shows it (m:ss or h:mm:ss). */
function shownTime(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0
    ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`
    : `${m}:${String(s).padStart(2, "0")}`;
}

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  store = freshStore();
  const { episode } = await importEpisode(store, {
    source: SAMPLE.transcript,
    audioUrl: SAMPLE.audio,
    sourceKind: "sample",
  });
  episodeId = episode.id;
  analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
  const grpo = findConcept(store, "GRPO", episodeId);
  if (!grpo) throw new Error("the sample's analysis lost GRPO");
  conceptId = grpo.id;
  // A moment well into the episode, so that a seek there is plainly visible.
  const definitions = getEpisodeConcept(store, episodeId, conceptId)?.definitions ?? [];
  momentMs = Math.max(...definitions.map((d) => d.startMs));
  server = await startOpenAiReplayServer({ apiKey: KEY, chunkSize: 6, chunkDelayMs: 25 });
  web = await startWebServer(store, store.dir);
});
afterAll(async () => {
  if (!HAS_CHROMIUM) return;
  await web.close();
  await server.close();
  store.cleanup();
});

describe.skipIf(!HAS_CHROMIUM)("the tutor chat", () => {
  it("shows the offline note with a link to the settings when no model is configured", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${web.url}/episodes/${episodeId}/concepts/${conceptId}?lang=en`);
      const chat = page.locator(".tutor-chat");
      await chat.waitFor();
      await expect(chat.locator(".tutor-offline").textContent()).resolves.toContain("No model is configured");
      await chat.getByRole("button", { name: "What is GRPO, in plain words?" }).click();
      await chat.locator(".tutor-msg.assistant .tutor-meta").waitFor();
      await expect(chat.locator(".tutor-msg.assistant").textContent()).resolves.toContain("Check yourself");
      await chat.locator(".tutor-offline a").click();
      await page.locator("#settings-title").waitFor();
      expect(new URL(page.url()).pathname).toBe("/settings");
    } finally {
      await browser.close();
    }
  }, 90_000);

  for (const locale of ["en", "zh-CN"] as const) {
    it(`streams an answer and a cited moment plays in the shared player (${locale})`, async () => {
      saveLlmSettings(llmSettingsFile(store.dir), {
        provider: "vllm",
        model: "replay-model",
        baseUrl: server.baseUrl,
        apiKey: KEY,
      });
      const time = formatTimecode(momentMs);
      const answer =
        locale === "en"
          ? `Before I explain: what do you think the group is for?\n\n1. Each prompt gets a group of answers, and the group's average reward is the baseline [${time}].\n2. So no separate critic has to be trained.\n\nWhich model does PPO train that GRPO does not?`
          : `先说说你的理解：这一组回答是做什么用的？\n\n1. 每个提示生成一组回答，以组内平均奖励作为基线："the group is the baseline"（组就是基线）[${time}]。\n2. 所以不需要另外训练评论家模型。\n\n那么，PPO 训练了哪个 GRPO 不需要的模型？`;
      server.setAnswers([{ content: answer, promptTokens: 1800, completionTokens: 120 }]);
      const browser = await launchBrowser(locale);
      try {
        const page = await browser.context.newPage();
        await page.goto(`${web.url}/episodes/${episodeId}/concepts/${conceptId}?lang=${locale}`);
        const chat = page.locator(".tutor-chat");
        await chat.waitFor();
        await expect(chat.locator(".tutor-mode").textContent()).resolves.toContain("replay-model");
        const question = locale === "en" ? "Why does GRPO not need a critic?" : "GRPO 为什么不需要评论家模型？";
        await chat.locator("textarea").fill(question);
        await chat.locator("textarea").press("Enter");
        // The answer arrives in pieces: the streaming bubble shows part of it before the end.
        const streamingBubble = chat.locator(".tutor-msg.assistant.streaming");
        await streamingBubble.waitFor();
        const partial = (await streamingBubble.textContent()) ?? "";
        await streamingBubble.waitFor({ state: "detached" });
        expect(partial.length).toBeLessThan(answer.length);
        const cite = chat.getByRole("button", {
          name: locale === "en" ? `Play the moment at ${time}` : `播放 ${time} 处的片段`,
        });
        await cite.last().waitFor();
        await expect(chat.locator(".tutor-msg.assistant").last().textContent()).resolves.toContain(
          locale === "en" ? "Which model does PPO train" : "PPO 训练了哪个",
        );
        await expect(chat.locator(".tutor-meta").last().textContent()).resolves.toContain("1,800");
        await cite.last().click();
        await page.waitForFunction(
          (expected) => document.querySelector(".player-bar .time")?.textContent?.includes(expected),
          shownTime(momentMs),
        );
        await saveScreenshot(page, `tutor-chat-${locale}`);
        // The chat panel alone, readable at full size.
        await chat.screenshot({ path: join(SCREENSHOT_DIR, `tutor-chat-panel-${locale}.png`) });

        // The thread is kept: after a reload it is still there, and it exports as Markdown.
        await page.reload();
        await chat.locator(".tutor-msg.user").first().waitFor();
        await expect(chat.locator(".tutor-msg.user p").last().textContent()).resolves.toBe(question);
        const href = await chat.locator(".tutor-export").getAttribute("href");
        const markdown = await (await fetch(`${web.url}${href}`)).text();
        expect(markdown).toContain(question);
      } finally {
        await browser.close();
      }
    }, 90_000);
  }
});

describe.skipIf(!HAS_CHROMIUM)("the settings page", () => {
  for (const locale of ["en", "zh-CN"] as const) {
    it(`saves the model, never shows the key again, and tests the connection (${locale})`, async () => {
      const browser = await launchBrowser(locale);
      try {
        const page = await browser.context.newPage();
        await page.goto(`${web.url}/settings?lang=${locale}`);
        await page.locator("#llm-provider").waitFor();
        await page.selectOption("#llm-provider", "vllm");
        await page.fill("#llm-model", "replay-model");
        await page.fill("#llm-base-url", server.baseUrl);
        await page.fill("#llm-api-key", "sk-not-the-right-key-000");
        await page.locator("form:has(#llm-provider) button[type=submit]").click();
        const status = page.getByTestId("settings-status");
        await expect(status.textContent()).resolves.toBe(locale === "en" ? "Saved." : "已保存。");
        expect(await page.content()).not.toContain("sk-not-the-right-key-000");

        await page.getByRole("button", { name: locale === "en" ? "Test connection" : "测试连接" }).click();
        await page.waitForFunction(() =>
          document.querySelector("[data-testid=settings-status]")?.textContent?.includes("401"),
        );
        // What went wrong in the page's language, then the server's sentence saying where to fix it.
        await expect(status.locator(".settings-status-text").textContent()).resolves.toBe(
          locale === "en"
            ? "The provider refused the API key: type the right key and test again."
            : "服务商拒绝了这个 API 密钥：请填入正确的密钥后再测试。",
        );
        await expect(status.textContent()).resolves.toMatch(/refused the API key \(HTTP 401.*Settings page/);

        await page.fill("#llm-api-key", KEY);
        await page.getByRole("button", { name: locale === "en" ? "Test connection" : "测试连接" }).click();
        await page.waitForFunction(
          (ok) => document.querySelector("[data-testid=settings-status]")?.textContent?.startsWith(ok),
          locale === "en" ? "It works" : "连接正常",
        );
        await expect(page.getByTestId("in-effect").textContent()).resolves.toContain("replay-model");
        await expect(page.getByTestId("in-effect").textContent()).resolves.toContain("****6789");
        expect(await page.content()).not.toContain(KEY);
        await saveScreenshot(page, `settings-${locale}`);
      } finally {
        await browser.close();
      }
    }, 90_000);
  }
});
