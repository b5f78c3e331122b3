import {
  CHINESE_CLAUSE_WORDS,
  CHINESE_FILLERS,
  CHINESE_HEDGES,
  CHINESE_NEGATION_EXCEPTIONS,
  CHINESE_NEGATORS,
} from "./chinese-words.js";
import {
  ENGLISH_CLAUSE_WORDS,
  ENGLISH_HEDGES,
  ENGLISH_NEGATION_EXCEPTIONS,
  ENGLISH_NEGATOR_PAIRS,
  ENGLISH_NEGATORS,
  ENGLISH_RELATIVE_WORDS,
  ENGLISH_STOPWORDS,
  ENGLISH_WORD_VARIANTS,
} from "./english-words.js";
import { stemWord } from "./stem.js";
import { canonicalChinese, canonicalStem } from "./thesaurus.js";

/**
 * Text as the grader compares it: sentences of units. A unit is an English word (compared by its
 * stem), one Chinese character, a negation, or a clause boundary. Learners mix languages
 * ("router 为每个 token 选 top-2 专家"), so one stream serves both: English phrasings look at the
 * word units, Chinese phrasings at the character units, and negation is found the same way for both.
 */

/** The key every negator (not, without, 不需要, 没有...) is turned into, in texts and in phrasings. */
export const NEGATION = "¬";

/** The key every hedge (almost, nearly, 接近...) is turned into. */
export const HEDGE = "≈";

/** What a unit is. `boundary` ends a clause (a comma, "but", 而是...). */
export type UnitKind = "word" | "han" | "negation" | "hedge" | "boundary";

/** One comparable piece of a sentence. */
export interface Unit {
  /** What is compared: a stem, a Chinese character, `¬`, or the boundary's text. */
  key: string;
  kind: UnitKind;
  /** False for function words and Chinese fillers: they neither need to match nor count as ideas. */
  content: boolean;
}

