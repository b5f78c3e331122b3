import { ENGLISH_STOPWORDS } from "./english-words.js";
import { containsHan } from "./units.js";

/**
 * The gate asks for the learner's own words. Two ways to pass a rubric without understanding are
 * refused here: pasting the card (or the transcript) back, and listing the key terms without
 * saying how they connect.
 */
export type NotOwnWords = "copied" | "keyword-list" | null;

/** Share of the learner's word 5-grams (or character 8-grams in Chinese) found in the sources. */
export function copiedShare(text: string, sources: string[]): number {
  const han = containsHan(text);
  const grams = han ? charGrams(text, 8) : wordGrams(text, 5);
  if (grams.length < 3) return 0;
  const known = new Set(sources.flatMap((s) => (han ? charGrams(s, 8) : wordGrams(s, 5))));
  return grams.filter((g) => known.has(g)).length / grams.length;
}

/**
 * True for a list of terms rather than an explanation: items set apart by commas, semicolons or
 * line breaks, with almost none of the function words that join prose ("the", "is", "so",
 * "because"; in Chinese 的, 是, 会, 把...). A plain short sentence is not a list.
 */
export function isKeywordList(text: string): boolean {
  const items = text.split(/[,，、;；\n]+/u).filter((item) => item.trim());
  if (items.length < 3) return false;
  if (containsHan(text)) {
    const chars = [...text].filter((c) => /[\u4e00-\u9fff]/u.test(c));
    if (chars.length < 15) return false;
    const particles = chars.filter((c) => "的是了在会把就让用来而所因为能被要".includes(c)).length;
    return particles / chars.length < 0.04;
  }
  const words = text.toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
  if (words.length < 8 || words.length / items.length > 6) return false;
  const functionWords = words.filter((w) => ENGLISH_STOPWORDS.has(w)).length;
  return functionWords / words.length < 0.15;
}

/** Why an explanation that matches the rubric is still not the learner's own words, or null. */
export function notOwnWords(text: string, sources: string[]): NotOwnWords {
  if (copiedShare(text, sources) >= 0.5) return "copied";
  if (isKeywordList(text)) return "keyword-list";
  return null;
}

function normaliseWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function wordGrams(text: string, n: number): string[] {
  const words = normaliseWords(text);
  const grams: string[] = [];
  for (let i = 0; i + n <= words.length; i++) grams.push(words.slice(i, i + n).join(" "));
  return grams;
}

function charGrams(text: string, n: number): string[] {
  const chars = [...text.replace(/[\s\p{P}]/gu, "")];
  const grams: string[] = [];
  for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(""));
  return grams;
}
