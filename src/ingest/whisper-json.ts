/**
 * Whisper JSON in the shapes tools write it:
 * - OpenAI Whisper / `verbose_json`: `{text, language, segments: [{start, end, text}]}` (seconds),
 *   or word timestamps only: `{text, words: [{word, start, end}]}`;
 * - WhisperX: the same segments with `speaker` ("SPEAKER_00") and `words`;
 * - whisper.cpp `-oj`: `{result: {language}, transcription: [{timestamps: {from, to}, offsets: {from, to}, text}]}`
 *   with offsets in milliseconds and timestamps as `00:00:01,500`.
 */
import { z } from "zod";
import type { TranscriptSegment } from "../core/index.js";
import { ImportError, normalizeSpace, parseTimecode } from "../core/index.js";
import {
  ANONYMOUS_SPEAKER_ID,
  anonymousSpeakerNamer,
  checkTimeline,
  isFragmentLevel,
  lineForPath,
  parseJsonText,
  resolveLanguage,
  secondsToMs,
  topLevelArrayItemLines,
  validateShape,
} from "./json-input.js";
import type { ParseContext, TranscriptParser } from "./parser.js";
import { mergeFragments } from "./segments.js";

const seconds = z.number({ error: "a number of seconds" });
const speakerId = z.union([z.string(), z.number()], { error: "a speaker label" }).nullish();

const SegmentsSchema = z.object(
  {
    language: z.string().nullish().catch(null),
    segments: z.array(
      z.object(
        {
          start: seconds,
          end: seconds,
          text: z.string({ error: "the spoken text as a string" }),
          speaker: speakerId,
          words: z
            .array(z.object({ speaker: speakerId.catch(null) }).loose())
            .nullish()
            .catch(null),
        },
        { error: "an object with start, end and text" },
      ),
      { error: "a list of segments" },
    ),
  },
  { error: "a JSON object" },
);

const WordsSchema = z.object({
  language: z.string().nullish().catch(null),
  words: z.array(
    z.object(
      { word: z.string({ error: "the word as text" }), start: seconds, end: seconds },
      { error: "an object with word, start and end" },
    ),
    { error: "a list of words" },
  ),
});

const milliseconds = z.number({ error: "a number of milliseconds" });
const WhisperCppSchema = z.object({
  params: z.object({ language: z.string().nullish() }).nullish().catch(null),
  result: z.object({ language: z.string().nullish() }).nullish().catch(null),
  transcription: z.array(
    z.object(
      {
        offsets: z.object({ from: milliseconds, to: milliseconds }, { error: "an object with from and to" }).nullish(),
        timestamps: z
          .object(
            {
              from: z.string({ error: "a time such as 00:01:02,500" }),
              to: z.string({ error: "a time such as 00:01:02,500" }),
            },
            { error: "an object with from and to" },
          )
          .nullish(),
        text: z.string({ error: "the spoken text as a string" }),
      },
      { error: "an object with offsets and text" },
    ),
    { error: "a list of transcribed pieces" },
  ),
});

/**
 * Parses Whisper, WhisperX or whisper.cpp JSON. Diarization labels such as `SPEAKER_00` become
 * "Speaker 1", "Speaker 2" (with `speakersAnonymous`); word-level output is merged into sentences.
 * @throws ImportError for invalid JSON, a wrong shape, bad times, or a file without timestamps.
 */
export const parseWhisperJson: TranscriptParser = (text, ctx) => {
  const value = parseJsonText(text, ctx);
  const record = value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
  let pieces: TranscriptSegment[];
  let languageName: unknown;
  if ("transcription" in record) {
    ({ pieces, languageName } = readWhisperCpp(text, value, ctx));
  } else if ("segments" in record || !("words" in record)) {
    if (!("segments" in record) && "text" in record) {
      throw new ImportError(
        'this Whisper JSON has only "text" and no timestamps; export it again as verbose_json (with segments), or import the text as plain text',
        { file: ctx.fileName },
      );
    }
    ({ pieces, languageName } = readSegments(text, value, ctx));
  } else {
    ({ pieces, languageName } = readWords(text, value, ctx));
  }

  const spoken = pieces.filter((p) => p.text !== "");
  if (spoken.length === 0) {
    throw new ImportError("this Whisper JSON has no transcribed text", { file: ctx.fileName });
  }
  const { segments: named, anonymous } = nameSpeakers(spoken);
  const segments = isFragmentLevel(named) ? mergeFragments(named) : named;
  const sample = segments
    .slice(0, 2000)
    .map((s) => s.text)
    .join(" ");
  return {
    format: "whisper-json",
    language: resolveLanguage(languageName, sample),
    segments,
    chapters: [],
    ...(anonymous ? { speakersAnonymous: true } : {}),
  };
};

