import { ImportError, type Language, type TranscriptChapter, type TranscriptPerson } from "../core/index.js";
import { decodeTranscriptBytes, type TextEncodingName } from "./decode.js";
import { type DetectedFormat, detectFormat } from "./detect.js";
import { parseDiarizedMarkdown } from "./diarized-markdown.js";
import { parseHtmlTranscript } from "./html-transcript.js";
import { parseLexFridmanHtml, parseLexFridmanMarkdown } from "./lexfridman.js";
import { parseNameBracketTimestamp } from "./name-bracket-timestamp.js";
import { type FinalTranscript, finalizeTranscript } from "./normalize.js";
import type { TranscriptParser } from "./parser.js";
import { parsePickpodJson } from "./pickpod-json.js";
import { parsePlainText } from "./plain-text.js";
import { parsePodcasting20Json } from "./podcasting20-json.js";
import { parseSpeakerTimestampLines } from "./speaker-timestamp-lines.js";
import { parseSrt } from "./srt.js";
import { parseWebVtt } from "./webvtt.js";
import { parseWhisperJson } from "./whisper-json.js";

export { parsePodcasting20Chapters } from "./chapters-json.js";
export { decodeTranscriptBytes, MAX_IMPORT_BYTES } from "./decode.js";
export { type DetectedFormat, detectFormat } from "./detect.js";
export type { FinalTranscript } from "./normalize.js";
export type { ParseContext, TranscriptParser } from "./parser.js";
export * from "./rss-feed.js";

const PARSERS: Record<Exclude<DetectedFormat, "rss-feed">, TranscriptParser> = {
  webvtt: parseWebVtt,
  srt: parseSrt,
  "podcasting20-json": parsePodcasting20Json,
  "html-transcript": parseHtmlTranscript,
  lexfridman: parseLexFridmanMarkdown,
  "lexfridman-html": parseLexFridmanHtml,
  "speaker-timestamp-lines": parseSpeakerTimestampLines,
  "name-bracket-timestamp": parseNameBracketTimestamp,
  "diarized-markdown": parseDiarizedMarkdown,
  "whisper-json": parseWhisperJson,
  "pickpod-json": parsePickpodJson,
  "plain-text": parsePlainText,
};

export interface ParsedFile {
  transcript: FinalTranscript;
  detected: DetectedFormat;
  encoding: TextEncodingName;
}

/**
 * Bytes in, checked transcript out: decode, detect the format by content, parse, finalise.
 * Pure apart from CPU: nothing is written anywhere, so a failure here changes nothing.
 */
export function parseTranscriptBytes(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): ParsedFile {
  const { text, encoding } = decodeTranscriptBytes(bytes, fileName);
  return parseTranscriptText(text, fileName, options, encoding);
}

/**
 * What the learner or a feed knows better than the file: the language, the people (a feed's
 * `podcast:person` tags) and the chapters (a feed's `podcast:chapters`).
 */
export interface ParseOptions {
  language?: Language;
  people?: TranscriptPerson[];
  chapters?: TranscriptChapter[];
}

/** The same as parseTranscriptBytes for text already decoded. */
export function parseTranscriptText(
  text: string,
  fileName: string,
  options: ParseOptions = {},
  encoding: TextEncodingName = "utf-8",
): ParsedFile {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const detected = detectFormat(text, fileName);
  if (detected === "rss-feed") {
    throw new ImportError(
      "this is a podcast feed, not one episode: list its episodes with `deeplisten feed <feed>` and import one with `deeplisten import <feed> --item N`",
      { file: fileName },
    );
  }
  const parse = PARSERS[detected];
  let transcript: FinalTranscript;
  try {
    const parsed = parse(text, { fileName });
    if (options.people?.length) parsed.people = options.people;
    if (options.chapters?.length) parsed.chapters = options.chapters;
    transcript = finalizeTranscript(parsed, fileName, options.language);
  } catch (error) {
    if (error instanceof ImportError) throw error.withFile(fileName);
    if (error instanceof RangeError || error instanceof TypeError || error instanceof SyntaxError) {
      throw new ImportError(`the ${detected} file could not be read (${error.message})`, { file: fileName });
    }
    throw error;
  }
  return { transcript, detected, encoding };
}
