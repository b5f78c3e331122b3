/**
 * pickpod JSON (shixiangcap/pickpod, used for 小宇宙 episodes):
 * `{audio: {title, duration, language}, sentence: [{content, start, end, speaker}]}` with numeric
 * diarization ids for speakers. Times are seconds in the files seen; milliseconds are recognised too.
 */
import { z } from "zod";
import type { TranscriptSegment } from "../core/index.js";
import { ImportError, normalizeSpace } from "../core/index.js";
import {
  anonymousSpeakerNamer,
  checkTimeline,
  lineForPath,
  parseJsonText,
  resolveLanguage,
  topLevelArrayItemLines,
  validateShape,
} from "./json-input.js";
import type { TranscriptParser } from "./parser.js";

const time = z.number({ error: "a number (seconds from the start)" });

const PickpodSchema = z.object(
  {
    audio: z
      .object({
        title: z.string().nullish().catch(null),
        duration: z.number().nullish().catch(null),
        language: z.string().nullish().catch(null),
      })
      .nullish()
      .catch(null),
    sentence: z.array(
      z.object(
        {
          content: z.string({ error: "the sentence as text" }),
          start: time,
          end: time,
          speaker: z.union([z.number(), z.string()], { error: "a speaker id" }).nullish(),
        },
        { error: "an object with content, start, end and speaker" },
      ),
      { error: "a list of sentences" },
    ),
  },
  { error: 'a JSON object with a "sentence" list (a pickpod transcript)' },
);

/** Longer than any episode in seconds (28 h): a larger time must be in milliseconds. */
const MAX_PLAUSIBLE_SECONDS = 100_000;

/**
 * Parses a pickpod transcript. Numeric speaker ids become "Speaker 1", "Speaker 2" in order of first
 * appearance (`speakersAnonymous: true`); named speakers are kept. Title and language come from `audio`.
 * @throws ImportError for invalid JSON, a wrong shape, or bad times.
 */
export const parsePickpodJson: TranscriptParser = (text, ctx) => {
  const lines = topLevelArrayItemLines(text, "sentence");
  const data = validateShape(PickpodSchema, parseJsonText(text, ctx), ctx, lineForPath("sentence", lines));
  if (data.sentence.length === 0) {
    throw new ImportError('the "sentence" list is empty, so this transcript has no text to study', {
      file: ctx.fileName,
    });
  }
  const factor = unitFactor(
    data.sentence.reduce((max, s) => Math.max(max, s.end, s.start), 0),
    data.audio?.duration ?? null,
  );
  const nameOf = anonymousSpeakerNamer();
  let anonymous = false;
  const timed: TranscriptSegment[] = data.sentence.map((s, i) => {
    let speaker: string | null = null;
    if (typeof s.speaker === "number" || (typeof s.speaker === "string" && /^\d+$/.test(s.speaker.trim()))) {
      speaker = nameOf(String(s.speaker).trim());
      anonymous = true;
    } else if (typeof s.speaker === "string" && s.speaker.trim()) {
      speaker = s.speaker.trim();
    }
    const segment: TranscriptSegment = {
      startMs: Math.round(s.start * factor),
      endMs: Math.round(s.end * factor),
      speaker,
      text: normalizeSpace(s.content),
    };
    const line = lines[i];
    if (line !== undefined) segment.sourceLine = line;
    return segment;
  });
  checkTimeline(timed, (i) => `sentence[${i}]`, ctx);
  const segments = timed.filter((s) => s.text !== "");
  const sample = segments
    .slice(0, 2000)
    .map((s) => s.text)
    .join(" ");
  const title = data.audio?.title?.trim();
  return {
    format: "pickpod-json",
    ...(title ? { title } : {}),
    language: resolveLanguage(data.audio?.language, sample),
    segments,
    chapters: [],
    ...(anonymous ? { speakersAnonymous: true } : {}),
  };
};

/**
 * Milliseconds per unit of `start`/`end`. The audio's duration (seconds) settles it when present:
 * times running far past it are milliseconds. Without it, only an implausibly long episode says so.
 */
function unitFactor(maxTime: number, durationSeconds: number | null): number {
  if (durationSeconds !== null && durationSeconds > 0) return maxTime > durationSeconds * 10 ? 1 : 1000;
  return maxTime > MAX_PLAUSIBLE_SECONDS ? 1 : 1000;
}

/** True for parsed JSON shaped like pickpod output: a `sentence` list of `{content, start}` items. */
export function looksLikePickpodJson(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const { sentence } = value as { sentence?: unknown };
  if (!Array.isArray(sentence)) return false;
  const first: unknown = sentence[0];
  if (first === undefined) return "audio" in value;
  return first !== null && typeof first === "object" && "content" in first && "start" in first;
}
