import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countWords, normalizeSpace, SPEECH_RATE_PER_MINUTE, type Transcript } from "../src/core/index.js";
import { looksLikeDiarizedMarkdown, parseDiarizedMarkdown } from "../src/ingest/diarized-markdown.js";
import {
  looksLikeLexFridmanHtml,
  looksLikeLexFridmanMarkdown,
  parseLexFridmanHtml,
  parseLexFridmanMarkdown,
} from "../src/ingest/lexfridman.js";
import { looksLikeNameBracketTimestamp, parseNameBracketTimestamp } from "../src/ingest/name-bracket-timestamp.js";
import type { TranscriptParser } from "../src/ingest/parser.js";
import { parsePlainText } from "../src/ingest/plain-text.js";
import { looksLikeSpeakerTimestampLines, parseSpeakerTimestampLines } from "../src/ingest/speaker-timestamp-lines.js";
import { corpusFile, HAS_CORPUS } from "./corpus.js";

interface GoldChapter {
  start_s: number;
  title: string;
}

const MINUTE = 60_000;

function read(relative: string): string {
  return readFileSync(corpusFile(relative), "utf8");
}

function gold(name: string): GoldChapter[] {
  return (JSON.parse(read(`gold/${name}`)) as { chapters: GoldChapter[] }).chapters;
}

/** Parses a corpus file with one parser. */
function parseFile(parse: TranscriptParser, relative: string): { t: Transcript } {
  return { t: parse(read(relative), { fileName: relative }) };
}

function words(t: Transcript): number {
  return t.segments.reduce((n, s) => n + countWords(s.text), 0);
}

function speakers(t: Transcript): string[] {
  return [...new Set(t.segments.map((s) => s.speaker))].sort() as string[];
}

function lastStartMs(t: Transcript): number {
  return t.segments[t.segments.length - 1]?.startMs ?? 0;
}

/** What any reader of the transcript relies on: order, lines, no empty paragraphs. */
function expectWellFormed(t: Transcript): void {
  let previous = -1;
  let previousLine = 0;
  for (const s of t.segments) {
    expect(s.startMs).toBeGreaterThanOrEqual(previous);
    expect(s.endMs).toBeGreaterThanOrEqual(s.startMs);
    expect(s.sourceLine).toBeGreaterThanOrEqual(previousLine);
    expect(s.text).not.toBe("");
    previous = s.startMs;
    previousLine = s.sourceLine ?? 0;
  }
}

/** Published chapters as the page lists them: same titles in order, starts within `toleranceS`. */
function expectGoldChapters(t: Transcript, expected: GoldChapter[], toleranceS = 0): void {
  expect(t.chapters.map((c) => c.title)).toEqual(expected.map((c) => c.title));
  t.chapters.forEach((c, i) => {
    expect(Math.abs(c.startMs / 1000 - (expected[i]?.start_s ?? -1)), c.title).toBeLessThanOrEqual(toleranceS);
    expect(c.source).toBe("published");
  });
}

const SITE_BOILERPLATE = [
  "This is a transcript of",
  "Here are some useful links",
  "Go back to this episode",
  "Table of Contents",
  "loose “chapters”",
  "This entry was posted",
  "About Lex Fridman",
  "View all posts",
  "Host of Lex Fridman Podcast. Research Scientist",
  "youtube.com",
  "](",
];

function expectNoneOf(t: Transcript, phrases: string[]): void {
  for (const s of t.segments) {
    for (const p of phrases) expect(s.text, `line ${s.sourceLine}`).not.toContain(p);
  }
}

