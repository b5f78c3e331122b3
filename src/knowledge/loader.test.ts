import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bundledPacksDir, listPacks, loadPack, PackError, validatePack } from "./loader.js";

const manifest = {
  format: "deeplisten-pack",
  formatVersion: 1,
  id: "test-pack",
  version: "0.1.0",
  title: { en: "Test pack", zh: "测试包" },
  description: { en: "A pack for tests.", zh: "测试用的包。" },
  languages: ["en", "zh"],
  license: "CC0",
  areas: [
    { id: "architecture", title: { en: "Architecture", zh: "架构" } },
    { id: "training", title: { en: "Training", zh: "训练" } },
  ],
};

/** A complete, valid entry; tests break one thing at a time. */
function entry(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    kind: "term",
    area: "architecture",
    names: { en: [`Name of ${id}`], zh: [`${id} 的名字`] },
    definition: { en: `What ${id} is.`, zh: `${id} 是什么。` },
    explanation: { en: `How ${id} works.`, zh: `${id} 如何工作。` },
    misconceptions: [{ en: `A wrong idea about ${id}.`, zh: `关于 ${id} 的错误想法。` }],
    checkQuestions: [
      { en: "Why?", zh: "为什么？" },
      { en: "What if not?", zh: "如果不是呢？" },
    ],
    rubric: {
      keyPoints: [
        { id: "first", point: { en: "First point", zh: "第一点" }, phrasings: { en: ["first idea"], zh: ["第一"] } },
        { id: "second", point: { en: "Second point", zh: "第二点" }, phrasings: { en: ["second idea"], zh: ["第二"] } },
      ],
    },
    ...overrides,
  };
}

const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "deeplisten-pack-"));
  dirs.push(dir);
  return dir;
}

