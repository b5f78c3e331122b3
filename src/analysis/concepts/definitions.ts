import type { ConceptDefinition, ConceptMention } from "../types.js";
import { isStopword } from "./common-words.js";
import type { SentenceSpan, TokenisedSegment } from "./tokens.js";
import { singular } from "./variants.js";

/**
 * The transcript sentences that define or explain a concept, best first. A sentence scores by
 * how it speaks of the concept ("X is a ...", "X means", "called X", "what X does is", "the idea
 * of X", "X, which ...", Chinese "X是指 / 就是 / 叫做 / 所谓X") and by the vocabulary that comes with
 * the concept in this episode (for MoE: router, experts, sparse), so the passage where "a router
 * picks the expert" counts even when the sentence never says "mixture of experts".
 */

/** What the definition finder needs to know about the episode, built once. */
export interface DefinitionContext {
  byId: Map<number, TokenisedSegment>;
  /** Per segment, each token's vocabulary form (or null), aligned with its tokens. */
  vocabOf: Map<number, (string | null)[]>;
  /** Per segment, the index of each sentence's first token (one more entry: the token count). */
  firstToken: Map<number, number[]>;
  /** In how many segments of the episode each word (vocabulary form) occurs. */
  segmentsWithWord: Map<string, number>;
  /** Per segment, its distinct vocabulary words. */
  wordsOf: Map<number, string[]>;
}

/** Index the episode once: each token's vocabulary form, sentence ranges, and word spread over segments. */
export function definitionContext(segments: TokenisedSegment[]): DefinitionContext {
  const byId = new Map<number, TokenisedSegment>();
  const vocabOf = new Map<number, (string | null)[]>();
  const firstToken = new Map<number, number[]>();
  const segmentsWithWord = new Map<string, number>();
  const wordsOf = new Map<number, string[]>();
  const cache = new Map<string, string | null>();
  for (const seg of segments) {
    byId.set(seg.segment.id, seg);
    const forms = seg.tokens.map((t) => {
      let w = cache.get(t.lower);
      if (w === undefined) {
        w = vocabWord(t.lower);
        cache.set(t.lower, w);
      }
      return w;
    });
    vocabOf.set(seg.segment.id, forms);
    const first: number[] = [];
    let k = 0;
    for (let i = 0; i <= seg.sentences.length; i++) {
      while (k < seg.tokens.length && (seg.tokens[k] as { sentence: number }).sentence < i) k++;
      first.push(k);
    }
    firstToken.set(seg.segment.id, first);
    const words = [...new Set(forms)].filter((w): w is string => w !== null);
    wordsOf.set(seg.segment.id, words);
    for (const w of words) segmentsWithWord.set(w, (segmentsWithWord.get(w) ?? 0) + 1);
  }
  return { byId, vocabOf, firstToken, segmentsWithWord, wordsOf };
}

/** The form a word is counted under for the vocabulary, or null for words that carry no topic. */
function vocabWord(lower: string): string | null {
  if (lower.length < 3 || isStopword(lower) || /^[\d.,]+$/.test(lower) || lower.includes("'")) return null;
  return singular(lower);
}

interface Pattern {
  re: RegExp;
  score: number;
}

