import type { AnalysisSegment } from "../types.js";

/** A Latin word of a segment with its character span (CJK text is left to the Chinese extractor). */
export interface Token {
  /** As written, without a trailing possessive `'s`. */
  text: string;
  /** Lowercase, curly apostrophes made straight. */
  lower: string;
  start: number;
  end: number;
  /** Punctuation (or a Chinese character) separates it from the previous token: phrases never span it. */
  breakBefore: boolean;
  /** First token of its sentence: its capital letter says nothing about being a name. */
  sentenceStart: boolean;
  /** Index of its sentence in `TokenisedSegment.sentences`. */
  sentence: number;
}

/** A sentence as a character span of the segment's text. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/** A segment cut into sentences and Latin tokens once, shared by every concept step. */
export interface TokenisedSegment {
  segment: AnalysisSegment;
  sentences: SentenceSpan[];
  tokens: Token[];
}

// Latin letters and digits only, so Chinese text yields its embedded "DeepSeek R1", "GPU" and nothing else.
// Inner joiners keep "GPT-5.1", "Z.ai", "gpt-oss-120b", "pass@k", "K/V" whole.
// Explicit ranges rather than \p{Script=Latin}: the same letters for transcripts, and much faster.
const TOKEN =
  /[A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF]+(?:[-.'’@/+][A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF]+)*/g;
const POSSESSIVE = /['’]s$/i;
// A sentence ends at . ! ? … (or their Chinese forms) followed by space or the end; Chinese stops need no space.
const SENTENCE_END = /[.!?…]+["'”’)]*(?=\s|$)|[。！？；]+/gu;

/** Split a text into sentence spans (regex, not Intl.Segmenter: it is fast on long paragraphs). */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let from = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = (m.index ?? 0) + m[0].length;
    pushTrimmed(text, from, end, spans);
    from = end;
  }
  pushTrimmed(text, from, text.length, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, out: SentenceSpan[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? "")) s++;
  while (e > s && /\s/.test(text[e - 1] ?? "")) e--;
  if (e > s) out.push({ start: s, end: e });
}

/** Cut one segment into sentences and tokens. */
export function tokeniseSegment(segment: AnalysisSegment): TokenisedSegment {
  const text = segment.text;
  const sentences = splitSentences(text);
  const tokens: Token[] = [];
  let sentence = 0;
  let prevEnd = -1;
  let prevPossessive = false;
  for (const m of text.matchAll(TOKEN)) {
    let start = m.index ?? 0;
    let raw = m[0];
    // A leading "'" or trailing "." belongs to the punctuation, not the word.
    while (raw.length > 1 && /['’]/.test(raw[0] ?? "")) {
      raw = raw.slice(1);
      start++;
    }
    const possessive = POSSESSIVE.test(raw) && raw.length > 2;
    if (possessive) raw = raw.slice(0, -2);
    const end = start + raw.length;
    while (sentence < sentences.length - 1 && start >= (sentences[sentence]?.end ?? 0)) sentence++;
    // Usually one space: no slice or regex needed.
    const plainGap = start - prevEnd === 1 && text.charCodeAt(prevEnd) === 32;
    const gap = prevEnd < 0 || plainGap ? "" : text.slice(prevEnd, start);
    const sentenceStart =
      prevEnd < 0 || (start >= (sentences[sentence]?.start ?? 0) && prevEnd <= (sentences[sentence]?.start ?? 0));
    tokens.push({
      text: raw,
      lower: raw.toLowerCase().replace(/’/g, "'"),
      start,
      end,
      breakBefore: prevEnd < 0 || sentenceStart || prevPossessive || /[^\s]/.test(gap),
      sentenceStart,
      sentence,
    });
    prevEnd = end + (possessive ? 2 : 0);
    prevPossessive = possessive;
  }
  return { segment, sentences, tokens };
}

/** Tokenise every segment of an episode. */
export function tokeniseSegments(segments: AnalysisSegment[]): TokenisedSegment[] {
  return segments.map(tokeniseSegment);
}
