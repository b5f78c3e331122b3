import { conceptNameKey } from "../core/index.js";

/**
 * The review cards of one concept, made from what the learner studied: an "explain X" prompt (the
 * grader checks the answer), the knowledge pack's check questions, and a cloze of the sentence
 * where the episode defines it (with its moment). Pure: the caller stores them.
 */

/** What a card asks. */
export type CardKind = "explain" | "question" | "cloze";

/** A card to store; `prompt` identifies it (with concept and kind), so making them again adds nothing. */
export interface CardDraft {
  conceptId: number;
  episodeId: string | null;
  kind: CardKind;
  prompt: string;
  answer: string;
  segmentId: number | null;
  startMs: number | null;
}

/** What the cards of a concept are made from. */
export interface CardSource {
  conceptId: number;
  conceptName: string;
  aliases: readonly string[];
  episodeId: string | null;
  /** The pack entry's check questions (both languages) and its plain explanation (the reference answer). */
  pack: { checkQuestions: readonly { en: string; zh: string }[]; explanation: { en: string; zh: string } } | null;
  /** The episode's defining sentences, best first. */
  definitions: readonly { segmentId: number; startMs: number; text: string }[];
}

/** The blank a cloze card shows where the term was. */
export const CLOZE_BLANK = "_____";
/** Sentences longer than this make poor cards: the learner reads instead of recalling. */
const MAX_CLOZE_CHARS = 320;

export function cardsForConcept(source: CardSource): CardDraft[] {
  const base = { conceptId: source.conceptId, episodeId: source.episodeId };
  const cards: CardDraft[] = [
    // Stored under the concept's name; the prompt's words are the learner's language, chosen when shown.
    { ...base, kind: "explain", prompt: source.conceptName, answer: "", segmentId: null, startMs: null },
  ];
  for (const q of source.pack?.checkQuestions ?? []) {
    // Keyed by the English question; shown in the learner's language from the pack.
    cards.push({ ...base, kind: "question", prompt: q.en, answer: "", segmentId: null, startMs: null });
  }
  const cloze = clozeOf(source);
  if (cloze) cards.push({ ...base, kind: "cloze", ...cloze });
  return cards;
}

/** The best defining sentence that says one of the concept's names, with that name blanked out. */
export function clozeOf(
  source: Pick<CardSource, "conceptName" | "aliases" | "definitions">,
): { prompt: string; answer: string; segmentId: number; startMs: number } | null {
  const names = [source.conceptName, ...source.aliases].filter((n) => n.trim().length > 1);
  for (const d of source.definitions) {
    const text = d.text.replace(/\s+/g, " ").trim();
    if (text.length > MAX_CLOZE_CHARS) continue;
    const hit = findName(text, names);
    if (!hit) continue;
    const answer = text.slice(hit.start, hit.end);
    // Every other occurrence is blanked too: the sentence must not give the answer away.
    let prompt = `${text.slice(0, hit.start)}${CLOZE_BLANK}${text.slice(hit.end)}`;
    for (const name of names) prompt = prompt.replace(nameRegExp(name, "giu"), CLOZE_BLANK);
    return { prompt, answer, segmentId: d.segmentId, startMs: d.startMs };
  }
  return null;
}

/** True when a cloze answer names the hidden term (any of the concept's names, case and dashes ignored). */
export function clozeAnswerMatches(answer: string, expected: string, names: readonly string[]): boolean {
  const key = conceptNameKey(answer);
  if (!key) return false;
  return [expected, ...names].some((n) => conceptNameKey(n) === key);
}

function findName(text: string, names: readonly string[]): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  for (const name of names) {
    const m = nameRegExp(name, "iu").exec(text);
    if (!m) continue;
    const hit = { start: m.index, end: m.index + m[0].length };
    if (!best || hit.start < best.start || (hit.start === best.start && hit.end > best.end)) best = hit;
  }
  return best;
}

/** A name as a whole word where it is Latin (MoE must not match "MoEs" halfway); Chinese has no word edges. */
function nameRegExp(name: string, flags: string): RegExp {
  const escaped = name.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const latinStart = /^[\p{L}\p{N}]/u.test(name) && !/^\p{Script=Han}/u.test(name);
  const latinEnd = /[\p{L}\p{N}]$/u.test(name) && !/\p{Script=Han}$/u.test(name);
  return new RegExp(
    `${latinStart ? "(?<![\\p{L}\\p{N}])" : ""}${escaped}${latinEnd ? "(?![\\p{L}\\p{N}])" : ""}`,
    flags,
  );
}
