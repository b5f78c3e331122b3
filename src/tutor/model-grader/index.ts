/** Grading with a model: the offline grader's verdict schema, a pack rubric or the episode's passages, offline fallback. */
export {
  type GradedVerdict,
  gradeWithModelOrOffline,
  type ModelGradeInput,
  type ModelGradeOptions,
  toVerdict,
} from "./grade.js";
export { buildGradingPrompt, type GradingBasis, type GradingPrompt, gradingBasis } from "./prompt.js";
