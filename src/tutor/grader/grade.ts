import { countWords, detectLanguage } from "../../core/index.js";
import type { PackEntry } from "../../knowledge/index.js";
import { MIN_CHINESE_CHARS, MIN_ENGLISH_WORDS, rubricFeedback } from "./feedback.js";
import { type NotOwnWords, notOwnWords } from "./own-words.js";
import { matchRubric } from "./rubric-match.js";
import { checkDefinitions, transcriptFeedback } from "./transcript-check.js";
import { analyseText, containsHan } from "./units.js";
import { type GradeInput, type GraderLanguage, type Verdict, VerdictSchema } from "./verdict.js";

/**
 * Grade a learner's explanation of a concept, offline. With a pack entry: every required key point
 * covered and no misconception stated gives `verified`, the only verdict that passes the mastery
 * gate; a misconception gives `misconception` even when the right words are there; anything else is
 * `partial`. Without an entry, the transcript's own definitions are compared (never more than a
 * wording check, and the feedback says so); with neither, `unknown-concept`.
 */
export function gradeExplanation(input: GradeInput): Verdict {
  const text = input.text ?? "";
  const language = input.language ?? learnerLanguage(text);
  const tooShort = isTooShort(text);
  const verdict = input.entry
    ? gradeWithEntry(input.entry, text, language, tooShort)
    : gradeWithTranscript(input, text, language, tooShort);
  return VerdictSchema.parse(verdict);
}

function learnerLanguage(text: string): GraderLanguage {
  return detectLanguage(text) === "zh" ? "zh" : "en";
}

/** Fewer than ~8 English words or ~15 Chinese characters cannot show understanding. */
export function isTooShort(text: string): boolean {
  if (containsHan(text)) return countWords(text) < MIN_CHINESE_CHARS;
  return countWords(text) < MIN_ENGLISH_WORDS;
}

function gradeWithEntry(entry: PackEntry, text: string, language: GraderLanguage, tooShort: boolean): Verdict {
  const match = matchRubric(entry, analyseText(text));
  const covered = match.covered.map((c) => c.point);
  const missing = match.missing.filter((p) => p.required);
  const optionalMissing = match.missing.filter((p) => !p.required);
  const ruleVerdict: Verdict["verdict"] =
    match.misconceptions.length > 0 ? "misconception" : tooShort || missing.length > 0 ? "partial" : "verified";
  // Matching the rubric is not enough when the words are the card's, or only a list of terms.
  const notOwn = ruleVerdict === "verified" ? notOwnWords(text, cardTexts(entry)) : null;
  const verdict: Verdict["verdict"] = notOwn ? "partial" : ruleVerdict;
  const feedback = rubricFeedback({
    language,
    conceptName: entry.names[language][0] ?? entry.id,
    covered,
    missing,
    optionalMissing,
    misconceptions: match.misconceptions.map((m) => ({ pattern: m.pattern, quote: shorten(m.hit.sentence.original) })),
    tooShort,
  });
  return {
    concept: entry.id,
    verdict,
    covered: covered.map((p) => p.id),
    missing: missing.map((p) => p.id),
    misconceptions: match.misconceptions.map((m) => m.pattern.id),
    feedback: notOwn ? `${ownWordsFeedback(language, notOwn)} ${feedback}` : feedback,
    language,
  };
}

/** Everything the card says, in both languages: pasting it back is not explaining. */
function cardTexts(entry: PackEntry): string[] {
  const bilingual = [
    entry.definition,
    entry.explanation,
    ...entry.facts,
    ...entry.rubric.keyPoints.map((k) => k.point),
  ];
  return bilingual.flatMap((b) => [b.en, b.zh]);
}

function ownWordsFeedback(language: GraderLanguage, why: Exclude<NotOwnWords, null>): string {
  if (language === "zh") {
    return why === "copied"
      ? "这段话和知识卡片几乎一样：请合上卡片，用你自己的话再讲一遍。"
      : "这更像一串关键词，而不是解释：请用完整的句子说明它们之间是怎么联系起来的。";
  }
  return why === "copied"
    ? "This reads like the card, not your own words: close it and explain it the way you would to a colleague."
    : "This is a list of terms, not an explanation: say in full sentences how they connect.";
}

/** A quoted sentence stays readable in a terminal line. */
function shorten(sentence: string): string {
  const chars = [...sentence];
  return chars.length > 160 ? `${chars.slice(0, 159).join("")}…` : sentence;
}

function gradeWithTranscript(input: GradeInput, text: string, language: GraderLanguage, tooShort: boolean): Verdict {
  const checks = checkDefinitions(text, input.transcriptDefinitions ?? [], input.conceptName);
  const feedback = transcriptFeedback(language, input.conceptName, checks, tooShort);
  const allCovered = checks.length > 0 && checks.every((c) => c.covered);
  return {
    concept: input.conceptName,
    verdict: checks.length === 0 ? "unknown-concept" : allCovered && !tooShort ? "verified" : "partial",
    covered: checks.filter((c) => c.covered).map((c) => c.id),
    missing: checks.filter((c) => !c.covered).map((c) => c.id),
    misconceptions: [],
    feedback,
    language,
  };
}
