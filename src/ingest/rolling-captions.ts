import type { TranscriptSegment } from "../core/index.js";
import { formatTimecode, ImportError, normalizeSpace, parseTimecode } from "../core/index.js";
import { mergeFragments } from "./segments.js";

/**
 * One caption cue as both caption importers (WebVTT, SRT) read it, before de-duplication.
 * `speaker` is undefined where the cue says nothing about who speaks (the previous speaker goes on),
 * null where it says "someone else" (a dialogue dash), and a name where it names one.
 */
export interface CaptionCue {
  startMs: number;
  endMs: number;
  /** Text lines with markup already removed; blank lines are allowed and ignored. */
  lines: string[];
  speaker?: string | null;
  /** 1-based line of the cue's timing line. */
  sourceLine: number;
}

/** Where and how a cue's timing line was written, for error messages. */
export interface CueTimingContext {
  fileName: string;
  lineNumber: number;
  /** `,` for SRT, `.` for WebVTT: the example time in the error message uses it. */
  decimalMark: "," | ".";
}

/**
 * True when the line is a cue timing line (`start --> end`, maybe followed by settings).
 * A line with `-->` whose left side is not made of time characters is cue text, not a timing line.
 */
export function isCueTimingLine(line: string): boolean {
  const arrow = line.indexOf("-->");
  if (arrow < 0) return false;
  const left = line.slice(0, arrow).trim();
  // "1999 --> 2000 was a big year" is text: every time has a colon.
  if (!left || left.length > 20 || !left.includes(":")) return false;
  const first = left.charCodeAt(0);
  if (first < 48 || first > 57) return false;
  for (let i = 0; i < left.length; i++) {
    const c = left[i] as string;
    if (!((c >= "0" && c <= "9") || c === ":" || c === "." || c === ",")) return false;
  }
  return true;
}

/**
 * Reads `00:01:02,500 --> 00:01:04,000 align:start` into start and end ms; settings after the end
 * time are ignored. Throws ImportError naming the line when a time cannot be read or the end comes
 * before the start.
 */
export function parseCueTiming(line: string, ctx: CueTimingContext): { startMs: number; endMs: number } {
  const arrow = line.indexOf("-->");
  const startText = line.slice(0, arrow).trim();
  const rest = line.slice(arrow + 3).trim();
  const space = rest.search(/\s/);
  const endText = space < 0 ? rest : rest.slice(0, space);
  const startMs = readTime(startText);
  const endMs = readTime(endText);
  const where = { file: ctx.fileName, line: ctx.lineNumber };
  if (startMs === null || endMs === null) {
    const bad = startMs === null ? startText : endText || "(nothing)";
    const example = `00:01:02${ctx.decimalMark}500`;
    throw new ImportError(
      `the timing line "${line.trim()}" has a time that cannot be read (${bad}); write times as ${example} (hours:minutes:seconds${ctx.decimalMark}milliseconds).`,
      where,
    );
  }
  if (endMs < startMs) {
    throw new ImportError(
      `this cue ends at ${formatTimecode(endMs, true)}, before it starts at ${formatTimecode(startMs, true)}; correct the end time so it comes after the start.`,
      where,
    );
  }
  return { startMs, endMs };
}

/** `hh:mm:ss,mmm` / `hh:mm:ss.mmm` read by hand: a 5-hour file has 17 000 timing lines. */
function readTime(text: string): number | null {
  if (text.length === 12 && text[2] === ":" && text[5] === ":" && (text[8] === "," || text[8] === ".")) {
    const h = digits(text, 0, 2);
    const m = digits(text, 3, 5);
    const s = digits(text, 6, 8);
    const ms = digits(text, 9, 12);
    if (h >= 0 && m >= 0 && m < 60 && s >= 0 && s < 60 && ms >= 0) return ((h * 60 + m) * 60 + s) * 1000 + ms;
  }
  // A cut-off time ("00:0" at the end of a truncated file) would read as 0 s; cue times always have
  // two-digit seconds, so insist on them.
  const colon = text.lastIndexOf(":");
  if (colon < 0 || text.length < colon + 3 || digits(text, colon + 1, colon + 3) < 0) return null;
  // Whisper's `MM:SS.mmm` and `H:MM:SS.mmm`, and anything else, go through the shared reader.
  return parseTimecode(text);
}

