import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { DomUtils, parseDocument } from "htmlparser2";
import { Transformer } from "markmap-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_USAGE, exportCommand } from "../src/cli/commands/export.js";
import type { CliContext } from "../src/cli/context.js";
import { CommandError, UsageError } from "../src/cli/usage-error.js";
import {
  type EpisodeExportData,
  EXPORT_FORMATS,
  episodeToAnki,
  episodeToMarkdown,
  episodeToObsidian,
  loadMarkmapAssets,
  MARKMAP_DATA_ID,
  type MapNode,
  mapOptionsFor,
  mapToAscii,
  mapToFreeMind,
  mapToMarkmapHtml,
  mapToMermaid,
  mapToOpml,
  mapToXMind,
  notableConcepts,
} from "../src/export/index.js";
import {
  analyzeStoredEpisode,
  importEpisode,
  libraryGlossary,
  libraryPacks,
  loadEpisodeExportData,
  SAMPLE,
} from "../src/library/index.js";
import { addMark, findConcept, getMindMapDraft, recordAttempt } from "../src/store/index.js";
import { HAS_CHROMIUM, launchBrowser } from "./helpers/browser.js";
import { FIXTURE_TREE, fixtureData, HOSTILE, type TitleTree, titleTree } from "./helpers/export-fixture.js";
import {
  ankiFieldText,
  freeMindTitles,
  htmlElements,
  markmapTitles,
  opmlTitles,
  parseAnkiText,
  parseAsciiTree,
  parseFreeMind,
  parseMermaidMindmap,
  parseOpml,
  readMarkmapPage,
  readXMind,
  wikilinkTargets,
  xmindTitles,
} from "./helpers/export-readers.js";
import { freshStore } from "./helpers/store.js";

/** The bundled sample, imported and analysed, with some of a learner's work: a mark and a verified explanation. */
let store: ReturnType<typeof freshStore>;
let episodeId: string;
let data: EpisodeExportData;
let map: MapNode;
const EXPLANATION =
  "Instead of one feed-forward block, each layer has many expert networks and a router that sends each token to only a few of them, so total parameters grow while compute per token stays small.";

function nodeCount(node: MapNode): number {
  return 1 + node.children.reduce((n, c) => n + nodeCount(c), 0);
}

beforeAll(async () => {
  store = freshStore();
  const { episode } = await importEpisode(store, { source: SAMPLE.transcript });
  episodeId = episode.id;
  analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
  const moe = findConcept(store, "MoE", episodeId);
  if (!moe) throw new Error("the sample's analysis lost mixture of experts");
  addMark(store, {
    episodeId,
    pass: 1,
    kind: "term",
    startMs: 163_000,
    segmentId: null,
    selection: "MoE",
    conceptId: moe.id,
    confidence: 2,
    note: HOSTILE,
  });
  recordAttempt(store, {
    conceptId: moe.id,
    episodeId,
    language: "en",
    confidence: 4,
    text: EXPLANATION,
    verdict: "verified",
    covered: ["experts", "router", "sparse"],
    missing: [],
    misconceptions: [],
    feedback: "",
    grader: "test",
  });
  data = loadEpisodeExportData(store, episodeId, { packs: libraryPacks(store.dir) }) as EpisodeExportData;
  map = data.map as MapNode;
});

afterAll(() => store.cleanup());

