import { isChineseGrammarChar } from "./chapter-terms.js";

/**
 * Which Chinese character n-grams are whole terms, from the episode's own statistics (Chinese has
 * no spaces, and Intl.Segmenter splits technical words: 人工智能 -> 人工 + 智能). Two tests:
 * a gram that is nearly always part of one longer gram is a fragment of it (工智能 inside 人工智能),
 * and a gram much rarer than its own head or tail straddles two words (半导体制 = 半导体 + 制...).
 * Terms longer than four characters are recovered by growing a chosen gram (`extendChineseTerm`).
 */

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
/** Longest gram considered a term (混合专家, 数据中心); longer ones are phrases. */
const MAX_N = 4;

/** Counts of every 2..4-character gram of the texts, and the tests above over them. */
export class ChineseGramStats {
  private readonly counts = new Map<string, number>();
  private readonly longestExtension = new Map<string, number>();

  constructor(texts: Iterable<string>) {
    for (const text of texts) {
      for (const m of text.matchAll(CJK_RUN)) {
        // The CJK ranges matched are in the BMP: one code unit per character, so slices are characters.
        const run = m[0];
        for (let n = 2; n <= MAX_N; n++) {
          for (let i = 0; i + n <= run.length; i++) {
            const gram = run.slice(i, i + n);
            this.counts.set(gram, (this.counts.get(gram) ?? 0) + 1);
          }
        }
      }
    }
    for (const [gram, count] of this.counts) {
      if (gram.length < 3) continue;
      for (const part of [gram.slice(1), gram.slice(0, -1)]) {
        if (count > (this.longestExtension.get(part) ?? 0)) this.longestExtension.set(part, count);
      }
    }
  }

  count(gram: string): number {
    return this.counts.get(gram) ?? 0;
  }

  /** True when the gram stands on its own: not a fragment of a longer gram, not straddling two words. */
  isWholeTerm(gram: string): boolean {
    const count = this.count(gram);
    if (count === 0) return false;
    if ((this.longestExtension.get(gram) ?? 0) >= 0.7 * count) return false;
    if (gram.length < 3) return true;
    const head = this.count(gram.slice(0, -1));
    const tail = this.count(gram.slice(1));
    return count >= 0.4 * Math.max(head, tail);
  }
}

const CJK_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const MAX_TERM_CHARS = 8;

/**
 * Grows a gram to the whole term it is part of in `text`: while nearly every occurrence is preceded
 * (or followed) by the same character, that character belongs to the term (专家混合模 -> 专家混合模型).
 */
export function extendChineseTerm(gram: string, text: string): string {
  let term = gram;
  for (let step = 0; step < MAX_TERM_CHARS && term.length < MAX_TERM_CHARS; step++) {
    const before = new Map<string, number>();
    const after = new Map<string, number>();
    let total = 0;
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      total++;
      const b = text[at - 1];
      const a = text[at + term.length];
      if (b && CJK_CHAR.test(b) && !isChineseGrammarChar(b)) before.set(b, (before.get(b) ?? 0) + 1);
      if (a && CJK_CHAR.test(a) && !isChineseGrammarChar(a)) after.set(a, (after.get(a) ?? 0) + 1);
    }
    if (total < 2) break;
    const [b, bn] = mostFrequent(before);
    const [a, an] = mostFrequent(after);
    if (bn >= 0.75 * total && bn >= an) term = b + term;
    else if (an >= 0.75 * total) term += a;
    else break;
  }
  return term;
}

function mostFrequent(counts: Map<string, number>): [string, number] {
  let best: [string, number] = ["", 0];
  for (const entry of counts) if (entry[1] > best[1]) best = entry;
  return best;
}
