import type { Transcript } from "../core/index.js";
import { decodeEntities, detectLanguage, ImportError } from "../core/index.js";
import type { ParseContext } from "./parser.js";
import {
  type CaptionCue,
  captionsToSegments,
  checkCueOrder,
  collapseRollingCaptions,
  isCueTimingLine,
  parseCueTiming,
  shareCueTime,
} from "./rolling-captions.js";

/** Splits text into lines on CRLF, LF or a lone CR (YouTube exports mix them inside one file). */
export function splitCaptionLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\n|\r/);
}

function isIndexLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 9) return false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Content sniffing for SRT: the first non-blank lines are a cue number and a `-->` timing line with
 * comma milliseconds, or (SRT without numbers) a comma timing line straight away.
 */
export function looksLikeSrt(text: string): boolean {
  const head = splitCaptionLines(text.slice(0, 2000));
  const lines: string[] = [];
  for (const line of head) {
    if (line.trim()) lines.push(line.trim());
    if (lines.length === 2) break;
  }
  const [first, second] = lines;
  if (first === undefined || first.startsWith("WEBVTT")) return false;
  if (isIndexLine(first)) return second !== undefined && isCueTimingLine(second);
  return isCueTimingLine(first) && first.slice(0, first.indexOf("-->")).includes(",");
}