/** The decimal number in text[from, to), or -1 if any character there is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Caption files may wobble a little (overlapping cues), but a jump back further than this is an error. */
const BACKWARDS_TOLERANCE_MS = 1000;

/**
 * Checks that cues run forward in time; a cue may start up to a second before the previous one
 * (overlaps are common), anything more means the file is out of order or two files were pasted together.
 */
export function checkCueOrder(cues: readonly CaptionCue[], fileName: string): void {
  let previous: CaptionCue | undefined;
  for (const cue of cues) {
    if (previous && cue.startMs < previous.startMs - BACKWARDS_TOLERANCE_MS) {
      throw new ImportError(
        `timestamps run backwards at line ${cue.sourceLine}: ${formatTimecode(cue.startMs, true)} comes after ${formatTimecode(previous.startMs, true)}. The cues must be in time order; check whether part of another file was pasted in here.`,
        { file: fileName, line: cue.sourceLine },
      );
    }
    previous = cue;
  }
}

// Only lines with tabs, runs of spaces or odd spaces need the (slower) full normalisation.
const IRREGULAR_SPACE = /[\t\n\r\f\v\u00a0\u3000]| {2}/;

/** The line trimmed, with whitespace runs collapsed; a 5-hour file has 70 000 lines, so skip the regex where it can. */
function tidyLine(line: string): string {
  return IRREGULAR_SPACE.test(line) ? normalizeSpace(line) : line.trim();
}

/** The cue's lines with whitespace collapsed and blank lines dropped. */
function contentLines(cue: CaptionCue): string[] {
  const out: string[] = [];
  for (const line of cue.lines) {
    const text = tidyLine(line);
    if (text) out.push(text);
  }
  return out;
}

/** Compare caption lines ignoring case: YouTube re-capitalises a line when it rolls up. */
function sameLine(a: string, b: string): boolean {
  return a === b || (a.length === b.length && a.toLowerCase() === b.toLowerCase());
}

/**
 * Whether the cue repeats what the previous cue showed: its first line is the previous cue's last
 * line (YouTube's two-line roll-up), or its text extends the previous cue's text (word-by-word growth).
 */
function continuesPrevious(previous: string[], current: string[]): boolean {
  const last = previous[previous.length - 1];
  const first = current[0];
  if (last === undefined || first === undefined) return false;
  if (sameLine(first, last)) return true;
  return first.length > last.length && first.toLowerCase().startsWith(last.toLowerCase());
}

/**
 * True when the cues are rolling auto-captions: most cues start by repeating the previous cue's
 * last line. Only then is text de-duplicated, so that a speaker who really says "no, no" in an
 * ordinary subtitle file keeps both words.
 */
export function isRollingCaptions(cues: readonly CaptionCue[]): boolean {
  return isRolling(cues.map(contentLines));
}

function isRolling(cueLines: readonly string[][]): boolean {
  let previous: string[] = [];
  let pairs = 0;
  let continuing = 0;
  for (const lines of cueLines) {
    if (lines.length === 0) continue;
    if (previous.length > 0) {
      pairs++;
      if (continuesPrevious(previous, lines)) continuing++;
    }
    previous = lines;
  }
  // In YouTube's files nearly every cue continues the previous one; a subtitle file where someone
  // says "No." twice has a handful.
  return continuing >= 3 && continuing >= pairs * 0.5;
}

/** Roll-up captions never show more than a few lines, so a short tail of what was said is enough. */
const TAIL_LINES = 8;

/**
 * Turns rolling auto-captions (each phrase shown in its own cue, again in a 10 ms cue, and again as
 * the first line of the next cue) into cues that carry each phrase once, timed by the cue that
 * introduced it. Ordinary captions are returned unchanged; `rolling` tells which case it was.
 */
