import { hintFrom } from "./hint.js";
import { type AnalysedSentence, analyseText, type Unit } from "./units.js";
import type { GraderLanguage } from "./verdict.js";

/**
 * For a concept no pack covers, the offline grader can only compare the explanation with what the
 * transcript itself says about it: the share of each definition's content words (English stems,
 * Chinese character pairs) that the explanation uses. That measures overlap, not understanding, so
 * the feedback says so and suggests a model.
 */

/**
 * A definition counts as covered when the explanation uses at least this share of its words. Set high
 * because a wording match is all the evidence there is: `verified` must mean "covers them well".
 */
export const DEFINITION_COVERAGE = 0.6;
/** Only the first few definitions are compared: they are the best-ranked, and more would be noise. */
export const MAX_DEFINITIONS = 3;

/** How each transcript definition was covered. */
export interface DefinitionCheck {
  id: string;
  text: string;
  coverage: number;
  covered: boolean;
}

function contentKeys(sentences: AnalysedSentence[], exclude: Set<string>): Set<string> {
  const keys = new Set<string>();
  for (const sentence of sentences) {
    let previous: Unit | null = null;
    for (const unit of sentence.units) {
      if (unit.kind === "boundary") {
        previous = null;
        continue;
      }
      if (!unit.content) continue;
      if (unit.kind === "word" && unit.key.length > 1 && !exclude.has(unit.key)) keys.add(unit.key);
      if (unit.kind === "han" && previous?.kind === "han") {
        const pair = `${previous.key}${unit.key}`;
        if (!exclude.has(pair)) keys.add(pair);
      }
      previous = unit;
    }
  }
  return keys;
}

/** Compare an explanation with the transcript's definitions of the concept. */
export function checkDefinitions(text: string, definitions: string[], conceptName: string): DefinitionCheck[] {
  // The concept's own name is in every definition and every explanation; it proves nothing.
  const nameKeys = contentKeys(analyseText(conceptName), new Set());
  const explained = contentKeys(analyseText(text), nameKeys);
  const checks: DefinitionCheck[] = [];
  for (const definition of definitions.map((d) => d.trim()).filter((d) => d.length > 0)) {
    if (checks.length >= MAX_DEFINITIONS) break;
    const keys = contentKeys(analyseText(definition), nameKeys);
    if (keys.size === 0) continue;
    let shared = 0;
    for (const key of keys) if (explained.has(key)) shared++;
    const coverage = shared / keys.size;
    checks.push({
      id: `definition-${checks.length + 1}`,
      text: definition,
      coverage,
      covered: coverage >= DEFINITION_COVERAGE,
    });
  }
  return checks;
}

/** Feedback for a concept without a pack entry, honest about what was checked. */
export function transcriptFeedback(
  language: GraderLanguage,
  conceptName: string,
  checks: DefinitionCheck[],
  tooShort: boolean,
): string {
  const covered = checks.filter((c) => c.covered).length;
  const missing = checks.find((c) => !c.covered);
  if (language === "zh") {
    if (checks.length === 0) {
      return `知识包里没有“${conceptName}”，节目文字稿里也找不到它的定义，所以离线无法检查这段讲解。请在设置中配置一个语言模型来检查。`;
    }
    const parts = [
      `知识包里没有“${conceptName}”，所以只对照了节目文字稿中的 ${checks.length} 处定义，这只是用词重合度的检查，并不能真正判断理解。`,
    ];
    if (tooShort) parts.push("讲解太短，请用自己的话多写几句。");
    parts.push(`你的讲解覆盖了其中 ${covered} 处。`);
    if (missing) parts.push(`文字稿里还说到：“${hintFrom(missing.text, "zh")}”`);
    parts.push("想要真正的检查，请在设置中配置一个语言模型。");
    return parts.join("");
  }
  if (checks.length === 0) {
    return `There is no knowledge-pack entry for “${conceptName}” and the transcript does not define it, so this explanation cannot be checked offline. Configure a language model in the settings to have it checked.`;
  }
  const parts = [
    `There is no knowledge-pack entry for “${conceptName}”, so only the transcript's own definitions were checked (${checks.length}); this compares wording, it cannot really judge understanding.`,
  ];
  if (tooShort) parts.push("Your explanation is too short: write a few sentences of your own.");
  parts.push(`Your explanation covers ${covered} of them.`);
  if (missing) parts.push(`The transcript also says: “${hintFrom(missing.text, "en")}”`);
  parts.push("For a real check, configure a language model in the settings.");
  return parts.join(" ");
}