/** Markup that SRT files carry: `<i>`, `<b>`, `<font color=...>`, and ASS overrides like `{\an8}`. */
function stripSrtMarkup(line: string): string {
  if (!line.includes("<") && !line.includes("{\\")) return line;
  let out = "";
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === "<" || (c === "{" && line[i + 1] === "\\")) {
      const close = line.indexOf(c === "<" ? ">" : "}", i + 1);
      // A lone `<` ("x < y") is text, not a tag.
      if (close > i && (c === "{" || /^\/?[a-z]/i.test(line.slice(i + 1, i + 3)))) {
        i = close + 1;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

// Words that end in a colon at the start of a line without naming a speaker ("Note: ...").
const NOT_NAMES = new Set(
  [
    "note",
    "notes",
    "nb",
    "ps",
    "p.s.",
    "warning",
    "caution",
    "important",
    "disclaimer",
    "example",
    "update",
    "edit",
    "step",
    "chapter",
    "part",
    "section",
    "tip",
    "hint",
    "reminder",
    "source",
    "sources",
    "translation",
    "translator",
    "subtitles",
    "subtitle",
    "captions",
    "caption",
    "title",
    "date",
    "time",
    "location",
    "summary",
    "question",
    "answer",
    "fact",
    "problem",
    "solution",
    "result",
    "quote",
    "lesson",
    "rule",
    "goal",
    "idea",
    "point",
    "reason",
    "remember",
    "so",
    "but",
    "and",
    "or",
    "well",
    "now",
    "here",
    "there",
    "this",
    "that",
    "then",
    "because",
    "yes",
    "no",
    "ok",
    "okay",
    "first",
    "second",
    "third",
    "finally",
    "also",
    "plus",
    "bonus",
    "http",
    "https",
    "re",
    "fyi",
  ].map((w) => w.toLowerCase()),
);
// A line starting "The answer:" or "My point:" is prose even though it is capitalised.
const NOT_NAME_STARTS = new Set(["the", "a", "an", "my", "our", "your", "his", "her", "their", "this", "that"]);
const NAME_PARTICLES = new Set(["de", "da", "del", "della", "van", "von", "der", "den", "la", "le", "bin", "al", "y"]);
const LATIN_NAME_WORD = /^\p{Lu}[\p{L}'’.\-_]*$/u;
const NUMBER_WORD = /^\d{1,2}$/;
const CJK_NAME = /^[\u3400-\u4dbf\u4e00-\u9fff·・]{1,10}$/u;
// Chinese words that end a clause introducing a quote ("他说：") or make it a sentence, not a name.
const CJK_NOT_NAME =
  /[说道问讲的是了在和]$|表示$|认为$|指出$|^(?:注意?|备注|提示|例如|比如|注释|翻译|字幕|原文|译者注|总结|问题|答案|结论|重点|首先|其次|最后|但是|所以|因为|然后|我|你|他|她|我们|你们|他们)$/u;

function isLatinName(candidate: string): boolean {
  const words = candidate.split(" ");
  if (words.length < 1 || words.length > 4) return false;
  const first = words[0] as string;
  if (words.length === 1 && NOT_NAMES.has(first.toLowerCase())) return false;
  if (words.length > 1 && (NOT_NAME_STARTS.has(first.toLowerCase()) || NOT_NAMES.has(first.toLowerCase()))) {
    return false;
  }
  return words.every((word, i) => {
    if (LATIN_NAME_WORD.test(word)) return true;
    // "Speaker 2:" and "Ludwig van Beethoven:" are names; "so I said:" is not.
    if (i === words.length - 1 && i > 0 && NUMBER_WORD.test(word)) return true;
    return i > 0 && i < words.length - 1 && NAME_PARTICLES.has(word);
  });
}

/**
 * Splits a `Name:` speaker prefix off the start of a cue's text: 1-4 capitalised words
 * (`JOHN: hello`, `Sarah Lee: hi`, `Speaker 2: ok`) or a Chinese name (`主持人：你好`), followed by
 * `:` or `：`. Returns null when the text does not start with one, including prose such as
 * `Note: ...` or `他说：`.
 */
export function splitSpeakerPrefix(text: string): { speaker: string; text: string } | null {
  const head = text.slice(0, 48);
  let colon = -1;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === ":" || c === "：") {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return null;
  const fullWidth = head[colon] === "：";
  const after = text[colon + 1];
  // "Re:Invent" and "10:30" are not prefixes: a half-width colon must be followed by a space or the end.
  if (!fullWidth && after !== undefined && after !== " " && after !== "\t") return null;
  const candidate = text.slice(0, colon).replace(/\s+/g, " ").trim();
  if (!candidate) return null;
  const rest = text.slice(colon + 1).trim();
  if (CJK_NAME.test(candidate)) {
    return CJK_NOT_NAME.test(candidate) ? null : { speaker: candidate, text: rest };
  }
  return isLatinName(candidate) ? { speaker: candidate, text: rest } : null;
}

/** A dialogue dash (`- Hi.`) marks a change of speaker without naming one. */
function startsWithDialogueDash(line: string): boolean {
  return /^[-–—]\s/u.test(line);
}

/**
 * Gives cues their speakers from `Name:` prefixes (removing the prefix); a line of a cue that starts
 * with another name splits the cue there. A dialogue dash means an unnamed other speaker; anything
 * else leaves the speaker as it was.
 */
export function assignPrefixSpeakers(cues: readonly CaptionCue[]): CaptionCue[] {
  const out: CaptionCue[] = [];
  for (const cue of cues) {
    if (cue.speaker !== undefined) {
      out.push(cue);
      continue;
    }
    const parts: CaptionCue[] = [];
    let current: CaptionCue = { ...cue, lines: [] };
    for (const raw of cue.lines) {
      const line = raw.trim();
      if (!line) continue;
      const prefix = splitSpeakerPrefix(line);
      if (prefix) {
        if (current.lines.length > 0) parts.push(current);
        current = { ...cue, lines: prefix.text ? [prefix.text] : [], speaker: prefix.speaker };
        continue;
      }
      if (current.lines.length === 0 && current.speaker === undefined && startsWithDialogueDash(line)) {
        current.speaker = null;
      }
      current.lines.push(line);
    }
    if (current.lines.length > 0 || current.speaker !== undefined) parts.push(current);
    const spans = shareCueTime(
      cue.startMs,
      cue.endMs,
      parts.map((part) => part.lines.join(" ").length),
    );
    for (const [index, part] of parts.entries()) {
      const [startMs, endMs] = spans[index] as [number, number];
      out.push({ ...part, startMs, endMs });
    }
  }
  return out;
}

/** Reads the cues of an SRT file; numbers are optional and blank lines may sit inside a cue's text. */
function readSrtCues(lines: string[], fileName: string): CaptionCue[] {
  const cues: CaptionCue[] = [];
  let current: CaptionCue | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (isCueTimingLine(line)) {
      if (current) cues.push(current);
      const timing = parseCueTiming(line, { fileName, lineNumber: i + 1, decimalMark: "," });
      current = { ...timing, lines: [], sourceLine: i + 1 };
      continue;
    }
    if (!current) continue;
    // The cue number of the next cue sits right before its timing line; it is not text.
    if (isIndexLine(line) && isCueTimingLine(lines[i + 1] ?? "")) continue;
    const clean = stripSrtMarkup(line);
    current.lines.push(clean.includes("&") ? decodeEntities(clean) : clean);
  }
  if (current) cues.push(current);
  return cues;
}

/**
 * Imports SubRip (.srt) captions: ordinary subtitles (with or without cue numbers, `,` or `.`
 * milliseconds, CRLF, blank lines inside a cue), `Name:` speaker prefixes, and YouTube's rolling
 * auto-captions, whose repeated lines are kept once. Throws ImportError naming the line for an
 * unreadable or reversed timing line, cues running backwards, or a file without cues.
 */
export function parseSrt(text: string, ctx: ParseContext): Transcript {
  const cues = readSrtCues(splitCaptionLines(text), ctx.fileName);
  if (cues.length === 0) {
    throw new ImportError(
      'no captions found: an SRT file needs cues made of a number, a timing line like "00:00:01,000 --> 00:00:04,000" and the text.',
      { file: ctx.fileName },
    );
  }
  return transcriptFromCues("srt", cues, ctx);
}

/**
 * What SRT and WebVTT share once their cues are read: the order checked, rolling auto-captions
 * collapsed to the words said once, `Name:` prefixes turned into speakers, cues merged into
 * readable segments.
 */
export function transcriptFromCues(
  format: "srt" | "webvtt",
  cues: CaptionCue[],
  ctx: ParseContext,
  language?: Transcript["language"],
): Transcript {
  checkCueOrder(cues, ctx.fileName);
  const spoken = collapseRollingCaptions(cues);
  // Auto-captions never name speakers; a "右图：" or "Update:" in them is speech, not a name.
  const segments = captionsToSegments(spoken.rolling ? spoken.cues : assignPrefixSpeakers(spoken.cues));
  if (segments.length === 0) {
    throw new ImportError("the captions have timing lines but no text; there is nothing to study in this file.", {
      file: ctx.fileName,
    });
  }
  return buildCaptionTranscript(format, segments, language);
}

/** The Transcript for imported captions; captions carry no chapters. */
export function buildCaptionTranscript(
  format: "srt" | "webvtt",
  segments: Transcript["segments"],
  language?: Transcript["language"],
): Transcript {
  const speakers: string[] = [];
  for (const segment of segments) {
    if (segment.speaker && !speakers.includes(segment.speaker)) speakers.push(segment.speaker);
  }
  const sample = segments
    .slice(0, 400)
    .map((s) => s.text)
    .join(" ");
  const transcript: Transcript = {
    format,
    language: language ?? detectLanguage(sample),
    segments,
    chapters: [],
  };
  if (speakers.length > 0) transcript.people = speakers.map((name) => ({ name, role: "speaker" }));
  return transcript;
}