describe.skipIf(!HAS_CORPUS)("lexfridman.com markdown scrapes", () => {
  // Collection runs even for a skipped suite: read nothing when the corpus is absent.
  if (!HAS_CORPUS) return;
  const cases = [
    {
      file: "en/lex459-deepseek.lexfridman-site.md",
      gold: "lex459_chapters.json",
      title: "DeepSeek, China, OpenAI, NVIDIA, xAI, TSMC, Stargate, and AI Megaclusters",
      guests: ["Dylan Patel", "Nathan Lambert"],
      speakers: ["Dylan Patel", "Lex Fridman", "Nathan Lambert"],
      video: "https://youtube.com/watch?v=_1f-o0nqpEI",
      lengthMin: 5 * 60 + 6,
      words: [52_000, 60_000],
      paragraphs: 1010,
    },
    {
      file: "en/lex447-cursor-team.lexfridman-site.md",
      gold: "lex447_chapters.json",
      title: "Cursor Team: Future of Programming with AI",
      guests: ["Cursor Team", "Michael", "Arvid", "Aman", "Sualeh"],
      speakers: ["Aman", "Arvid", "Lex", "Michael", "Sualeh"],
      video: "https://youtube.com/watch?v=oFfVt3S51T4",
      lengthMin: 2 * 60 + 28,
      words: [23_000, 28_000],
      paragraphs: 459,
    },
    {
      file: "en/lex416-yann-lecun.lexfridman-site.md",
      gold: "lex416_chapters.json",
      title: "Yann Lecun: Meta AI, Open Source, Limits of LLMs, AGI & the Future of AI",
      guests: ["Yann LeCun"],
      speakers: ["Lex Fridman", "Yann LeCun"],
      video: "https://youtube.com/watch?v=5t1vTLU7s40",
      lengthMin: 2 * 60 + 47,
      words: [22_000, 27_000],
      paragraphs: 394,
    },
  ];

  for (const c of cases) {
    describe(c.file, () => {
      const { t } = parseFile(parseLexFridmanMarkdown, c.file);

      it("is recognised by content", () => {
        const text = read(c.file);
        expect(looksLikeLexFridmanMarkdown(text)).toBe(true);
        expect(looksLikeSpeakerTimestampLines(text) || looksLikeNameBracketTimestamp(text)).toBe(false);
        expect(looksLikeDiarizedMarkdown(text) || looksLikeLexFridmanHtml(text)).toBe(false);
      });

      it("shows the episode's title, show, host, guests and video", () => {
        expect(t.title).toBe(c.title);
        expect(t.show).toBe("Lex Fridman Podcast");
        expect(t.people?.[0]).toEqual({ name: "Lex Fridman", role: "host" });
        expect(t.people?.slice(1).map((p) => p.name)).toEqual(c.guests);
        expect(t.videoUrl).toBe(c.video);
      });

      it("has every paragraph with its speaker, in order, ending at the episode's length", () => {
        expectWellFormed(t);
        expect(speakers(t)).toEqual(c.speakers);
        expect(t.segments).toHaveLength(c.paragraphs);
        expect(Math.abs(lastStartMs(t) - c.lengthMin * MINUTE)).toBeLessThan(3 * MINUTE);
        const n = words(t);
        expect(n).toBeGreaterThan(c.words[0] ?? 0);
        expect(n).toBeLessThan(c.words[1] ?? 0);
      });

      it("has the published chapters of the page's Table of Contents", () => {
        expectGoldChapters(t, gold(c.gold));
      });

      it("imports no header boilerplate or site footer as speech", () => {
        expectNoneOf(t, SITE_BOILERPLATE);
      });
    });
  }

  it("#459: continuation paragraphs keep the speaker of their turn", () => {
    const { t } = parseFile(parseLexFridmanMarkdown, "en/lex459-deepseek.lexfridman-site.md");
    // Line 43 opens with a bare timestamp link, inside Lex Fridman’s introduction.
    const continuation = t.segments.find((s) => s.sourceLine === 43);
    expect(continuation?.speaker).toBe("Lex Fridman");
    expect(continuation?.startMs).toBe(68_000);
    expect(continuation?.text.startsWith("While it does get super technical")).toBe(true);
  });
});

