import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { importEpisode } from "../src/library/index.js";
import { getSegments, listEpisodes } from "../src/store/index.js";
import { corpusFile, HAS_CORPUS } from "./corpus.js";
import { freshStore } from "./helpers/store.js";

/**
 * Every real transcript of the corpus imported through the whole path — read, decode, detect,
 * parse, check, one transaction into a real SQLite file — and what a learner would see asserted.
 */
interface Expectation {
  file: string;
  format: string;
  language: "en" | "zh";
  /** Expected length in minutes, and how far off it may be. */
  minutes: [number, number];
  words: [number, number];
  speakers?: string[];
  /** Gold chapter list to match, or a chapter count. */
  gold?: string;
  /** Chapters placed by headings start at the paragraph after them, not at the published second. */
  chapterToleranceMs?: number;
  timingEstimated?: boolean;
  speakersAnonymous?: boolean;
  videoUrl?: RegExp;
}

const H = 60;
const EXPECTED: Expectation[] = [
  {
    file: "en/lex490-state-of-ai-2026.timestamped.txt",
    format: "speaker-timestamp-lines",
    language: "en",
    minutes: [4 * H + 25, 3],
    words: [42_000, 48_000],
    speakers: ["Lex Fridman", "Sebastian Raschka", "Nathan Lambert"],
    gold: "gold/lex490_chapters.json",
    chapterToleranceMs: 30_000,
  },
  {
    file: "en/lex490-state-of-ai-2026.scrape-page.html",
    format: "lexfridman",
    language: "en",
    minutes: [4 * H + 25, 3],
    words: [42_000, 48_000],
    speakers: ["Lex Fridman", "Sebastian Raschka", "Nathan Lambert"],
    gold: "gold/lex490_chapters.json",
    // The scrape's chapter list stops after 20 entries; later titles are recovered at their paragraph.
    chapterToleranceMs: 15_000,
  },
  {
    file: "en/lex459-deepseek.lexfridman-site.md",
    format: "lexfridman",
    language: "en",
    minutes: [5 * H + 6, 4],
    words: [50_000, 70_000],
    speakers: ["Lex Fridman", "Dylan Patel", "Nathan Lambert"],
    gold: "gold/lex459_chapters.json",
    videoUrl: /youtube\.com\/watch\?v=_1f-o0nqpEI$/,
  },
  {
    file: "en/lex447-cursor-team.lexfridman-site.md",
    format: "lexfridman",
    language: "en",
    minutes: [2 * H + 28, 4],
    words: [20_000, 35_000],
    gold: "gold/lex447_chapters.json",
  },
  {
    file: "en/lex416-yann-lecun.lexfridman-site.md",
    format: "lexfridman",
    language: "en",
    minutes: [2 * H + 47, 4],
    words: [20_000, 35_000],
    speakers: ["Lex Fridman", "Yann LeCun"],
    gold: "gold/lex416_chapters.json",
  },
  {
    file: "en/lex459-deepseek.youtube-autocaption.srt",
    format: "srt",
    language: "en",
    minutes: [5 * H + 6, 4],
    words: [48_000, 70_000],
    speakers: [],
  },
  {
    file: "en/lex459-deepseek.diarized-no-timestamps.md",
    format: "diarized-markdown",
    language: "en",
    minutes: [5 * H + 6, 90],
    words: [50_000, 70_000],
    timingEstimated: true,
  },
  {
    file: "en/lex333-karpathy.autocaption-plain.txt",
    format: "plain-text",
    language: "en",
    minutes: [3 * H + 30, 60],
    words: [38_000, 44_000],
    speakers: [],
    timingEstimated: true,
  },
  {
    file: "en/lexicap-episode-094.whisper.vtt",
    format: "webvtt",
    language: "en",
    minutes: [97, 3],
    words: [10_000, 25_000],
  },
  {
    file: "en/lexicap-episode-215.whisper.vtt",
    format: "webvtt",
    language: "en",
    minutes: [2 * H + 20, 60],
    words: [15_000, 40_000],
  },
  {
    file: "en/lexicap-episode-299.whisper.vtt",
    format: "webvtt",
    language: "en",
    minutes: [2 * H + 20, 60],
    words: [15_000, 40_000],
  },
  {
    file: "en/lexicap-episode-309.whisper.vtt",
    format: "webvtt",
    language: "en",
    minutes: [5 * H + 14, 3],
    words: [40_000, 70_000],
  },
  {
    file: "en/latent-space-applied-intuition.md",
    format: "name-bracket-timestamp",
    language: "en",
    minutes: [72, 4],
    words: [8_000, 16_000],
    gold: "gold/latent_space_applied_intuition_chapters_topics.json",
  },
  {
    file: "zh/lex459-deepseek.youtube-autotranslate.zh-Hans.vtt",
    format: "webvtt",
    language: "zh",
    // The auto-translated captions stop at 2:58:08 (the cues after it are empty).
    minutes: [2 * H + 58, 2],
    words: [40_000, 60_000],
  },
  {
    file: "zh/lex459-deepseek.youtube-autotranslate.zh-Hans.srt",
    format: "srt",
    language: "zh",
    minutes: [2 * H + 58, 2],
    words: [40_000, 60_000],
  },
  {
    file: "zh/lex459-deepseek.zh-translation-diarized.md",
    format: "diarized-markdown",
    language: "zh",
    minutes: [5 * H + 6, 150],
    words: [60_000, 140_000],
    timingEstimated: true,
  },
  {
    file: "zh/xiaoyuzhou-onboard-ep35.pickpod.json",
    format: "pickpod-json",
    language: "zh",
    minutes: [69, 2],
    words: [10_000, 30_000],
    speakersAnonymous: true,
  },
  {
    file: "podcasting20/examples__transcripts__example.srt",
    format: "srt",
    language: "en",
    minutes: [12.5, 1],
    words: [1_000, 3_000],
  },
  {
    file: "podcasting20/examples__transcripts__example.html",
    format: "html-transcript",
    language: "en",
    minutes: [12.5, 1],
    words: [1_000, 3_000],
  },
  {
    file: "podcasting20/examples__transcripts__example.vtt",
    format: "webvtt",
    language: "en",
    minutes: [0.42, 0.05],
    words: [5, 100],
  },
  {
    file: "podcasting20/examples__transcripts__example.json",
    format: "podcasting20-json",
    language: "en",
    minutes: [0.1, 0.1],
    words: [5, 100],
  },
];

