/**
 * A candidate term found in the transcript, before aliases are linked and concepts ranked.
 * Both the English and the Chinese candidate extractors return this shape so `extractConcepts`
 * merges the two languages (a Chinese transcript says "DeepSeek R1" and "GPU" too).
 */
export interface TermCandidate {
  /** The term as said (its most frequent surface form). */
  surface: string;
  /** Every place it is said: segment id and character span in the segment's text (end exclusive). */
  occurrences: { segmentId: number; start: number; end: number }[];
  /** Optional: the other written forms seen (plural, hyphen or space variants), most frequent first. */
  forms?: string[];
  /** Optional hint from the extractor: the surface is a name (capitalised, an acronym, a model name). */
  isName?: boolean;
  /** Optional hint: an acronym (RLHF, MoE, GPUs), to be linked to its expansion. */
  isAcronym?: boolean;
  /** Optional hint: the surface carries a digit or version (GPT-5, DeepSeek-V3, o1). */
  isModelLike?: boolean;
  /** Optional: the pack entry id the extractor matched this candidate to. */
  packEntryId?: string;
  /**
   * Optional: how term-like the surface is, 0..1 (1 = surely a technical term, 0 = an everyday
   * word), from the extractor's own evidence (rarity, cohesion). Ranking uses 0.5 when absent.
   */
  termhood?: number;
  /** Optional: how many occurrences are not inside a longer candidate ("center" outside "data center"). */
  aloneCount?: number;
  /** Optional: named by a published chapter title rather than said as such ("Video prediction"); the title names it. */
  titled?: boolean;
}
