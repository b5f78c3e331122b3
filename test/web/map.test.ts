import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapOptionsFor, mapToOpml } from "../../src/export/index.js";
import {
  analyzeStoredEpisode,
  importEpisode,
  libraryGlossary,
  loadEpisodeExportData,
  SAMPLE,
} from "../../src/library/index.js";
import { getLearnerMap, saveLearnerMap } from "../../src/store/index.js";
import { HAS_CHROMIUM, launchBrowser } from "../helpers/browser.js";
import { SCREENSHOT_DIR, saveScreenshot } from "../helpers/screenshot.js";
import { freshStore } from "../helpers/store.js";
import { startWebServer } from "../helpers/web-server.js";

let store: ReturnType<typeof freshStore>;
let server: Awaited<ReturnType<typeof startWebServer>>;
let episodeId: string;

beforeAll(async () => {
  store = freshStore();
  const { episode } = await importEpisode(store, {
    source: SAMPLE.transcript,
    audioUrl: SAMPLE.audio,
    sourceKind: "sample",
  });
  episodeId = episode.id;
  analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
  server = await startWebServer(store, store.dir);
});

afterAll(async () => {
  await server?.close();
  store?.cleanup();
});

const node = (page: Page, text: string | RegExp) => page.locator("me-tpc", { hasText: text });

/** Zooms out with the map's own button until the node is inside the editor's box, as a learner would. */
async function bringIntoView(page: Page, target: ReturnType<typeof node>) {
  const editor = page.locator(".map-editor");
  for (let i = 0; i < 8; i++) {
    const box = await editor.boundingBox();
    const at = await target.boundingBox();
    if (
      box &&
      at &&
      at.x >= box.x &&
      at.y >= box.y &&
      at.x + at.width <= box.x + box.width &&
      at.y + at.height <= box.y + box.height
    )
      return;
    await page.getByRole("button", { name: /^(Zoom out|缩小)$/ }).click();
  }
}

async function clickNode(page: Page, text: string | RegExp) {
  const target = node(page, text).first();
  await bringIntoView(page, target);
  // On its text, never on one of its markers (those jump to the moment or the concept).
  const at = await target.locator(".text").boundingBox();
  if (!at) throw new Error(`the node ${text} is not on screen`);
  await page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
}

async function waitSaved(page: Page) {
  await page
    .getByRole("status")
    .filter({ hasText: /All changes saved|所有修改已保存/ })
    .waitFor({ timeout: 10_000 });
}

async function openMap(page: Page, lang: "en" | "zh-CN" = "en") {
  page.setDefaultTimeout(8_000);
  await page.goto(`${server.url}/episodes/${episodeId}/map?lang=${lang}`);
  await page.locator(".map-editor me-root").waitFor({ timeout: 15_000 });
}

