import type { Transcript, TranscriptChapter, TranscriptPerson, TranscriptSegment } from "../core/index.js";
import {
  decodeEntities,
  detectLanguage,
  estimateSpeakingMs,
  formatTimecode,
  ImportError,
  normalizeSpace,
  parseTimecode,
} from "../core/index.js";
import type { ParseContext } from "./parser.js";
import { joinText } from "./segments.js";

/*
 * `Speaker (hh:mm:ss) text`, one paragraph per line, with `## Chapter` lines and `# ` header lines:
 * the shape lexfridman.com transcripts take once their links are stripped (Lex #490 in the corpus).
 *
 * The helpers exported below the parser (timeline checks, people, site footer, sniffing a file's
 * head) are shared by the other timestamped importers of the same family.
 */

const TURN = /^(?:(\S.{0,59}?)\s+)?\((\d{1,3}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?)\)\s*:?\s*(.*)$/u;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const TRANSCRIPT_FOR = /^Transcript for\s+(.+)$/i;

/**
 * Parses `Speaker (hh:mm:ss) text` lines (a line `(hh:mm:ss) text` continues the previous speaker),
 * `## Title` lines as published chapters starting at the next paragraph, and `# ` lines as header
 * comments (the title comes from `# Transcript for ...`).
 * @throws ImportError naming the line for a malformed or backwards timestamp, or when no paragraph is found.
 */
export function parseSpeakerTimestampLines(text: string, ctx: ParseContext): Transcript {
  const lines = splitLines(text);
  const paragraphs: TimedParagraph[] = [];
  const headings: { title: string; index: number }[] = [];
  let title: string | undefined;
  let show: string | undefined;
  let speaker: string | null = null;
  const people: TranscriptPerson[] = [];

  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (!line) continue;
    const lineNo = i + 1;
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 1;
      const content = decodeEntities(heading[2] ?? "").trim();
      if (level === 1) {
        // `# Show:`, `# Host:` and `# Guests:` lines name the show and its people (the bundled sample writes them).
        const meta = /^(Show|Host|Hosts|Guest|Guests):\s*(.+)$/i.exec(content);
        if (meta) {
          const key = (meta[1] ?? "").toLowerCase();
          const value = (meta[2] ?? "").trim();
          if (key === "show") show = value;
          else {
            const role = key.startsWith("host") ? "host" : "guest";
            for (const name of value.split(/\s*[,，、]\s*/).filter(Boolean)) people.push({ name, role });
          }
          continue;
        }
        // `# Transcript for ...` names the episode even below other `# ` comment lines.
        const named = parseEpisodeHeading(content);
        if (named && (title === undefined || named.explicit)) {
          title = named.title;
          show = named.show ?? show;
        }
      } else if (content) {
        headings.push({ title: content, index: paragraphs.length });
      }
      continue;
    }
    const turn = matchTurn(line);
    if (turn) {
      const startMs = parseTimecode(turn.time);
      if (startMs === null) {
        throw new ImportError(`"(${turn.time})" at line ${lineNo} is not a time code like (01:02:03)`, {
          file: ctx.fileName,
          line: lineNo,
        });
      }
      if (turn.speaker) speaker = turn.speaker;
      paragraphs.push({ startMs, speaker, text: cleanText(turn.text), sourceLine: lineNo });
      continue;
    }
    // A line without a time code inside the transcript is a wrapped paragraph: keep its words.
    const last = paragraphs[paragraphs.length - 1];
    if (last) last.text = joinText(last.text, cleanText(line));
  }

  if (paragraphs.length === 0) {
    throw new ImportError("no transcript paragraphs found: expected lines like `Name (hh:mm:ss) text`", {
      file: ctx.fileName,
      line: firstContentLine(lines),
    });
  }
  const last = paragraphs[paragraphs.length - 1];
  if (last) last.text = stripSiteFooter(last.text);

  const segments = finishTimedSegments(paragraphs, ctx);
  const chapters: TranscriptChapter[] = [];
  for (const h of headings) {
    // A chapter starts with the paragraph after its heading; a heading after the last one names nothing.
    const at = paragraphs[h.index];
    if (at) chapters.push({ title: h.title, startMs: at.startMs, source: "published" });
  }
  const speakers = distinctSpeakers(segments);
  return {
    format: "speaker-timestamp-lines",
    ...(title ? { title } : {}),
    ...(show ? { show } : {}),
    language: detectTranscriptLanguage(segments),
    people: people.length ? people : peopleFromSpeakers(speakers, { host: hostFromShow(show, speakers) }),
    segments,
    chapters,
  };
}

