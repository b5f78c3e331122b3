/**
 * HTML transcripts in the Podcasting 2.0 shape (`<podcast:transcript type="text/html">`):
 * `<cite>Speaker:</cite> <time>0:00</time> <p>text</p>`, where name and time are optional.
 */
import { Parser } from "htmlparser2";
import type { Language, TranscriptSegment } from "../core/index.js";
import { countWords, detectLanguage, hasCjk, ImportError, normalizeSpace, parseTimecode } from "../core/index.js";
import { checkTimeline } from "./json-input.js";
import type { TranscriptParser } from "./parser.js";

/** Page furniture whose text is never part of the conversation. */
const SKIPPED = new Set(["script", "style", "nav", "noscript", "template", "svg"]);
const CAPTURED = new Set(["cite", "time", "p", "title"]);

interface Paragraph {
  speaker: string | null;
  /** Start as written in a `<time>`, or null where the paragraph has none. */
  startMs: number | null;
  text: string;
  line: number;
}

/**
 * Parses a Podcasting 2.0 HTML transcript: each `<p>` becomes a segment with the speaker of the last
 * `<cite>` and the start of the `<time>` before it. Paragraphs without a time get one estimated from
 * their length (and the transcript says `timingEstimated`).
 * @throws ImportError when there are no paragraphs, a `<time>` is not a time, or times run backwards.
 */
export const parseHtmlTranscript: TranscriptParser = (text, ctx) => {
  const lineStarts = newlineOffsets(text);
  const paragraphs: Paragraph[] = [];
  let title = "";
  let pageLanguage = "";
  let speaker: string | null = null;
  let pendingTime: number | null = null;
  /** Line of the cite or time that opened the current turn, so a segment points at its first tag. */
  let pendingLine: number | null = null;
  let skipDepth = 0;
  const captures: { tag: string; text: string; line: number; datetime?: string }[] = [];

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (SKIPPED.has(name)) {
          skipDepth++;
          return;
        }
        if (skipDepth > 0) return;
        if (name === "html" && attribs.lang) pageLanguage = attribs.lang;
        if (name === "br") {
          const top = captures[captures.length - 1];
          if (top) top.text += " ";
        }
        if (CAPTURED.has(name)) {
          const capture: (typeof captures)[number] = {
            tag: name,
            text: "",
            line: lineAt(lineStarts, parser.startIndex),
          };
          if (name === "time" && attribs.datetime) capture.datetime = attribs.datetime;
          captures.push(capture);
        }
      },
      ontext(data) {
        if (skipDepth > 0) return;
        const top = captures[captures.length - 1];
        if (top) top.text += data;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0 || !CAPTURED.has(name)) return;
        // Close the innermost open capture of this name; browsers forgive misnesting and so do we.
        let index = captures.length - 1;
        while (index >= 0 && captures[index]?.tag !== name) index--;
        if (index < 0) return;
        const [capture] = captures.splice(index, 1);
        if (!capture) return;
        const content = normalizeSpace(capture.text);
        if (name === "title") {
          if (!title) title = content;
        } else if (name === "cite") {
          speaker = content.replace(/\s*[:：]\s*$/u, "").trim() || null;
          pendingLine ??= capture.line;
        } else if (name === "time") {
          pendingTime = readTime(content, capture.datetime, capture.line, ctx.fileName);
          pendingLine ??= capture.line;
        } else if (content) {
          paragraphs.push({ speaker, startMs: pendingTime, text: content, line: pendingLine ?? capture.line });
          pendingTime = null;
          pendingLine = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(text);
  parser.end();

  if (paragraphs.length === 0) {
    throw new ImportError(
      "found no <p> paragraphs of transcript text; an HTML transcript looks like <cite>Name:</cite> <time>0:00</time> <p>what they said</p>",
      { file: ctx.fileName },
    );
  }

  const timed = paragraphs.filter((p) => p.startMs !== null);
  checkTimeline(
    timed.map((p) => ({ startMs: p.startMs ?? 0, endMs: p.startMs ?? 0, sourceLine: p.line })),
    (i) => `the paragraph on line ${timed[i]?.line}`,
    ctx,
  );

  const sample = paragraphs
    .slice(0, 500)
    .map((p) => p.text)
    .join(" ");
  const language = pageLanguageOf(pageLanguage) ?? detectLanguage(sample);
  const { segments, estimated } = placeOnTimeline(paragraphs, hasCjk(sample) ? 4 : 2.5);

  return {
    format: "html-transcript",
    ...(title ? { title } : {}),
    language,
    segments,
    chapters: [],
    ...(estimated ? { timingEstimated: true } : {}),
  };
};

