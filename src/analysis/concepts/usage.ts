import type { ConceptMention } from "../types.js";
import { FUNCTION_WORDS } from "./common-words.js";
import type { Token, TokenisedSegment } from "./tokens.js";

/**
 * How an episode uses a concept, beyond how often: said as a verb rather than named ("we distill
 * it" vs "distillation"), said in one passage rather than spread like an everyday word, and said
 * among the episode's other technical terms. Each is cheap evidence for ranking, on any topic.
 */

/** Words after which the next word is a verb: a pronoun subject, a modal, a negated auxiliary. */
const VERB_BEFORE = new Set(
  (
    "i you we they he she can could will would should might must don't didn't doesn't can't won't " +
    "couldn't wouldn't shouldn't let's i'll you'll we'll they'll"
  ).split(" "),
);

/** Before an "-ing" word, these make it a verb in progress ("we're iterating", "keep integrating"). */
const PROGRESSIVE_BEFORE = new Set(
  "am is are was were be been i'm you're we're they're he's she's it's that's keep keeps kept start started stop".split(
    " ",
  ),
);

/** Words that start a verb's object: after "to X", they make X a verb. */
const OBJECT_START = new Set(
  "the a an this that these those it them him her us me you your our their its some all what how which whether".split(
    " ",
  ),
);

/** The token that starts at `start` in a segment, by binary search (tokens are in text order). */
function tokenAt(tokens: Token[], start: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Words that start a verb's object right after it ("generate the code", "migrate it"); a noun seldom has one. */
const OBJECT_AFTER = new Set("the a an this these those it them him us me your our their my his".split(" "));

/**
 * 0..1: the share of the mentions said as a verb: right after a pronoun or a modal ("we iterate",
 * "can predict"), or, for one plain word, right before its object ("generate the code", "integrating
 * it"). A hyphenated word keeps its object as a name of the method ("fine-tuning the model").
 */
export function verbShare(mentions: ConceptMention[], byId: Map<number, TokenisedSegment>): number {
  if (mentions.length === 0) return 0;
  let verbs = 0;
  for (const m of mentions) {
    const tokens = byId.get(m.segmentId)?.tokens;
    if (!tokens) continue;
    const k = tokenAt(tokens, m.start);
    const t = tokens[k];
    if (!t || t.start !== m.start) continue;
    const after = t.end === m.end && !t.lower.includes("-") ? tokens[k + 1] : undefined;
    if (after && !after.breakBefore && OBJECT_AFTER.has(after.lower)) {
      verbs++;
      continue;
    }
    if (k === 0 || t.breakBefore) continue;
    const before = (tokens[k - 1] as Token).lower;
    if (VERB_BEFORE.has(before)) verbs++;
    else if (PROGRESSIVE_BEFORE.has(before) && t.lower.endsWith("ing")) verbs++;
    else if (before === "to") {
      // "to predict the next word" is a verb with its object; "access to compute is" a noun.
      const next = tokens[k + 1];
      if (next && !next.breakBefore && next.start >= m.end && OBJECT_START.has(next.lower)) verbs++;
    }
  }
  return verbs / mentions.length;
}

/** Before an adjective: "very intelligent", "so diverse", "is cultural". */
const DEGREE_BEFORE = new Set(
  "very so too extremely incredibly fairly highly relatively quite pretty super less is are was were be been being".split(
    " ",
  ),
);
/** How an adjective ends: "intelligent", "cultural", "diverse", "generative", "robotic", "dangerous". */
const ADJECTIVE_ENDING = /(?:ent|ant|al|ive|ic|ous|ful|ary|ible|able|ish|less|erse)$/;

/** How the adjective of a people or a place ends: "Chinese", "American", "European", "British". */
const DEMONYM_ENDING = /(?:ese|ian|ean|can|ish)$/;

/**
 * 0..1: the share of the mentions of one plain word said as an adjective: after a degree word or a
 * copula ("very intelligent", "is diverse") or, when the word is shaped like an adjective, before
 * the noun it qualifies ("cultural differences"). A qualifier is not the thing to learn; the phrase
 * it starts may be. 0 for phrases and names.
 */
export function adjectiveShare(mentions: ConceptMention[], byId: Map<number, TokenisedSegment>): number {
  if (mentions.length === 0) return 0;
  let adjectives = 0;
  for (const m of mentions) {
    const tokens = byId.get(m.segmentId)?.tokens;
    if (!tokens) continue;
    const k = tokenAt(tokens, m.start);
    const t = tokens[k];
    if (!t || t.start !== m.start || t.end !== m.end || !/^\p{L}\p{Ll}+$/u.test(t.text)) continue;
    const after = tokens[k + 1];
    const qualifies = after !== undefined && !after.breakBefore && !FUNCTION_WORDS.has(after.lower);
    // A people's adjective before a noun: "Chinese companies", "American models". Other names are no adjectives.
    if (/^\p{Lu}/u.test(t.text) && qualifies && /^\p{Ll}/u.test(after.text) && DEMONYM_ENDING.test(t.lower)) {
      adjectives++;
      continue;
    }
    if (/^\p{Lu}/u.test(t.text) && !t.sentenceStart) continue;
    const before = k > 0 && !t.breakBefore ? (tokens[k - 1] as Token).lower : "";
    if (DEGREE_BEFORE.has(before) && !qualifies) adjectives++;
    else if (qualifies && ADJECTIVE_ENDING.test(t.lower)) adjectives++;
  }
  return adjectives / mentions.length;
}

/**
 * 0..1: how much more concentrated the mentions are than the same number said at random: one
 * minus the tenths of the episode they fall in over the tenths expected. 0 for fewer than three
 * mentions (too few to tell) and for terms spread like everyday words.
 */
export function burstiness(mentions: ConceptMention[], position: Map<number, number>): number {
  const n = mentions.length;
  if (n < 3) return 0;
  const tenths = new Set(mentions.map((m) => Math.min(9, Math.floor((position.get(m.segmentId) ?? 0) * 10))));
  const expected = 10 * (1 - 0.9 ** n);
  return Math.max(0, 1 - tenths.size / expected);
}

/**
 * For each concept, how many of the episode's strong terms are said around it: the mean over the
 * segments that mention it of the other strong concepts said there, per 100 words (a segment
 * counts as at least 20 words). Technical terms come in technical talk; everyday words anywhere.
 */
export function contextDensity(
  mentionsOf: ConceptMention[][],
  strong: boolean[],
  byId: Map<number, TokenisedSegment>,
): number[] {
  const strongIn = new Map<number, Set<number>>();
  for (const [i, mentions] of mentionsOf.entries()) {
    if (!strong[i]) continue;
    for (const m of mentions) {
      let set = strongIn.get(m.segmentId);
      if (!set) {
        set = new Set();
        strongIn.set(m.segmentId, set);
      }
      set.add(i);
    }
  }
  return mentionsOf.map((mentions, i) => {
    const segments = new Set(mentions.map((m) => m.segmentId));
    if (segments.size === 0) return 0;
    let sum = 0;
    for (const s of segments) {
      const set = strongIn.get(s);
      const others = (set?.size ?? 0) - (set?.has(i) ? 1 : 0);
      sum += (others / Math.max(20, byId.get(s)?.tokens.length ?? 0)) * 100;
    }
    return sum / segments.size;
  });
}