function goldChapters(path: string): { title: string; startMs: number }[] {
  const json = JSON.parse(readFileSync(corpusFile(path), "utf8"));
  const list = (json.chapters ?? json.topics ?? json) as { start_s: number; title: string }[];
  return list.map((c) => ({ title: c.title, startMs: c.start_s * 1000 }));
}

describe.skipIf(!HAS_CORPUS)("importing every real transcript of the corpus", () => {
  const store = freshStore();
  afterAll(() => store.cleanup());

  for (const x of EXPECTED) {
    it(x.file, async () => {
      const { episode } = await importEpisode(store, { source: corpusFile(x.file) });
      expect(episode.format).toBe(x.format);
      expect(episode.language).toBe(x.language);
      const minutes = episode.durationMs / 60_000;
      expect(Math.abs(minutes - x.minutes[0]), `${minutes.toFixed(1)} min`).toBeLessThanOrEqual(x.minutes[1]);
      expect(episode.wordCount).toBeGreaterThanOrEqual(x.words[0]);
      expect(episode.wordCount).toBeLessThanOrEqual(x.words[1]);
      if (x.speakers) expect(episode.speakers).toEqual(expect.arrayContaining(x.speakers));
      if (x.speakers?.length === 0) expect(episode.speakers).toEqual([]);
      expect(episode.timingEstimated).toBe(x.timingEstimated ?? false);
      expect(episode.speakersAnonymous).toBe(x.speakersAnonymous ?? false);
      if (x.speakersAnonymous) expect(episode.speakers[0]).toBe("Speaker 1");
      if (x.videoUrl) expect(episode.videoUrl).toMatch(x.videoUrl);
      if (x.gold) {
        const gold = goldChapters(x.gold);
        expect(episode.chapters.map((c) => c.title)).toEqual(gold.map((c) => c.title));
        episode.chapters.forEach((c, i) => {
          expect(Math.abs(c.startMs - (gold[i]?.startMs ?? 0)), c.title).toBeLessThanOrEqual(
            x.chapterToleranceMs ?? 1000,
          );
        });
      }
      // The transcript reads like speech: starts never run backwards, and no segment repeats the one before.
      const segments = getSegments(store, episode.id);
      expect(segments.length).toBe(episode.segmentCount);
      for (let i = 1; i < segments.length; i++) {
        const prev = segments[i - 1] as (typeof segments)[number];
        const cur = segments[i] as (typeof segments)[number];
        expect(cur.startMs).toBeGreaterThanOrEqual(prev.startMs - 1000);
        expect(cur.endMs).toBeGreaterThanOrEqual(cur.startMs);
        if (cur.text.length > 20 && cur.speaker === prev.speaker) expect(cur.text).not.toBe(prev.text);
      }
    });
  }

  it("imports #490 from the page and from the text alike", () => {
    const episodes = listEpisodes(store).filter((e) => e.source.ref.includes("lex490-state-of-ai-2026"));
    expect(episodes).toHaveLength(2);
    const [a, b] = episodes as [(typeof episodes)[number], (typeof episodes)[number]];
    expect(Math.abs(a.segmentCount - b.segmentCount)).toBeLessThanOrEqual(2);
    expect(a.chapters.map((c) => c.title)).toEqual(b.chapters.map((c) => c.title));
    a.chapters.forEach((c, i) => {
      expect(Math.abs(c.startMs - (b.chapters[i]?.startMs ?? 0))).toBeLessThanOrEqual(30_000);
    });
  });

  it("keeps the auto-captions of #459 within 15% of the words of its diarized transcript", () => {
    const all = listEpisodes(store);
    const captions = all.find((e) => e.source.ref.endsWith("lex459-deepseek.youtube-autocaption.srt"));
    const text = readFileSync(corpusFile("en/lex459-deepseek.diarized-no-timestamps.md"), "utf8");
    const reference = text
      .split("\n")
      .filter((l) => !l.startsWith("#"))
      .map((l) => l.replace(/\*\*[^*]+:\*\*/g, ""))
      .join(" ")
      .match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)?.length as number;
    const ratio = (captions?.wordCount ?? 0) / reference;
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  });
});
