import { stemWord } from "./stem.js";

/**
 * A deliberately small thesaurus of everyday words that learners swap freely and that no rubric
 * should have to list one by one: "picks" / "selects" / "chooses", "earlier" / "previous", "many" /
 * "several". Domain synonyms (critic / value model, FFN / MLP) stay in the packs' phrasings, where
 * their authors can see them. Applied to texts and phrasings alike, after stemming.
 */
const ENGLISH_GROUPS: readonly (readonly string[])[] = [
  ["pick", "select", "choose"],
  ["previous", "earlier", "past", "prior", "preceding"],
  ["big", "large", "huge", "massive", "giant", "enormous", "gigantic"],
  ["small", "tiny", "compact"],
  ["many", "lots", "multiple", "several", "numerous"],
  ["less", "fewer"],
  ["reduce", "cut", "low", "shrink", "decrease"],
  ["increase", "raise", "boost", "grow", "rise", "improve"],
  ["more", "extra", "additional"],
  ["answer", "response", "output", "reply"],
  ["compute", "computation", "flops"],
  ["cheap", "inexpensive", "affordable"],
  ["fast", "quick", "rapid"],
  ["human", "people", "person", "annotator", "rater"],
  ["store", "save", "keep", "hold"],
  ["need", "require"],
  ["use", "utilize", "employ"],
  ["part", "portion", "fraction", "subset", "slice"],
  ["whole", "entire"],
  ["parameter", "weight"],
  ["token", "word"],
  ["generate", "produce", "write"],
];

const englishCanonical = new Map<string, string>();
for (const group of ENGLISH_GROUPS) {
  const canonical = stemWord(group[0] as string);
  for (const word of group) englishCanonical.set(stemWord(word), canonical);
}

/** The canonical stem for a stem: the first word of its group, or itself. */
export function canonicalStem(stem: string): string {
  return englishCanonical.get(stem) ?? stem;
}

/** Chinese variants and the one form each is replaced by: the same idea in Chinese words. */
const CHINESE_GROUPS: readonly (readonly [string, readonly string[]])[] = [
  ["共享", ["共用"]],
  ["之前", ["前面", "先前", "以前", "此前"]],
  ["选", ["挑选", "选出", "选择", "挑出", "选取"]],
  ["减少", ["降低", "缩小", "减小", "变小", "降下来", "下降"]],
  ["显存", ["内存"]],
  ["很多", ["许多", "大量", "一堆", "好多", "多个"]],
  ["回答", ["答案", "响应", "答复"]],
  ["计算", ["算力"]],
  ["参数", ["权重"]],
  ["人类", ["人工", "人们"]],
  ["提高", ["提升", "增加", "增大", "增长", "上升", "升高", "变大", "变高", "更高"]],
  ["token", ["词元"]],
];

const chineseCanonical = new Map<string, string>();
for (const [canonical, variants] of CHINESE_GROUPS) for (const v of variants) chineseCanonical.set(v, canonical);
// 人工智能 (AI) is not 人工 (by hand): listed first so the alternation keeps it whole.
const CHINESE_VARIANT_RE = new RegExp(
  `人工智能|${[...chineseCanonical.keys()].sort((a, b) => b.length - a.length).join("|")}`,
  "g",
);

/** Replace Chinese variants by their one form. */
export function canonicalChinese(text: string): string {
  return text.replace(CHINESE_VARIANT_RE, (word) => chineseCanonical.get(word) ?? word);
}