interface Pieces {
  pieces: TranscriptSegment[];
  languageName: unknown;
}

function readSegments(text: string, value: unknown, ctx: ParseContext): Pieces {
  const lines = topLevelArrayItemLines(text, "segments");
  const data = validateShape(SegmentsSchema, value, ctx, lineForPath("segments", lines));
  const pieces = data.segments.map((s, i) =>
    piece(secondsToMs(s.start), secondsToMs(s.end), speakerOf(s.speaker, s.words), s.text, lines[i]),
  );
  checkTimeline(pieces, (i) => `segments[${i}]`, ctx);
  return { pieces, languageName: data.language };
}

function readWords(text: string, value: unknown, ctx: ParseContext): Pieces {
  const lines = topLevelArrayItemLines(text, "words");
  const data = validateShape(WordsSchema, value, ctx, lineForPath("words", lines));
  const pieces = data.words.map((w, i) => piece(secondsToMs(w.start), secondsToMs(w.end), null, w.word, lines[i]));
  checkTimeline(pieces, (i) => `words[${i}]`, ctx);
  return { pieces, languageName: data.language };
}

function readWhisperCpp(text: string, value: unknown, ctx: ParseContext): Pieces {
  const lines = topLevelArrayItemLines(text, "transcription");
  const data = validateShape(WhisperCppSchema, value, ctx, lineForPath("transcription", lines));
  const pieces = data.transcription.map((t, i) => {
    const at = { file: ctx.fileName, line: lines[i] };
    if (t.offsets) return piece(t.offsets.from, t.offsets.to, null, t.text, lines[i]);
    if (!t.timestamps) {
      throw new ImportError(`transcription[${i}] has neither offsets nor timestamps; expected one of them`, at);
    }
    const from = parseTimecode(t.timestamps.from);
    const to = parseTimecode(t.timestamps.to);
    if (from === null || to === null) {
      const bad = from === null ? "from" : "to";
      throw new ImportError(
        `transcription[${i}].timestamps.${bad} is not a time; expected one such as 00:01:02,500`,
        at,
      );
    }
    return piece(from, to, null, t.text, lines[i]);
  });
  checkTimeline(pieces, (i) => `transcription[${i}]`, ctx);
  const languageName = data.result?.language ?? data.params?.language;
  // whisper.cpp writes "auto" when it was asked to detect: let the text decide then.
  return { pieces, languageName: languageName === "auto" ? undefined : languageName };
}

function piece(
  startMs: number,
  endMs: number,
  speaker: string | null,
  text: string,
  line: number | undefined,
): TranscriptSegment {
  const segment: TranscriptSegment = { startMs, endMs, speaker, text: normalizeSpace(text) };
  if (line !== undefined) segment.sourceLine = line;
  return segment;
}

/**
 * The segment's speaker, or where WhisperX left it out (it does when diarization and alignment
 * disagree), the speaker of most of its words.
 */
function speakerOf(
  speaker: string | number | null | undefined,
  words: { speaker?: string | number | null }[] | null | undefined,
): string | null {
  if (speaker !== null && speaker !== undefined && String(speaker).trim()) return String(speaker).trim();
  if (!words?.length) return null;
  const counts = new Map<string, number>();
  for (const w of words) {
    if (w.speaker === null || w.speaker === undefined) continue;
    const key = String(w.speaker);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}

/** Renames diarization labels to "Speaker N"; names a person gave are kept. */
function nameSpeakers(segments: TranscriptSegment[]): { segments: TranscriptSegment[]; anonymous: boolean } {
  const nameOf = anonymousSpeakerNamer();
  let anonymous = false;
  for (const s of segments) {
    if (s.speaker !== null && ANONYMOUS_SPEAKER_ID.test(s.speaker)) {
      s.speaker = nameOf(s.speaker);
      anonymous = true;
    }
  }
  return { segments, anonymous };
}

/**
 * True for parsed JSON from Whisper, WhisperX or whisper.cpp: `segments` with `start` and `text`,
 * `transcription` with `offsets` or `timestamps`, or `words` with `start` beside a `text`.
 */
export function looksLikeWhisperJson(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const first = (list: unknown): Record<string, unknown> | null => {
    const item: unknown = Array.isArray(list) ? list[0] : undefined;
    return item !== null && typeof item === "object" && !Array.isArray(item) ? (item as Record<string, unknown>) : null;
  };
  const cpp = first(v.transcription);
  if (cpp) return "offsets" in cpp || "timestamps" in cpp;
  const segment = first(v.segments);
  if (segment) return "start" in segment && "text" in segment && !("body" in segment);
  const word = first(v.words);
  if (word) return typeof v.text === "string" && "start" in word && "word" in word;
  return Array.isArray(v.segments) && typeof v.text === "string" && typeof v.language === "string";
}
