/**
 * Chinese word lists the grader needs. Chinese has no spaces, so these are applied to the text as
 * strings: negators become one marker so that 不需要, 无需 and 没有 compare equal, and clause words get
 * a boundary in front so a negation does not reach past them (不是 A 而是 B: B is affirmed).
 */

/** Negators, longest first so 不需要 is taken whole before 不. */
export const CHINESE_NEGATORS: readonly string[] = [
  "并不是",
  "并没有",
  "不需要",
  "不再",
  "无需",
  "无须",
  "无法",
  "不用",
  "不必",
  "不需",
  "没有",
  "并非",
  "而非",
  "不是",
  "并不",
  "不会",
  "从不",
  "从未",
  "并未",
  "避免",
  "免去",
  "省去",
  "省掉",
  "去掉",
  "去除",
  "不",
  "没",
  "未",
];

/** Words that start with a negator character but do not negate (不同 = different, 未来 = future). */
export const CHINESE_NEGATION_EXCEPTIONS: readonly string[] = [
  "不同",
  "不断",
  "不仅",
  "不但",
  "不少",
  "不过",
  "不错",
  "不久",
  "不管",
  "不论",
  "不得不",
  "不一样",
  "不光",
  "不止",
  "没错",
  "未来",
  "未知",
];

/** Words that open a new clause. */
export const CHINESE_CLAUSE_WORDS: readonly string[] = [
  "而是",
  "而不是",
  "而非",
  "但是",
  "可是",
  "不过",
  "所以",
  "因此",
  "因为",
  "然后",
  "但",
  "却",
];

/**
 * Characters a learner adds or drops without changing the idea (的, 了, 个...). They are ignored when
 * comparing Chinese phrasings, so 选几个专家 meets 选出几个专家 and 只激活一部分 meets 只激活了一部分.
 */
export const CHINESE_FILLERS: ReadonlySet<string> = new Set([
  "的",
  "了",
  "地",
  "得",
  "着",
  "个",
  "都",
  "也",
  "就",
  "很",
  "呢",
  "吧",
  "啊",
  "嘛",
]);

/** Hedges (接近 = close to): they stop misconceptions, as in English. */
export const CHINESE_HEDGES: readonly string[] = ["接近", "差不多", "几乎", "大致", "近似"];
