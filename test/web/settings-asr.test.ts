import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentWav, TEST_SENTENCE } from "../../src/asr/index.js";
import { type AsrReplayServer, startAsrReplayServer } from "../helpers/asr-replay-server.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

/**
 * The speech recognition section of the settings page in a real browser, against a real local
 * transcription server: save a server with a key (never shown again, never in an API answer),
 * test it (a refused key, then the test sentence heard), in English and Chinese; and the failed
 * transcription's link from the library lands on the section.
 */
const KEY = "gsk-browser-asr-secret-9876";
const WRONG_KEY = "gsk-not-the-right-key-0000";
const ASR_VARS = [
  "DEEPLISTEN_ASR_PROVIDER",
  "DEEPLISTEN_ASR_BASE_URL",
  "DEEPLISTEN_ASR_MODEL",
  "DEEPLISTEN_ASR_API_KEY",
  "DEEPLISTEN_ASR_MODEL_DIR",
  "DEEPLISTEN_ASR_PARALLEL",
  "DEEPLISTEN_ASR_CHUNK_SECONDS",
];
// The server runs in this process: a recogniser configured on the machine must not leak in.
const savedEnv = new Map(ASR_VARS.map((name) => [name, process.env[name]]));

let store: ReturnType<typeof freshStore>;
let asr: AsrReplayServer;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  for (const name of ASR_VARS) delete process.env[name];
  store = freshStore();
  // The test sample says one sentence; the server answers every stretch of speech with it.
  asr = await startAsrReplayServer({ apiKey: KEY, sentences: [{ text: TEST_SENTENCE, durationMs: 1500 }] });
  web = await startWebServer(store, store.dir);
});
afterAll(async () => {
  if (!HAS_CHROMIUM) return;
  await web.close();
  await asr.close();
  store.cleanup();
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Every answer of the settings API the page received, as text. */
function recordAsrAnswers(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", (response) => {
    if (!response.url().includes("/api/settings/asr")) return;
    void response.text().then(
      (text) => bodies.push(text),
      () => {},
    );
  });
  return bodies;
}

/** The page scrolled down to the section: its heading is on screen (at the top, or as far up as the page goes). */
function scrolledTo(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const heading = document.querySelector("#speech-recognition h2");
    if (!heading) return false;
    // Below the sticky top bar, not hidden under it.
    const bar = document.querySelector(".app-bar")?.getBoundingClientRect().bottom ?? 0;
    const top = heading.getBoundingClientRect().top;
    const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    return window.scrollY > 0 && top >= bar - 2 && top < window.innerHeight && (top < 120 || atBottom);
  });
}

const TEXT = {
  en: {
    title: "Speech recognition",
    provider: "Recogniser",
    none: "No speech recogniser is configured",
    saved: "Saved.",
    test: "Test recognition",
    badKey: "The server refused the API key",
    ok: `It works: any OpenAI-compatible transcription server · whisper-1 heard “${TEST_SENTENCE}”`,
  },
  "zh-CN": {
    title: "语音识别",
    provider: "识别方式",
    none: "尚未配置语音识别",
    saved: "已保存。",
    test: "测试识别",
    badKey: "服务器拒绝了这个 API 密钥",
    ok: `识别正常：any OpenAI-compatible transcription server · whisper-1 用了`,
  },
} as const;

