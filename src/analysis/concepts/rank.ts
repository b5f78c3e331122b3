import type { ConceptKind } from "../types.js";

/**
 * How much a learner needs a concept. Mostly how term-like it is (rare in everyday speech,
 * its words sticking together), then how often and how widely across the episode it is said,
 * and whether the episode explains it. A glossary hit helps but is never needed: on a topic no
 * pack covers, the same evidence ranks the episode's own terms.
 */
export interface RankEvidence {
  /** 0..1 from the candidate extractor. */
  termhood: number;
  mentionCount: number;
  /** Mentions not inside a longer term ("center" outside "data center"); all of them when absent. */
  aloneCount?: number;
  /** 0..1: the share of the episode's tenths in which it is said. */
  coverage: number;
  /** Score of its best definition, 0 when none. */
  bestDefinition: number;
  inGlossary: boolean;
  /**
   * 0..1: how much the pack is about this episode (see `packRelevance`); 1 when absent. A pack
   * that knows a handful of the episode's terms says little about what the rest of it needs.
   */
  packRelevance?: number;
  kind: ConceptKind;
  /** One of the episode's voices: the learner knows who is talking. */
  isSpeaker: boolean;
  /** Known under an acronym and its expansion: a named idea the speakers use both ways. */
  hasAcronymLink: boolean;
  /** The acronym said right beside its expansion ("Proximal Policy Optimization, PPO"): introduced as a term. */
  spelledOut?: boolean;
  /** Named in the episode's title or a published chapter title: the publisher calls it a topic. */
  inTitles: boolean;
  /** 0..1: the share of its mentions said as a verb ("we iterate"): an action, not a thing to learn. */
  verbShare: number;
  /** 0..1: the share of its mentions said as an adjective ("very intelligent", "cultural norms"). */
  adjectiveShare?: number;
  /** For a plain word, how many distinct phrases of the episode end in it ("model": "world model", "language model"...). */
  headOf?: number;
  /** 0..1: how concentrated its mentions are (see `burstiness`): a term is explained in a passage. */
  burstiness: number;
  /** The other strong terms said around it, per 100 words (see `contextDensity`); about 5 is usual. */
  contextDensity: number;
}

// Terms carry the ideas to learn; a model, a company or a person is mostly a name to recognise.
const KIND_WEIGHT: Record<ConceptKind, number> = { term: 1, model: 0.9, organisation: 0.85, person: 0.55 };

/** What an acronym spelled out beside its expansion counts for. */
const SPELLED_OUT_WEIGHT = 1.08;

/** What a mention inside a longer term counts for, against one said alone. */
const NESTED_WEIGHT = 0.3;

/** The score concepts are ranked by (higher first); only the order matters. */
export function conceptScore(e: RankEvidence): number {
  // A pack entry is a concept someone judged worth learning: as term-like as a rare coined word.
  const relevance = e.packRelevance ?? 1;
  const evidence = e.inGlossary ? e.termhood + relevance * Math.max(0, 0.85 - e.termhood) : e.termhood;
  const termhood = Math.min(1, evidence + (e.hasAcronymLink ? 0.1 : 0));
  // Saturates: a term said 30 times is not ten times as needed as one said 3 times. Said inside a
  // longer term, a word counts for less: "center" of "data center" is that term's part.
  const alone = Math.min(e.mentionCount, e.aloneCount ?? e.mentionCount);
  const said = Math.min(6, Math.log2(2 + alone + NESTED_WEIGHT * (e.mentionCount - alone)));
  // Said across the episode helps a little; a term explained in one passage is as needed.
  const spread = 0.85 + 0.3 * e.coverage;
  const passage = 1 + 0.4 * e.burstiness;
  // Explained in the episode ("X is a ...", "X means ..."): the speakers thought it needs explaining.
  const explained = 1 + 0.6 * Math.min(1, Math.max(0, e.bestDefinition - 2) / 3);
  // A word many phrases end in ("model": "world model", "language model"...) names a class of things.
  const classWord = 1 / (1 + 0.12 * Math.max(0, (e.headOf ?? 0) - 2));
  const weight = e.isSpeaker ? 0.25 : KIND_WEIGHT[e.kind];
  // Said mostly as a verb ("we iterate", "generate the code") or an adjective ("very intelligent"):
  // an action or a quality, not a thing to learn.
  const notNoun = e.verbShare + (e.adjectiveShare ?? 0);
  const noun = 1 - 0.6 * Math.min(1, Math.max(0, (notNoun - 0.1) / 0.4));
  // Among other technical terms rather than in small talk; bounded, so no single passage decides.
  const company = Math.sqrt(Math.min(1.4, Math.max(0.6, e.contextDensity / 5)));
  // With a pack for the topic, what it knows comes before the episode's own vocabulary.
  const topic = e.inTitles ? 1.35 : 1;
  // Spelled out where it is said ("Proximal Policy Optimization, PPO"): the speakers introduce a term.
  const introduced = e.spelledOut ? SPELLED_OUT_WEIGHT : 1;
  return (
    termhood ** 1.5 *
    said *
    spread *
    passage *
    explained *
    weight *
    noun *
    classWord *
    company *
    topic *
    introduced *
    (e.inGlossary ? 1 + 0.4 * relevance : 1)
  );
}

/**
 * How much a pack is about an episode, from how many of its entries the episode names: a pack on
 * the episode's topic knows dozens of its terms (#490: 80), one on a neighbouring topic a dozen or
 * so (#416 on world models: 17), and then its few hits should not outrank the episode's own terms.
 */
export function packRelevance(entriesNamed: number): number {
  return Math.min(1, Math.max(0, (entriesNamed - PACK_OFF_TOPIC) / (PACK_ON_TOPIC - PACK_OFF_TOPIC)));
}

/** Entries named by an episode the pack says nothing about (the corpus' other topics name 9-17). */
const PACK_OFF_TOPIC = 12;
/** Entries named by an episode on the pack's topic (the corpus' AI episodes name 44-80). */
const PACK_ON_TOPIC = 40;
