import type { Language } from "../core/index.js";
import { zipf } from "./concepts/common-words.js";

/**
 * Content terms of a stretch of speech, for telling topics apart: in English the words that carry
 * meaning (function words and talk fillers dropped, light plural folding), in Chinese character
 * bigrams of CJK runs (Chinese has no spaces; bigrams are the standard unit for lexical cohesion)
 * plus the Latin words said in between (GPU, DeepSeek).
 */

/** English words that never mark a topic: function words, fillers, the verbs and nouns of any talk. */
const EN_STOPWORDS = new Set(
  `a about above across actually after again against ago ah ahead all almost along already also although always am
  among an and another any anybody anyone anything anyway anywhere are aren around as ask asked asking at away back
  basically be became because become becomes been before behind being believe below best better between beyond big
  bit both but by call called came can cannot cant case certain certainly change come comes coming could couldn
  course did didn different do does doesn doing don done down during each easy either else end enough
  especially even ever every everybody everyone everything exactly example fact far feel few find fine first for
  found from front fun further gave get gets getting give given go goes going gone gonna good got gotta great guess
  guy guys had hadn happen happened happens hard has hasn have haven having he hear heard hell hello help her here
  hey high him himself his hmm honestly how however huge i idea if im important in instead interesting into is isn
  it its itself just keep kind knew know known last later least less let lets like likely little long look
  looked looking lot lots made make makes making many may maybe me mean means meant might mind mm more most
  mostly much must my myself need needs never new next nice no nobody none nor not nothing now number obviously of
  off oh ok okay old on once one ones only or other others otherwise our ours out over own part particular pay
  people perhaps person place point possible pretty probably put quite rather re real really reason right said same
  saw say saying says see seem seems seen self sense set several shall she should shouldn show side similar simply
  since small so some somebody someone something sometimes somewhat somewhere sort start started stuff such super
  supposed sure take taking talk talked talking tell than thank thanks that thats the their them themselves then
  there these they thing things think thinking this those though thought through thus time times to today together
  too took totally toward towards tried true truly try trying turn two uh um under understand unless until up upon
  us use used useful uses using usually very via want wanted wants was wasn watch way ways we well went were weren
  what whatever when where whether which while who whole whom whose why will with within without won wonder word
  words work works would wouldn wow yeah year years yep yes yet you your yours yourself`.split(/\s+/),
);

/** Chinese characters that are grammar, not topic: a bigram made only of these is dropped. */
const ZH_STOPCHARS = new Set(
  Array.from(
    "的了是在我你他她它们这那就都也和与及而但还又很把被给让对从到说有个一不没吗呢吧啊呀哦嗯么什怎样会能要可以所因为如果然后其实觉得然后比较非常已经现在时候东西事情这样那样一些一下自己大家知道之中上下里来去过着得地很多所以但是还是就是或者因此只是可能应该需要认为感觉特别真的其他这种那种时间方面问题部分情况意思",
  ),
);