describe.skipIf(!HAS_CORPUS)("Lex Fridman #490, from the HTML page and from the timestamped text", () => {
  // Collection runs even for a skipped suite: read nothing when the corpus is absent.
  if (!HAS_CORPUS) return;
  const html = parseFile(parseLexFridmanHtml, "en/lex490-state-of-ai-2026.scrape-page.html");
  const txt = parseFile(parseSpeakerTimestampLines, "en/lex490-state-of-ai-2026.timestamped.txt");
  const expected = gold("lex490_chapters.json");

  for (const [name, { t }] of [
    ["HTML page", html],
    ["timestamped text", txt],
  ] as const) {
    describe(name, () => {
      it("has 624 paragraphs by Lex Fridman, Nathan Lambert and Sebastian Raschka over 4h25m", () => {
        expectWellFormed(t);
        expect(t.segments).toHaveLength(624);
        expect(speakers(t)).toEqual(["Lex Fridman", "Nathan Lambert", "Sebastian Raschka"]);
        expect(t.people?.[0]).toEqual({ name: "Lex Fridman", role: "host" });
        expect(Math.abs(lastStartMs(t) - (4 * 60 + 25) * MINUTE)).toBeLessThan(3 * MINUTE);
        const n = words(t);
        expect(n).toBeGreaterThan(43_000);
        expect(n).toBeLessThan(48_000);
      });

      it("has the 26 published chapters (starts within 15 s of the page's list)", () => {
        expect(t.chapters).toHaveLength(26);
        expectGoldChapters(t, expected, 15);
      });

      it("keeps the source's words, labels and stray Cyrillic, without chapter titles or footer", () => {
        // The scrape labels Sebastian Raschka's answer at 00:02:53 "Lex Fridman": labels stay as the source has them.
        const at253 = t.segments.find((s) => s.startMs === 173_000);
        expect(at253?.speaker).toBe("Lex Fridman");
        expect(at253?.text.startsWith("So winning is a very broad term.")).toBe(true);
        expect(t.segments.filter((s) => s.text.includes("Но")).length).toBe(2);
        const intro = t.segments.find((s) => s.startMs === 100_000);
        expect(intro?.text.endsWith("here’s Sebastian Raschka and Nathan Lambert.")).toBe(true);
        expectNoneOf(t, ["This entry was posted", "View all posts", "Host of Lex Fridman Podcast.", "一键翻译"]);
        expect(lastOf(t).text.endsWith("Thank you for listening, and hope to see you next time.")).toBe(true);
      });
    });
  }

  it("both sources give the same transcript", () => {
    expect(Math.abs(html.t.segments.length - txt.t.segments.length)).toBeLessThanOrEqual(2);
    expect(html.t.chapters.map((c) => c.title)).toEqual(txt.t.chapters.map((c) => c.title));
    html.t.chapters.forEach((c, i) => {
      expect(Math.abs(c.startMs - (txt.t.chapters[i]?.startMs ?? -1))).toBeLessThanOrEqual(15_000);
    });
    expect(words(html.t)).toBe(words(txt.t));
    expect(html.t.segments.map((s) => s.speaker)).toEqual(txt.t.segments.map((s) => s.speaker));
  });

  it("each file is recognised as its own format", () => {
    const page = read("en/lex490-state-of-ai-2026.scrape-page.html");
    const lines = read("en/lex490-state-of-ai-2026.timestamped.txt");
    expect(looksLikeLexFridmanHtml(page)).toBe(true);
    expect(looksLikeLexFridmanHtml(lines)).toBe(false);
    expect(looksLikeSpeakerTimestampLines(lines)).toBe(true);
    expect(looksLikeLexFridmanMarkdown(lines) || looksLikeNameBracketTimestamp(lines)).toBe(false);
    expect(looksLikeDiarizedMarkdown(lines)).toBe(false);
  });
});

function lastOf(t: Transcript) {
  const last = t.segments[t.segments.length - 1];
  if (!last) throw new Error("no segments");
  return last;
}

