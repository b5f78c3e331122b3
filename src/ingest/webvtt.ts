import type { Language, Transcript } from "../core/index.js";
import { decodeEntities, ImportError } from "../core/index.js";
import type { ParseContext } from "./parser.js";
import { type CaptionCue, isCueTimingLine, parseCueTiming, shareCueTime } from "./rolling-captions.js";
import { splitCaptionLines, transcriptFromCues } from "./srt.js";

/** Content sniffing for WebVTT: the file starts (after a BOM or blank lines) with the `WEBVTT` signature. */
export function looksLikeWebVtt(text: string): boolean {
  const head = text
    .slice(0, 64)
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (!head.startsWith("WEBVTT")) return false;
  const after = head[6];
  return after === undefined || after === " " || after === "\t" || after === "\n" || after === "\r";
}

/** Maps the header's `Language: zh-Hans` / `en-US` to the languages deeplisten knows. */
function headerLanguage(value: string): Language {
  const tag = value.trim().toLowerCase();
  if (tag === "zh" || tag.startsWith("zh-") || tag.startsWith("cmn")) return "zh";
  if (tag === "en" || tag.startsWith("en-")) return "en";
  return "und";
}

/** STYLE, REGION and NOTE blocks carry no spoken text. */
function isMetadataBlockStart(line: string): boolean {
  for (const keyword of ["NOTE", "STYLE", "REGION"]) {
    if (line.startsWith(keyword)) {
      const after = line[keyword.length];
      if (after === undefined || after === " " || after === "\t") return true;
    }
  }
  return false;
}

interface VoiceGroup {
  /** undefined: the cue names nobody here. */
  speaker: string | undefined;
  lines: string[];
}

/**
 * Removes cue markup: `<v Name>` starts a new voice (returned as its own group), timestamp tags
 * (`<00:00:02.160>`), `<c>`, `<i>`, `<b>`, `<u>`, `<lang>`, `<ruby>` go, ruby annotations (`<rt>`)
 * are dropped with their text, and entities are decoded once the tags are gone.
 */
function readCuePayload(payload: readonly string[]): VoiceGroup[] {
  const groups: VoiceGroup[] = [];
  let group: VoiceGroup = { speaker: undefined, lines: [] };
  let inRubyText = false;
  const flush = (line: string): void => {
    const decoded = decodeEntities(line);
    if (decoded.trim()) group.lines.push(decoded);
  };
  for (const raw of payload) {
    let line = "";
    let i = 0;
    while (i < raw.length) {
      const c = raw[i] as string;
      const close = c === "<" ? raw.indexOf(">", i + 1) : -1;
      if (close < 0) {
        if (!inRubyText) line += c;
        i++;
        continue;
      }
      const tag = raw.slice(i + 1, close);
      i = close + 1;
      if (tag === "rt" || tag.startsWith("rt.") || tag.startsWith("rt ")) inRubyText = true;
      else if (tag === "/rt") inRubyText = false;
      else if (tag === "v" || tag.startsWith("v ") || tag.startsWith("v.") || tag.startsWith("v\t")) {
        const space = tag.search(/[ \t]/);
        const name = space < 0 ? "" : decodeEntities(tag.slice(space + 1)).trim();
        // A second voice in one cue is a second speaker: its words go to their own group.
        flush(line);
        line = "";
        if (group.lines.length > 0) groups.push(group);
        group = { speaker: name || undefined, lines: [] };
      }
    }
    flush(line);
  }
  if (group.lines.length > 0 || groups.length === 0) groups.push(group);
  return groups;
}

/**
 * Imports WebVTT captions: spec files (header, NOTE/STYLE/REGION blocks, cue identifiers and
 * settings, `<v Name>` voices as speakers, other markup stripped, entities decoded), Whisper's
 * non-standard `MM:SS.mmm` and `H:MM:SS.mmm` times, and YouTube auto-captions with word timings and
 * rolling duplicates, whose phrases are kept once. Throws ImportError naming the line for an
 * unreadable or reversed timing line, cues running backwards, or a file without cues.
 */
export function parseWebVtt(text: string, ctx: ParseContext): Transcript {
  const lines = splitCaptionLines(text);
  let language: Language | undefined;
  let i = 0;
  while (i < lines.length && !(lines[i] as string).trim()) i++;
  if ((lines[i] ?? "").startsWith("WEBVTT")) {
    // The header runs to the first blank line; only its Language: field matters here.
    for (i++; i < lines.length && (lines[i] as string) !== "" && !isCueTimingLine(lines[i] as string); i++) {
      const line = lines[i] as string;
      const colon = line.indexOf(":");
      if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === "language") {
        language = headerLanguage(line.slice(colon + 1));
      }
    }
  }

  const cues: CaptionCue[] = [];
  while (i < lines.length) {
    const line = lines[i] as string;
    if (!line.trim()) {
      i++;
      continue;
    }
    if (isMetadataBlockStart(line)) {
      i++;
      while (i < lines.length && (lines[i] as string) !== "" && !isCueTimingLine(lines[i] as string)) i++;
      continue;
    }
    let timingAt = i;
    if (!isCueTimingLine(line)) {
      // A cue identifier ("1", "intro") sits on the line before the timing line; any other block is ignored.
      if (!isCueTimingLine(lines[i + 1] ?? "")) {
        while (i < lines.length && (lines[i] as string) !== "") i++;
        continue;
      }
      timingAt = i + 1;
    }
    const timing = parseCueTiming(lines[timingAt] as string, {
      fileName: ctx.fileName,
      lineNumber: timingAt + 1,
      decimalMark: ".",
    });
    // The payload ends at a truly empty line: YouTube puts whitespace-only lines inside its cues.
    const payload: string[] = [];
    i = timingAt + 1;
    while (i < lines.length && (lines[i] as string) !== "" && !isCueTimingLine(lines[i] as string)) {
      payload.push(lines[i] as string);
      i++;
    }
    const groups = readCuePayload(payload);
    const spans = shareCueTime(
      timing.startMs,
      timing.endMs,
      groups.map((g) => g.lines.join(" ").length),
    );
    for (const [index, group] of groups.entries()) {
      const [startMs, endMs] = spans[index] as [number, number];
      const cue: CaptionCue = { startMs, endMs, lines: group.lines, sourceLine: timingAt + 1 };
      if (group.speaker !== undefined) cue.speaker = group.speaker;
      cues.push(cue);
    }
  }

  if (cues.length === 0) {
    throw new ImportError(
      'no captions found: a WebVTT file needs cues made of a timing line like "00:00:01.000 --> 00:00:04.000" followed by the text.',
      { file: ctx.fileName },
    );
  }
  return transcriptFromCues("webvtt", cues, ctx, language);
}