/** A sentence ready for matching. */
export interface AnalysedSentence {
  /** The sentence as the learner wrote it, for quoting back in feedback. */
  original: string;
  units: Unit[];
  /** For each unit, the index of the first unit of its clause. */
  clauseStart: number[];
  /** True when the sentence holds Chinese characters (Chinese phrasings are only tried then). */
  hasHan: boolean;
  /**
   * What Chinese phrasings are compared with, clause by clause: the indices of the content units
   * (fillers and boundaries left out) and the key pairs of neighbours (`pairs[i]` joins i and i + 1).
   */
  hanClauses: { indices: number[]; pairs: string[] }[];
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const UNIT_PATTERN = /¬|≈|‖|[a-z0-9\u00c0-\u024f]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[,;:()，；：（）—–]/gu;
const BOUNDARY_MARK = "‖";

/** Lowercase, width-folded text with the variants both sides must agree on. */
function canonicalise(text: string): string {
  let s = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'");
  s = s
    .replace(/\bcan't\b/g, "can not")
    .replace(/\bwon't\b/g, "will not")
    .replace(/n't\b/g, " not")
    .replace(/\bcannot\b/g, "can not")
    .replace(/'s\b/g, "")
    .replace(/\be\.g\./g, "eg")
    .replace(/\bi\.e\./g, "ie");
  // "top-2", "top two", "top-k": the number is an example, the idea is "the best few".
  // First, so "top-k values" does not lose its k to "kv".
  s = s.replace(/\btop[\s-]*(?:\d+|k|n|one|two|three|four|few)\b/g, "topk");
  // "keys and values", "K/V", "key-value", 键和值, K 和 V: one idea written many ways.
  s = s.replace(/\b(?:keys?|k)\s*(?:and|&|\/|,|-)?\s*(?:values?|v)\b/g, "kv");
  s = s.replace(/\b(?:quer(?:y|ies)|q)\s*(?:and|&|\/|,|-)?\s*(?:keys?|k)\b/g, "qk");
  s = s.replace(/(?<![a-z])(?:keys?|k|键)\s*(?:和|与|、|\/|,|，)?\s*(?:values?|v|值)(?![a-z])/g, "kv");
  s = s.replace(
    /(?<![a-z])(?:quer(?:y|ies)|q|查询)\s*(?:向量)?\s*(?:和|与|、|\/|,|，)\s*(?:keys?|k|键)(?![a-z])/g,
    "qk",
  );
  return canonicaliseChinese(s);
}

const byLength = (a: string, b: string) => b.length - a.length;
const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const group = (words: readonly string[]) => [...words].sort(byLength).map(escapeRegExp).join("|");
// One pass, alternatives in priority order: clause words (而不是 opens a clause and negates), then
// words that only look negative (不同 = different), then negators, then hedges.
const CHINESE_MARKS = new RegExp(
  `(${group(CHINESE_CLAUSE_WORDS)})|(${group(CHINESE_NEGATION_EXCEPTIONS)})|(${group(CHINESE_NEGATORS)})|(${group(CHINESE_HEDGES)})`,
  "g",
);

function markChinese(match: string, clause?: string, exception?: string, negator?: string): string {
  if (clause) return BOUNDARY_MARK + (clause === "而不是" || clause === "而非" ? NEGATION : clause);
  if (exception) return exception;
  if (negator) return NEGATION;
  return match.length > 0 ? HEDGE : match;
}

function canonicaliseChinese(text: string): string {
  if (!HAN.test(text)) return text;
  return canonicalChinese(text).replace(CHINESE_MARKS, markChinese);
}

/** Turns one canonical string into units. */
function toUnits(canonical: string): Unit[] {
  const raw = canonical.match(UNIT_PATTERN) ?? [];
  const units: Unit[] = [];
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i] as string;
    const next = raw[i + 1];
    if (token === NEGATION) {
      units.push({ key: NEGATION, kind: "negation", content: true });
    } else if (token === HEDGE) {
      units.push({ key: HEDGE, kind: "hedge", content: false });
    } else if (token === BOUNDARY_MARK || /^[,;:()，；：（）—–]$/.test(token)) {
      units.push({ key: token, kind: "boundary", content: false });
    } else if (HAN.test(token)) {
      units.push({ key: token, kind: "han", content: !CHINESE_FILLERS.has(token) });
    } else {
      units.push(wordUnit(token, next));
      // "instead of": the pair is one negator; the "of" adds nothing.
      if (next !== undefined && ENGLISH_NEGATOR_PAIRS.get(token) === next) i++;
    }
  }
  return units;
}

/** Stems of auxiliaries whose inflected forms are not all in the stopword list. */
const AUXILIARY_STEMS: ReadonlySet<string> = new Set(["be", "do", "have"]);

function wordUnit(token: string, next: string | undefined): Unit {
  if (next !== undefined && ENGLISH_NEGATOR_PAIRS.get(token) === next)
    return { key: NEGATION, kind: "negation", content: true };
  if (ENGLISH_NEGATORS.has(token)) {
    const exceptions = ENGLISH_NEGATION_EXCEPTIONS.get(token);
    if (next !== undefined && exceptions?.has(next)) return { key: token, kind: "word", content: false };
    return { key: NEGATION, kind: "negation", content: true };
  }
  if (ENGLISH_CLAUSE_WORDS.has(token)) return { key: token, kind: "boundary", content: false };
  if (ENGLISH_HEDGES.has(token)) return { key: HEDGE, kind: "hedge", content: false };
  const variant = ENGLISH_WORD_VARIANTS.get(token) ?? token;
  const key = canonicalStem(stemWord(variant));
  // Only the surface word is looked up: stems collide with function words ("uses" stems to "us").
  const content = !ENGLISH_STOPWORDS.has(token) && !AUXILIARY_STEMS.has(key);
  return { key, kind: "word", content };
}

function clauseStarts(units: Unit[]): number[] {
  const starts: number[] = [];
  let start = 0;
  for (let i = 0; i < units.length; i++) {
    // "Unlike PPO, which trains a critic": the relative clause still belongs to "unlike PPO".
    const relative = units[i]?.key === "," && ENGLISH_RELATIVE_WORDS.has(units[i + 1]?.key ?? "");
    if (units[i]?.kind === "boundary" && !relative) start = i + 1;
    starts.push(start);
  }
  return starts;
}

function hanClauses(units: Unit[]): AnalysedSentence["hanClauses"] {
  const clauses: number[][] = [[]];
  units.forEach((unit, i) => {
    if (unit.kind === "boundary") clauses.push([]);
    else if (unit.content) clauses[clauses.length - 1]?.push(i);
  });
  return clauses
    .filter((c) => c.length > 0)
    .map((indices) => ({
      indices,
      pairs: indices.slice(1).map((index, i) => `${units[indices[i] as number]?.key}|${units[index]?.key}`),
    }));
}

/** Split on sentence ends; "e.g." and decimals are not ends. Newlines always are. */
function splitSentences(text: string): string[] {
  return text
    .replace(/\b(e\.g|i\.e|vs|etc)\./gi, "$1\u2024")
    .split(/(?<=[.!?])\s+|(?<=[。！？])|\n+/u)
    .map((s) => s.replace(/\u2024/g, ".").trim())
    .filter((s) => s.length > 0);
}

/** Analyse a learner's text: sentences, each as units with their clauses. */
export function analyseText(text: string): AnalysedSentence[] {
  return splitSentences(text).map((original) => {
    const units = toUnits(canonicalise(original));
    const hasHan = HAN.test(original);
    return { original, units, clauseStart: clauseStarts(units), hasHan, hanClauses: hasHan ? hanClauses(units) : [] };
  });
}

/** Analyse a rubric phrasing: the same canonical forms as a text, as one unit list. */
export function analysePhrase(phrase: string): Unit[] {
  return toUnits(canonicalise(phrase));
}

/** True when the text holds Chinese characters. */
export function containsHan(text: string): boolean {
  return HAN.test(text);
}