describe.skipIf(!HAS_CHROMIUM)("the mind map page", { timeout: 90_000 }, () => {
  it("opens the analysis' draft, keeps an added and renamed node across a reload, and deletes a node", async () => {
    const { context, close } = await launchBrowser("en-US");
    try {
      const page = await context.newPage();
      await openMap(page);
      // The draft: the episode, its chapters and their key concepts.
      await node(page, "Introduction: creates or unlocks?").waitFor();
      await node(page, /^Post-training/)
        .first()
        .waitFor();
      await expect(page.getByRole("status").textContent()).resolves.toMatch(/draft, not edited yet/);
      await saveScreenshot(page, "map-draft-en");

      // Select a concept, press Tab for a child, type its name.
      await clickNode(page, /^Post-training/);
      await expect(page.locator(".map-panel-topic").textContent()).resolves.toBe("Post-training");
      await page.keyboard.press("Tab");
      await page.locator("#input-box").waitFor();
      await page.keyboard.type("RL unlocks, it does not create");
      await page.keyboard.press("Enter");
      await waitSaved(page);
      expect(JSON.stringify(getLearnerMap(store, episodeId)?.tree)).toContain("RL unlocks, it does not create");

      // Link it to a concept from the side panel: the ◆ marker shows.
      const added = node(page, "RL unlocks, it does not create");
      await clickNode(page, "RL unlocks, it does not create");
      await page.getByLabel("Concept to link").selectOption({ label: "Post-training" });
      await page.getByRole("button", { name: "Link to this concept" }).click();
      await added.locator(".dl-concept").waitFor();
      await waitSaved(page);
      await saveScreenshot(page, "map-edited-en");

      await page.reload();
      await page.locator(".map-editor me-root").waitFor();
      await node(page, "RL unlocks, it does not create").locator(".dl-concept").waitFor();
      await waitSaved(page);

      // The language switches under the map, and the map stays.
      await page.getByLabel("Language").selectOption("zh-CN");
      await page.getByRole("heading", { name: "思维导图", level: 2 }).waitFor();
      await node(page, "RL unlocks, it does not create").locator(".dl-concept").waitFor();
      await page.getByLabel("语言").selectOption("en");
      await page.getByRole("heading", { name: "Mind map", level: 2 }).waitFor();

      // The exports read the learner's map.
      const data = loadEpisodeExportData(store, episodeId);
      expect(mapToOpml(data?.map as never, mapOptionsFor(data as never))).toContain("RL unlocks, it does not create");

      // Delete it with the toolbar's button.
      await clickNode(page, "RL unlocks, it does not create");
      await page.getByRole("button", { name: /^Delete/ }).click();
      await expect(node(page, "RL unlocks, it does not create").count()).resolves.toBe(0);
      await waitSaved(page);
      await page.reload();
      await node(page, "Introduction: creates or unlocks?").waitFor();
      await expect(node(page, "RL unlocks, it does not create").count()).resolves.toBe(0);

      // Tab belongs to the map (it adds a child): Esc is the way out, to the node's panel.
      await page.getByRole("application", { name: "Mind map editor" }).focus();
      await page.keyboard.press("Escape");
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Selected node");
    } finally {
      await close();
    }
  });

  it("exports the map as a real PNG and a real SVG", async () => {
    const { context, close } = await launchBrowser("en-US");
    try {
      const page = await context.newPage();
      await openMap(page);
      await node(page, "Introduction: creates or unlocks?").waitFor();

      const [png] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Export PNG" }).click(),
      ]);
      expect(png.suggestedFilename()).toMatch(/mind map\.png$/);
      const pngBytes = readFileSync((await png.path()) as string);
      // Kept beside the screenshots, to be looked at.
      writeFileSync(join(SCREENSHOT_DIR, "map-export.png"), pngBytes);
      expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // The IHDR chunk: a picture of some size, not an empty canvas.
      expect(pngBytes.readUInt32BE(16)).toBeGreaterThan(400);
      expect(pngBytes.readUInt32BE(20)).toBeGreaterThan(200);

      const [svg] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Export SVG" }).click(),
      ]);
      expect(svg.suggestedFilename()).toMatch(/mind map\.svg$/);
      const svgText = readFileSync((await svg.path()) as string, "utf8");
      writeFileSync(join(SCREENSHOT_DIR, "map-export.svg"), svgText);
      expect(XMLValidator.validate(svgText)).toBe(true);
      const parsed = new XMLParser({ ignoreAttributes: false }).parse(svgText);
      expect(parsed.svg["@_width"]).toMatch(/^\d+$/);
      const texts = svgTexts(parsed.svg);
      expect(texts).toContain("Introduction: creates or unlocks?");
      expect(texts.some((t) => t.startsWith("Where Does Reasoning Come From?"))).toBe(true);
    } finally {
      await close();
    }
  });

  it("says when another tab saved meanwhile and reloads the newer map", async () => {
    const { context, close } = await launchBrowser("en-US");
    try {
      const page = await context.newPage();
      await openMap(page);
      await node(page, "Introduction: creates or unlocks?").waitFor();
      // Another tab saves a different map.
      const current = getLearnerMap(store, episodeId)?.revision ?? 0;
      saveLearnerMap(
        store,
        episodeId,
        { nodeData: { id: "root", topic: "Saved in another tab", children: [] }, direction: 2 },
        current,
      );
      await clickNode(page, "Introduction: creates or unlocks?");
      await page.getByRole("button", { name: /^Add child/ }).click();
      await page.locator("#input-box").waitFor();
      await page.keyboard.type("Edited here");
      await page.keyboard.press("Enter");
      const alert = page.getByRole("alert").filter({ hasText: "changed in another tab or window" });
      await alert.waitFor({ timeout: 10_000 });
      // Nothing was overwritten.
      expect(JSON.stringify(getLearnerMap(store, episodeId)?.tree)).not.toContain("Edited here");
      // The unsaved edit survives a reload of the page (kept in this browser), still flagged.
      await page.reload();
      await node(page, "Edited here").waitFor();
      await alert.waitFor();
      await page.getByRole("button", { name: "Reload the newer map" }).click();
      await node(page, "Saved in another tab").waitFor();
      await expect(node(page, "Edited here").count()).resolves.toBe(0);
      await expect(page.getByRole("status").textContent()).resolves.toMatch(/All changes saved/);

      // Once more, and this time the learner keeps their version.
      const revision = getLearnerMap(store, episodeId)?.revision ?? 0;
      saveLearnerMap(store, episodeId, { nodeData: { id: "root", topic: "Third tab", children: [] } }, revision);
      await clickNode(page, "Saved in another tab");
      await page.getByRole("button", { name: /^Add child/ }).click();
      await page.locator("#input-box").waitFor();
      await page.keyboard.type("Mine after all");
      await page.keyboard.press("Enter");
      await alert.waitFor();
      await page.getByRole("button", { name: "Keep my version" }).click();
      await waitSaved(page);
      const kept = JSON.stringify(getLearnerMap(store, episodeId)?.tree);
      expect(kept).toContain("Mine after all");
      expect(kept).not.toContain("Third tab");
    } finally {
      await close();
    }
  });

  it("keeps edits made while the server was unreachable, through a crash, and saves them on the next visit", async () => {
    const { context, close } = await launchBrowser("en-US");
    try {
      const revision = getLearnerMap(store, episodeId)?.revision ?? 0;
      saveLearnerMap(store, episodeId, { nodeData: { id: "root", topic: "Offline test", children: [] } }, revision);
      const page = await context.newPage();
      await openMap(page);
      await node(page, "Offline test").waitFor();
      // The server goes away for saves.
      await page.route("**/map", (route) =>
        route.request().method() === "PUT" ? route.abort("connectionrefused") : route.continue(),
      );
      await clickNode(page, "Offline test");
      await page.keyboard.press("Tab");
      await page.locator("#input-box").waitFor();
      await page.keyboard.type("Written offline");
      await page.keyboard.press("Enter");
      await page.getByRole("status").filter({ hasText: "the server cannot be reached" }).waitFor();
      expect(JSON.stringify(getLearnerMap(store, episodeId)?.tree)).not.toContain("Written offline");
      // The tab crashes before the server is back (no chance to save on leaving)…
      await page.waitForTimeout(1500);
      const cdp = await context.newCDPSession(page);
      const crashed = page.waitForEvent("crash");
      void cdp.send("Page.crash").catch(() => {});
      await crashed;
      // …and the next visit finds the edit kept in this browser, and saves it.
      const again = await context.newPage();
      await openMap(again);
      await again.getByText("Restored the edits this browser had not saved yet").waitFor();
      await node(again, "Written offline").waitFor();
      await waitSaved(again);
      expect(JSON.stringify(getLearnerMap(store, episodeId)?.tree)).toContain("Written offline");
    } finally {
      await close();
    }
  });

  it("starts again from the draft after asking, jumps from its markers, and speaks Chinese", async () => {
    const { context, close } = await launchBrowser("zh-CN");
    try {
      const page = await context.newPage();
      await openMap(page, "zh-CN");
      await page.getByRole("heading", { name: "思维导图", level: 2 }).waitFor();
      await page.getByRole("button", { name: "从草稿重新开始" }).click();
      await page.getByText("用分析生成的草稿替换你的导图吗？").waitFor();
      await saveScreenshot(page, "map-confirm-zh-CN");
      await page.getByRole("button", { name: "替换为草稿" }).click();
      await node(page, "Introduction: creates or unlocks?").waitFor();
      await waitSaved(page);
      await saveScreenshot(page, "map-zh-CN");

      // The ▶ marker of a chapter plays from its start.
      const chapter = node(page, "What pre-training actually learns");
      await bringIntoView(page, chapter);
      await chapter.locator(".dl-moment").click();
      await expect
        .poll(async () => page.locator(".player-bar .time").textContent(), { timeout: 8_000 })
        .toMatch(/^1:(49|5\d)/);

      // The side panel of a concept node, and its ◆ marker opens the concept's page.
      await clickNode(page, /^Post-training/);
      await page.getByRole("heading", { name: "选中的节点" }).waitFor();
      await page.getByRole("button", { name: /从 0:41 播放/ }).waitFor();
      await node(page, /^Post-training/)
        .first()
        .locator(".dl-concept")
        .click();
      await page.waitForURL(/\/episodes\/[^/]+\/concepts\/\d+$/);
    } finally {
      await close();
    }
  });
});

/** Every text of an SVG parsed by fast-xml-parser, lines of a node joined with spaces. */
function svgTexts(el: unknown): string[] {
  const out: string[] = [];
  const visit = (value: unknown, name: string) => {
    if (Array.isArray(value)) for (const v of value) visit(v, name);
    else if (name === "text" && value && typeof value === "object") {
      const spans = (value as { tspan?: unknown }).tspan;
      const list = Array.isArray(spans) ? spans : spans === undefined ? [] : [spans];
      out.push(
        list
          .map((s) => (typeof s === "object" ? String((s as { "#text"?: unknown })["#text"] ?? "") : String(s)))
          .join(" "),
      );
    } else if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) if (!key.startsWith("@_")) visit(child, key);
    }
  };
  visit(el, "svg");
  return out;
}
