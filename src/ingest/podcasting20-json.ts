/**
 * Podcasting 2.0 JSON transcripts (`<podcast:transcript type="application/json">`):
 * `{version, segments: [{speaker, startTime, endTime, body}]}`, times in seconds. Many publishers
 * write one word per segment (for word-by-word highlighting); those are merged into sentences.
 */
import { z } from "zod";
import type { TranscriptSegment } from "../core/index.js";
import { detectLanguage, ImportError, normalizeSpace } from "../core/index.js";
import {
  ANONYMOUS_SPEAKER_ID,
  checkTimeline,
  isFragmentLevel,
  lineForPath,
  parseJsonText,
  secondsToMs,
  topLevelArrayItemLines,
  validateShape,
} from "./json-input.js";
import type { TranscriptParser } from "./parser.js";
import { mergeFragments } from "./segments.js";

const seconds = z.number({ error: "a number of seconds" });

const Podcasting20Schema = z.object(
  {
    segments: z.array(
      z.object(
        {
          speaker: z.string({ error: "the speaker's name as text" }).nullish(),
          startTime: seconds,
          // The spec marks endTime "if available".
          endTime: seconds.nullish(),
          body: z.string({ error: "the spoken text as a string" }),
        },
        { error: "an object with startTime and body" },
      ),
      { error: "a list of segments" },
    ),
  },
  { error: 'a JSON object with a "segments" list (a Podcasting 2.0 JSON transcript)' },
);

/**
 * Parses a Podcasting 2.0 JSON transcript. Word-level files come out as sentences; segments keep the
 * speaker as written and the line of their item in the file.
 * @throws ImportError for invalid JSON, a wrong shape, or times that run backwards.
 */
export const parsePodcasting20Json: TranscriptParser = (text, ctx) => {
  const itemLines = topLevelArrayItemLines(text, "segments");
  const data = validateShape(Podcasting20Schema, parseJsonText(text, ctx), ctx, lineForPath("segments", itemLines));
  if (data.segments.length === 0) {
    throw new ImportError('the "segments" list is empty, so this transcript has no text to study', {
      file: ctx.fileName,
    });
  }

  const fragments: TranscriptSegment[] = data.segments.map((s, i) => {
    const startMs = secondsToMs(s.startTime);
    const segment: TranscriptSegment = {
      startMs,
      endMs: s.endTime == null ? Number.NaN : secondsToMs(s.endTime),
      speaker: s.speaker?.trim() || null,
      text: normalizeSpace(s.body),
    };
    const line = itemLines[i];
    if (line !== undefined) segment.sourceLine = line;
    return segment;
  });
  fillMissingEnds(fragments);
  checkTimeline(fragments, (i) => `segments[${i}]`, ctx);

  const spoken = fragments.filter((s) => s.text !== "");
  const segments = isFragmentLevel(spoken) ? mergeFragments(spoken) : spoken;
  const speakers = new Set(segments.map((s) => s.speaker).filter((s): s is string => s !== null));
  const sample = segments
    .slice(0, 2000)
    .map((s) => s.text)
    .join(" ");

  return {
    format: "podcasting20-json",
    language: detectLanguage(sample),
    segments,
    chapters: [],
    ...(speakers.size > 0 && [...speakers].every((s) => ANONYMOUS_SPEAKER_ID.test(s))
      ? { speakersAnonymous: true }
      : {}),
  };
};

/** A segment without endTime lasts until the next one starts (or is a moment, for the last). */
function fillMissingEnds(segments: TranscriptSegment[]): void {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (!s || !Number.isNaN(s.endMs)) continue;
    const next = segments[i + 1];
    s.endMs = next ? Math.max(s.startMs, next.startMs) : s.startMs;
  }
}

/**
 * True for parsed JSON shaped like a Podcasting 2.0 transcript: a `segments` list whose items carry
 * `startTime` and `body` (Whisper uses `start` and `text`, so the two do not collide).
 */
export function looksLikePodcasting20Json(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const { segments, version } = value as { segments?: unknown; version?: unknown };
  if (!Array.isArray(segments)) return false;
  if (segments.length === 0) return typeof version === "string";
  const first: unknown = segments[0];
  return first !== null && typeof first === "object" && "startTime" in first && "body" in first;
}
