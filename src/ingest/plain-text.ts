import type { Language, Transcript, TranscriptSegment } from "../core/index.js";
import {
  countWords,
  decodeEntities,
  detectLanguage,
  hasCjk,
  ImportError,
  normalizeSpace,
  SPEECH_RATE_PER_MINUTE,
} from "../core/index.js";
import type { ParseContext } from "./parser.js";
import { splitLines } from "./speaker-timestamp-lines.js";

/*
 * Plain text: whatever is left when nothing else fits, including a whole episode of unpunctuated
 * ASR output on one line (Lex #333 in the corpus). It has no times and no speakers, so it is cut into
 * readable pieces and timed by how long the words take to say.
 */

/** Segment size for text without paragraphs: long enough to read as a thought, short enough to cite. */
const MIN_WORDS = 30;
const MAX_WORDS = 60;
/** A punctuated paragraph longer than this is cut at sentence ends. */
const PARAGRAPH_WORDS = 80;
/** Chinese: gather sentences up to about this many characters; never exceed the hard limit. */
const ZH_TARGET_CHARS = 80;
const ZH_MAX_CHARS = 150;

/** Words that usually open a new thought in speech: the places to cut an unpunctuated run. */
const DISCOURSE_STARTS = new Set(["so", "okay", "ok", "now", "but", "yeah", "well", "anyway", "alright", "because"]);
const DISCOURSE_PAIRS = new Set(["and then", "and so", "all right", "you know", "i mean", "by the way"]);
/** ...unless the word before or after shows it sits mid-sentence ("right now", "as well", "so much"). */
const NOT_AFTER: Record<string, Set<string>> = {
  now: new Set(["right", "just", "until", "by", "for", "from", "even", "till"]),
  so: new Set(["not", "do", "does", "is", "was", "are", "think", "hope", "even", "just", "it's", "that's", "be", "or"]),
  well: new Set([
    "as",
    "very",
    "pretty",
    "so",
    "really",
    "quite",
    "work",
    "works",
    "worked",
    "do",
    "does",
    "did",
    "go",
    "goes",
    "went",
    "done",
    "doing",
    "going",
  ]),
  because: new Set(["just", "partly", "mostly", "only"]),
};
const NOT_BEFORE: Record<string, Set<string>> = {
  so: new Set([
    "much",
    "many",
    "far",
    "long",
    "that",
    "to",
    "good",
    "bad",
    "big",
    "hard",
    "easy",
    "cool",
    "called",
    "fast",
  ]),
  well: new Set(["known", "defined", "understood"]),
};
/** Weaker openers, used only when a run reaches MAX_WORDS without a discourse word. */
const WEAK_STARTS = new Set(["and", "i", "we", "you", "it's", "that's", "there's", "what", "how", "why", "which"]);

/** One piece of speech before its times are known. */
export interface UntimedUnit {
  speaker: string | null;
  text: string;
  sourceLine: number;
}

/**
 * Parses plain text into readable segments with estimated times and no speaker: paragraphs where
 * the text has them, sentences grouped where a paragraph is long, and for an unpunctuated ASR run,
 * pieces of roughly 30-60 words cut before words that open a new thought ("so", "and then", "but").
 * Chinese is cut at 。！？ and then by length.
 * @throws ImportError when the file holds no words.
 */
