import { describe, expect, it } from "vitest";
import { errorOf } from "../../test/helpers/import-error.js";
import { checkTimeline, parseJsonText, resolveLanguage, topLevelArrayItemLines } from "./json-input.js";

const ctx = { fileName: "x.json" };

describe("topLevelArrayItemLines", () => {
  it("finds the line of each item of a top-level list, not of a nested list of the same name", () => {
    const text = `{
  "meta": { "segments": [1, 2, 3] },
  "note": "a string with ] and [ and \\" inside",
  "segments": [
    { "text": "first ] {" },

    { "text": "second", "words": [{ "w": 1 },
      { "w": 2 }] },
    "third"
  ],
  "after": [9]
}`;
    expect(topLevelArrayItemLines(text, "segments")).toEqual([5, 7, 9]);
    expect(topLevelArrayItemLines(text, "after")).toEqual([11]);
    expect(topLevelArrayItemLines(text, "missing")).toEqual([]);
    expect(topLevelArrayItemLines('{"segments": []}', "segments")).toEqual([]);
  });
});

describe("parseJsonText", () => {
  it("names the line and column of a syntax error, from a scan when V8 gives no position", () => {
    const e = errorOf(() => parseJsonText('{\n  "a": 1,\n  "b": tru\n}', ctx));
    expect(e.line).toBe(3);
    expect(e.reason).toBe(
      "not valid JSON at line 3, column 8: unexpected 't'. Fix the file there, or export it again from the tool that made it",
    );
    const unquoted = errorOf(() => parseJsonText("{\n  name: 1\n}", ctx));
    expect(unquoted.reason).toContain("line 2, column 3: expected a property name in double quotes, found 'n'");
    const newline = errorOf(() => parseJsonText('{"a": "open\nstring"}', ctx));
    expect(newline.reason).toContain("line 1, column 12: a line break or control character inside a text value");
  });
});

describe("checkTimeline", () => {
  it("accepts equal starts and overlaps under a second, and rejects a jump back past that", () => {
    const where = (i: number) => `items[${i}]`;
    expect(() =>
      checkTimeline(
        [
          { startMs: 0, endMs: 0 },
          { startMs: 5000, endMs: 6000 },
          { startMs: 4000, endMs: 4500 },
        ],
        where,
        ctx,
      ),
    ).not.toThrow();
    const e = errorOf(() =>
      checkTimeline(
        [
          { startMs: 5000, endMs: 6000 },
          { startMs: 3999, endMs: 4500, sourceLine: 7 },
        ],
        where,
        ctx,
      ),
    );
    expect(e.message).toBe(
      "x.json:7: timestamps run backwards at items[1]: it starts at 00:00:03.999, before items[0] (00:00:05); the file may join two recordings",
    );
  });
});

describe("resolveLanguage", () => {
  it("maps the names exports use, and lets the text decide without one", () => {
    expect(resolveLanguage("English", "")).toBe("en");
    expect(resolveLanguage("en-US", "")).toBe("en");
    expect(resolveLanguage("Chinese", "")).toBe("zh");
    expect(resolveLanguage("zh-CN", "")).toBe("zh");
    expect(resolveLanguage("japanese", "")).toBe("und");
    expect(resolveLanguage(undefined, "今天我们聊一聊混合专家模型和稀疏注意力机制的原理。")).toBe("zh");
  });
});
