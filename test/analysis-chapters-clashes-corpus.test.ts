import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { boundaryScore, CHAPTER_EPISODES, measureEpisode } from "../quality/chapters.js";
import { covers, lex490ClashLabels, timeMs } from "../quality/clashes.js";
import { detectChapters } from "../src/analysis/chapters.js";
import { findClashes } from "../src/analysis/clashes.js";
import { corpusFile, HAS_CORPUS } from "./corpus.js";
import { corpusAnalysisInput } from "./helpers/corpus-analysis.js";

/**
 * Detected chapters and clash moments on the real transcripts. Floors are the figures measured when
 * this was written (#309 boundary F1 0.567; the four hidden-chapter episodes 0.62 to 0.72; #490 clash
 * recall 12/12 of our list), less a margin for small changes elsewhere in the analysis.
 */
describe.skipIf(!HAS_CORPUS)("detected chapters on the corpus", () => {
  it("finds the chapters of Lexicap #309 (Whisper VTT, no chapters) against its published outline", () => {
    const r = measureEpisode("en/lexicap-episode-309.whisper.vtt", "gold/lexicap309_chapters_youtube.json");
    expect(r.f1).toBeGreaterThanOrEqual(0.5);
    // About one chapter per 8 to 15 minutes of a 5h14m conversation.
    expect(r.chapters.length).toBeGreaterThanOrEqual(20);
    expect(r.chapters.length).toBeLessThanOrEqual(40);
    expect(r.chapters.every((c) => c.source === "detected" && c.title.length > 0)).toBe(true);
    // The outline's "Quake" (2:43:42) and "Hacker ethic" (2:01:44) chapters start where the host opens them.
    const titled = (atMs: number) => r.chapters.find((c) => Math.abs(c.startMs - atMs) <= 60_000)?.title ?? "";
    expect(titled(9822_000)).toMatch(/Quake/);
    expect(titled(7304_000)).toMatch(/[Hh]acker/);
  });

  it("recovers hidden published chapters on four lexfridman.com transcripts", () => {
    for (const e of CHAPTER_EPISODES.slice(1)) {
      const r = measureEpisode(e.file, e.gold);
      expect(r.f1, e.name).toBeGreaterThanOrEqual(0.55);
    }
  });

  it("keeps published chapters as they are", () => {
    const input = corpusAnalysisInput("en/lex490-state-of-ai-2026.timestamped.txt");
    const chapters = detectChapters(input);
    expect(chapters).toHaveLength(26);
    expect(chapters.every((c) => c.source === "published")).toBe(true);
    expect(chapters.map((c) => c.title)).toContain("AI Scaling Laws: Are they dead or still holding?");
  });

  it("detects chapters on the Chinese #459 captions, titled with whole Chinese terms", () => {
    const input = corpusAnalysisInput("zh/lex459-deepseek.youtube-autotranslate.zh-Hans.vtt");
    const chapters = detectChapters(input);
    const end = input.segments.at(-1)?.endMs ?? 0;
    const gold = (
      JSON.parse(readFileSync(corpusFile("gold/lex459_chapters.json"), "utf8")) as {
        chapters: { start_s: number }[];
      }
    ).chapters
      .map((c) => c.start_s * 1000)
      .filter((t) => t > 0 && t < end);
    const score = boundaryScore(
      chapters.slice(1).map((c) => c.startMs),
      gold,
    );
    expect(score.f1).toBeGreaterThanOrEqual(0.55);
    const titles = chapters.map((c) => c.title).join(" ");
    for (const term of ["台积电", "数据中心", "晶圆厂"]) expect(titles).toContain(term);
  });
});

describe.skipIf(!HAS_CORPUS)("clash moments on #490", () => {
  const labels = HAS_CORPUS ? lex490ClashLabels() : null;
  const clashes = HAS_CORPUS ? findClashes(corpusAnalysisInput("en/lex490-state-of-ai-2026.timestamped.txt")) : [];
  const tolerance = (labels?.toleranceSeconds ?? 60) * 1000;
  /** The found moment that covers a labelled time, the nearest one when two do. */
  const at = (time: string) => {
    const t = timeMs(time);
    const away = (c: (typeof clashes)[number]) => Math.max(0, c.startMs - t, t - c.endMs);
    return clashes.filter((c) => covers(c, t, tolerance)).sort((a, b) => away(a) - away(b))[0];
  };

  it("includes the RL debate at 01:45:03, Nathan Lambert answering Sebastian Raschka", () => {
    const rl = at("01:45:03");
    expect(rl?.speakers[0]).toBe("Nathan Lambert");
    expect(rl?.speakers).toContain("Sebastian Raschka");
    expect(rl?.quote).toContain("I still disagree with the premise");
  });

  it("includes whether scaling laws still hold, open versus closed models and AGI timelines", () => {
    for (const about of ["scaling-laws", "open-vs-closed", "agi-timelines"]) {
      const moments = labels?.moments.filter((m) => m.about === about) ?? [];
      expect(moments.length, about).toBeGreaterThan(0);
      expect(
        moments.some((m) => at(m.time)),
        about,
      ).toBe(true);
    }
    expect(at("00:57:15")?.quote).toMatch(/not the practice/);
    expect(at("03:02:31")?.quote).toMatch(/I disagree with some of their presumptions/);
  });

  it("finds most of our verified list, with few moments that are not clashes", () => {
    const list = labels?.moments ?? [];
    const recalled = list.filter((m) => at(m.time));
    expect(recalled.length / list.length).toBeGreaterThanOrEqual(0.8);
    const judgedReal = [...list, ...(labels?.judged.plausible ?? [])];
    const real = clashes.filter((c) => judgedReal.some((m) => covers(c, timeMs(m.time), tolerance)));
    expect(real.length / clashes.length).toBeGreaterThanOrEqual(0.8);
    // A re-listen playlist, not every "but": about one moment per 10 to 20 minutes of a 4h25m talk.
    expect(clashes.length).toBeGreaterThanOrEqual(10);
    expect(clashes.length).toBeLessThanOrEqual(30);
  });

  it("returns moments in time order, each a quote of at most about 300 characters", () => {
    clashes.slice(1).forEach((c, k) => {
      expect(c.startMs).toBeGreaterThanOrEqual(clashes[k]?.startMs ?? 0);
    });
    for (const c of clashes) {
      expect(c.quote.length).toBeGreaterThan(0);
      expect(c.quote.length).toBeLessThanOrEqual(340);
      expect(new Set(c.speakers).size).toBe(c.speakers.length);
      expect(c.speakers.length).toBeGreaterThanOrEqual(2);
    }
  });
});
