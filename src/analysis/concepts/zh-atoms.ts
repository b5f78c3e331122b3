/**
 * The smallest units the Chinese term finder counts: Intl.Segmenter's words inside runs of Chinese
 * characters, whole Latin words (o3-mini, H100, pass@k: the segmenter would cut them at - and @),
 * and the breaks between phrases. Terms are later rebuilt from adjacent atoms.
 */

/** One unit of a sentence, with its span in the segment text (end exclusive). */
export interface ZhAtom {
  text: string;
  /** What occurrences are grouped by: Latin lower-cased with - and _ read as spaces; Chinese as is. */
  key: string;
  start: number;
  end: number;
  /** Carries Latin letters or digits (joined to a neighbour with a space, not glued). */
  latin: boolean;
  /** A middle dot between two parts of a transliterated name (内森·兰伯特): never a term's edge. */
  joiner: boolean;
  /** Set when a glossary name matched here: the atom is kept whole and never merged further. */
  packEntryId?: string;
}

/** A sentence's atoms as a flat list; `null` marks a break no term crosses (punctuation, a pause). */
export type ZhToken = ZhAtom | null;

const CJK_CHAR = /[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
/**
 * A Chinese run, a Latin word with its inner joiners (o3-mini, pass@k, 3.5, C++), a middle dot,
 * whitespace, or any other single character (a break).
 */
const PIECE =
  /([\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([\p{Script=Latin}\p{Nd}]+(?:[-_.@/+'’&][\p{Script=Latin}\p{Nd}]+)*\+*)|([·・‧])|(\s+)|([^])/gu;

/** Normalised key of a Latin word, so DeepSeek-R1, deepseek r1 and DeepSeek R1 are counted together. */
export function latinKey(text: string): string {
  return text.toLowerCase().replace(/[-_]+/g, " ");
}

/** True when the text has a Chinese character. */
export function hasChineseChar(text: string): boolean {
  return CJK_CHAR.test(text);
}

/**
 * The atoms of one sentence. `offset` is where the sentence starts in its segment's text, so atom
 * spans point into the segment. Whitespace between two Chinese atoms is a break (captions use it
 * for pauses); next to a Latin word it is just the space that separates words.
 */
export function sentenceTokens(sentence: string, offset: number, segmenter: Intl.Segmenter): ZhToken[] {
  const out: ZhToken[] = [];
  let pendingSpace = false;
  for (const m of sentence.matchAll(PIECE)) {
    const at = offset + (m.index ?? 0);
    if (m[1] !== undefined) {
      if (pendingSpace && lastIsChinese(out)) out.push(null);
      for (const w of segmenter.segment(m[1])) {
        const start = at + w.index;
        out.push({ text: w.segment, key: w.segment, start, end: start + w.segment.length, latin: false, joiner: false });
      }
    } else if (m[2] !== undefined) {
      out.push({ text: m[2], key: latinKey(m[2]), start: at, end: at + m[2].length, latin: true, joiner: false });
    } else if (m[3] !== undefined) {
      if (pendingSpace) out.push(null);
      out.push({ text: m[3], key: "·", start: at, end: at + 1, latin: false, joiner: true });
    } else if (m[4] === undefined) {
      out.push(null);
    }
    pendingSpace = m[4] !== undefined;
  }
  return out;
}

function lastIsChinese(tokens: ZhToken[]): boolean {
  const last = tokens[tokens.length - 1];
  return last != null && !last.latin;
}

/** Splits a token list at its breaks into runs of adjacent atoms (a term never spans a break). */
export function chunksOf(tokens: ZhToken[]): ZhAtom[][] {
  const chunks: ZhAtom[][] = [];
  let current: ZhAtom[] = [];
  for (const t of tokens) {
    if (t === null) {
      if (current.length) chunks.push(current);
      current = [];
    } else {
      current.push(t);
    }
  }
  if (current.length) chunks.push(current);
  return chunks;
}
