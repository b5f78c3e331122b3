/**
 * Small readings of a paragraph's shape that hint at who is talking: does it ask the floor a
 * question, does it pick up someone else's sentence, whom does it address by name. English and
 * Chinese punctuation; the words lists are English (Chinese transcripts rely on the voice model).
 */

const SENTENCE_END = /(?<=[.!?。！？…])\s+/u;
const TRAILING = /["”’')\]\s—–-]+$/u;
// A question tag turns a statement into a rhetorical question nobody is asked to answer.
const RHETORICAL_TAG =
  /(?:^|[,，—–-]\s*)(?:right|you know|no|correct|isn['’]t it|don['’]t you think|yeah|huh)\s*[?？]$/iu;
const CONTINUATION_START = /^(?:[…—–-]|\.\.\.|and\b|but\b|because\b|which\b|or\b|also\b|so\b|然后|但是|所以|而且)/iu;
const MID_SENTENCE_START = /^(?:[…—–-]|\.\.\.|\p{Ll})/u;

/** The sentences of a text. */
export function sentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean);
}

function isRealQuestion(sentence: string): boolean {
  const s = sentence.replace(TRAILING, "");
  return /[?？]$/u.test(s) && !RHETORICAL_TAG.test(s);
}

/** True when the paragraph ends by asking a question (not a tag like "..., right?"). */
export function endsWithQuestion(text: string): boolean {
  const all = sentences(text);
  const last = all[all.length - 1];
  return last !== undefined && isRealQuestion(last);
}

/** Number of real questions in the paragraph (question tags excluded). */
export function questionCount(text: string): number {
  return sentences(text).filter(isRealQuestion).length;
}

/** True when the paragraph opens like the continuation of a thought: "And...", "But...", "…". */
export function startsAsContinuation(text: string): boolean {
  return CONTINUATION_START.test(text.trim());
}

/** True when the paragraph starts mid-sentence ("…pulling information", "-grow and"): someone was cut off. */
export function startsMidSentence(text: string): boolean {
  return MID_SENTENCE_START.test(text.trim());
}

/** The first word of a name: how people address each other in conversation. */
export function callName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/**
 * The speakers the paragraph addresses by name: "Sebastian, what do you think?", "So Nathan, ...",
 * "..., Sebastian?". A name said in the third person ("like Nathan said") does not count.
 */
export function addressedSpeakers(text: string, speakers: readonly string[]): string[] {
  const addressed: string[] = [];
  for (const speaker of speakers) {
    const call = escapeRegExp(callName(speaker));
    if (call.length < 2) continue;
    const vocative = new RegExp(
      `(?:^|[.!?。！？]\\s+|\\b(?:so|and|but|okay|well|now)\\s+)${call}\\s*[,，]|[,，]\\s*${call}\\s*[?？.!]`,
      "iu",
    );
    if (vocative.test(text)) addressed.push(speaker);
  }
  return addressed;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** True when one of the paragraph's real questions is put to the listeners ("do you think", "your"). */
export function asksListeners(text: string): boolean {
  return sentences(text).some((s) => isRealQuestion(s) && /\b(?:you|your|you guys)\b|你们|你/iu.test(s));
}