describe.skipIf(!HAS_CORPUS)("Latent Space newsletter transcript (Name [hh:mm:ss]:)", () => {
  // Collection runs even for a skipped suite: read nothing when the corpus is absent.
  if (!HAS_CORPUS) return;
  const file = "en/latent-space-applied-intuition.md";
  const { t } = parseFile(parseNameBracketTimestamp, file);

  it("is recognised by content", () => {
    const text = read(file);
    expect(looksLikeNameBracketTimestamp(text)).toBe(true);
    expect(looksLikeDiarizedMarkdown(text) || looksLikeSpeakerTimestampLines(text)).toBe(false);
    expect(looksLikeLexFridmanMarkdown(text)).toBe(false);
  });

  it("has the four speakers' 410 turns over 1h12m", () => {
    expectWellFormed(t);
    expect(t.title).toBe("Physical AI that Moves the World — Qasar Younis & Peter Ludwig, Applied Intuition");
    expect(speakers(t)).toEqual(["Alessio", "Peter", "Qasar", "Swyx"]);
    expect(t.segments).toHaveLength(410);
    expect(Math.abs(lastStartMs(t) - 72 * MINUTE)).toBeLessThan(3 * MINUTE);
    const n = words(t);
    expect(n).toBeGreaterThan(12_000);
    expect(n).toBeLessThan(16_000);
  });

  it("has the 17 chapters of the Timestamps list", () => {
    expectGoldChapters(t, gold("latent_space_applied_intuition_chapters_topics.json"));
  });

  it("imports only speech: no newsletter text, links, chapter title lines or footer", () => {
    expectNoneOf(t, ["View this post", "We discuss", "https://", "Unsubscribe", "substack", "LinkedIn:"]);
    const titles = new Set(t.chapters.map((c) => c.title));
    for (const s of t.segments) expect(titles.has(s.text)).toBe(false);
    expect(t.segments[0]?.text).toBe(
      "Hey everyone, welcome to the Latent Space Podcast. This is Alessio, founder of Kernel Labs, and I’m joined by Swyx, editor of Latent Space.",
    );
  });
});

describe.skipIf(!HAS_CORPUS)("diarized markdown without timestamps", () => {
  // Collection runs even for a skipped suite: read nothing when the corpus is absent.
  if (!HAS_CORPUS) return;
  it("#459 in English: three speakers' turns in order, timed by an estimate at the English speaking rate", () => {
    const file = "en/lex459-deepseek.diarized-no-timestamps.md";
    const { t } = parseFile(parseDiarizedMarkdown, file);
    expect(looksLikeDiarizedMarkdown(read(file))).toBe(true);
    expectWellFormed(t);
    expect(t.timingEstimated).toBe(true);
    expect(speakers(t)).toEqual(["Dylan Patel", "Lex Fridman", "Nathan Lambert"]);
    expect(t.segments.length).toBeGreaterThan(700);
    const n = words(t);
    expect(n).toBeGreaterThan(55_000);
    expect(n).toBeLessThan(62_000);
    expect(Math.abs(lastOf(t).endMs - (n / SPEECH_RATE_PER_MINUTE.en) * MINUTE)).toBeLessThan(1000);
    expect(t.segments[0]?.text.startsWith("The following is a conversation with Dylan Patel")).toBe(true);
    expectNoneOf(t, ["editor:", "x.com/mark_neurora"]);
  });

  it("#459 in Chinese: chapters from `## **NN.**` headings where their first segment falls, at the Chinese speaking rate", () => {
    const file = "zh/lex459-deepseek.zh-translation-diarized.md";
    const { t } = parseFile(parseDiarizedMarkdown, file);
    expect(looksLikeDiarizedMarkdown(read(file))).toBe(true);
    expectWellFormed(t);
    expect(t.language).toBe("zh");
    expect(t.timingEstimated).toBe(true);
    expect(speakers(t)).toEqual(["Dylan Patel", "Lex Frdiman", "Nathan Lambert"]);
    // The editor's 导读 has no speech; 背景介绍 is the introduction before the page's first chapter.
    const expected = gold("lex459_chapters.json");
    expect(t.chapters).toHaveLength(expected.length + 1);
    expect(t.chapters.slice(0, 3).map((c) => c.title)).toEqual([
      "背景介绍",
      "DeepSeek-R1 and DeepSeek-V3",
      "低成本训练",
    ]);
    expect(t.chapters[t.chapters.length - 1]?.title).toBe("AI 的未来");
    // Estimated times run longer than the real 5h06m, but each chapter sits where it does in the episode.
    const estimatedEnd = lastOf(t).endMs;
    t.chapters.slice(1).forEach((c, i) => {
      const real = (expected[i]?.start_s ?? 0) / (5 * 3600 + 6 * 60);
      expect(Math.abs(c.startMs / estimatedEnd - real), c.title).toBeLessThan(0.04);
    });
    expectNoneOf(t, ["麻省理工学院（MIT）", "本文工作流", "image.png", "editor:", "listType"]);
  });
});

