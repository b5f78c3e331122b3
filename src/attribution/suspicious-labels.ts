import { countWords } from "../core/index.js";
import {
  addressedSpeakers,
  asksListeners,
  callName,
  endsWithQuestion,
  questionCount,
  startsAsContinuation,
  startsMidSentence,
} from "./label-cues.js";
import { buildVoiceModel, type VoiceModel } from "./voice-model.js";

/**
 * Speaker labels worth a second look, with the likely right speaker. Scraped transcripts carry the
 * host's name onto a guest's answer and diarization swaps voices; three shapes give them away:
 *
 * - "host-labelled-answer": a long paragraph under the host's name right after the host asked a
 *   question, or carrying on a guest's answer ("And ...", with no question of its own);
 * - "addresses-self": a paragraph that addresses a speaker by name while labelled as that speaker;
 * - "answers-own-question": a turn that asks a question and then answers it at length.
 *
 * Shape alone over-flags (hosts also comment at length), so each candidate is weighed with how the
 * paragraph sounds: a naive-Bayes voice model learned from the episode's own labels, refit once with
 * the suspects left out. Pure: segments in, suggestions out.
 */

/** A labelled paragraph. */
export interface LabelledSegment {
  id: number;
  startMs: number;
  speaker: string | null;
  text: string;
}

export interface SuspiciousLabelInput {
  segments: readonly LabelledSegment[];
  /** The host's label; guessed (the speaker who asks most questions) when absent. */
  host?: string | null;
}

export type SuspicionRule = "host-labelled-answer" | "addresses-self" | "answers-own-question";

/** One paragraph whose label looks wrong. */
export interface LabelSuggestion {
  segmentId: number;
  startMs: number;
  /** The label it has. */
  labelled: string;
  /** Who probably says it. */
  suggested: string;
  rule: SuspicionRule;
  /** 0..1, how sure the suggestion is; suggestions are returned in time order. */
  confidence: number;
  /** Plain-language reasons, for the review list. */
  reasons: string[];
}

/** Host paragraphs shorter than this are interjections ("Yeah, sure."), not answers. */
export const MIN_ANSWER_WORDS = 20;
/** A host paragraph ending in a question and shorter than this is a question, whatever it sounds like. */
const SHORT_QUESTION_WORDS = 40;
/** A voice difference of 0.1 nats per feature counts as much as one structural cue. */
const VOICE_WEIGHT = 8;
/**
 * How much better another guest must sound than the one answering before to be suggested instead;
 * three times as much when the paragraph visibly carries on ("And then...") a paragraph already
 * suspected, whose guest is then known.
 */
const GUEST_MARGIN = 0.05;
/** Score a host-labelled paragraph needs to be suggested. */
const THRESHOLD = 0.8;

/** Suspicious speaker labels of an episode, in time order. */
export function suggestSpeakerLabels(input: SuspiciousLabelInput): LabelSuggestion[] {
  const segments = input.segments;
  const speakers = distinctSpeakers(segments);
  const host = input.host && speakers.includes(input.host) ? input.host : guessHost(segments, speakers);
  const found = new Map<number, LabelSuggestion>();

  for (const s of addressesSelf(segments, speakers, host)) found.set(s.index, s.suggestion);

  const others = speakers.filter((s) => s !== host);
  if (host && others.length > 0) {
    // First pass with every label trusted; second with the suspects out of the profiles, so the
    // host's profile no longer contains the guests' answers filed under the host's name.
    const first = scoreHostParagraphs(segments, host, others, buildVoiceModel(segments), new Map());
    const suspects = new Map(first.filter((c) => c.score >= THRESHOLD).map((c) => [c.index, c.suggestion.suggested]));
    const second = scoreHostParagraphs(
      segments,
      host,
      others,
      buildVoiceModel(segments, new Set(suspects.keys())),
      suspects,
    );
    for (const c of second) if (c.score >= THRESHOLD && !found.has(c.index)) found.set(c.index, c.suggestion);
  }
  for (const s of answersOwnQuestion(segments, speakers, host))
    if (!found.has(s.index)) found.set(s.index, s.suggestion);

  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
}

