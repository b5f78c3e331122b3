import { describe, expect, it } from "vitest";
import { FIXTURE_TREE, titleTree } from "../../test/helpers/export-fixture.js";
import { decodeMermaid as decode, parseMermaidMindmap } from "../../test/helpers/export-readers.js";
import { mapToMermaid, mermaidLabel } from "./mermaid.js";

describe("mapToMermaid", () => {
  const text = mapToMermaid(FIXTURE_TREE);

  it("writes a mindmap whose indentation tree reads back as the map", () => {
    expect(parseMermaidMindmap(text)).toEqual(titleTree(FIXTURE_TREE));
  });

  it("keeps what Mermaid would interpret out of the labels", () => {
    const labels = text.split("\n").slice(1).join("\n");
    for (const raw of ["<img", "<", ">", "%%", "`", "&", "]]>"]) expect(labels).not.toContain(raw);
    // Brackets and parentheses are safe inside a quoted label and stay readable.
    expect(text).toContain('["Intro (part 1) [draft] -- a:b"]');
  });

  it("writes entity codes for quotes and hashes, so `#35;` in a transcript stays text", () => {
    expect(mermaidLabel('say "hi" #35;')).toBe("say #34;hi#34; #35;35;");
    expect(decode(mermaidLabel('say "hi" #35;'))).toBe('say "hi" #35;');
  });

  it("encodes colons on lines Mermaid's style pass would rewrite", () => {
    const label = mermaidLabel("code style: #1;");
    expect(label).not.toContain(":");
    expect(decode(label)).toBe("code style: #1;");
    expect(mermaidLabel("00:02:43 plain")).toBe("00:02:43 plain");
  });

  it("gives an empty title a visible label", () => {
    expect(mermaidLabel(" \n ")).toBe("untitled");
  });
});
