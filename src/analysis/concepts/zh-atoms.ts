/**
 * The smallest units the Chinese term finder counts: Intl.Segmenter's words inside runs of Chinese
 * characters, whole Latin words (o3-mini, H100, pass@k: the segmenter would cut them at - and @),
 * and the breaks between phrases. Terms are later rebuilt from adjacent atoms.
 */

import { isChineseFunctionWord, isChineseGenericWord, ZH_FUNCTION_WORDS } from "./zh-stopwords.js";

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

/** A Chinese character (BMP ideographs and 〇). */
function isChineseCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
}

/** A letter or digit of a Latin word: ASCII, Latin-1 and Latin Extended letters, full-width excluded. */
function isLatinCode(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

/** Joins the parts of one Latin word: o3-mini, pass@k, 3.5, gpt_oss, K/V, A&B, it's. */
const LATIN_JOINERS = new Set([..."-_.@/+'’&"]);
/** Middle dots between the parts of a transliterated name. */
const MIDDLE_DOTS = new Set(["·", "・", "‧"]);

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
 * for pauses); next to a Latin word it is just the space that separates words. A hand-written
 * scanner: it runs over every character of the episode, and the segmenter is costly enough.
 */
export function sentenceTokens(sentence: string, offset: number, segmenter: Intl.Segmenter): ZhToken[] {
  const out: ZhToken[] = [];
  let pendingSpace = false;
  const n = sentence.length;
  let i = 0;
  while (i < n) {
    const c = sentence.charCodeAt(i);
    const ch = sentence[i] as string;
    let space = false;
    if (isChineseCode(c)) {
      let j = i + 1;
      while (j < n && isChineseCode(sentence.charCodeAt(j))) j++;
      if (pendingSpace && lastIsChinese(out)) out.push(null);
      const words: string[] = [];
      for (const w of segmenter.segment(sentence.slice(i, j))) words.push(w.segment);
      for (const w of recut(words)) {
        const start = offset + i + w.at;
        out.push({ text: w.text, key: w.text, start, end: start + w.text.length, latin: false, joiner: false });
      }
      i = j;
    } else if (isLatinCode(c)) {
      let j = i + 1;
      for (;;) {
        while (j < n && isLatinCode(sentence.charCodeAt(j))) j++;
        // A joiner counts only between two letters or digits ("GPU." ends at the dot).
        if (j + 1 < n && LATIN_JOINERS.has(sentence[j] as string) && isLatinCode(sentence.charCodeAt(j + 1))) j += 2;
        else break;
      }
      while (j < n && sentence[j] === "+") j++;
      const text = sentence.slice(i, j);
      out.push({ text, key: latinKey(text), start: offset + i, end: offset + j, latin: true, joiner: false });
      i = j;
    } else if (MIDDLE_DOTS.has(ch)) {
      if (pendingSpace) out.push(null);
      out.push({ text: ch, key: "·", start: offset + i, end: offset + i + 1, latin: false, joiner: true });
      i++;
    } else if (/\s/.test(ch)) {
      space = true;
      i++;
    } else {
      out.push(null);
      i++;
    }
    pendingSpace = space;
  }
  return out;
}

/** Last characters of a two-character word that the segmenter glued to an unknown word on its left. */
const GLUED_LAST = new Set([..."上中里的是了在和与给到地着过都也就还把被让有会"]);
/** Particles the segmenter glues to the last character of the word before (机器|人的, 模|型了). */
const PARTICLE_LAST = new Set(["的", "了"]);
/** First characters of a two-character word glued to an unknown word on its right. */
const GLUED_FIRST = new Set([..."的是在和与把被让给我你他她它这那也都就还不"]);

/**
 * Undoes the segmenter's guesses at the edge of a word its dictionary lacks: it cuts 互联网上 as
 * 互|联|网上 and 芯片上 as 芯|片上, gluing the particle to the last character of the unknown word.
 * A two-character word next to a lone character (not a function word) is cut again when its
 * outer character is a particle or localiser, so the statistics can rebuild 互联网 and 芯片; a
 * two-character word ending in 的 or 了 that is not itself a function word is always cut (人的).
 */
function recut(words: string[]): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const prev = words[i - 1];
    const next = words[i + 1];
    const glued =
      w.length === 2 &&
      ((GLUED_LAST.has(w[1] as string) && isLoneCharacter(prev)) ||
        (GLUED_FIRST.has(w[0] as string) && isLoneCharacter(next)) ||
        (PARTICLE_LAST.has(w[1] as string) && !ZH_FUNCTION_WORDS.has(w) && !isChineseGenericWord(w)));
    if (glued) {
      out.push({ text: w[0] as string, at }, { text: w[1] as string, at: at + 1 });
    } else {
      out.push({ text: w, at });
    }
    at += w.length;
  }
  return out;
}

function isLoneCharacter(word: string | undefined): boolean {
  return word !== undefined && word.length === 1 && !isChineseFunctionWord(word);
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

const SPACE_NEXT_TO_CJK =
  /\s+(?=[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])|(?<=[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])\s+/gu;

/**
 * The grouping key of a written form: lower-case, - and _ as spaces, one space between Latin words,
 * none next to a Chinese character ("KV 缓存" and "KV缓存" are one term). Equals the keys of its
 * atoms joined with a space between two Latin atoms.
 */
export function surfaceKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[-_]+/g, " ")
    .replace(/[・‧]/g, "·")
    .replace(/\s+/g, " ")
    .replace(SPACE_NEXT_TO_CJK, "")
    .trim();
}

/** The key of adjacent atoms, consistent with `surfaceKey` of the text they cover. */
export function joinedKey(atoms: readonly ZhAtom[]): string {
  let key = "";
  let prev: ZhAtom | null = null;
  for (const a of atoms) {
    key += prev?.latin && a.latin ? ` ${a.key}` : a.key;
    prev = a;
  }
  return key;
}
