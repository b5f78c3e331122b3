import { matchTokens } from "./match-text.js";

/**
 * Quotations inside the learner's free text (an insight, a mark's note, a mind-map node): the words
 * between “…”, "…", 「…」 or 『…』, with the name they are credited to when the text says so:
 * `Sebastian: “…”` (a name and a colon just before, or at the start of the text) or `“…” — Nathan`
 * (a dash and a name just after).
 */

/** One quotation found in a text. */
export interface Quotation {
  /** The quoted words, without the quotation marks. */
  quote: string;
  /** The name as the learner wrote it, or null when the text credits nobody. */
  credited: string | null;
  /** Character offsets of the quoted words in the text, end exclusive. */
  start: number;
  end: number;
}

/** Shorter quotations are a term in scare quotes (“reasoning”), not words put in someone's mouth. */
const MIN_WORDS = 4;
/** Chinese is counted by characters: a four-character idiom in quotes is a term too. */
const MIN_CJK_CHARS = 6;
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

const QUOTED = /“([^“”]+)”|"([^"\n]+)"|「([^「」]+)」|『([^『』]+)』/gu;
// A name: one to four words, each starting with a letter ("Dr. Nathan Lambert", "塞巴斯蒂安").
const NAME = String.raw`\p{L}[\p{L}\p{M}.'’-]*(?:\s+\p{L}[\p{L}\p{M}.'’-]*){0,3}`;
const NAME_BEFORE = new RegExp(String.raw`(?:^|[\s(（,，;；.。!?！？])(${NAME})\s*[:：]\s*$`, "u");
const NAME_AFTER = new RegExp(String.raw`^[\s,，.。]*(?:—{1,2}|–|--|-|――)\s*(${NAME})`, "u");

/** Every quotation of `text` long enough to be checked, in order. */
export function findQuotations(text: string): Quotation[] {
  const out: Quotation[] = [];
  for (const m of text.matchAll(QUOTED)) {
    const inner = m[1] ?? m[2] ?? m[3] ?? m[4] ?? "";
    const quote = inner.trim();
    if (!longEnough(quote)) continue;
    const at = m.index ?? 0;
    const start = at + 1 + inner.indexOf(quote);
    const before = text.slice(Math.max(0, at - 60), at);
    const after = text.slice(at + m[0].length, at + m[0].length + 60);
    const credited = NAME_BEFORE.exec(before)?.[1] ?? NAME_AFTER.exec(after)?.[1] ?? null;
    out.push({ quote, credited: credited?.trim() ?? null, start, end: start + quote.length });
  }
  return out;
}

function longEnough(quote: string): boolean {
  if (CJK.test(quote)) return [...quote].filter((ch) => CJK.test(ch)).length >= MIN_CJK_CHARS;
  return matchTokens(quote).length >= MIN_WORDS;
}