export function collapseRollingCaptions(cues: readonly CaptionCue[]): { cues: CaptionCue[]; rolling: boolean } {
  const cueLines = cues.map(contentLines);
  if (!isRolling(cueLines)) return { cues: [...cues], rolling: false };
  const out: CaptionCue[] = [];
  // The lines already said, newest last; a cue's leading lines that repeat this tail are not new.
  let tail: string[] = [];
  for (let index = 0; index < cues.length; index++) {
    const cue = cues[index] as CaptionCue;
    const lines = cueLines[index] as string[];
    let overlap = 0;
    for (let k = Math.min(lines.length, tail.length); k > 0; k--) {
      let matches = true;
      for (let i = 0; i < k; i++) {
        if (!sameLine(lines[i] as string, tail[tail.length - k + i] as string)) {
          matches = false;
          break;
        }
      }
      if (matches) {
        overlap = k;
        break;
      }
    }
    const fresh = lines.slice(overlap);
    const last = tail[tail.length - 1];
    const first = fresh[0];
    if (overlap === 0 && last !== undefined && first !== undefined && continuesPrevious([last], [first])) {
      // Word-by-word growth: keep only the words added to the line said last.
      const added = first.slice(last.length).trim();
      tail = [...tail.slice(0, -1), first];
      if (added) out.push({ ...cue, lines: [added, ...fresh.slice(1)] });
      for (const line of fresh.slice(1)) tail.push(line);
    } else {
      for (const line of fresh) tail.push(line);
      if (fresh.length > 0) out.push({ ...cue, lines: fresh });
    }
    if (tail.length > TAIL_LINES) tail = tail.slice(-TAIL_LINES);
  }
  return { cues: out, rolling: true };
}

/** A pause longer than this between captions starts a new segment. */
const PAUSE_MS = 1000;
/** Unpunctuated auto-captions have no sentence ends: cut segments at about this many words. */
const UNPUNCTUATED_MAX_WORDS = 30;
const SENTENCE_PUNCTUATION = /[.!?。！？]/u;

/**
 * Builds readable transcript segments from (de-duplicated) cues: carries a named speaker forward
 * until the next name, keeps start times non-decreasing, and merges short caption fragments into
 * sentences, or, for unpunctuated auto-captions, into runs of about 30 words broken at pauses.
 */
export function captionsToSegments(cues: readonly CaptionCue[]): TranscriptSegment[] {
  const fragments: TranscriptSegment[] = [];
  let speaker: string | null = null;
  let lastStart = 0;
  let punctuated = 0;
  for (const cue of cues) {
    if (cue.speaker !== undefined) speaker = cue.speaker;
    const text = contentLines(cue).join(" ");
    if (!text) continue;
    // Overlaps of up to a second are tolerated on input; segments still must not go back in time.
    const startMs = Math.max(cue.startMs, lastStart);
    lastStart = startMs;
    if (SENTENCE_PUNCTUATION.test(text)) punctuated++;
    fragments.push({ startMs, endMs: Math.max(cue.endMs, startMs), speaker, text, sourceLine: cue.sourceLine });
  }
  // One cue in ten with sentence punctuation is far more than any auto-caption file has.
  const options =
    punctuated * 10 >= fragments.length
      ? { maxGapMs: 1500 }
      : { maxGapMs: PAUSE_MS, maxWords: UNPUNCTUATED_MAX_WORDS, targetWords: UNPUNCTUATED_MAX_WORDS };
  // A cue lying wholly inside the one before claims a moment already captioned; merging would hide
  // that from the import's overlap check, so such a cue starts a segment of its own.
  const segments: TranscriptSegment[] = [];
  let run: TranscriptSegment[] = [];
  let previous: TranscriptSegment | undefined;
  for (const fragment of fragments) {
    if (previous && isNestedIn(fragment, previous)) {
      segments.push(...mergeFragments(run, options));
      run = [];
    }
    run.push(fragment);
    previous = fragment;
  }
  segments.push(...mergeFragments(run, options));
  return segments;
}

function isNestedIn(cue: TranscriptSegment, previous: TranscriptSegment): boolean {
  return (
    cue.endMs > cue.startMs && cue.endMs <= previous.endMs && cue.startMs < previous.endMs - BACKWARDS_TOLERANCE_MS
  );
}

/**
 * Shares a cue's time between the speakers it holds (`<v A>...<v B>...`, or `A: ...` and `B: ...` on
 * two lines) in proportion to their text, so their segments follow each other instead of overlapping.
 */
export function shareCueTime(startMs: number, endMs: number, textLengths: readonly number[]): [number, number][] {
  const total = textLengths.reduce((sum, n) => sum + Math.max(1, n), 0);
  const spans: [number, number][] = [];
  let from = startMs;
  let done = 0;
  for (const [i, n] of textLengths.entries()) {
    done += Math.max(1, n);
    const to = i === textLengths.length - 1 ? endMs : startMs + Math.round(((endMs - startMs) * done) / total);
    spans.push([from, to]);
    from = to;
  }
  return spans;
}
