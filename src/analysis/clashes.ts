import {
  ADDRESSING_MARKERS,
  AGREEMENT_MARKERS,
  CHALLENGE_MARKERS,
  OPENER_MARKERS,
  PUSHBACK_MARKERS_EN,
  PUSHBACK_MARKERS_ZH,
} from "./clash-markers.js";
import { type TopicNamer, topicNamer } from "./clash-topic.js";
import type { AnalysisInput, AnalysisSegment, ClashMoment } from "./types.js";

/**
 * Moments where one speaker pushes back on another, for the pass-2 re-listen playlist: a turn that
 * opens with (or soon says) "I disagree", "I'm not sure that's", "我不同意"... right after another
 * voice made a claim. Weak markers ("but I think") count only near the start of a turn; a marker
 * inside a question, or a turn that opens by agreeing, counts less. Back-and-forth exchanges merge
 * into one moment. Speaker labels are needed to tell two voices apart, but transcripts mislabel
 * (a guest's answer filed under the host), so labels only gate, never score.
 */

/** Concept names said in a segment (from the concept extractor), to name what a clash is about. */
export type ConceptsAt = (segmentId: number) => string[];

/** How many segments back the claim may be (the pushback may follow a short interjection). */
const CLAIM_REACH = 3;
/** A pushback turn this many segments after the last one continues the same exchange... */
const MERGE_GAP = 2;
/** ...if it also starts within this time of the last one, so an exchange stays a moment to re-listen to. */
const MERGE_GAP_MS = 90_000;
/** Score a moment needs (a strong marker at the start of a turn is about 4.5). */
const MIN_SCORE = 2.7;
const QUOTE_CHARS = 300;

interface MarkerHit {
  at: number;
  end: number;
  weight: number;
}

interface Pushback {
  claim: number;
  push: number;
  score: number;
  /** Offset in the pushback text of the strongest marker. */
  markerAt: number;
}

/** The clash moments of an episode, in time order. Pure. */
export function findClashes(input: AnalysisInput, conceptsAt?: ConceptsAt): ClashMoment[] {
  const segments = input.segments;
  const found: Pushback[] = [];
  for (let j = 1; j < segments.length; j++) {
    const segment = segments[j] as AnalysisSegment;
    if (!segment.speaker) continue;
    const claim = findClaim(segments, j);
    if (claim < 0) continue;
    const turnStart = segments[j - 1]?.speaker !== segment.speaker;
    const scored = scorePushback(segment.text, turnStart);
    if (scored.score <= 0) continue;
    const claimText = normalise((segments[claim] as AnalysisSegment).text);
    let score = scored.score;
    if (CHALLENGE_MARKERS.some((m) => claimText.includes(m))) {
      // The other voice set up an opposing view: the reply rebuts it.
      score += 1.5;
    } else if (/[?？]\s*$/.test(claimText) && scored.best < 3) {
      // Answering a question ("Did you name Llama?" "No.") is not pushing back on a claim.
      score *= 0.4;
    }
    const head = normalise(segment.text.slice(0, 200));
    // "You mentioned..." makes a turn a reply; it strengthens a real marker but is none itself.
    if (scored.best >= 2 && ADDRESSING_MARKERS.some((m) => head.includes(m))) score += 0.5;
    found.push({ claim, push: j, score, markerAt: scored.markerAt });
  }
  const moments: ClashMoment[] = [];
  let topicOf: TopicNamer | null = null;
  for (const group of mergeExchanges(segments, found)) {
    const score = groupScore(group);
    if (score < MIN_SCORE) continue;
    topicOf ??= topicNamer(input, conceptsAt);
    moments.push(toMoment(segments, group, score, topicOf));
  }
  return moments;
}

/**
 * The claim a segment answers: the nearest earlier segment within reach said by another labelled
 * voice, passing over a short interjection ("You were going to say something?") to the substantive
 * turn before it; -1 when there is none.
 */