/** Write a pack folder; a file's content is either a value (written as JSON) or raw text. */
function writePack(files: Record<string, unknown>, withManifest: unknown = manifest, dir = tempDir()): string {
  // null: no pack.json at all
  mkdirSync(join(dir, "entries"), { recursive: true });
  if (withManifest !== null) writeFileSync(join(dir, "pack.json"), JSON.stringify(withManifest, null, 2));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, "entries", name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

function problemTexts(dir: string): string[] {
  return validatePack(dir).problems.map((p) => p.text);
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("validatePack", () => {
  it("accepts a valid pack and loadPack returns its entries with defaults filled in", () => {
    const dir = writePack({
      "a.json": [entry("attention"), entry("router", { prerequisites: ["attention"], related: ["attention"] })],
      "b.json": [entry("grpo", { area: "training" })],
    });
    const report = validatePack(dir);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.entryCount).toBe(3);
    expect(report.files).toEqual(["entries/a.json", "entries/b.json"]);

    const pack = loadPack(dir);
    expect(pack.manifest.id).toBe("test-pack");
    expect(pack.dir).toBe(dir);
    expect(pack.entries.map((e) => e.id)).toEqual(["attention", "router", "grpo"]);
    expect(pack.entries[0]?.facts).toEqual([]);
    expect(pack.entries[0]?.rubric.keyPoints[0]?.required).toBe(true);
  });

  it("names the file, entry, field path and line of a missing field", () => {
    const broken = entry("router");
    delete broken.definition;
    const dir = writePack({ "architecture.json": [entry("attention"), broken] });
    const [problem, ...rest] = validatePack(dir).problems;
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      kind: "schema",
      file: "entries/architecture.json",
      entryIndex: 1,
      entryId: "router",
      path: "definition",
      message: "missing (expected an object with en, zh)",
    });
    expect(problem?.text).toMatch(
      /^entries\/architecture\.json: entry 1 "router": definition: missing \(expected an object with en, zh\) \(line \d+\)$/,
    );
  });

  it("reports an empty phrasing list with the schema's own message and the exact path", () => {
    const broken = entry("router");
    const rubric = broken.rubric as { keyPoints: { phrasings: { zh: string[] } }[] };
    const point = rubric.keyPoints[1];
    if (point) point.phrasings.zh = [];
    const dir = writePack({ "architecture.json": [broken] });
    expect(problemTexts(dir)).toEqual([
      expect.stringMatching(
        /^entries\/architecture\.json: entry 0 "router": rubric\.keyPoints\[1\]\.phrasings\.zh: give at least one Chinese phrasing \(found 0\) \(line \d+\)$/,
      ),
    ]);
  });

  it("points the line number at the offending value", () => {
    const dir = writePack({ "a.json": [entry("router", { kind: "concept" })] });
    const [problem] = validatePack(dir).problems;
    const lines = JSON.stringify([entry("router", { kind: "concept" })], null, 2).split("\n");
    expect(lines[(problem?.line ?? 0) - 1]).toContain('"kind": "concept"');
  });

  it("reports a wrong kind with the allowed kinds", () => {
    const dir = writePack({ "a.json": [entry("router", { kind: "concept" })] });
    expect(problemTexts(dir)).toEqual([
      expect.stringMatching(
        /^entries\/a\.json: entry 0 "router": kind: "concept" is not one of term, model, organisation, person, debate \(line 4\)$/,
      ),
    ]);
  });

  it("reports a wrong type, a bad id and an empty text", () => {
    const dir = writePack({
      "a.json": [
        entry("Router"),
        entry("gqa", { names: { en: "GQA", zh: ["分组查询注意力"] } }),
        entry("mla", { definition: { en: " ", zh: "多头潜在注意力" } }),
      ],
    });
    const texts = problemTexts(dir);
    expect(texts).toContainEqual(
      expect.stringMatching(
        /^entries\/a\.json: entry 0 "Router": id: "Router" must be lowercase words joined by hyphens/,
      ),
    );
    expect(texts).toContainEqual(
      expect.stringMatching(/^entries\/a\.json: entry 1 "gqa": names\.en: expected a list, found text/),
    );
    expect(texts).toContainEqual(
      expect.stringMatching(/^entries\/a\.json: entry 2 "mla": definition\.en: English text is empty/),
    );
  });

  it("reports the number of check questions when there are too many", () => {
    const q = { en: "Why?", zh: "为什么？" };
    const dir = writePack({ "a.json": [entry("router", { checkQuestions: [q, q, q, q, q] })] });
    expect(problemTexts(dir)).toEqual([
      expect.stringMatching(
        /^entries\/a\.json: entry 0 "router": checkQuestions: give 2 to 4 check questions \(found 5\)/,
      ),
    ]);
  });

  it("reports an unknown field instead of dropping it silently", () => {
    const dir = writePack({ "a.json": [entry("attention"), entry("router", { prerequisite: ["attention"] })] });
    const [problem, ...rest] = validatePack(dir).problems;
    expect(rest).toEqual([]);
    expect(problem?.kind).toBe("unknown-field");
    expect(problem?.text).toMatch(
      /^entries\/a\.json: entry 1 "router": prerequisite: unknown field; the fields here are id, kind/,
    );
  });

  it("reports a prerequisite or related id that is not in the pack, suggesting a near one", () => {
    const dir = writePack({
      "a.json": [entry("attention"), entry("router", { prerequisites: ["atention"], related: ["mixture-of-experts"] })],
    });
    expect(problemTexts(dir)).toEqual([
      expect.stringMatching(
        /^entries\/a\.json: entry 1 "router": prerequisites\[0\]: unknown id "atention"; did you mean "attention"\? \(line \d+\)$/,
      ),
      expect.stringMatching(
        /^entries\/a\.json: entry 1 "router": related\[0\]: unknown id "mixture-of-experts"; use the id of an entry in this pack/,
      ),
    ]);
  });

  it("reports an entry listing itself", () => {
    const dir = writePack({ "a.json": [entry("router", { prerequisites: ["router"] })] });
    expect(problemTexts(dir)).toEqual([
      expect.stringMatching(
        /^entries\/a\.json: entry 0 "router": prerequisites\[0\]: an entry cannot list itself in prerequisites/,
      ),
    ]);
  });

  it("reports a prerequisite cycle once, across files", () => {
    const dir = writePack({
      "a.json": [entry("attention", { prerequisites: ["router"] })],
      "b.json": [entry("router", { prerequisites: ["moe"] }), entry("moe", { prerequisites: ["attention"] })],
    });
    const problems = validatePack(dir).problems;
    expect(problems.map((p) => p.kind)).toEqual(["prerequisite-cycle"]);
    expect(problems[0]?.text).toMatch(
      /^entries\/a\.json: entry 0 "attention": prerequisites\[0\]: prerequisite cycle attention -> router -> moe -> attention; a concept cannot depend on itself through others/,
    );
  });

  it("reports an id used twice, naming where it was first used", () => {
    const dir = writePack({ "a.json": [entry("router")], "b.json": [entry("attention"), entry("router")] });
    expect(problemTexts(dir)).toContainEqual(
      expect.stringMatching(
        /^entries\/b\.json: entry 1 "router": id: id "router" is already used by entries\/a\.json entry 0 \(line \d+\)$/,
      ),
    );
  });

  it("reports an alias shared by two entries, ignoring case, spaces and hyphens", () => {
    const dir = writePack({
      "a.json": [
        entry("mixture-of-experts", { names: { en: ["Mixture of Experts", "MoE"], zh: ["混合专家", "MoE"] } }),
        entry("router", { names: { en: ["Router", "mixture-of-experts"], zh: ["路由器"] } }),
      ],
    });
    expect(problemTexts(dir)).toEqual([
      expect.stringMatching(
        /^entries\/a\.json: entry 1 "router": names\.en\[1\]: name "mixture-of-experts" also names "mixture-of-experts" \(entries\/a\.json entry 0\); an alias must resolve to one concept/,
      ),
    ]);
  });

  it("reports duplicate rubric point ids and an area the manifest does not list", () => {
    const broken = entry("router", { area: "inference" });
    const rubric = broken.rubric as { keyPoints: { id: string }[] };
    const point = rubric.keyPoints[1];
    if (point) point.id = "first";
    const texts = problemTexts(writePack({ "a.json": [broken] }));
    expect(texts).toEqual([
      expect.stringMatching(
        /^entries\/a\.json: entry 0 "router": rubric\.keyPoints\[1\]\.id: id "first" is used twice/,
      ),
      expect.stringMatching(
        /^entries\/a\.json: entry 0 "router": area: "inference" is not one of the pack's areas \(architecture, training\)/,
      ),
    ]);
  });

  it("reports a JSON syntax error with its line and column", () => {
    const text = '[\n  {\n    "id": "router",\n    "kind": "term",\n  }\n]\n';
    const dir = writePack({ "a.json": text });
    const [problem, ...rest] = validatePack(dir).problems;
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ kind: "invalid-json", file: "entries/a.json", line: 5, column: 3 });
    expect(problem?.text).toBe("entries/a.json: line 5, column 3: invalid JSON: Expected double-quoted property name");
  });

  it("reports a truncated file at its end", () => {
    const dir = writePack({ "a.json": '[\n  {\n    "id": "router"\n' });
    expect(problemTexts(dir)).toEqual([
      expect.stringMatching(/^entries\/a\.json: line 3, column 19: invalid JSON: the file ends too early/),
    ]);
  });

  it("accepts a byte-order mark and keeps columns right after it", () => {
    const dir = writePack({ "a.json": `\uFEFF${JSON.stringify([entry("router")])}` });
    expect(problemTexts(dir)).toEqual([]);
  });

  it("reports a file that is not UTF-8", () => {
    const dir = writePack({ "a.json": [entry("router")] });
    writeFileSync(join(dir, "entries", "b.json"), Buffer.from([0x5b, 0x0a, 0x22, 0xc4, 0xe3, 0x22, 0x5d]));
    expect(problemTexts(dir)).toEqual([
      expect.stringMatching(/^entries\/b\.json: line 2, column 2: not valid UTF-8 text; save the file as UTF-8$/),
    ]);
  });

  it("reports a file that is not an array", () => {
    const dir = writePack({ "a.json": entry("router") });
    expect(problemTexts(dir)).toEqual([
      "entries/a.json: line 1, column 1: must hold a JSON array of entries ([ {...}, {...} ]), found an object",
    ]);
  });

  it("reports manifest problems by field", () => {
    const dir = writePack({ "a.json": [entry("router")] }, { ...manifest, format: "other", version: "1.0" });
    expect(problemTexts(dir)).toEqual([
      'pack.json: format: must be "deeplisten-pack", found "other" (line 2)',
      'pack.json: version: "1.0" use a semantic version like 1.0.0 (line 5)',
    ]);
  });

  it("reports a missing manifest, a missing folder and a pack without entries", () => {
    expect(problemTexts(writePack({ "a.json": [entry("router")] }, null))).toEqual(["pack.json: file not found"]);
    expect(problemTexts(writePack({}))).toEqual(["entries/: no .json entry files found"]);
    expect(problemTexts(writePack({ "a.json": [] }))).toEqual(["entries/: the entry files hold no entries"]);
    expect(problemTexts(writePack({ "a.json": [] }, { ...manifest, license: "" }))).toEqual([
      "pack.json: license: is empty (line 18)",
      "entries/: the entry files hold no entries",
    ]);
    const missing = join(tempDir(), "nope");
    expect(validatePack(missing).problems[0]?.text).toBe(
      `${missing}: no such folder; a pack is a folder with pack.json and entries/`,
    );
  });
});