function readTime(content: string, datetime: string | undefined, line: number, file: string): number {
  const fromText =
    parseTimecode(content) ?? (/^\d+(?:\.\d+)?$/.test(content) ? Math.round(Number(content) * 1000) : null);
  if (fromText !== null) return fromText;
  const fromAttribute = datetime ? parseTimecode(datetime) : null;
  if (fromAttribute !== null) return fromAttribute;
  throw new ImportError(`<time>${content}</time> is not a time; expected h:mm:ss or m:ss, such as 1:02:03 or 4:05`, {
    file,
    line,
  });
}

/**
 * Gives every paragraph a start and an end. Paragraphs without a `<time>` are spread by word count
 * between the known times around them, and past the last one at a speaking rate, since a learner still
 * needs to jump near the right moment.
 */
function placeOnTimeline(
  paragraphs: Paragraph[],
  wordsPerSecond: number,
): { segments: TranscriptSegment[]; estimated: boolean } {
  const durationOf = (p: Paragraph) => Math.round((Math.max(1, countWords(p.text)) / wordsPerSecond) * 1000);
  const starts: number[] = [];
  let estimated = false;
  let i = 0;
  while (i < paragraphs.length) {
    const known = paragraphs[i]?.startMs ?? null;
    if (known !== null) {
      starts[i] = known;
      i++;
      continue;
    }
    // A run of untimed paragraphs [i, j): it shares the span from the last known time (whose own
    // paragraph takes its part) to the next known time by length; with no next time, at speaking rate.
    let j = i;
    while (j < paragraphs.length && paragraphs[j]?.startMs === null) j++;
    estimated = true;
    const first = Math.max(0, i - 1);
    const anchor = i > 0 ? (starts[i - 1] ?? 0) : 0;
    const nextKnown = paragraphs[j]?.startMs ?? null;
    const shares = paragraphs.slice(first, j).map(durationOf);
    const total = shares.reduce((a, b) => a + b, 0);
    const span = nextKnown !== null && nextKnown > anchor ? nextKnown - anchor : total;
    let t = anchor;
    for (let k = first; k < j; k++) {
      if (k >= i) starts[k] = Math.round(t);
      t += ((shares[k - first] ?? 0) / total) * span;
    }
    i = j;
  }
  const segments = paragraphs.map((p, k) => {
    const startMs = starts[k] ?? 0;
    const next = starts[k + 1];
    const endMs = next !== undefined && next > startMs ? next : startMs + durationOf(p);
    return { startMs, endMs, speaker: p.speaker, text: p.text, sourceLine: p.line };
  });
  return { segments, estimated };
}

function pageLanguageOf(lang: string): Language | null {
  const l = lang.toLowerCase();
  if (l === "en" || l.startsWith("en-")) return "en";
  if (l === "zh" || l.startsWith("zh-")) return "zh";
  return null;
}

function newlineOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line containing a character offset, by binary search over line starts. */
function lineAt(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * True for HTML shaped like a Podcasting 2.0 transcript: speaker names in `<cite>` followed by a
 * `<time>` or `<p>`, at least twice (or once with a time), so an article quoting one source is not taken.
 */
export function looksLikeHtmlTranscript(text: string): boolean {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const turns = sample.match(/<\/cite>\s*<(?:time|p)[\s>]/gi)?.length ?? 0;
  if (turns >= 2) return true;
  return turns === 1 && /<time[\s>]/i.test(sample);
}
