import { describe, expect, it } from "vitest";
import { errorOf } from "../../test/helpers/import-error.js";
import { parsePodcasting20Chapters } from "./chapters-json.js";

const ctx = { fileName: "chapters.json" };

describe("parsePodcasting20Chapters", () => {
  it("lists titled chapters in time order, in milliseconds, as published", () => {
    const json = JSON.stringify({
      version: "1.2.0",
      chapters: [
        { startTime: 0, title: "Intro" },
        { startTime: 168.5, title: "Hearing Aids", img: "https://example.com/a.jpg" },
        { startTime: 260, title: "Progress Report", endTime: 400 },
      ],
    });
    expect(parsePodcasting20Chapters(json, ctx)).toEqual([
      { title: "Intro", startMs: 0, source: "published" },
      { title: "Hearing Aids", startMs: 168500, source: "published" },
      { title: "Progress Report", startMs: 260000, endMs: 400000, source: "published" },
    ]);
  });

  it("leaves out silent toc:false markers and names untitled chapters", () => {
    const json = JSON.stringify({
      version: "1.2.0",
      chapters: [
        { startTime: 0, title: "Intro" },
        {
          startTime: 4826,
          img: "https://example.com/paris.jpg",
          toc: false,
          location: { name: "Paris", geo: "geo:1,2" },
        },
        { startTime: 5000, toc: true },
        { startTime: 6089, title: "  Outro  " },
      ],
    });
    expect(parsePodcasting20Chapters(json, ctx).map((c) => [c.title, c.startMs])).toEqual([
      ["Intro", 0],
      ["Chapter 2", 5000000],
      ["Outro", 6089000],
    ]);
  });

  it("sorts chapters written out of order", () => {
    const json = JSON.stringify({
      chapters: [
        { startTime: 300, title: "Third" },
        { startTime: 0, title: "First" },
        { startTime: 120, title: "Second" },
      ],
    });
    expect(parsePodcasting20Chapters(json, ctx).map((c) => c.title)).toEqual(["First", "Second", "Third"]);
  });

  it("reports a chapter without startTime at its line", () => {
    const json =
      '{\n  "version": "1.2.0",\n  "chapters": [\n    {"startTime": 0, "title": "Intro"},\n    {"title": "Oops"}\n  ]\n}';
    const e = errorOf(() => parsePodcasting20Chapters(json, ctx));
    expect(e.message).toBe("chapters.json:5: chapters[1].startTime is missing; expected a number of seconds");
  });

  it("reports negative times, a bad toc flag and a file that is not chapters", () => {
    expect(
      errorOf(() => parsePodcasting20Chapters('{"chapters": [{"startTime": -3, "title": "x"}]}', ctx)).reason,
    ).toBe("chapters[0] has a negative time (-3 s); times count from the start of the episode");
    expect(
      errorOf(() => parsePodcasting20Chapters('{"chapters": [{"startTime": 3, "title": "x", "toc": "no"}]}', ctx))
        .reason,
    ).toBe('chapters[0].toc is the text "no"; expected true or false');
    expect(errorOf(() => parsePodcasting20Chapters('{"segments": []}', ctx)).reason).toBe(
      "chapters is missing; expected a list of chapters",
    );
    expect(errorOf(() => parsePodcasting20Chapters('{"chapters": [', ctx)).line).toBe(1);
  });
});