describe("exporting the analysed sample", () => {
  it("loads everything an export needs from the library", () => {
    expect(data.episode.title).toBe("Where Does Reasoning Come From? Pre-training vs. Post-training");
    expect(data.chapters.length).toBeGreaterThanOrEqual(5);
    expect(data.clashes.length).toBeGreaterThan(0);
    expect(map).toEqual(getMindMapDraft(store, episodeId));
    expect(nodeCount(map)).toBeGreaterThan(20);
    const moe = data.concepts.find((c) => c.key === "mixture-of-experts");
    expect(moe?.mastery).toBe("verified");
    expect(moe?.bestExplanation?.text).toBe(EXPLANATION);
    expect(moe?.pack?.definition).toMatch(/router/);
    expect(data.marks).toHaveLength(1);
    expect(loadEpisodeExportData(store, "no-such-episode")).toBeNull();
    // Pack texts in the learner's language when asked.
    const zh = loadEpisodeExportData(store, episodeId, { packs: libraryPacks(store.dir), language: "zh" });
    expect(zh?.concepts.find((c) => c.key === "mixture-of-experts")?.pack?.definition).toMatch(/\p{Script=Han}/u);
  });

  it("gives back the draft's tree from OPML, FreeMind, XMind, Mermaid, the ASCII tree and markmap", () => {
    const expected = titleTree(map);
    const options = mapOptionsFor(data);
    const opml = mapToOpml(map, options);
    expect(XMLValidator.validate(opml)).toBe(true);
    expect(opmlTitles(parseOpml(opml).outlines[0] as never)).toEqual(expected);
    const mm = mapToFreeMind(map, options);
    expect(XMLValidator.validate(mm)).toBe(true);
    expect(freeMindTitles(parseFreeMind(mm).nodes[0] as never)).toEqual(expected);
    const xmind = readXMind(mapToXMind(map, options));
    expect(xmindTitles(xmind.sheets[0]?.rootTopic as never)).toEqual(expected);
    expect(parseMermaidMindmap(mapToMermaid(map))).toEqual(expected);
    expect(parseAsciiTree(mapToAscii(map))).toEqual(expected);
    const page = readMarkmapPage(mapToMarkmapHtml(map, loadMarkmapAssets(), options), MARKMAP_DATA_ID);
    expect(markmapTitles(page.tree)).toEqual(expected);
  });

  it("writes notes whose concepts table has the learner's mastery and verified explanation", () => {
    const html = new Transformer().md.render(episodeToMarkdown(data));
    const rows = htmlElements(parseDocument(html), "tr").map((tr) =>
      htmlElements(tr, "td").map((td) => DomUtils.textContent(td)),
    );
    expect(rows).toHaveLength(1 + notableConcepts(data.concepts).length);
    const moe = rows.find((cells) => cells[1] === "Mixture of Experts") as string[];
    expect(moe[2]).toContain("MoE");
    expect(moe[3]).toBe("verified ✓");
    expect(moe[4]).toContain(EXPLANATION);
    expect(html).not.toContain("<img");
  });

  it("writes a vault whose wikilinks all resolve", () => {
    const files = episodeToObsidian(data);
    const names = new Set(files.map((f) => (f.path.split("/").at(-1) as string).replace(/\.md$/, "")));
    expect(files.length).toBe(1 + notableConcepts(data.concepts).length);
    let links = 0;
    for (const f of files) {
      for (const target of wikilinkTargets(f.content)) {
        expect(names).toContain(target);
        links++;
      }
    }
    expect(links).toBeGreaterThan(files.length);
  });

  it("writes Anki notes: an explain card with the verified explanation, cloze cards with moments", () => {
    const { headers, notes } = parseAnkiText(episodeToAnki(data));
    expect(headers.get("separator")).toBe("tab");
    for (const n of notes) expect(n.cells).toHaveLength(5);
    const moe = notes.find((n) => n.guid === "deeplisten:explain:mixture-of-experts");
    expect(ankiFieldText(moe?.fields[1] as string)).toContain(EXPLANATION);
    const cloze = notes.filter((n) => n.notetype === "Cloze");
    expect(cloze.length).toBeGreaterThan(5);
    for (const n of cloze) {
      expect((n.fields[0] as string).match(/\{\{c1::[^{}]+\}\}/g)).toHaveLength(1);
      expect(ankiFieldText(n.fields[1] as string)).toMatch(/\[\d\d:\d\d:\d\d\]/);
    }
  });
});

