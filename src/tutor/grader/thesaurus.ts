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

/** Chinese variants replaced by one form, longest first. The same idea in Chinese words. */
const CHINESE_VARIANTS: readonly [RegExp, string][] = [
  [/共用/g, "共享"],
  [/前面|先前|以前|此前/g, "之前"],
  [/挑选|选出|选择|挑出|选取/g, "选"],
  [/降低|缩小|减小|变小/g, "减少"],
  [/内存/g, "显存"],
  [/许多|大量|一堆|好多|多个/g, "很多"],
  [/答案|响应|答复/g, "回答"],
  [/算力/g, "计算"],
  [/权重/g, "参数"],
  [/人工(?!智能)|人们/g, "人类"],
  [/提升|增加|增大|增长|上升|升高|变大|变高|更高/g, "提高"],
  [/降下来|下降/g, "减少"],
  [/词元/g, "token"],
];

/** Replace Chinese variants by their one form. */
export function canonicalChinese(text: string): string {
  let s = text;
  for (const [pattern, replacement] of CHINESE_VARIANTS) s = s.replace(pattern, replacement);
  return s;
}