/** The speaker who asks the most questions (ties: who speaks first): on a podcast, the host. */
export function guessHost(segments: readonly LabelledSegment[], speakers = distinctSpeakers(segments)): string | null {
  if (speakers.length < 2) return null;
  const asked = new Map<string, number>();
  for (const s of segments) if (s.speaker) asked.set(s.speaker, (asked.get(s.speaker) ?? 0) + questionCount(s.text));
  let best: string | null = null;
  for (const name of speakers) if (best === null || (asked.get(name) ?? 0) > (asked.get(best) ?? 0)) best = name;
  return best;
}

interface Candidate {
  index: number;
  score: number;
  suggestion: LabelSuggestion;
}

/**
 * Every long host-labelled paragraph with its score (structural cues plus weighted voice margin)
 * and the guest it would be suggested for; the caller keeps those above the threshold.
 */
function scoreHostParagraphs(
  segments: readonly LabelledSegment[],
  host: string,
  guests: string[],
  voice: VoiceModel,
  /** Paragraphs already suspected, with the speaker suggested for them. */
  suspects: ReadonlyMap<number, string>,
): Candidate[] {
  const out: Candidate[] = [];
  segments.forEach((segment, j) => {
    const words = countWords(segment.text);
    if (segment.speaker !== host || words < MIN_ANSWER_WORDS) return;
    const previous = segments[j - 1];
    const next = segments[j + 1];
    const reasons: string[] = [];
    let score = 0;

    const hostAsked = previous?.speaker === host && questionCount(previous.text) > 0 && !suspects.has(j - 1);
    const addressed = hostAsked ? addressedSpeakers(previous.text, guests) : [];
    if (hostAsked) {
      score += 1;
      reasons.push(`follows the host's question${addressed.length ? ` to ${addressed.join(" and ")}` : ""}`);
    }
    const afterSuspect = previous?.speaker === host && suspects.has(j - 1);
    const afterGuest = previous?.speaker != null && previous.speaker !== host;
    const continues = (afterGuest || afterSuspect) && startsAsContinuation(segment.text);
    if (continues) {
      score += 0.5;
      reasons.push(afterGuest ? `carries on ${previous?.speaker}'s answer` : "carries on the paragraph before");
    }
    const cutOffGuest = next?.speaker && next.speaker !== host && startsMidSentence(next.text) ? next.speaker : null;
    if (cutOffGuest) {
      score += 0.75;
      reasons.push(`its last sentence is finished by ${cutOffGuest}`);
    }
    // A host hands the floor over with a question put to the guests, or with a short one; a guest's
    // own questions inside a long answer are mostly impersonal ("how will people learn?").
    if (endsWithQuestion(segment.text)) {
      score -= asksListeners(segment.text) || words < SHORT_QUESTION_WORDS ? 1 : 0.3;
    }
    // Calling a guest by name is what the host does ("Nathan, ..."), not what an answer does.
    if (addressedSpeakers(segment.text, guests).length) score -= 1;

    const hostVoice = voice.score(j, host);
    const ranked = guests.map((g) => ({ g, v: voice.score(j, g) })).sort((a, b) => b.v - a.v);
    const bestVoice = ranked[0] as { g: string; v: number };
    const margin = bestVoice.v - hostVoice;
    score += VOICE_WEIGHT * margin;
    if (margin > 0) reasons.push(`sounds like ${bestVoice.g}`);

    // After a suspected paragraph, the guest suggested for it is the one who was answering.
    const lastGuest = suspects.get(j - 1) ?? lastGuestBefore(segments, j, host);
    const lastGuestVoice = lastGuest ? voice.score(j, lastGuest) : Number.NEGATIVE_INFINITY;
    // The guest addressed, else the one whose cut-off sentence this finishes, else the voice's
    // choice unless it barely prefers someone over the guest who was answering before.
    const suggested =
      addressed.length === 1
        ? (addressed[0] as string)
        : (cutOffGuest ??
          (lastGuest && bestVoice.v - lastGuestVoice < (continues && afterSuspect ? GUEST_MARGIN * 3 : GUEST_MARGIN)
            ? lastGuest
            : bestVoice.g));
    out.push({
      index: j,
      score,
      suggestion: {
        segmentId: segment.id,
        startMs: segment.startMs,
        labelled: host,
        suggested,
        rule: "host-labelled-answer",
        confidence: confidence(score),
        reasons,
      },
    });
  });
  return out;
}