export function parsePlainText(text: string, ctx: ParseContext): Transcript {
  const lines = splitLines(text);
  const language = detectLanguage(text.length > 200_000 ? text.slice(0, 200_000) : text);
  const units: UntimedUnit[] = [];
  // With blank lines the text has paragraphs; without, each line is one (one paragraph per line).
  const hasBlankLines = lines.some((l, i) => i > 0 && i < lines.length - 1 && !l.trim());
  let para: { text: string; lineStarts: { offset: number; line: number }[] } | null = null;
  const flush = () => {
    if (para) units.push(...splitParagraph(para.text, para.lineStarts));
    para = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = normalizeSpace(decodeEntities(lines[i] ?? ""));
    if (!line) {
      flush();
      continue;
    }
    if (!para) para = { text: line, lineStarts: [{ offset: 0, line: i + 1 }] };
    else {
      const sep = hasCjk(para.text.slice(-1)) && hasCjk(line[0] ?? "") ? "" : " ";
      para.lineStarts.push({ offset: para.text.length + sep.length, line: i + 1 });
      para.text += sep + line;
    }
    if (!hasBlankLines) flush();
  }
  flush();

  if (units.length === 0) {
    throw new ImportError("no text found: the file is empty", { file: ctx.fileName });
  }
  return {
    format: "plain-text",
    language,
    segments: estimateTimeline(units, language),
    chapters: [],
    timingEstimated: true,
  };
}

/**
 * Times for speech that has none: each unit starts when the words before it would have been said
 * at the language's speaking rate, and lasts as long as its own words take.
 */
export function estimateTimeline(units: UntimedUnit[], language: Language): TranscriptSegment[] {
  const msPerWord = 60_000 / SPEECH_RATE_PER_MINUTE[language];
  const segments: TranscriptSegment[] = [];
  let words = 0;
  for (const u of units) {
    const n = countWords(u.text);
    const startMs = Math.round(words * msPerWord);
    words += n;
    segments.push({
      startMs,
      endMs: Math.round(words * msPerWord),
      speaker: u.speaker,
      text: u.text,
      sourceLine: u.sourceLine,
    });
  }
  return segments;
}

/** Cuts one paragraph into readable pieces, each with the line it starts on. */
function splitParagraph(text: string, lineStarts: { offset: number; line: number }[]): UntimedUnit[] {
  const ranges = isMostlyCjk(text) ? splitChinese(text) : splitLatin(text);
  const units: UntimedUnit[] = [];
  let li = 0;
  for (const [from, to] of ranges) {
    const piece = text.slice(from, to).trim();
    if (!piece) continue;
    while (li + 1 < lineStarts.length && (lineStarts[li + 1]?.offset ?? Infinity) <= from) li++;
    units.push({ speaker: null, text: piece, sourceLine: lineStarts[li]?.line ?? 1 });
  }
  return units;
}

function isMostlyCjk(text: string): boolean {
  return detectLanguage(text.slice(0, 2000)) === "zh";
}

