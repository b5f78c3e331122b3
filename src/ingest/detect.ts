import { ImportError, type TranscriptFormat } from "../core/index.js";
import { looksLikeDiarizedMarkdown } from "./diarized-markdown.js";
import { looksLikeHtmlTranscript } from "./html-transcript.js";
import { looksLikeLexFridmanHtml, looksLikeLexFridmanMarkdown } from "./lexfridman.js";
import { looksLikeNameBracketTimestamp } from "./name-bracket-timestamp.js";
import { looksLikePickpodJson } from "./pickpod-json.js";
import { looksLikePodcasting20Json } from "./podcasting20-json.js";
import { looksLikeFeed } from "./rss-feed.js";
import { looksLikeSpeakerTimestampLines } from "./speaker-timestamp-lines.js";
import { looksLikeSrt } from "./srt.js";
import { looksLikeWebVtt } from "./webvtt.js";
import { looksLikeWhisperJson } from "./whisper-json.js";

/**
 * A transcript format, or a feed (which holds episodes rather than being one). "speech-recognition"
 * transcripts are made by deeplisten from audio, never read from a file.
 */
export type DetectedFormat = Exclude<TranscriptFormat, "speech-recognition"> | "lexfridman-html" | "rss-feed";

/**
 * Tells the format from the content, not the name: a `.txt` that holds SRT is SRT. The file name
 * only breaks ties and shapes the error when nothing fits.
 */
export function detectFormat(text: string, fileName: string): DetectedFormat {
  const head = text.slice(0, 4096).trimStart();
  if (head.startsWith("{") || head.startsWith("[")) return detectJson(text, fileName);
  if (looksLikeWebVtt(text)) return "webvtt";
  if (looksLikeFeed(text)) return "rss-feed";
  if (/^<(?:!doctype html|html|head|body|div|section|article|p|cite)\b/i.test(head)) {
    if (looksLikeLexFridmanHtml(text)) return "lexfridman-html";
    if (looksLikeHtmlTranscript(text)) return "html-transcript";
    throw new ImportError(
      "this HTML page has no transcript deeplisten recognises (expected a lexfridman.com transcript page or a Podcasting 2.0 HTML transcript with <cite> and <time>)",
      { file: fileName },
    );
  }
  if (looksLikeSrt(text)) return "srt";
  if (looksLikeLexFridmanMarkdown(text)) return "lexfridman";
  if (looksLikeSpeakerTimestampLines(text)) return "speaker-timestamp-lines";
  if (looksLikeNameBracketTimestamp(text)) return "name-bracket-timestamp";
  if (looksLikeDiarizedMarkdown(text)) return "diarized-markdown";
  if (/\.(json|vtt|srt|xml|rss|html?)$/i.test(fileName)) {
    const ext = fileName.slice(fileName.lastIndexOf(".") + 1).toUpperCase();
    throw new ImportError(`the file is named .${ext.toLowerCase()} but its content is not ${ext}`, { file: fileName });
  }
  return "plain-text";
}

function detectJson(text: string, fileName: string): DetectedFormat {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Let the Podcasting 2.0 parser report the syntax error with its line and column.
    return "podcasting20-json";
  }
  if (looksLikePickpodJson(value)) return "pickpod-json";
  if (looksLikeWhisperJson(value)) return "whisper-json";
  if (looksLikePodcasting20Json(value)) return "podcasting20-json";
  if (value && typeof value === "object" && "chapters" in value) {
    throw new ImportError(
      "this is a chapters file, not a transcript; import the transcript, or import the feed item that links both",
      { file: fileName },
    );
  }
  throw new ImportError(
    'this JSON is not a transcript deeplisten knows: expected a Podcasting 2.0 transcript {"segments": [{"startTime", "endTime", "body"}]}, Whisper JSON {"segments": [{"start", "end", "text"}]} or pickpod {"sentence": [...]}',
    { file: fileName },
  );
}