function lastGuestBefore(segments: readonly LabelledSegment[], j: number, host: string): string | null {
  for (let k = j - 1; k >= 0; k--) {
    const s = segments[k]?.speaker;
    if (s && s !== host) return s;
  }
  return null;
}

/** Paragraphs that call their own speaker by name: someone else is talking to them. */
function addressesSelf(segments: readonly LabelledSegment[], speakers: string[], host: string | null) {
  const out: { index: number; suggestion: LabelSuggestion }[] = [];
  segments.forEach((segment, j) => {
    if (!segment.speaker) return;
    if (!addressedSpeakers(segment.text, [segment.speaker]).length) return;
    // Whoever spoke before is the likeliest voice; failing that, the host, who does most addressing.
    const before = segments
      .slice(0, j)
      .reverse()
      .find((s) => s.speaker && s.speaker !== segment.speaker)?.speaker;
    const suggested = before ?? (host && host !== segment.speaker ? host : speakers.find((s) => s !== segment.speaker));
    if (!suggested) return;
    out.push({
      index: j,
      suggestion: {
        segmentId: segment.id,
        startMs: segment.startMs,
        labelled: segment.speaker,
        suggested,
        rule: "addresses-self",
        confidence: 0.8,
        reasons: [`addresses ${callName(segment.speaker)} by name while labelled ${segment.speaker}`],
      },
    });
  });
  return out;
}

/**
 * A guest's turn that asks a question and then answers it at length in the next paragraph, under
 * the same label. (The host's version is part of "host-labelled-answer".)
 */
function answersOwnQuestion(segments: readonly LabelledSegment[], speakers: string[], host: string | null) {
  const out: { index: number; suggestion: LabelSuggestion }[] = [];
  for (let j = 1; j < segments.length; j++) {
    const segment = segments[j] as LabelledSegment;
    const previous = segments[j - 1] as LabelledSegment;
    if (!segment.speaker || segment.speaker === host || previous.speaker !== segment.speaker) continue;
    if (!endsWithQuestion(previous.text) || endsWithQuestion(segment.text)) continue;
    if (countWords(segment.text) < MIN_ANSWER_WORDS) continue;
    const addressed = addressedSpeakers(previous.text, speakers).filter((s) => s !== segment.speaker);
    if (addressed.length !== 1) continue;
    out.push({
      index: j,
      suggestion: {
        segmentId: segment.id,
        startMs: segment.startMs,
        labelled: segment.speaker,
        suggested: addressed[0] as string,
        rule: "answers-own-question",
        confidence: 0.6,
        reasons: [`${segment.speaker} asks ${addressed[0]} a question, then the same label answers it`],
      },
    });
  }
  return out;
}

function distinctSpeakers(segments: readonly LabelledSegment[]): string[] {
  const seen: string[] = [];
  for (const s of segments) if (s.speaker && !seen.includes(s.speaker)) seen.push(s.speaker);
  return seen;
}

function confidence(score: number): number {
  return Math.round((1 / (1 + Math.exp(-(score - THRESHOLD) * 1.5))) * 100) / 100;
}
