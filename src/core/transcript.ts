/**
 * The Transcript model: what every importer produces and everything downstream consumes.
 * Importers are pure functions from text to a Transcript; they never touch the library.
 */

/** Languages the analysis and UI know; `und` when detection is unsure. */
export type Language = "en" | "zh" | "und";

/** Every input format deeplisten recognises, named by what a user would call it. */
export const TRANSCRIPT_FORMATS = [
  "webvtt",
  "srt",
  "podcasting20-json",
  "html-transcript",
  "lexfridman",
  "speaker-timestamp-lines",
  "name-bracket-timestamp",
  "diarized-markdown",
  "whisper-json",
  "pickpod-json",
  "plain-text",
  /** Made by deeplisten from audio with a speech recogniser (src/asr), not read from a file. */
  "speech-recognition",
] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

export interface TranscriptSegment {
  /** Start on the episode timeline, in milliseconds. */
  startMs: number;
  /** End in milliseconds; always >= startMs. */
  endMs: number;
  /** Speaker's name as the source gives it, or null where the source names nobody. */
  speaker: string | null;
  /** The spoken words, once, as readable text. */
  text: string;
  /** 1-based line in the source file where this segment begins, for error messages. */
  sourceLine?: number;
}

export type ChapterSource = "published" | "detected";

export interface TranscriptChapter {
  title: string;
  startMs: number;
  /** Filled by normalisation from the next chapter's start or the episode's end. */
  endMs?: number;
  source: ChapterSource;
}

export type PersonRole = "host" | "guest" | "speaker";

export interface TranscriptPerson {
  name: string;
  role: PersonRole;
}

export interface Transcript {
  format: TranscriptFormat;
  title?: string;
  show?: string;
  language?: Language;
  people?: TranscriptPerson[];
  segments: TranscriptSegment[];
  chapters: TranscriptChapter[];
  /** Video the timestamps belong to (lexfridman.com timestamps are on the YouTube timeline). */
  videoUrl?: string;
  audioUrl?: string;
  /** True when times were estimated (diarized markdown has none): the UI says so. */
  timingEstimated?: boolean;
  /** True when speaker names are placeholders ("Speaker 1") the learner may rename. */
  speakersAnonymous?: boolean;
}