/** Particles that make any bigram holding them a grammar fragment, not a term. */
const ZH_BREAKCHARS = new Set(Array.from("的了吗呢吧啊呀哦嗯么着得地们个是就都也和与及而但把被给让对从到在说"));

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const LATIN_WORD = /[\p{Script=Latin}\p{N}]+(?:[-'’.][\p{Script=Latin}\p{N}]+)*/gu;

/** Folds an English word to a comparable key: lower case, possessive and plural dropped. */
export function foldEnglishWord(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, "");
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is|as)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** True when an English word (already folded) can carry a topic. */
export function isEnglishContentWord(folded: string): boolean {
  if (folded.length < 3 && !/^[a-z]\d|\d[a-z]$/.test(folded)) return false;
  if (/^\d+$/.test(folded)) return false;
  return !EN_STOPWORDS.has(folded) && !EN_STOPWORDS.has(folded.replace(/['’].*$/, ""));
}

/** True when a Chinese character is a particle or pronoun: a term never grows across it. */
export function isChineseGrammarChar(char: string): boolean {
  return ZH_BREAKCHARS.has(char) || ZH_PRONOUNS.has(char);
}
const ZH_PRONOUNS = new Set(Array.from("我你他她它这那"));

/** True when a Chinese bigram (or longer n-gram) is made of grammar characters only or holds a particle. */
export function isChineseStopGram(gram: string): boolean {
  let allStop = true;
  // CJK characters of the ranges matched here are all in the BMP: one code unit each.
  for (let i = 0; i < gram.length; i++) {
    const c = gram[i] as string;
    if (ZH_BREAKCHARS.has(c)) return true;
    if (!ZH_STOPCHARS.has(c)) allStop = false;
  }
  return allStop;
}

/** A term with the text it was said as (for titles) and where it sits in the sequence of words. */
export interface SpokenTerm {
  key: string;
  surface: string;
  /** True when the term directly follows the previous term (no dropped word or punctuation between). */
  adjacent: boolean;
  /** True when only "of" stands between this term and the previous one ("mixture of experts"). */
  afterOf?: boolean;
}

/** The content terms of a text, in order, with their surface forms. */
export function spokenTerms(text: string, language: Language): SpokenTerm[] {
  return tokenize(text, language).terms;
}

/** The content terms of a text and its length in words (Latin words plus CJK characters), in one pass. */
export function tokenize(text: string, language: Language): { terms: SpokenTerm[]; words: number } {
  const terms: SpokenTerm[] = [];
  if (language === "zh") return { terms, words: collectChinese(text, terms) };
  let words = 0;
  let adjacent = false;
  let afterOf = false;
  let lastEnd = 0;
  for (const m of text.matchAll(LATIN_WORD)) {
    words++;
    const start = m.index ?? 0;
    const between = start === lastEnd ? "" : text.slice(lastEnd, start);
    lastEnd = start + m[0].length;
    const key = contentKey(m[0]);
    if (key === null) {
      // "of" between two content words keeps them one phrase; any other dropped word ends it.
      afterOf = adjacent && m[0].toLowerCase() === "of" && /^\s+$/.test(between);
      adjacent = false;
      continue;
    }
    // Punctuation between two words breaks a phrase ("models, scaling" is not one term).
    const plain = between === " " || /^[\s-]*$/.test(between);
    terms.push({ key, surface: m[0], adjacent: adjacent && plain, afterOf: afterOf && plain });
    adjacent = true;
    afterOf = false;
  }
  return { terms, words };
}

const contentKeys = new Map<string, string | null>();
/** The folded key of a word, or null for a word that carries no topic; memoised (words repeat a lot). */
function contentKey(word: string): string | null {
  let key = contentKeys.get(word);
  if (key === undefined) {
    const folded = foldEnglishWord(word.replace(/\.$/, ""));
    key = isEnglishContentWord(folded) ? folded : null;
    if (contentKeys.size > 200_000) contentKeys.clear();
    contentKeys.set(word, key);
  }
  return key;
}

/** Adds the terms of Chinese speech to `out`; returns its length in words (CJK characters plus Latin words). */
function collectChinese(text: string, out: SpokenTerm[]): number {
  let words = 0;
  // Latin words inside Chinese speech are usually names and terms (GPU, DeepSeek): keep them whole.
  for (const m of text.matchAll(LATIN_WORD)) {
    words++;
    const key = contentKey(m[0]);
    if (key !== null) out.push({ key, surface: m[0], adjacent: false });
  }
  for (const m of text.matchAll(CJK_RUN)) {
    const run = m[0];
    words += run.length;
    for (let i = 0; i + 1 < run.length; i++) {
      const gram = run.slice(i, i + 2);
      if (!isChineseStopGram(gram)) out.push({ key: gram, surface: gram, adjacent: i > 0 });
    }
  }
  return words;
}

/**
 * How much an English term can tell topics apart, from how rare it is in everyday speech: "gpu" or
 * "quake" weigh about 1, "game" or "money" about a third, "thing" (were it not a stopword) near 0.
 * Chinese grams and words unknown to the list weigh 1.
 */
export function termRarity(key: string): number {
  let rarity = rarities.get(key);
  if (rarity === undefined) {
    if (!/^[\p{Script=Latin}\p{N}]/u.test(key)) rarity = 1;
    else {
      // Zipf scale: log10 of occurrences per billion words; everyday words sit at 5-7, rare terms at 1-3.
      rarity = Math.min(1, Math.max(0.1, (6.2 - zipf(key)) / 3));
    }
    if (rarities.size > 200_000) rarities.clear();
    rarities.set(key, rarity);
  }
  return rarity;
}
const rarities = new Map<string, number>();