function findClaim(segments: AnalysisSegment[], j: number): number {
  const speaker = segments[j]?.speaker;
  let nearest = -1;
  for (let i = j - 1; i >= 0 && i >= j - CLAIM_REACH; i--) {
    const other = segments[i]?.speaker;
    if (!other || other === speaker) continue;
    if (nearest < 0) nearest = i;
    if (countWordsRough((segments[i] as AnalysisSegment).text) >= 12) return i;
  }
  return nearest;
}

function countWordsRough(text: string): number {
  const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  return cjk / 2 + (text.replace(/[\u3400-\u9fff]/g, " ").match(/\S+/g)?.length ?? 0);
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[’‘]/g, "'");
}

/** Pushback strength of a turn's text: markers weighted by strength and by how early they come. */
export function scorePushback(text: string, turnStart: boolean): { score: number; best: number; markerAt: number } {
  const lower = normalise(text);
  const hits = markerHits(lower);
  let total = 0;
  let best = 0;
  let markerAt = -1;
  let bestContribution = 0;
  for (const hit of hits) {
    if (inQuestion(lower, hit.at)) continue;
    // A marker that opens the turn is a reply; deep inside a monologue it is usually a hedge.
    const opening = hit.at < 25 && turnStart;
    const position = opening ? 2 : hit.at < 150 ? (turnStart ? 1.5 : 1) : hit.at < 400 ? 0.7 : 0.35;
    const contribution = hit.weight * position;
    total += contribution;
    if (contribution > bestContribution) {
      bestContribution = contribution;
      best = hit.weight;
      markerAt = hit.at;
    }
  }
  // Diminishing returns: one clear marker counts fully, the rest half.
  let score = bestContribution + 0.5 * (total - bestContribution);
  const head = lower.slice(0, 60);
  if (AGREEMENT_MARKERS.some((a) => head.includes(a))) score *= 0.5;
  return { score, best, markerAt };
}