// Patterns are anchored on the words right after the mention (AFTER) or right before it (BEFORE),
// so they are compiled once and run on a few dozen characters: no per-concept regex over sentences.
const AFTER: Pattern[] = [
  {
    re: /^(?:s|es)?\s*,?\s+(?:is|are)\s+(?:a|an|the|basically|essentially|just|simply|when|where|how|like|kind of|sort of|one of|this|these|considered|called|used|about|all about)\b/i,
    score: 3,
  },
  {
    re: /^(?:s|es)?\s*,?\s+(?:means?|refers? to|stands? for|is short for|is defined as|describes?)\s+\p{L}/iu,
    score: 3,
  },
  { re: /^(?:s|es)?\s*(?:,|—|–)\s*(?:which|where|that is|i\.e\.|basically|essentially)\b/i, score: 2 },
  { re: /^\s*\(/, score: 1.5 },
  { re: /^(?:s|es)?\s+(?:is|are|was|were)\b/i, score: 1.5 },
  { re: /^\s*(?:是指|指的是|就是|也就是|也叫|叫做|即|意思是|是一种|是一个|是一类|是一種|是一個)/u, score: 3 },
  { re: /^\s*[，,]\s*(?:也就是|即|就是)/u, score: 2 },
];
const BEFORE: Pattern[] = [
  { re: /\b(?:called|known as|so-called|the term|named)\s+(?:(?:a|an|the)\s+)?["“]?$/i, score: 2.5 },
  { re: /\b(?:idea|concept|notion|point|goal|intuition)\s+(?:of|behind|with)\s+(?:(?:a|an|the)\s+)?$/i, score: 2.5 },
  { re: /\(\s*$/, score: 1.5 },
  { re: /\b(?:basically|essentially|in other words)\b.{0,40}$/i, score: 1 },
  { re: /(?:所谓的?|叫做|称为|被称为|称作)\s*["“「]?$/u, score: 2.5 },
];
/** "what X does is", "what MoE means is": an explanation, unless the sentence is a question. */
const WHAT_BEFORE = /\bwhat\s+(?:(?:a|an|the)\s+)?$/i;
const WHAT_AFTER = /^(?:s|es)?\s+(?:does|do|means?|is|are)\s+is\b/i;
/** "what is X?": the sentence after it is the answer. */
const QUESTION_BEFORE = /\bwhat(?:\s+(?:is|are)|['’]s)\s+(?:(?:a|an|the)\s+)?$/i;

/** How a sentence speaks of the mention at [start, end) of the segment text. */
function patternScore(
  text: string,
  sentence: SentenceSpan,
  start: number,
  end: number,
): { score: number; asks: boolean } {
  const after = text.slice(end, Math.min(sentence.end, end + 60));
  const before = text.slice(Math.max(sentence.start, start - 60), start);
  const isQuestion = text.slice(sentence.start, sentence.end).trimEnd().endsWith("?");
  let score = 0;
  for (const p of AFTER) if (p.score > score && p.re.test(after)) score = p.score;
  for (const p of BEFORE) if (p.score > score && p.re.test(before)) score = p.score;
  // "what X means is ..." explains; "talk about what X means." only promises to.
  if (WHAT_BEFORE.test(before)) score = !isQuestion && WHAT_AFTER.test(after) ? Math.max(score, 2.5) : 0;
  return { score, asks: isQuestion && QUESTION_BEFORE.test(before) };
}

const EXPLAINING =
  /\b(?:basically|essentially|the idea is|in other words|for example|for instance|instead of|you can think of|think of it|it's like|it’s like|which means|that means|so you have|the way it works)\b/i;

/** Max definitions kept per concept. */
const MAX_DEFINITIONS = 5;
const MIN_SCORE = 1.5;

/**
 * The sentences that define or explain a concept said under `names` at `mentions`, best first.
 * Looks at the mention's sentence and its neighbours in the same segment.
 */
export function findDefinitions(
  names: string[],
  mentions: ConceptMention[],
  ctx: DefinitionContext,
): ConceptDefinition[] {
  if (mentions.length === 0) return [];
  const own = new Set(names.flatMap((n) => n.toLowerCase().split(/[\s-]+/)).map((w) => singular(w)));
  const otherNames = appositionNames(names);
  // Which sentences of which segment say the concept, with the best pattern score of each.
  const mentionSentences = new Map<number, Map<number, { score: number; asks: boolean }>>();
  for (const m of mentions) {
    const seg = ctx.byId.get(m.segmentId);
    if (!seg) continue;
    const idx = sentenceAt(seg.sentences, m.start);
    if (idx < 0) continue;
    let said = mentionSentences.get(m.segmentId);
    if (!said) {
      said = new Map();
      mentionSentences.set(m.segmentId, said);
    }
    const found = patternScore(seg.segment.text, seg.sentences[idx] as SentenceSpan, m.start, m.end);
    if (found.score < APPOSITION_SCORE && saysOtherName(seg.segment.text, m.start, m.end, otherNames)) {
      found.score = APPOSITION_SCORE;
    }
    const prev = said.get(idx);
    if (!prev || found.score > prev.score || found.asks) {
      said.set(idx, { score: Math.max(found.score, prev?.score ?? 0), asks: found.asks || (prev?.asks ?? false) });
    }
  }
  const vocab = companionVocabulary(mentionSentences, ctx, own);
  // Texts are cut only for the best few: scored sentences stay as (segment, sentence index).
  const scored: { seg: TokenisedSegment; i: number; score: number }[] = [];
  for (const [segmentId, said] of mentionSentences) {
    const seg = ctx.byId.get(segmentId) as TokenisedSegment;
    const text = seg.segment.text;
    const look = new Set<number>();
    for (const i of said.keys())
      for (let d = -2; d <= 2; d++) if (i + d >= 0 && i + d < seg.sentences.length) look.add(i + d);
    const answers = new Set<number>();
    for (const i of [...look].sort((a, b) => a - b)) {
      const span = seg.sentences[i] as SentenceSpan;
      const sentence = text.slice(span.start, span.end);
      const mention = said.get(i);
      let score = 0;
      if (mention) {
        score += 1 + mention.score;
        if (mention.asks) {
          score -= 2;
          answers.add(i + 1);
        }
      }
      if (answers.has(i)) score += 2;
      const companions = countVocabulary(seg, i, vocab, ctx);
      if (!mention && companions < 2) continue;
      score += Math.min(2.4, 0.6 * companions);
      if (EXPLAINING.test(sentence)) score += 0.7;
      const first = ctx.firstToken.get(segmentId) ?? [];
      const words = (first[i + 1] ?? 0) - (first[i] ?? 0);
      if (words < 6 && !/[\u3400-\u9fff]/.test(sentence)) score -= 1.5;
      if (words > 70) score -= 1;
      if (sentence.trimEnd().endsWith("?") && !answers.has(i)) score -= 1;
      if (score < MIN_SCORE) continue;
      scored.push({ seg, i, score: Math.round(score * 100) / 100 });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.seg.segment.startMs - b.seg.segment.startMs || a.i - b.i);
  const out: ConceptDefinition[] = [];
  for (const { seg, i, score } of scored) {
    const d: ConceptDefinition = {
      segmentId: seg.segment.id,
      startMs: seg.segment.startMs,
      speaker: seg.segment.speaker,
      text: withFollowing(seg, i, vocab, ctx),
      score,
    };
    // Two mention sentences side by side give overlapping texts: keep the better one.
    if (out.some((o) => o.segmentId === d.segmentId && (o.text.includes(d.text) || d.text.includes(o.text)))) continue;
    out.push(d);
    if (out.length >= MAX_DEFINITIONS) break;
  }
  return out;
}

/** "Proximal Policy Optimization, PPO": a name glossed by another of its names says what it stands for. */
const APPOSITION_SCORE = 3;
const APPOSITION_GAP = /^\s*(?:,|\(|–|—|-)?\s*(?:or|aka|also called|also known as|i\.e\.|that is)?[\s,]*$/i;

/** The names worth looking for beside a mention: lowercase, long enough, one per spelling. */
function appositionNames(names: string[]): { lower: string; key: string }[] {
  const seen = new Set<string>();
  const out: { lower: string; key: string }[] = [];
  for (const n of names) {
    const key = n.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
    if (key.length < 2 || seen.has(key)) continue;
    seen.add(key);
    out.push({ lower: n.toLowerCase(), key });
  }
  return out;
}

/** True when another name of the concept (not a spelling of the one said) is said right before or after it. */
function saysOtherName(text: string, start: number, end: number, names: { lower: string; key: string }[]): boolean {
  if (names.length < 2) return false;
  const said = text
    .slice(start, end)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
  const after = text.slice(end, end + 80).toLowerCase();
  const before = text.slice(Math.max(0, start - 80), start).toLowerCase();
  for (const n of names) {
    // Plural and singular of one name are one spelling: "GPU, GPUs" glosses nothing.
    if (n.key.startsWith(said) || said.startsWith(n.key)) continue;
    const at = after.indexOf(n.lower);
    if (at >= 0 && at <= 12 && APPOSITION_GAP.test(after.slice(0, at))) return true;
    const bt = before.lastIndexOf(n.lower);
    if (
      bt >= 0 &&
      bt + n.lower.length >= before.length - 12 &&
      APPOSITION_GAP.test(before.slice(bt + n.lower.length))
    ) {
      return true;
    }
  }
  return false;
}

function sentenceAt(sentences: SentenceSpan[], offset: number): number {
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i] as SentenceSpan;
    if (offset >= s.start && offset < s.end) return i;
  }
  return -1;
}

/**
 * The words that come with the concept: said in at least two of the segments that say it, and
 * a quarter or more of all the segments that say them ("router" for MoE, not "model").
 */
function companionVocabulary(
  mentionSentences: Map<number, Map<number, unknown>>,
  ctx: DefinitionContext,
  own: Set<string>,
): Set<string> {
  const counts = new Map<string, number>();
  for (const segmentId of mentionSentences.keys()) {
    for (const w of ctx.wordsOf.get(segmentId) ?? []) {
      if (!own.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  const vocab = new Set<string>();
  for (const [w, c] of counts) {
    if (c >= 2 && c / (ctx.segmentsWithWord.get(w) ?? c) >= 0.25) vocab.add(w);
  }
  return vocab;
}

function countVocabulary(seg: TokenisedSegment, sentence: number, vocab: Set<string>, ctx: DefinitionContext): number {
  if (vocab.size === 0) return 0;
  const found = new Set<string>();
  const forms = ctx.vocabOf.get(seg.segment.id) ?? [];
  const first = ctx.firstToken.get(seg.segment.id) ?? [];
  const to = first[sentence + 1] ?? 0;
  for (let k = first[sentence] ?? 0; k < to; k++) {
    const w = forms[k];
    if (w && vocab.has(w)) found.add(w);
  }
  return found.size;
}

/** The sentence, with the next one when it is short or the next goes on explaining. */
function withFollowing(seg: TokenisedSegment, i: number, vocab: Set<string>, ctx: DefinitionContext): string {
  const text = seg.segment.text;
  const span = seg.sentences[i] as SentenceSpan;
  const next = seg.sentences[i + 1];
  const words = text.slice(span.start, span.end).split(/\s+/).length;
  if (next && (words < 15 || countVocabulary(seg, i + 1, vocab, ctx) >= 1) && next.end - span.start < 600) {
    return text.slice(span.start, next.end);
  }
  return text.slice(span.start, span.end);
}