describe.skipIf(!HAS_CORPUS)("plain text: Lex #333 as one unpunctuated ASR run", () => {
  // Collection runs even for a skipped suite: read nothing when the corpus is absent.
  if (!HAS_CORPUS) return;
  const file = "en/lex333-karpathy.autocaption-plain.txt";
  const { t } = parseFile(parsePlainText, file);

  it("is not mistaken for any of the structured formats", () => {
    const text = read(file);
    expect(looksLikeLexFridmanMarkdown(text) || looksLikeLexFridmanHtml(text)).toBe(false);
    expect(looksLikeSpeakerTimestampLines(text) || looksLikeNameBracketTimestamp(text)).toBe(false);
    expect(looksLikeDiarizedMarkdown(text)).toBe(false);
  });

  it("is cut into readable 30-60 word pieces without losing or splitting a word", () => {
    expectWellFormed(t);
    // The closing words ("thanks for listening ...") may stand alone as a short last piece.
    const sizes = t.segments.slice(0, -1).map((s) => countWords(s.text));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(30);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(65);
    const inRange = sizes.filter((n) => n <= 60).length;
    expect(inRange / sizes.length).toBeGreaterThan(0.95);
    expect(t.segments.map((s) => s.text).join(" ")).toBe(normalizeSpace(read(file)));
    const n = words(t);
    expect(n).toBeGreaterThan(40_000);
    expect(n).toBeLessThan(42_000);
  });

  it("has no speakers and an estimated timeline at the English speaking rate", () => {
    expect(t.timingEstimated).toBe(true);
    expect(t.segments.every((s) => s.speaker === null)).toBe(true);
    expect(Math.abs(lastOf(t).endMs - (words(t) / SPEECH_RATE_PER_MINUTE.en) * MINUTE)).toBeLessThan(1000);
    // Most pieces open on a word that starts a thought, not mid-phrase.
    const openers = t.segments.filter((s) =>
      /^(so|okay|ok|now|but|yeah|well|and then|and so|because|anyway)\b/i.test(s.text),
    );
    expect(openers.length / t.segments.length).toBeGreaterThan(0.5);
  });
});

describe.skipIf(!HAS_CORPUS)("the sniffers stay quiet on the other corpus formats", () => {
  // Collection runs even for a skipped suite: read nothing when the corpus is absent.
  if (!HAS_CORPUS) return;
  it.each([
    "en/lex459-deepseek.youtube-autocaption.srt",
    "en/lexicap-episode-094.whisper.vtt",
    "zh/lex459-deepseek.youtube-autotranslate.zh-Hans.vtt",
    "zh/xiaoyuzhou-onboard-ep35.pickpod.json",
  ])("%s", (file) => {
    const text = read(file);
    expect(looksLikeLexFridmanMarkdown(text) || looksLikeLexFridmanHtml(text)).toBe(false);
    expect(looksLikeSpeakerTimestampLines(text) || looksLikeNameBracketTimestamp(text)).toBe(false);
    expect(looksLikeDiarizedMarkdown(text)).toBe(false);
  });
});
