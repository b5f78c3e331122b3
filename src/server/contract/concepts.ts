/**
 * The API contract for the concepts of an episode: the table, one concept's page, and the
 * explain-back gate. Plain types and constants only (the web app imports them).
 */

export type MasteryStateJson = "new" | "marked" | "learning" | "verified";
export const MASTERY_STATE_ORDER: readonly MasteryStateJson[] = ["new", "marked", "learning", "verified"];

export type ConceptKindJson = "term" | "model" | "organisation" | "person";
export const CONCEPT_KINDS: readonly ConceptKindJson[] = ["term", "model", "organisation", "person"];

export type VerdictJson = "verified" | "partial" | "misconception" | "unknown-concept";

/** The learner's language as the tutor and the grader speak it. */
export type TutorLanguageJson = "en" | "zh";

/** One row of the concepts table. */
export interface ConceptRowJson {
  id: number;
  /** As this episode says it. */
  name: string;
  /** The pack's display names, when a pack knows the concept (the zh one is shown to a Chinese learner). */
  packNames: { en: string; zh: string } | null;
  aliases: string[];
  kind: ConceptKindJson;
  state: MasteryStateJson;
  /** How often the episode says it (0 for a term the learner marked that the analysis never found). */
  mentionCount: number;
  /** Its first moment on the episode's timeline. */
  firstMs: number;
  /** Whether the learner marked it in this episode. */
  marked: boolean;
  /** Its rank in the analysis (0 = most worth learning); marked-only terms come last. */
  rank: number;
  hasPackEntry: boolean;
}

/** `GET /api/episodes/:id/concepts` */
export interface ConceptsResponse {
  analysed: boolean;
  concepts: ConceptRowJson[];
}

/** A moment of the episode about the concept; plays on click. */
export interface ConceptMomentJson {
  segmentId: number;
  startMs: number;
  speaker: string | null;
  text: string;
}

/** A mention: where the episode says the name, with a little context around it. */
export interface ConceptMentionJson {
  segmentId: number;
  startMs: number;
  speaker: string | null;
  before: string;
  term: string;
  after: string;
}

export interface PackCardJson {
  entryId: string;
  definition: string;
  explanation: string;
  facts: { text: string; source: string }[];
  misconceptions: string[];
}

export interface PrerequisiteJson {
  entryId: string;
  name: string;
  /** The library concept for it, when there is one. */
  conceptId: number | null;
  /** Whether this episode talks about it (then it links to its concept page). */
  inEpisode: boolean;
  state: MasteryStateJson;
}

/** A rubric point (or a transcript definition) named in the learner's language. */
export interface RubricPointJson {
  id: string;
  text: string;
}

export type ExplainCalibrationJson = "calibrated" | "overconfident" | "underconfident";

export interface AttemptJson {
  id: number;
  createdAt: string;
  language: TutorLanguageJson;
  confidence: number;
  text: string;
  verdict: VerdictJson;
  covered: RubricPointJson[];
  missing: RubricPointJson[];
  misconceptions: RubricPointJson[];
  feedback: string;
  grader: string;
  context: "tutor" | "review" | "pass3";
  /** The mastery state the attempt left the concept in. */
  state: MasteryStateJson;
  calibration: ExplainCalibrationJson;
}

export interface MarkOfConceptJson {
  id: number;
  pass: 1 | 2 | 3;
  startMs: number;
  confidence: number | null;
  note: string | null;
}

/** `GET /api/episodes/:id/concepts/:conceptId[?lang=en|zh]` */
export interface ConceptPageResponse {
  concept: {
    id: number;
    name: string;
    aliases: string[];
    kind: ConceptKindJson;
    packEntryId: string | null;
  };
  language: TutorLanguageJson;
  state: MasteryStateJson;
  /** The episode's own best definitions, ranked. */
  episodeSays: ConceptMomentJson[];
  mentions: ConceptMentionJson[];
  card: PackCardJson | null;
  prerequisites: PrerequisiteJson[];
  checkQuestions: string[];
  related: { entryId: string; name: string; conceptId: number | null; inEpisode: boolean }[];
  marks: MarkOfConceptJson[];
  /** Oldest first. */
  attempts: AttemptJson[];
}

export const CONFIDENCE_MIN = 1;
export const CONFIDENCE_MAX = 5;
/** Longest explanation the gate reads. */
export const EXPLANATION_MAX_CHARS = 10_000;

/** `POST /api/episodes/:id/concepts/:conceptId/explain` */
export interface ExplainRequest {
  /** How sure the learner is, given before the check: 1 (lost) to 5 (could teach it). */
  confidence: number;
  text: string;
  language: TutorLanguageJson;
}

export interface ExplainResponse {
  verdict: VerdictJson;
  /** The concept's state after the attempt. */
  state: MasteryStateJson;
  attempt: AttemptJson;
}