const MARKERS = [...PUSHBACK_MARKERS_EN, ...PUSHBACK_MARKERS_ZH].sort((a, b) => b.text.length - a.text.length);
const MARKER_WEIGHT = new Map(MARKERS.map((m) => [m.text, m.weight]));
// One alternation, longest first, so each place matches its longest marker in a single pass.
const MARKER_PATTERN = new RegExp(MARKERS.map((m) => m.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");

const DESCRIBING_OTHERS = /\b(?:you|you're|you are|they|they're|people|he|she)\s+(?:often\s+|really\s+|are\s+)?$/;

/** Marker occurrences, the longest at each place ("i don't think so" over "i don't think"). */
function markerHits(lower: string): MarkerHit[] {
  const hits: MarkerHit[] = [];
  // Openers count only as the first word of the segment (after "Yeah," or "Okay,").
  const start = lower.replace(/^(?:(?:yeah|yes|okay|ok|so|i mean|嗯|对)[,，.\s]+)+/, "");
  const offset = lower.length - start.length;
  for (const m of lower.matchAll(MARKER_PATTERN)) {
    const at = m.index ?? 0;
    // English markers are whole words: "skeptical" not inside "unskeptical".
    if (/^[a-z]/.test(m[0]) && at > 0 && /[a-z]/.test(lower[at - 1] as string)) continue;
    // "So you push back against doomers" describes the other's stance; it is not a pushback.
    if (DESCRIBING_OTHERS.test(lower.slice(Math.max(0, at - 12), at))) continue;
    hits.push({ at, end: at + m[0].length, weight: MARKER_WEIGHT.get(m[0]) ?? 0 });
  }
  // An opener inside a longer marker ("but" in "yeah, but") is already counted by it.
  const opener = OPENER_MARKERS.find((m) => start.startsWith(m.text));
  const end = offset + (opener?.text.length ?? 0);
  if (opener && !hits.some((h) => offset < h.end && h.at < end))
    hits.unshift({ at: offset, end, weight: opener.weight });
  return hits;
}

/** True when the sentence holding `at` is a question (a question asks, it does not push back). */
function inQuestion(lower: string, at: number): boolean {
  const rest = lower.slice(at);
  const end = rest.search(/[.!?。！？]/);
  return end >= 0 && /[?？]/.test(rest[end] as string);
}

/** Pushbacks that follow each other within a few segments are one exchange. */
function mergeExchanges(segments: AnalysisSegment[], found: Pushback[]): Pushback[][] {
  const groups: Pushback[][] = [];
  for (const p of found) {
    const last = groups.at(-1);
    const lastPush = last?.at(-1)?.push ?? -1;
    const near =
      lastPush >= 0 &&
      p.claim <= lastPush + MERGE_GAP &&
      (segments[p.push] as AnalysisSegment).startMs - (segments[lastPush] as AnalysisSegment).endMs <= MERGE_GAP_MS;
    if (last && near) last.push(p);
    else groups.push([p]);
  }
  return groups;
}

/** An exchange scores its strongest pushback, plus some for each other one; more if both sides push. */
function groupScore(group: Pushback[]): number {
  const scores = group.map((p) => p.score).sort((a, b) => b - a);
  const rest = scores.slice(1).reduce((a, b) => a + b, 0);
  return (scores[0] ?? 0) + 0.4 * rest;
}

function toMoment(segments: AnalysisSegment[], group: Pushback[], score: number, topicOf: TopicNamer): ClashMoment {
  const strongest = group.reduce((a, b) => (b.score > a.score ? b : a));
  const from = Math.min(...group.map((p) => p.claim));
  const to = Math.max(...group.map((p) => p.push));
  const ids = new Set<number>();
  for (const p of group) {
    ids.add(p.claim);
    ids.add(p.push);
  }
  const pusher = segments[strongest.push] as AnalysisSegment;
  const speakers: string[] = [pusher.speaker as string];
  for (const i of [...ids].sort((a, b) => a - b)) {
    const s = segments[i]?.speaker;
    if (s && !speakers.includes(s)) speakers.push(s);
  }
  return {
    startMs: (segments[from] as AnalysisSegment).startMs,
    endMs: (segments[to] as AnalysisSegment).endMs,
    segmentIds: [...ids].sort((a, b) => a - b).map((i) => (segments[i] as AnalysisSegment).id),
    speakers,
    topic: topicOf([...ids].sort((a, b) => a - b)),
    quote: pushbackQuote(turnText(segments, strongest.push), strongest.markerAt),
    conceptKeys: [],
    // A strong marker at the start of a turn gives about 0.7; a heated back-and-forth nears 0.95.
    confidence: Math.round(Math.min(0.97, 1 - Math.exp(-score / 4)) * 100) / 100,
  };
}

/** A pushback segment's text, with the same speaker's next segment when it is only a word or two ("No."). */
function turnText(segments: AnalysisSegment[], i: number): string {
  const segment = segments[i] as AnalysisSegment;
  const next = segments[i + 1];
  if (segment.text.length >= 60 || !next || next.speaker !== segment.speaker) return segment.text;
  return `${segment.text} ${next.text}`;
}

/**
 * The pushback in the speaker's words: from the start of the sentence holding the marker (or from
 * the start of the turn when the marker comes early), whole sentences up to about 300 characters.
 */
export function pushbackQuote(text: string, markerAt: number): string {
  const sentences = splitSentences(text);
  let first = sentences.findIndex((s) => s.end > markerAt);
  if (first < 0 || markerAt < 150) first = 0;
  let quote = "";
  for (let k = first; k < sentences.length; k++) {
    const s = sentences[k] as { text: string };
    if (quote && quote.length + s.text.length + 1 > QUOTE_CHARS) break;
    quote = quote ? `${quote} ${s.text}` : s.text;
    if (quote.length >= QUOTE_CHARS * 0.6) break;
  }
  if (quote.length <= QUOTE_CHARS + 40) return quote;
  const cut = quote.slice(0, QUOTE_CHARS);
  const lastSpace = cut.lastIndexOf(" ");
  return `${cut.slice(0, lastSpace > QUOTE_CHARS / 2 ? lastSpace : QUOTE_CHARS).replace(/[,;:—-]+$/, "")}…`;
}

function splitSentences(text: string): { text: string; end: number }[] {
  const out: { text: string; end: number }[] = [];
  const re = /[^.!?。！？]+(?:[.!?。！？]+["”’)]*|$)/gu;
  for (const m of text.matchAll(re)) {
    const t = m[0].trim();
    if (t) out.push({ text: t, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}