/**
 * True when the first ~200 lines are mostly `Speaker (hh:mm:ss) text` paragraphs.
 */
export function looksLikeSpeakerTimestampLines(text: string): boolean {
  let turns = 0;
  let content = 0;
  for (const line of headLines(text)) {
    const t = line.trim();
    if (!t || t.startsWith("#")) continue;
    content++;
    if (matchTurn(t)) turns++;
  }
  return turns >= 5 || (turns >= 1 && turns * 2 >= content);
}

function matchTurn(line: string): { speaker: string | null; time: string; text: string } | null {
  const m = TURN.exec(line);
  if (!m) return null;
  const name = m[1]?.trim() ?? "";
  if (name && !isSpeakerName(name)) return null;
  return { speaker: name || null, time: m[2] ?? "", text: m[3] ?? "" };
}

/** A label, not the start of a sentence: a few words, starting with a capital (or a CJK name). */
export function isSpeakerName(name: string): boolean {
  if (name.length > 60 || /[()[\]{}<>|#*]|https?:/.test(name)) return false;
  if (name.split(/\s+/).length > 5) return false;
  return /^[\p{Lu}\p{Lo}]/u.test(name);
}

function parseEpisodeHeading(content: string): { title: string; show?: string; explicit: boolean } | null {
  const transcriptFor = TRANSCRIPT_FOR.exec(content);
  if (transcriptFor) return { ...splitShowFromTitle(transcriptFor[1] ?? ""), explicit: true };
  // `# Source: ...` and `# Format: ...` are comments, not titles.
  if (/^[\p{L}-]+:\s/u.test(content)) return null;
  return { ...splitShowFromTitle(content), explicit: false };
}

/**
 * `State of AI in 2026 | Lex Fridman Podcast #490` -> title and show; the episode number belongs to
 * neither.
 */
export function splitShowFromTitle(heading: string): { title: string; show?: string } {
  const bar = heading.lastIndexOf(" | ");
  if (bar < 0) return { title: heading.trim() };
  const title = heading.slice(0, bar).trim();
  const show = heading
    .slice(bar + 3)
    .replace(/\s*#\d+\s*$/, "")
    .trim();
  return show ? { title, show } : { title };
}

/** The speaker whose name the show carries (`Lex Fridman` of "Lex Fridman Podcast") hosts it. */
export function hostFromShow(show: string | undefined, speakers: string[]): string | undefined {
  if (!show) return undefined;
  const lower = show.toLowerCase();
  return speakers.find((s) => s.includes(" ") && lower.includes(s.toLowerCase()));
}

function cleanText(text: string): string {
  return normalizeSpace(decodeEntities(text));
}

// ---------------------------------------------------------------------------------------------
// Shared by the timestamped importers (lexfridman, name-bracket-timestamp).

/** A paragraph as read from a timestamped source, before end times are known. */
export interface TimedParagraph {
  startMs: number;
  speaker: string | null;
  text: string;
  sourceLine: number;
}

/**
 * Transcribers' timestamps wobble by a second or two (a reply logged a beat "before" the question
 * ended); beyond this, the source is out of order and the import must stop rather than guess.
 */
export const BACKWARDS_TOLERANCE_MS = 5000;

/**
 * Turns timestamped paragraphs into segments: drops empty ones, keeps starts non-decreasing
 * (small wobbles are clamped), ends each at the next start and the last after its estimated
 * speaking time.
 * @throws ImportError naming the line where a timestamp runs backwards by more than a few seconds.
 */
export function finishTimedSegments(paragraphs: TimedParagraph[], ctx: ParseContext): TranscriptSegment[] {
  const kept = paragraphs.filter((p) => p.text.length > 0);
  const segments: TranscriptSegment[] = [];
  let previous: TimedParagraph | undefined;
  for (const p of kept) {
    let startMs = p.startMs;
    if (previous && startMs < previous.startMs) {
      if (previous.startMs - startMs > BACKWARDS_TOLERANCE_MS) {
        throw new ImportError(
          `timestamps run backwards at line ${p.sourceLine}: ${formatTimecode(startMs)} comes after ${formatTimecode(
            previous.startMs,
          )} (line ${previous.sourceLine})`,
          { file: ctx.fileName, line: p.sourceLine },
        );
      }
      startMs = segments[segments.length - 1]?.startMs ?? startMs;
    }
    segments.push({ startMs, endMs: startMs, speaker: p.speaker, text: p.text, sourceLine: p.sourceLine });
    previous = p;
  }
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as TranscriptSegment;
    const next = segments[i + 1];
    seg.endMs = next ? Math.max(seg.startMs, next.startMs) : seg.startMs + estimateSpeakingMs(seg.text);
  }
  return segments;
}

/** Speaker names in order of first appearance. */
export function distinctSpeakers(segments: TranscriptSegment[]): string[] {
  const seen = new Set<string>();
  for (const s of segments) if (s.speaker) seen.add(s.speaker);
  return [...seen];
}

/**
 * The episode's people: the host, the guests the page names, then every other speaker label.
 * A label that is the first name of someone already listed ("Lex", "Yann") is that person.
 */
export function peopleFromSpeakers(
  speakers: string[],
  known: { host?: string | undefined; guests?: string[] } = {},
): TranscriptPerson[] {
  const people: TranscriptPerson[] = [];
  const add = (name: string, role: TranscriptPerson["role"]) => {
    const first = name.split(/\s+/)[0]?.toLowerCase();
    const same = people.find(
      (p) =>
        p.name.toLowerCase() === name.toLowerCase() ||
        (!name.includes(" ") && p.name.toLowerCase().split(/\s+/)[0] === first),
    );
    if (!same) people.push({ name, role });
  };
  if (known.host) add(known.host, "host");
  for (const g of known.guests ?? []) add(g, "guest");
  // With a host known, everyone else who speaks is a guest; otherwise nobody's role is known.
  for (const s of speakers) add(s, known.host ? "guest" : "speaker");
  return people;
}

const SITE_FOOTER = /\s*This entry was posted in\b.*$/su;

/** Removes the WordPress footer ("This entry was posted in transcripts on ... by") scrapes glue onto the last paragraph. */
export function stripSiteFooter(text: string): string {
  return text.replace(SITE_FOOTER, "");
}

/** The transcript's language, from a sample of its words. */
export function detectTranscriptLanguage(segments: TranscriptSegment[]): Transcript["language"] {
  let sample = "";
  for (const s of segments) {
    sample += `${s.text}\n`;
    if (sample.length > 50_000) break;
  }
  return detectLanguage(sample);
}

/** The first `count` lines, without splitting the whole (possibly 1 MB) text. */
export function headLines(text: string, count = 200): string[] {
  const lines: string[] = [];
  let from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (lines.length < count && from <= text.length) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = text.length;
    // A single 200 kB line (unpunctuated ASR) is sniffed by its beginning only.
    lines.push(text.slice(from, Math.min(to, from + 5000)).replace(/\r$/, ""));
    from = to + 1;
  }
  return lines;
}

/** Lines of a decoded file, without its byte-order mark, for any line ending. */
export function splitLines(text: string): string[] {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
}

/** 1-based number of the first non-blank line, where an error about the whole file points. */
export function firstContentLine(lines: string[]): number {
  const i = lines.findIndex((l) => l.trim().length > 0);
  return i < 0 ? 1 : i + 1;
}
