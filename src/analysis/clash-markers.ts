/**
 * The words people use to push back on each other, in English and Chinese, weighted: "I disagree"
 * says more than "but I think". Data, not logic: `scorePushback` reads these lists.
 */

export interface Marker {
  /** Lower case, straight apostrophes. */
  text: string;
  /** How strongly it signals disagreement (weak markers are also said when agreeing). */
  weight: number;
}

const STRONG = 3;
const MEDIUM = 2;
const WEAK = 1;

export const PUSHBACK_MARKERS_EN: Marker[] = [
  { text: "i disagree", weight: STRONG },
  { text: "i still disagree", weight: STRONG },
  { text: "i'd disagree", weight: STRONG },
  { text: "i would disagree", weight: STRONG },
  { text: "i don't agree", weight: STRONG },
  { text: "i do not agree", weight: STRONG },
  { text: "i'm not sure that's", weight: STRONG },
  { text: "i'm not sure i agree", weight: STRONG },
  { text: "i'm not so sure", weight: STRONG },
  { text: "that's not true", weight: STRONG },
  { text: "that is not true", weight: STRONG },
  { text: "that's not right", weight: STRONG },
  { text: "that's not how", weight: MEDIUM },
  { text: "push back", weight: STRONG },
  { text: "pushback", weight: MEDIUM },
  { text: "i don't buy", weight: STRONG },
  { text: "i'm skeptical", weight: STRONG },
  { text: "i am skeptical", weight: STRONG },
  { text: "the counterargument", weight: MEDIUM },
  { text: "the counter argument", weight: MEDIUM },
  { text: "a big statement", weight: STRONG },
  { text: "a bold claim", weight: STRONG },
  { text: "i wouldn't say", weight: MEDIUM },
  { text: "i would not say", weight: MEDIUM },
  { text: "i would argue", weight: MEDIUM },
  { text: "i'd argue", weight: MEDIUM },
  { text: "not necessarily", weight: MEDIUM },
  { text: "i'm not convinced", weight: STRONG },
  { text: "i don't see it", weight: MEDIUM },
  { text: "i don't see that", weight: MEDIUM },
  { text: "i don't know if", weight: WEAK },
  { text: "i don't know about that", weight: MEDIUM },
  { text: "i don't think so", weight: MEDIUM },
  { text: "i don't know", weight: WEAK },
  { text: "i don't think", weight: WEAK },
  { text: "on the other hand", weight: WEAK },
  { text: "but i think", weight: WEAK },
  { text: "but i do think", weight: WEAK },
  { text: "yes, but", weight: MEDIUM },
  { text: "yeah, but", weight: MEDIUM },
  { text: "sure, but", weight: MEDIUM },
  { text: "right, but", weight: WEAK },
  { text: "that's the thing, though", weight: MEDIUM },
  { text: "i would say, though", weight: MEDIUM },
  { text: "the problem with that", weight: MEDIUM },
  { text: "the thing is", weight: WEAK },
  { text: "actually, no", weight: STRONG },
  { text: "no, no", weight: MEDIUM },
  { text: "well, no", weight: MEDIUM },
  { text: "skeptical", weight: WEAK },
  { text: "kind of fake", weight: MEDIUM },
  { text: "overrated", weight: MEDIUM },
  { text: "overhyped", weight: MEDIUM },
];

export const PUSHBACK_MARKERS_ZH: Marker[] = [
  { text: "我不同意", weight: STRONG },
  { text: "我不太同意", weight: STRONG },
  { text: "我不认同", weight: STRONG },
  { text: "我不这么认为", weight: STRONG },
  { text: "我不这样认为", weight: STRONG },
  { text: "我有不同看法", weight: STRONG },
  { text: "我有不同的看法", weight: STRONG },
  { text: "我持保留意见", weight: STRONG },
  { text: "恰恰相反", weight: STRONG },
  { text: "不是这样的", weight: STRONG },
  { text: "我反对", weight: STRONG },
  { text: "我怀疑", weight: MEDIUM },
  { text: "不一定", weight: MEDIUM },
  { text: "未必", weight: MEDIUM },
  { text: "并不是", weight: WEAK },
  { text: "其实不是", weight: MEDIUM },
  { text: "但是我觉得", weight: WEAK },
  { text: "但我觉得", weight: WEAK },
  { text: "不过我觉得", weight: WEAK },
  { text: "我倒觉得", weight: MEDIUM },
  { text: "我倒是觉得", weight: MEDIUM },
  { text: "话虽如此", weight: WEAK },
  { text: "我不觉得", weight: WEAK },
  { text: "我不认为", weight: WEAK },
];

/** Openings that agree: they lower the score (an "I agree, but" is a nuance, not a clash). */
export const AGREEMENT_MARKERS: string[] = [
  "i agree",
  "i totally agree",
  "i completely agree",
  "exactly",
  "a hundred percent",
  "100%",
  "absolutely",
  "that's right",
  "that's true",
  "good point",
  "great point",
  "i do agree",
  "我同意",
  "完全同意",
  "没错",
  "确实",
  "对对",
];

/**
 * A question that frames an opposing view ("are there people who disagree with you that say
 * pre-training is dead?") invites a rebuttal: the answer to it is a pushback even when mild.
 */
export const CHALLENGE_MARKERS: string[] = [
  "disagree with you",
  "people who disagree",
  "critics",
  "skeptics",
  "devil's advocate",
  "steelman",
  "push back",
  "is dead",
  "are dead",
  "hit a plateau",
  "hit a wall",
  "plateauing",
  "overhyped",
  "bubble",
  "反对者",
  "质疑",
  "有人说",
  "唱反调",
];

/** Words that address the other speaker's point ("you mentioned", "what you're saying"): a reply, not a monologue. */
export const ADDRESSING_MARKERS: string[] = [
  "you mentioned",
  "you said",
  "what you said",
  "what you're saying",
  "your point",
  "you're saying",
  "you just said",
  "你说的",
  "你刚才说",
  "你提到",
];

/**
 * Words that push back only when they open a turn ("Well, it could be five decades", "But I think
 * what everybody's chasing..."); anywhere else they are ordinary connectives.
 */
export const OPENER_MARKERS: Marker[] = [
  { text: "well,", weight: WEAK },
  { text: "but ", weight: WEAK },
  { text: "no,", weight: MEDIUM },
  { text: "no.", weight: MEDIUM },
  { text: "actually,", weight: WEAK },
  { text: "hmm", weight: WEAK },
  { text: "不对", weight: MEDIUM },
  { text: "不是", weight: WEAK },
  { text: "可是", weight: WEAK },
  { text: "但是", weight: WEAK },
];
