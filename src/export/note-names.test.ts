import { describe, expect, it } from "vitest";
import { noteName, uniqueNoteNames } from "./note-names.js";

describe("note names", () => {
  it("keeps what file systems and wikilinks allow", () => {
    expect(noteName("C/C++: a [[test]] #1 | ^x?", "f")).toBe("C C++ a test 1 x");
    expect(noteName("混合专家 (MoE)", "f")).toBe("混合专家 (MoE)");
    expect(noteName("...hidden. ", "f")).toBe("hidden");
    expect(noteName(" ?*: ", "fallback")).toBe("fallback");
    expect(noteName("CON", "f")).toBe("CON note");
    expect(Array.from(noteName("x".repeat(500), "f"))).toHaveLength(100);
  });

  it("makes names unique regardless of case", () => {
    expect(
      uniqueNoteNames([
        { title: "MoE", fallback: "a" },
        { title: "moe", fallback: "b" },
        { title: "MoE?", fallback: "c" },
      ]),
    ).toEqual(["MoE", "moe 2", "MoE 3"]);
  });
});