describe("deeplisten export", () => {
  let dir: string;
  const out: string[] = [];
  const err: string[] = [];
  const ctx = (json = false): CliContext => ({
    home: store.dir,
    json,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    openLibrary: () => store,
  });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "deeplisten-export-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes every format to the path given, relative to the current folder", () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      for (const format of Object.keys(EXPORT_FORMATS)) {
        expect(exportCommand(ctx(), [episodeId, "--format", format, "--out", `sample-${format}`])).toBe(0);
        expect(existsSync(join(dir, `sample-${format}`))).toBe(true);
      }
    } finally {
      process.chdir(cwd);
    }
    expect(out.at(-1)).toMatch(
      /^Wrote the Anki cards of "Where Does Reasoning Come From\? .*" to .*sample-anki \(\d+ bytes\)$/,
    );
    expect(readdirSync(join(dir, "sample-obsidian", "Concepts")).length).toBeGreaterThan(10);
    expect(readFileSync(join(dir, "sample-mermaid"), "utf8").startsWith("mindmap\n")).toBe(true);
    // No partial files are left behind.
    expect(readdirSync(dir).filter((f) => f.includes(".partial-"))).toEqual([]);
  });

  it("refuses to replace an existing path unless --force", () => {
    const target = join(dir, "notes.md");
    writeFileSync(target, "mine");
    expect(() => exportCommand(ctx(), [episodeId, "--format", "md", "--out", target])).toThrow(CommandError);
    expect(readFileSync(target, "utf8")).toBe("mine");
    expect(exportCommand(ctx(), [episodeId, "--format", "md", "--out", target, "--force"])).toBe(0);
    expect(readFileSync(target, "utf8")).toMatch(/^# Where Does Reasoning/);
    // A folder for a file format, or a file for the vault, is refused even with --force.
    expect(() => exportCommand(ctx(), [episodeId, "-f", "opml", "-o", dir, "--force"])).toThrow(/is a folder/);
    expect(() => exportCommand(ctx(), [episodeId, "-f", "obsidian", "-o", target, "--force"])).toThrow(/is a file/);
  });

  it("replaces its own notes in an existing vault with --force and leaves the learner's files", () => {
    const vault = join(dir, "vault");
    expect(exportCommand(ctx(), [episodeId, "--format", "obsidian", "--out", vault])).toBe(0);
    writeFileSync(join(vault, "my own note.md"), "mine");
    expect(() => exportCommand(ctx(), [episodeId, "--format", "obsidian", "--out", vault])).toThrow(/--force/);
    expect(exportCommand(ctx(true), [episodeId, "--format", "obsidian", "--out", vault, "--force"])).toBe(0);
    expect(readFileSync(join(vault, "my own note.md"), "utf8")).toBe("mine");
    const result = JSON.parse(out.at(-1) as string);
    expect(result.export.format).toBe("obsidian");
    expect(result.export.files.length).toBe(1 + notableConcepts(data.concepts).length);
  });

  it("asks for the analysis before exporting the mind map of an episode that has none", async () => {
    const { episode } = await importEpisode(store, { source: join(SAMPLE.dir, "transcript.vtt") });
    expect(() => exportCommand(ctx(), [episode.id, "--format", "opml", "--out", join(dir, "m.opml")])).toThrow(
      `run \`deeplisten analyze ${episode.id}\` first`,
    );
    expect(existsSync(join(dir, "m.opml"))).toBe(false);
    expect(exportCommand(ctx(), [episode.id, "--format", "md", "--out", join(dir, "unanalysed.md")])).toBe(0);
    expect(err.at(-1)).toMatch(/has no concepts yet; run deeplisten analyze/);
  });

  it("says which formats exist when given an unknown one, and how to call it when arguments are missing", () => {
    expect(() => exportCommand(ctx(), [episodeId, "--format", "pdf", "--out", "x"])).toThrow(UsageError);
    try {
      exportCommand(ctx(), [episodeId, "--format", "pdf", "--out", "x"]);
    } catch (error) {
      expect((error as Error).message).toMatch(/unknown format "pdf"/);
      for (const name of Object.keys(EXPORT_FORMATS)) expect((error as Error).message).toContain(name);
    }
    expect(() => exportCommand(ctx(), [episodeId, "--format", "md"])).toThrow(EXPORT_USAGE);
    expect(() => exportCommand(ctx(), ["nothing-like-this", "--format", "md", "--out", join(dir, "n.md")])).toThrow(
      CommandError,
    );
  });
});

describe.skipIf(!HAS_CHROMIUM)("the markmap page in Chromium", () => {
  it("draws every node, runs no transcript script and shows the hostile text as text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "deeplisten-markmap-"));
    const file = join(dir, "map.html");
    writeFileSync(file, mapToMarkmapHtml(FIXTURE_TREE, loadMarkmapAssets(), mapOptionsFor(fixtureData())));
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const dialogs: string[] = [];
      const errors: string[] = [];
      page.on("dialog", async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`file://${file}`);
      const count = (function countNodes(n: TitleTree): number {
        return 1 + n.children.reduce((s, c) => s + countNodes(c), 0);
      })(titleTree(FIXTURE_TREE));
      await page.waitForFunction((n) => document.querySelectorAll("svg#mindmap g.markmap-node").length === n, count);
      const texts = await page.$$eval("svg#mindmap g.markmap-node foreignObject", (els) =>
        els.map((e) => e.textContent ?? ""),
      );
      expect(texts).toContain(titleTree(FIXTURE_TREE).title);
      expect(await page.$$eval("svg#mindmap img", (els) => els.length)).toBe(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      if (process.env.DEEPLISTEN_KEEP_SCREENSHOT)
        await page.screenshot({ path: process.env.DEEPLISTEN_KEEP_SCREENSHOT });
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
