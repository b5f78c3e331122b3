/**
 * The explanation grader: checks a learner's own-words explanation of a concept against a knowledge
 * pack's rubric (or, without a pack entry, against the transcript's definitions), offline.
 */
export { gradeExplanation, isTooShort } from "./grade.js";
export { porterStem, stemWord } from "./stem.js";
export { type GradeInput, GraderLanguage, VERDICTS, type Verdict, VerdictSchema } from "./verdict.js";
