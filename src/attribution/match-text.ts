/**
 * Words as the quote matcher compares them: case, curly quotes, apostrophes, dashes and other
 * punctuation are ignored, and a light English stem lets "model" meet "models". Each token keeps
 * its character span so a match can be shown in the transcript's own words.
 */

/** One word of a text, normalised for matching, with where it sits in the original. */
export interface MatchToken {
  /** The normalised stem compared by the matcher. */
  stem: string;
  /** Character offsets in the original text, end exclusive. */
  start: number;
  end: number;
}

// A run of letters and digits (apostrophes inside it kept, hyphens split it).
const TOKEN = /[\p{L}\p{N}]+(?:['’‘ʼ][\p{L}\p{N}]+)*/gu;
const CJK_CHAR = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/u;
const CJK_ANY = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const CJK_SPLIT = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])/u;
const DIACRITICS = /\p{M}+/gu;
const ASCII = /^[\x20-\x7e]*$/;

/** The words of a text in order, normalised for matching. */
export function matchTokens(text: string): MatchToken[] {
  const tokens: MatchToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const start = m.index ?? 0;
    // Chinese has no spaces: every CJK character is a token of its own, and Latin letters glued to
    // one ("GPT的") stay a word.
    let offset = start;
    for (const part of CJK_ANY.test(raw) ? raw.split(CJK_SPLIT) : [raw]) {
      const end = offset + part.length;
      if (CJK_CHAR.test(part)) tokens.push({ stem: part, start: offset, end });
      else if (part)
        for (const word of expandContraction(part)) tokens.push({ stem: stemWord(word), start: offset, end });
      offset += part.length;
    }
  }
  return tokens;
}

/**
 * Lowercase, without diacritics or apostrophes, and with the commonest English inflections cut, so
 * "dont"/"don't", "Models"/"model", "trained"/"train" compare equal. Deliberately light: a wrong
 * merge costs less here than a missed one, since the alignment still checks word order.
 */
export function stemWord(word: string): string {
  // Most words are plain ASCII; Unicode normalisation is only worth its cost for the rest.
  const plain = ASCII.test(word) ? word : word.normalize("NFKD").replace(DIACRITICS, "");
  let w = plain.toLowerCase().replace(/['’‘ʼ]/g, "");
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) w = w.slice(0, -1);
  return w;
}

const WHOLE_CONTRACTIONS: Record<string, string[]> = {
  "can't": ["can", "not"],
  "won't": ["will", "not"],
  "shan't": ["shall", "not"],
};
const SUFFIXES: [string, string][] = [
  ["n't", "not"],
  ["'re", "are"],
  ["'m", "am"],
  ["'ve", "have"],
  ["'ll", "will"],
  ["'d", "would"],
  ["'s", "is"],
];

/**
 * "you're" -> "you are", "don't" -> "do not": a learner writes a quote either way. "'s" becomes "is"
 * on both sides alike, so a possessive still matches itself.
 */
function expandContraction(word: string): string[] {
  const w = word.toLowerCase().replace(/['’‘ʼ]/g, "'");
  if (!w.includes("'")) return [word];
  const whole = WHOLE_CONTRACTIONS[w];
  if (whole) return whole;
  for (const [suffix, full] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length > suffix.length) return [w.slice(0, -suffix.length), full];
  }
  return [word];
}
