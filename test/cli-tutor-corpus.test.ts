import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { corpusFile, HAS_CORPUS } from "./corpus.js";
import { runDeeplisten } from "./helpers/cli.js";
import { runDeeplistenWithInput } from "./helpers/cli-input.js";

/** Issue 4's "done when": #490 offline, from "I marked MLA" to "MLA verified", in English and in Chinese. */
describe.skipIf(!HAS_CORPUS)("the mastery gate on Lex Fridman #490", () => {
  const home = mkdtempSync(join(tmpdir(), "deeplisten-490-"));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  const mastery = async (name: string) => {
    const { concepts } = JSON.parse((await runDeeplisten(home, ["concepts", "State of AI", "--json"])).stdout) as {
      concepts: { name: string; aliases: string[]; mastery: string }[];
    };
    return concepts.find((c) => c.name === name || c.aliases.includes(name))?.mastery;
  };

  it("imports and analyses #490, then marks MLA", async () => {
    const run = await runDeeplisten(home, [
      "import",
      corpusFile("en/lex490-state-of-ai-2026.timestamped.txt"),
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).analysis.state).toBe("done");
    const mark = await runDeeplisten(home, ["mark", "State of AI", "--term", "MLA", "--confidence", "2"]);
    expect(mark.code, mark.stderr).toBe(0);
    expect(await mastery("MLA")).toBe("marked");
  });

  it("verifies MLA from a Chinese explanation after a vague English one", async () => {
    const vague = await runDeeplistenWithInput(
      home,
      ["tutor", "State of AI", "MLA", "--lang", "en"],
      "e\n4\nIt is a cleverer attention that makes the model faster and better.\n\nx\n",
    );
    expect(vague.stdout).toContain("Not yet");
    expect(await mastery("MLA")).toBe("learning");
    const zh = await runDeeplistenWithInput(
      home,
      ["tutor", "State of AI", "多头潜在注意力", "--lang", "zh"],
      "e\n3\nMLA 把每个 token 的键和值一起压缩成一个低秩的潜在向量，KV 缓存里只存这个小向量，不存每个头完整的键值，所以显存占用小很多。计算注意力时再把它投影回每个头的键和值。\n\n",
    );
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain("通过！「多头潜在注意力」已验证");
    expect(await mastery("MLA")).toBe("verified");
  });
});
