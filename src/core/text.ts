/**
 * Text measures shared by importers and analysis, in English and Chinese.
 * A "word" is a run of Latin letters/digits, or one CJK character (the usual way Chinese
 * transcripts are counted), so counts are comparable across languages of the same episode.
 */

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const WORDISH = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const CJK_GLOBAL = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;

/** Number of words: Latin words plus CJK characters. */
export function countWords(text: string): number {
  const cjk = text.match(CJK_GLOBAL)?.length ?? 0;
  const withoutCjk = cjk ? text.replace(CJK_GLOBAL, " ") : text;
  const latin = withoutCjk.match(WORDISH)?.length ?? 0;
  return cjk + latin;
}

/** True when the text contains Chinese characters. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** Collapse runs of whitespace to one space and trim; keeps the words as they were. */
export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, " ").trim();
}

/** Decode the HTML entities that appear in transcripts and captions. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const n = code[1] === "x" || code[1] === "X" ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
    }
    return NAMED_ENTITIES[code.toLowerCase()] ?? whole;
  });
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  lrm: "",
  rlm: "",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
};