describe("loadPack", () => {
  it("throws a PackError listing every problem", () => {
    const dir = writePack({ "a.json": [entry("router", { kind: "concept", prerequisites: ["nope"] })] });
    let error: unknown;
    try {
      loadPack(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PackError);
    const packError = error as PackError;
    expect(packError.problems).toHaveLength(2);
    expect(packError.message).toContain(`The knowledge pack in ${dir} has 2 problems:`);
    expect(packError.message).toContain('entries/a.json: entry 0 "router": kind: "concept" is not one of');
  });
});

describe("listPacks", () => {
  it("lists bundled packs first, then user packs in a packs folder or given directly", () => {
    const home = tempDir();
    writePack(
      { "a.json": [entry("router"), entry("attention")] },
      { ...manifest, id: "mine" },
      join(home, "packs", "mine"),
    );
    writePack({ "a.json": "[" }, { ...manifest, id: "broken" }, join(home, "packs", "broken"));
    mkdirSync(join(home, "packs", "not-a-pack"));
    const single = writePack({ "a.json": [entry("router")] }, { ...manifest, id: "single" });

    const packs = listPacks([join(home, "packs"), single, join(home, "missing")]);
    const bundled = packs.filter((p) => p.source === "bundled");
    expect(bundled.map((p) => p.id)).toContain("ai-2026");
    expect(bundled.every((p) => p.dir.startsWith(bundledPacksDir().replace(/\/$/, "")))).toBe(true);
    expect(packs.slice(0, bundled.length)).toEqual(bundled);

    const user = packs.filter((p) => p.source === "user");
    expect(user.map((p) => [p.id, p.entryCount, p.ok])).toEqual([
      ["broken", 0, false],
      ["mine", 2, true],
      ["single", 1, true],
    ]);
    expect(user[1]).toMatchObject({ version: "0.1.0", title: { en: "Test pack", zh: "测试包" }, problemCount: 0 });
  });
});
