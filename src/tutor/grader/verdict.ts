import { z } from "zod";
import type { PackEntry } from "../../knowledge/index.js";

/** The four outcomes of grading. Only `verified` passes the mastery gate. */
export const VERDICTS = ["verified", "partial", "misconception", "unknown-concept"] as const;

/** The languages the grader reads and answers in. */
export const GraderLanguage = z.enum(["en", "zh"]);
export type GraderLanguage = z.infer<typeof GraderLanguage>;

/**
 * What the grader returns for one explanation; `deeplisten grade --json` prints it as is.
 * `covered` and `missing` hold rubric key-point ids (or `definition-N` when only the transcript's
 * definitions could be checked); `misconceptions` holds misconception-pattern ids.
 */
export const VerdictSchema = z.object({
  concept: z.string().min(1),
  verdict: z.enum(VERDICTS),
  covered: z.array(z.string()),
  missing: z.array(z.string()),
  misconceptions: z.array(z.string()),
  /** For the learner, in their language: what they covered, what is missing, a hint. */
  feedback: z.string().min(1),
  language: GraderLanguage,
});
export type Verdict = z.infer<typeof VerdictSchema>;

/** What to grade. */
export interface GradeInput {
  /** The concept's pack entry, or null when no pack covers the concept. */
  entry: PackEntry | null;
  /** The concept's name as the learner knows it; shown in feedback when there is no entry. */
  conceptName: string;
  /** The learner's explanation, in their own words. */
  text: string;
  /** The learner's language; detected from the text when absent. Feedback is written in it. */
  language?: GraderLanguage;
  /** Sentences from the transcript that define the concept; used only when `entry` is null. */
  transcriptDefinitions?: string[];
}
