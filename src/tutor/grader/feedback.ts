import type { MisconceptionPattern, RubricPoint } from "../../knowledge/index.js";
import { hintFrom } from "./hint.js";
import type { GraderLanguage } from "./verdict.js";

/**
 * The sentences a learner reads after grading against a pack entry, in their language. They say what
 * was covered, what is still missing with a hint from the missing point's text, and, for a
 * misconception, which statement was wrong, quoting the learner.
 */

/** What the feedback is about. */
export interface RubricFeedbackInput {
  language: GraderLanguage;
  conceptName: string;
  covered: RubricPoint[];
  /** Required points not covered. */
  missing: RubricPoint[];
  /** Optional points not covered: worth a nudge once the required ones are in. */
  optionalMissing: RubricPoint[];
  misconceptions: { pattern: MisconceptionPattern; quote: string }[];
  tooShort: boolean;
}

/** Minimum length before an explanation is graded at all. */
export const MIN_ENGLISH_WORDS = 8;
export const MIN_CHINESE_CHARS = 15;

const quoteEn = (s: string) => `“${s}”`;
const quoteZh = (s: string) => `“${s}”`;

/** Turn "Thinks every token is ..." into "you think every token is ...". */
function asYouEn(description: string): string {
  const match = /^([A-Z][a-z]+)s\s+(.*)$/.exec(description.trim());
  if (!match) return `it matches a known misconception: ${description.trim()}`;
  return `you ${(match[1] as string).toLowerCase()} ${match[2] as string}`.replace(/\.$/, "");
}

function listEn(points: RubricPoint[]): string {
  return points.map((p) => p.point.en.replace(/\.$/, "")).join("; ");
}

function listZh(points: RubricPoint[]): string {
  return points.map((p) => p.point.zh.replace(/[。.]$/, "")).join("；");
}

/** Feedback in English. */
function english(input: RubricFeedbackInput): string {
  const parts: string[] = [];
  const name = input.conceptName;
  if (input.misconceptions.length > 0) {
    const first = input.misconceptions[0] as RubricFeedbackInput["misconceptions"][number];
    parts.push(
      `Not verified: you wrote ${quoteEn(first.quote)}, which sounds as if ${asYouEn(first.pattern.description.en)}. That is a common misconception about ${name}.`,
    );
    if (input.misconceptions.length > 1) {
      const more = input.misconceptions.slice(1).map((m) => asYouEn(m.pattern.description.en));
      parts.push(`Also, it sounds as if ${more.join(", and ")}.`);
    }
  } else if (input.tooShort) {
    parts.push(
      `Too short to check: explain ${name} in a few sentences of your own (at least ${MIN_ENGLISH_WORDS} words), as if to a colleague.`,
    );
  } else if (input.missing.length === 0) {
    parts.push(`Verified: you explained ${name} in your own words and covered every key point.`);
  } else {
    parts.push(`Not verified yet: your explanation of ${name} is on its way but incomplete.`);
  }
  if (input.covered.length > 0) parts.push(`You covered: ${listEn(input.covered)}.`);
  else if (!input.tooShort || input.missing.length > 0) parts.push("None of the key points is there yet.");
  if (input.missing.length > 0) {
    const count = input.missing.length === 1 ? "one key point" : `${input.missing.length} key points`;
    const hint = hintFrom((input.missing[0] as RubricPoint).point.en, "en");
    parts.push(`Still missing: ${count}. Hint: say something about ${quoteEn(hint)}`);
  } else if (input.misconceptions.length === 0 && !input.tooShort && input.optionalMissing.length > 0) {
    const hint = hintFrom((input.optionalMissing[0] as RubricPoint).point.en, "en");
    parts.push(`To go further (not required): ${quoteEn(hint)}`);
  }
  if (input.misconceptions.length > 0) parts.push("Rethink that statement and explain again.");
  return parts.join(" ");
}

/** Feedback in Chinese. */
function chinese(input: RubricFeedbackInput): string {
  const parts: string[] = [];
  const name = input.conceptName;
  if (input.misconceptions.length > 0) {
    const first = input.misconceptions[0] as RubricFeedbackInput["misconceptions"][number];
    parts.push(
      `未通过：你写道${quoteZh(first.quote)}，听起来你${first.pattern.description.zh.replace(/[。.]$/, "")}。这是关于${name}的常见误解。`,
    );
    if (input.misconceptions.length > 1) {
      const more = input.misconceptions.slice(1).map((m) => m.pattern.description.zh.replace(/[。.]$/, ""));
      parts.push(`另外，听起来你还${more.join("；并且")}。`);
    }
  } else if (input.tooShort) {
    parts.push(`太短，无法判断：请用自己的话写几句话来讲解${name}（至少 ${MIN_CHINESE_CHARS} 个字），就像讲给同事听。`);
  } else if (input.missing.length === 0) {
    parts.push(`已通过：你用自己的话讲清楚了${name}，覆盖了所有要点。`);
  } else {
    parts.push(`还未通过：你对${name}的讲解方向对了，但还不完整。`);
  }
  if (input.covered.length > 0) parts.push(`你讲到了：${listZh(input.covered)}。`);
  else if (!input.tooShort || input.missing.length > 0) parts.push("目前还没有讲到任何一个要点。");
  if (input.missing.length > 0) {
    const hint = hintFrom((input.missing[0] as RubricPoint).point.zh, "zh");
    parts.push(`还缺 ${input.missing.length} 个要点。提示：想想${quoteZh(hint)}`);
  } else if (input.misconceptions.length === 0 && !input.tooShort && input.optionalMissing.length > 0) {
    const hint = hintFrom((input.optionalMissing[0] as RubricPoint).point.zh, "zh");
    parts.push(`还可以更进一步（非必需）：${quoteZh(hint)}`);
  }
  if (input.misconceptions.length > 0) parts.push("请重新想想这一点，再讲一遍。");
  return parts.join("");
}

/** The feedback for a verdict against a pack entry, in the learner's language. */
export function rubricFeedback(input: RubricFeedbackInput): string {
  return input.language === "zh" ? chinese(input) : english(input);
}
