import type { MasteryStateJson } from "./concepts.js";
import type { MarkJson, PassNumber } from "./episode.js";

/** The API contract for an episode's progress page: mastery, calibration, marks, listening per pass. */

/** A concept of the episode (found by the analysis or named by the learner's marks) and its state. */
export interface ProgressConceptJson {
  id: number;
  name: string;
  kind: string;
  state: MasteryStateJson;
  /** The learner marked it in this episode. */
  marked: boolean;
}

/** One graded explanation: the confidence given (1-5) read as a forecast, and whether it was verified. */
export interface ProgressCalibrationPointJson {
  index: number;
  attemptId: number | null;
  conceptId: number | null;
  conceptName: string | null;
  confidence: number;
  /** (confidence - 1) / 4 */
  forecast: number;
  verified: boolean;
  createdAt: string;
  context: "tutor" | "review" | "pass3";
  /** The Brier score of every graded attempt up to this one. */
  runningBrier: number;
}

export interface ProgressCalibrationBucketJson {
  confidence: number;
  forecast: number;
  count: number;
  verifiedCount: number;
  verifiedRate: number | null;
}

export interface ProgressCalibrationWeekJson {
  weekStart: string;
  count: number;
  brier: number;
  meanForecast: number;
  verifiedRate: number;
}

export interface ProgressCalibrationJson {
  points: ProgressCalibrationPointJson[];
  /** Always five: confidence 1..5. */
  buckets: ProgressCalibrationBucketJson[];
  /** 0 perfect, 0.25 = always "even odds", 1 = always certain and wrong; null with no graded attempt. */
  brier: number | null;
  /** Mean forecast minus the verified rate: > 0 over-confident. */
  overconfidence: number | null;
  weeks: ProgressCalibrationWeekJson[];
  /** Attempts the grader had nothing to check against (left out). */
  ungraded: number;
}

/** What was listened to in one pass. */
export interface PassListeningJson {
  pass: PassNumber;
  /** Wall-clock time spent listening. */
  timeMs: number;
  /** Distinct milliseconds of the episode heard. */
  listenedMs: number;
  /** listenedMs / the episode's duration, 0..1. */
  coverage: number;
  /** The stretches heard, merged, in time order. */
  stretches: { startMs: number; endMs: number }[];
}

/** `GET /api/episodes/:id/progress` */
export interface ProgressResponse {
  episodeId: string;
  durationMs: number;
  /** The pass the learner is on. */
  pass: PassNumber;
  analysed: boolean;
  mastery: {
    counts: Record<MasteryStateJson, number>;
    concepts: ProgressConceptJson[];
  };
  calibration: ProgressCalibrationJson;
  marks: MarkJson[];
  /** Always three: passes 1, 2 and 3. */
  passes: PassListeningJson[];
}
