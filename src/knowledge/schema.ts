import { z } from "zod";

/**
 * The knowledge-pack format, version 1. A pack is a folder:
 *   pack.json            the manifest (PackManifest)
 *   entries/*.json       each file a JSON array of PackEntry
 * Packs are data a person writes and `deeplisten pack validate <dir>` checks; nothing here is code.
 * Every text a learner reads exists in English and Chinese (`Bilingual`).
 */

export const PACK_FORMAT_VERSION = 1;

/** An id: lowercase words joined by hyphens, e.g. `mixture-of-experts`. */
export const EntryId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens");

/** One text in both languages. */
export const Bilingual = z.object({
  en: z.string().trim().min(1, "English text is empty"),
  zh: z.string().trim().min(1, "Chinese text is empty"),
});

/** Phrases in each language; used to recognise a point in a learner's explanation. */
export const Phrasings = z.object({
  en: z.array(z.string().trim().min(1)).min(1, "give at least one English phrasing"),
  zh: z.array(z.string().trim().min(1)).min(1, "give at least one Chinese phrasing"),
});

export const ENTRY_KINDS = ["term", "model", "organisation", "person", "debate"] as const;
export const EntryKind = z.enum(ENTRY_KINDS);

/** A key point a good explanation must make, and the ways people say it. */
export const RubricPoint = z.object({
  id: EntryId,
  point: Bilingual,
  /**
   * Short phrases (2-6 words) or word sets that express the point, e.g. "only a few experts",
   * "subset of experts", "top-k experts"; the grader matches them after stemming, so write the
   * ideas, not exact sentences. Chinese phrasings are short too: "部分专家", "只激活少数专家".
   */
  phrasings: Phrasings,
  /** Points marked required must all be covered for `verified`. */
  required: z.boolean().default(true),
});

/** A wrong idea that must fail an explanation even when the right words appear. */
export const MisconceptionPattern = z.object({
  id: EntryId,
  description: Bilingual,
  /** Phrases that state the wrong idea, e.g. "sent to all experts", "averages all experts". */
  phrasings: Phrasings,
});

export const Rubric = z.object({
  keyPoints: z.array(RubricPoint).min(2, "a rubric needs at least two key points"),
  misconceptionPatterns: z.array(MisconceptionPattern).default([]),
});

export const Fact = z.object({
  en: z.string().trim().min(1),
  zh: z.string().trim().min(1),
  /** Where the fact is checked: a paper, a model card, a company post (title and year). */
  source: z.string().trim().min(1, "say where the fact comes from"),
});

export const PackEntry = z.object({
  id: EntryId,
  kind: EntryKind,
  /** The field's area, e.g. landscape, architecture, training, inference, debate. */
  area: z.string().trim().min(1),
  /** Names: the first of each language is the display name; the rest are aliases (MoE, 混合专家). */
  names: Phrasings,
  definition: Bilingual,
  explanation: Bilingual,
  facts: z.array(Fact).default([]),
  prerequisites: z.array(EntryId).default([]),
  related: z.array(EntryId).default([]),
  misconceptions: z.array(Bilingual).min(1, "list at least one misconception"),
  checkQuestions: z.array(Bilingual).min(2, "give 2 to 4 check questions").max(4, "give 2 to 4 check questions"),
  rubric: Rubric,
});

export const PackManifest = z.object({
  format: z.literal("deeplisten-pack"),
  formatVersion: z.literal(PACK_FORMAT_VERSION),
  id: EntryId,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "use a semantic version like 1.0.0"),
  title: Bilingual,
  description: Bilingual,
  languages: z.array(z.enum(["en", "zh"])).min(1),
  license: z.string().min(1),
  areas: z.array(z.object({ id: z.string().min(1), title: Bilingual })).default([]),
});

export type PackEntry = z.infer<typeof PackEntry>;
export type PackManifest = z.infer<typeof PackManifest>;
export type RubricPoint = z.infer<typeof RubricPoint>;
export type MisconceptionPattern = z.infer<typeof MisconceptionPattern>;
export type Bilingual = z.infer<typeof Bilingual>;
