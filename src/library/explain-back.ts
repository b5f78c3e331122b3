import { findPackEntry, type LoadedPack, type PackEntry } from "../knowledge/index.js";
import {
  type Attempt,
  type ConceptRef,
  episodesOfConcept,
  getEpisodeConcept,
  type NewAttempt,
  recordAttempt,
  type Store,
  sqliteLlmCache,
} from "../store/index.js";
import { gradeExplanation, type Verdict } from "../tutor/grader/index.js";
import { checkDefinitions } from "../tutor/grader/transcript-check.js";
import type { TutorLanguage } from "../tutor/lesson.js";
import { gradeWithModelOrOffline, type ModelGradeOptions } from "../tutor/model-grader/index.js";

/**
 * The explain-back gate, shared by the terminal tutor, the web concept page and reviews: find what
 * to grade against (the pack entry, else the transcript's own definitions), grade the learner's
 * explanation, keep the attempt and move the concept's mastery — one place, so every surface
 * applies the same rule.
 */

/** The pack entry of a concept: the one it is linked to, else one of the given names. */
export function conceptPackEntry(
  packs: LoadedPack[],
  concept: Pick<ConceptRef, "packEntryId" | "name"> | null,
  ...names: string[]
): PackEntry | null {
  const linked = concept?.packEntryId ? findPackEntry(packs, concept.packEntryId) : null;
  if (linked) return linked;
  for (const name of [...names, ...(concept ? [concept.name] : [])]) {
    const found = findPackEntry(packs, name);
    if (found) return found;
  }
  return null;
}

/**
 * What the transcripts say a concept is, for grading when no pack covers it: this episode's
 * definitions when an episode is given, else the best few of every episode that says it.
 */
export function transcriptDefinitions(
  store: Store,
  concept: Pick<ConceptRef, "id" | "key">,
  episodeId: string | null = null,
): string[] {
  if (episodeId) return getEpisodeConcept(store, episodeId, concept.id)?.definitions.map((d) => d.text) ?? [];
  return episodesOfConcept(store, concept.key).flatMap(
    ({ episodeId: id }) =>
      getEpisodeConcept(store, id, concept.id)
        ?.definitions.slice(0, 3)
        .map((d) => d.text) ?? [],
  );
}

/** How the confidence given before the check compares with the verdict. */
export type Calibration = "calibrated" | "overconfident" | "underconfident";

/**
 * Sure (4-5) but not verified is the "I kind of get it" the gate exists for; unsure (1-2) yet
 * verified means the learner knows more than they think. Anything else is calibrated.
 */
export function calibrationOf(confidence: number, verdict: Verdict["verdict"]): Calibration {
  if (verdict === "verified") return confidence <= 2 ? "underconfident" : "calibrated";
  return confidence >= 4 ? "overconfident" : "calibrated";
}

export interface ExplainBackInput {
  concept: ConceptRef;
  /** The episode it is learned in (null: library-wide, e.g. a review). */
  episodeId: string | null;
  /** Given before the check: 1 (lost) to 5 (could teach it). */
  confidence: number;
  text: string;
  language: TutorLanguage;
  packs: LoadedPack[];
  /** The entry to grade against when the caller already resolved it; looked up otherwise. */
  entry?: PackEntry | null;
  /** Transcript definitions for a concept without an entry; looked up otherwise. */
  definitions?: string[];
  /** Where it was given: with the tutor (default), in a review, or in the pass-3 run without help. */
  context?: NewAttempt["context"];
}

export interface ExplainBackResult {
  verdict: Verdict;
  /** The kept attempt, with the state it left the concept in. */
  attempt: Attempt;
  calibration: Calibration;
  entry: PackEntry | null;
}

/**
 * Grades one explanation and keeps it: the attempt (text, confidence, verdict, context) and the
 * mastery transition are written in one transaction. Only `verified` passes the gate.
 */
export function explainBack(store: Store, input: ExplainBackInput): ExplainBackResult {
  const prepared = prepareExplanation(store, input);
  const verdict = gradeExplanation(gradeInput(input, prepared));
  return recordExplanation(store, input, prepared, verdict, "offline");
}

/**
 * The same explain-back, graded by the learner's model when one is configured (same verdict
 * schema; invalid output is retried once, then the offline grader answers and the attempt says so).
 * Without a model it is `explainBack`.
 */
export async function explainBackWithModel(
  store: Store,
  input: ExplainBackInput,
  model: Omit<ModelGradeOptions, "cache">,
): Promise<ExplainBackResult> {
  if (!model.config && !model.configProblem) return explainBack(store, input);
  const prepared = prepareExplanation(store, input);
  const graded = await gradeWithModelOrOffline(gradeInput(input, prepared), {
    ...model,
    cache: sqliteLlmCache(store),
  });
  const { grader, ...verdict } = graded;
  return recordExplanation(store, input, prepared, verdict, grader);
}

interface PreparedExplanation {
  text: string;
  entry: PackEntry | null;
  definitions: string[];
}

function prepareExplanation(store: Store, input: ExplainBackInput): PreparedExplanation {
  if (!Number.isInteger(input.confidence) || input.confidence < 1 || input.confidence > 5)
    throw new RangeError(`confidence must be a whole number from 1 to 5, not ${input.confidence}`);
  const text = input.text.trim();
  if (!text) throw new RangeError("the explanation is empty");
  const entry = input.entry !== undefined ? input.entry : conceptPackEntry(input.packs, input.concept);
  const definitions = entry ? [] : (input.definitions ?? transcriptDefinitions(store, input.concept, input.episodeId));
  return { text, entry, definitions };
}

function gradeInput(input: ExplainBackInput, p: PreparedExplanation) {
  return {
    entry: p.entry,
    conceptName: input.concept.name,
    text: p.text,
    language: input.language,
    transcriptDefinitions: p.definitions,
  };
}

function recordExplanation(
  store: Store,
  input: ExplainBackInput,
  p: PreparedExplanation,
  verdict: Verdict,
  grader: string,
): ExplainBackResult {
  const attempt = recordAttempt(store, {
    conceptId: input.concept.id,
    episodeId: input.episodeId,
    language: verdict.language,
    confidence: input.confidence,
    text: p.text,
    verdict: verdict.verdict,
    covered: verdict.covered,
    missing: verdict.missing,
    misconceptions: verdict.misconceptions,
    feedback: verdict.feedback,
    grader,
    context: input.context ?? "tutor",
  });
  return { verdict, attempt, calibration: calibrationOf(input.confidence, verdict.verdict), entry: p.entry };
}

/**
 * Names the ids a verdict lists (rubric key points, misconception patterns, or the transcript's
 * `definition-N`) in the learner's language, so a page can say what was covered and what is missing.
 */
export function describePoints(
  ids: string[],
  language: TutorLanguage,
  source: { entry: PackEntry | null; conceptName: string; definitions?: string[] },
): { id: string; text: string }[] {
  const { entry } = source;
  // The grader numbers the definitions it could compare; the same check with no text gives the same numbering.
  const checked =
    !entry && source.definitions?.length ? checkDefinitions("", source.definitions, source.conceptName) : [];
  return ids.map((id) => {
    const point = entry?.rubric.keyPoints.find((k) => k.id === id)?.point;
    if (point) return { id, text: point[language] };
    const wrong = entry?.rubric.misconceptionPatterns.find((m) => m.id === id)?.description;
    if (wrong) return { id, text: wrong[language] };
    return { id, text: checked.find((c) => c.id === id)?.text ?? id };
  });
}