/** [from, to) ranges of a Latin-script paragraph. */
function splitLatin(text: string): [number, number][] {
  const tokens = [...text.matchAll(/\S+/g)].map((m) => ({ word: m[0], at: m.index ?? 0 }));
  if (tokens.length <= PARAGRAPH_WORDS) return [[0, text.length]];
  const sentenceEnds = tokens.filter((t) => /[.!?…]["'”’)\]]*$/u.test(t.word)).length;
  // Real punctuation (one sentence end per ~40 words or better): cut at sentence ends.
  if (sentenceEnds * 40 >= tokens.length) return groupSentences(text, tokens);
  return splitUnpunctuated(text, tokens, 0, tokens.length);
}

/** Sentences gathered to MIN_WORDS..PARAGRAPH_WORDS; one overlong sentence falls back to discourse cuts. */
function groupSentences(text: string, tokens: { word: string; at: number }[]): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const count = i - start + 1;
    const endsSentence = /[.!?…]["'”’)\]]*$/u.test(tokens[i]?.word ?? "");
    if ((endsSentence && count >= MIN_WORDS) || i === tokens.length - 1) {
      ranges.push(
        ...(count > PARAGRAPH_WORDS
          ? splitUnpunctuated(text, tokens, start, i + 1)
          : [span(text, tokens, start, i + 1)]),
      );
      start = i + 1;
    }
  }
  return ranges;
}

/**
 * Cuts tokens [from, to) into pieces of MIN_WORDS..MAX_WORDS, before a discourse word where one
 * comes, else before a weaker opener near the limit, else at the limit. Cuts fall between tokens,
 * never inside a word.
 */
function splitUnpunctuated(
  text: string,
  tokens: { word: string; at: number }[],
  from: number,
  to: number,
): [number, number][] {
  const cuts: number[] = [from];
  let start = from;
  for (let i = from; i < to; i++) {
    const count = i - start;
    if (count >= MIN_WORDS && opensThought(tokens, i)) {
      // "and so", "but now": the conjunction opens the new piece with its discourse word.
      const cut = /^(?:and|but|or)$/.test(bare(tokens[i - 1]?.word)) && count > MIN_WORDS ? i - 1 : i;
      cuts.push(cut);
      start = cut;
    } else if (count >= MAX_WORDS) {
      let cut = i;
      for (let j = i; j > i - 15 && j > start + MIN_WORDS; j--) {
        if (WEAK_STARTS.has(bare(tokens[j]?.word))) {
          cut = j;
          break;
        }
      }
      cuts.push(cut);
      start = cut;
    }
  }
  // A short tail reads better as the end of the piece before it.
  if (cuts.length > 1 && to - (cuts[cuts.length - 1] ?? 0) < 10) cuts.pop();
  return cuts.map((c, k) => span(text, tokens, c, cuts[k + 1] ?? to));
}

function opensThought(tokens: { word: string }[], i: number): boolean {
  const w = bare(tokens[i]?.word);
  const next = bare(tokens[i + 1]?.word);
  if (DISCOURSE_STARTS.has(w)) {
    return !NOT_AFTER[w]?.has(bare(tokens[i - 1]?.word)) && !NOT_BEFORE[w]?.has(next);
  }
  return DISCOURSE_PAIRS.has(`${w} ${next}`) || DISCOURSE_PAIRS.has(`${w} ${next} ${bare(tokens[i + 2]?.word)}`);
}

function bare(word: string | undefined): string {
  return (word ?? "").toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}']+$/gu, "");
}

function span(text: string, tokens: { word: string; at: number }[], from: number, to: number): [number, number] {
  const last = tokens[to - 1];
  return [tokens[from]?.at ?? 0, last ? last.at + last.word.length : text.length];
}

/** [from, to) ranges of Chinese text: sentences at 。！？, gathered to ~80 characters, long ones cut by length. */
function splitChinese(text: string): [number, number][] {
  const sentences: [number, number][] = [];
  for (const m of text.matchAll(/[^。！？!?]+(?:[。！？!?]+[」』”’"）)]*|$)/gu)) {
    const at = m.index ?? 0;
    sentences.push(...cutByLength(text, at, at + m[0].length));
  }
  const ranges: [number, number][] = [];
  for (const [from, to] of sentences) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] - last[0] < ZH_TARGET_CHARS && to - last[0] <= ZH_MAX_CHARS) last[1] = to;
    else ranges.push([from, to]);
  }
  return ranges;
}

/** A sentence longer than the limit is cut after a ，；、 near the limit, or at the limit. */
function cutByLength(text: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  while (to - start > ZH_MAX_CHARS) {
    let cut = start + ZH_MAX_CHARS;
    for (let j = cut; j > start + ZH_TARGET_CHARS / 2; j--) {
      if (/[，；、,;：:]/u.test(text[j - 1] ?? "")) {
        cut = j;
        break;
      }
    }
    // Never split a Latin word inside Chinese text, nor a surrogate pair (a rare CJK extension character).
    while (cut > start + 1 && /[A-Za-z0-9]/.test(text[cut - 1] ?? "") && /[A-Za-z0-9]/.test(text[cut] ?? "")) cut--;
    if (/[\udc00-\udfff]/.test(text[cut] ?? "")) cut--;
    out.push([start, cut]);
    start = cut;
  }
  out.push([start, to]);
  return out;
}
