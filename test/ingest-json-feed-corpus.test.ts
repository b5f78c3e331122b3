/**
 * The JSON, HTML and feed importers against the real files in ../shared/corpus: what a learner would
 * see after importing them, and how long parsing takes.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasCjk, ImportError } from "../src/core/index.js";
import { parsePodcasting20Chapters } from "../src/ingest/chapters-json.js";
import { looksLikeHtmlTranscript, parseHtmlTranscript } from "../src/ingest/html-transcript.js";
import { looksLikePickpodJson, parsePickpodJson } from "../src/ingest/pickpod-json.js";
import { looksLikePodcasting20Json, parsePodcasting20Json } from "../src/ingest/podcasting20-json.js";
import { type Feed, looksLikeFeed, parseFeed, pickPreferredTranscript } from "../src/ingest/rss-feed.js";
import { looksLikeWhisperJson } from "../src/ingest/whisper-json.js";
import { corpusFile, HAS_CORPUS } from "./corpus.js";

const read = (relative: string) => readFileSync(corpusFile(relative), "utf8");

describe.skipIf(!HAS_CORPUS)("pickpod JSON: 小宇宙 OnBoard! EP35", () => {
  const file = "zh/xiaoyuzhou-onboard-ep35.pickpod.json";
  const text = HAS_CORPUS ? read(file) : "";

  it("comes out as a 69-minute Chinese conversation between two anonymous speakers", () => {
    const t = parsePickpodJson(text, { fileName: file });
    expect(looksLikePickpodJson(JSON.parse(text))).toBe(true);
    expect(t.title).toBe("EP 35. ICML现场对话AI研究员符尧：亲历AI诸神之战，解读LLM前沿研究，Llama 2，AI Agents");
    expect(t.language).toBe("zh");
    expect(t.segments).toHaveLength(1336);
    const last = t.segments.at(-1);
    expect(last?.endMs).toBe(4_142_000);
    expect((last?.endMs ?? 0) / 60_000).toBeCloseTo(69, 0);
    expect(t.speakersAnonymous).toBe(true);
    expect(new Set(t.segments.map((s) => s.speaker))).toEqual(new Set(["Speaker 1", "Speaker 2"]));
    expect(t.segments[0]).toEqual({
      startMs: 0,
      endMs: 9000,
      speaker: "Speaker 1",
      text: "欢迎来到onboard,真实的一线经验,走新的投资思考。我是Monica。",
      sourceLine: 19,
    });
    expect(t.segments.filter((s) => hasCjk(s.text)).length).toBeGreaterThan(1300);
  });
});

describe.skipIf(!HAS_CORPUS)("Podcasting 2.0 examples", () => {
  it("merges the one-word-per-segment JSON example into sentences", () => {
    const file = "podcasting20/examples__transcripts__example.json";
    const text = read(file);
    expect(looksLikePodcasting20Json(JSON.parse(text))).toBe(true);
    expect(looksLikeWhisperJson(JSON.parse(text))).toBe(false);
    expect(parsePodcasting20Json(text, { fileName: file }).segments.map((s) => [s.speaker, s.startMs, s.text])).toEqual(
      [
        ["Darth Vader", 500, "I am your father."],
        ["Luke", 2750, "Nooooo"],
      ],
    );
  });

  it("reads the HTML example: a 12.5-minute episode in ten turns, entities decoded", () => {
    const file = "podcasting20/examples__transcripts__example.html";
    const text = read(file);
    expect(looksLikeHtmlTranscript(text)).toBe(true);
    const t = parseHtmlTranscript(text, { fileName: file });
    expect(t.language).toBe("en");
    expect(t.timingEstimated).toBeUndefined();
    expect(t.segments).toHaveLength(10);
    expect(new Set(t.segments.map((s) => s.speaker))).toEqual(new Set(["Travis", "Sarah", "Gilon"]));
    expect(t.segments.slice(0, 3).map((s) => [s.speaker, s.startMs])).toEqual([
      ["Travis", 0],
      ["Sarah", 53000],
      ["Travis", 102000],
    ]);
    expect(t.segments[0]?.text.startsWith("When you first get started in podcasting, it's almost guaranteed")).toBe(
      true,
    );
    expect(t.segments.some((s) => s.text.includes("&#39;"))).toBe(false);
    expect(t.segments.at(-1)?.startMs).toBe(691_000);
    expect(t.segments.at(-1)?.text.endsWith("the next best thing to do is to batch your episodes.")).toBe(true);
  });

  it("lists the chapters of both chapter examples, without the silent toc:false marker", () => {
    const simple = parsePodcasting20Chapters(read("podcasting20/examples__chapters__example.json"), { fileName: "a" });
    expect(simple.map((c) => c.title)).toEqual([
      "Intro",
      "Hearing Aids",
      "Progress Report",
      "Namespace",
      "Just Break Up",
      "Donations",
      "The Big Players",
      "Spread the Word",
      "Outro",
    ]);
    expect(simple.at(-1)).toEqual({ title: "Outro", startMs: 6_089_000, source: "published" });
    const complex = parsePodcasting20Chapters(read("podcasting20/examples__chapters__exampleComplex.json"), {
      fileName: "b",
    });
    expect(complex).toHaveLength(10);
    expect(complex.map((c) => c.startMs)).not.toContain(4_826_000);
    expect(complex[5]).toEqual({ title: "Played song by artist", startMs: 4_200_000, source: "published" });
  });
});

describe.skipIf(!HAS_CORPUS)("real RSS feeds", () => {
  const feed = (name: string): Feed => parseFeed(read(`podcasting20/${name}`), { fileName: name });
  const complete = (f: Feed) => f.items.filter((i) => i.transcripts.length > 0 && i.chapters && i.persons.length > 0);

  it("No Agenda: 29 episodes, each with SRT captions typed application/srt and JSON chapters", () => {
    const f = feed("partytime_no-agenda.xml");
    expect(looksLikeFeed(read("podcasting20/partytime_no-agenda.xml"))).toBe(true);
    expect(f.title).toBe("No Agenda");
    expect(f.language).toBe("en");
    expect(f.items).toHaveLength(29);
    expect(f.items.every((i) => i.audio?.url.endsWith(".mp3") && i.chapters?.type === "application/json")).toBe(true);
    const first = f.items[0];
    expect(first?.title).toBe('1393: "Space Wake"');
    expect(first?.published).toBe("2021-10-24T20:22:24.000Z");
    expect(pickPreferredTranscript(first?.transcripts ?? [])).toEqual({
      url: "https://mp3s.nashownotes.com/NA-1393-Captions.srt",
      type: "application/srt",
    });
    expect(complete(f)).toHaveLength(14);
    expect(first?.persons.map((p) => [p.name, p.role])).toEqual([
      ["Adam Curry", "host"],
      ["John C Dvorak", "host"],
    ]);
  });

  it("Podcasting 2.0: 56 episodes, 47 with captions, hosts and guests named", () => {
    const f = feed("partytime_pc20rss.xml");
    expect(f.items).toHaveLength(56);
    expect(f.items.filter((i) => pickPreferredTranscript(i.transcripts))).toHaveLength(47);
    expect(f.items.filter((i) => i.chapters)).toHaveLength(48);
    const first = complete(f)[0];
    expect(first?.title).toBe("Episode 57: Rebel Rubes");
    expect(first?.persons.map((p) => [p.name, p.role])).toEqual([
      ["Adam Curry", "host"],
      ["Dave Jones", "host"],
      ["Brian of London", "guest"],
    ]);
    // The feed also holds an empty <podcast:person/>: no nameless person comes out of it.
    expect(f.items.flatMap((i) => i.persons).every((p) => p.name.length > 0)).toBe(true);
  });

  it("The Mike Neumann Show: 54 episodes with durations; VTT chosen over application/x-subrip", () => {
    const f = feed("partytime_themnshow.xml");
    expect(f.items).toHaveLength(54);
    expect(complete(f)).toHaveLength(54);
    expect(f.items[1]?.durationMs).toBe(4_209_000);
    expect(f.items[0]?.chapters).toEqual({
      url: "https://mikeneumann.show/assets/static/themnshow054-20240914-DRAFT-chapters.json",
      type: "application/json+chapters",
    });
    const resilience = f.items.find((i) => i.title === "Resilience");
    expect(resilience?.transcripts.map((t) => t.type)).toEqual(["application/x-subrip", "text/vtt"]);
    expect(pickPreferredTranscript(resilience?.transcripts ?? [])?.url).toBe(
      "https://mikeneumann.show/assets/static/themnshow050-20240622-DRAFT-transcript.vtt",
    );
    expect(f.items[0]?.persons).toEqual([
      {
        name: "Dr. Timothy M. Jurgensen",
        role: "guest",
        group: "cast",
        href: "https://midoripress.com",
        img: "https://mikeneumann.show/assets/static/TMJurgensen.jpeg",
      },
    ]);
  });

  it("the namespace example feed: three episodes, VTT preferred over text/plain, roles kept", () => {
    const f = feed("example.xml");
    expect(f.title).toBe("Podcasting 2.0 Namespace Example");
    expect(f.items.map((i) => i.title)).toEqual([
      "Episode 3 - The Future",
      "Episode 2 - The Present",
      "Episode 1 - The Past",
    ]);
    expect(pickPreferredTranscript(f.items[0]?.transcripts ?? [])).toEqual({
      url: "https://example.com/episode1/transcript.vtt",
      type: "text/vtt",
      language: "es",
      rel: "captions",
    });
    expect(pickPreferredTranscript(f.items[1]?.transcripts ?? [])?.type).toBe("text/plain");
    expect(f.items[0]?.persons.map((p) => [p.name, p.role, p.group])).toEqual([
      ["Adam Curry", "host", "cast"],
      ["Dave Jones", "guest", "cast"],
      ["Becky Smith", "cover art designer", "visuals"],
    ]);
  });

  it("the schema example is a test wrapper, not a feed, and says so", () => {
    const text = read("podcasting20/schema__podcast-example.xml");
    expect(looksLikeFeed(text)).toBe(false);
    expect(() => parseFeed(text, { fileName: "schema__podcast-example.xml" })).toThrow(ImportError);
    expect(() => parseFeed(text, { fileName: "schema__podcast-example.xml" })).toThrow(
      "its root is <test-wrapper>, expected <rss> with a <channel>",
    );
  });

  it("reads every item of a 1 MB feed", () => {
    const base = read("podcasting20/partytime_no-agenda.xml");
    const from = base.indexOf("<item>");
    const to = base.lastIndexOf("</channel>");
    let body = "";
    while (base.length + body.length < 1_000_000) body += base.slice(from, to);
    const big = base.slice(0, to) + body + base.slice(to);
    expect(big.length).toBeGreaterThan(1_000_000);
    const items = parseFeed(big, { fileName: "big.xml" }).items.length;
    expect(items).toBe(29 * Math.round((big.length - base.length) / (to - from) + 1));
  });
});