describe.skipIf(!HAS_CHROMIUM)("speech recognition on the settings page", () => {
  for (const locale of ["en", "zh-CN"] as const) {
    it(`saves a transcription server, never shows the key again, and tests it (${locale})`, async () => {
      const text = TEXT[locale];
      await fetch(`${web.url}/api/settings/asr`, { method: "DELETE" });
      const browser = await launchBrowser(locale);
      try {
        const page = await browser.context.newPage();
        const answers = recordAsrAnswers(page);
        await page.goto(`${web.url}/settings?lang=${locale}#speech-recognition`);
        const section = page.locator("#speech-recognition");
        await section.locator("#asr-provider").waitFor();
        await expect(section.locator("h2").textContent()).resolves.toBe(text.title);
        await expect(section.locator("label[for=asr-provider]").textContent()).resolves.toBe(text.provider);
        await expect(section.getByTestId("asr-in-effect").textContent()).resolves.toContain(text.none);
        // The link's target is scrolled to once the section has loaded.
        await expect(scrolledTo(page)).resolves.toBe(true);

        await page.selectOption("#asr-provider", "openai-compatible");
        await page.fill("#asr-base-url", asr.baseUrl);
        await page.fill("#asr-model", "whisper-1");
        await page.fill("#asr-api-key", WRONG_KEY);
        await section.locator("button[type=submit]").click();
        const status = section.getByTestId("asr-status");
        await expect(status.textContent()).resolves.toBe(text.saved);
        await expect(section.getByTestId("asr-in-effect").textContent()).resolves.toContain("****0000");
        expect(await page.content()).not.toContain(WRONG_KEY);
        await expect(page.inputValue("#asr-api-key")).resolves.toBe("");

        await section.getByRole("button", { name: text.test }).click();
        await page.waitForFunction(
          (sentence) => document.querySelector("[data-testid=asr-status]")?.textContent?.includes(sentence),
          text.badKey,
        );
        // The server's own words follow, naming the variable to check.
        await expect(status.textContent()).resolves.toContain("refused the API key (401");

        await page.fill("#asr-api-key", KEY);
        await section.getByRole("button", { name: text.test }).click();
        await page.waitForFunction(
          (ok) => document.querySelector("[data-testid=asr-status]")?.textContent?.startsWith(ok),
          text.ok,
        );
        if (locale === "zh-CN") await expect(status.textContent()).resolves.toContain(`听到“${TEST_SENTENCE}”`);
        await expect(section.getByTestId("asr-in-effect").textContent()).resolves.toContain("****9876");
        expect(asr.requests.at(-1)?.authorization).toBe(`Bearer ${KEY}`);

        expect(await page.content()).not.toContain(KEY);
        const direct = await page.request.get(`${web.url}/api/settings/asr`);
        expect(await direct.text()).not.toContain(KEY);
        expect(answers.length).toBeGreaterThanOrEqual(4);
        for (const body of answers) {
          expect(body).not.toContain(KEY);
          expect(body).not.toContain(WRONG_KEY);
        }
        // The top bar is sticky: from the top, the full-page picture shows it where it belongs.
        await page.evaluate(() => window.scrollTo(0, 0));
        await saveScreenshot(page, `settings-asr-${locale}`);
      } finally {
        await browser.close();
      }
    }, 90_000);
  }

  it("links a transcription that failed for want of a recogniser to the section", async () => {
    await fetch(`${web.url}/api/settings/asr`, { method: "DELETE" });
    const upload = await fetch(`${web.url}/api/episodes/upload?name=${encodeURIComponent("talk.wav")}`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: new Uint8Array(silentWav(16_000, 2)),
    });
    expect(upload.status).toBe(200);
    await web.app.jobsIdle();
    const browser = await launchBrowser("en");
    try {
      const page = await browser.context.newPage();
      await page.goto(`${web.url}/?lang=en`);
      const link = page.getByRole("link", { name: "Set up speech recognition" });
      await link.waitFor();
      await link.click();
      await page.locator("#asr-provider").waitFor();
      const url = new URL(page.url());
      expect(`${url.pathname}${url.hash}`).toBe("/settings#speech-recognition");
      await expect(scrolledTo(page)).resolves.toBe(true);

      // A local model asks for its folder, not for a server or a key.
      await page.selectOption("#asr-provider", "sherpa-onnx");
      await page.locator("#asr-model-dir").waitFor();
      await expect(page.locator("#asr-base-url").count()).resolves.toBe(0);
      await expect(page.locator("#asr-api-key").count()).resolves.toBe(0);
      await expect(page.locator("label[for=asr-model]").textContent()).resolves.toBe("Model family");
    } finally {
      await browser.close();
    }
  }, 90_000);
});
