import type { GraderLanguage } from "./verdict.js";

/**
 * A hint is the opening of the missing point's own text, cut well before its end: enough to say
 * which idea is missing ("A learned router picks …"), not enough to hand over the answer the
 * learner must still put in their own words.
 */
export function hintFrom(pointText: string, language: GraderLanguage): string {
  return language === "zh" ? chineseOpening(pointText) : englishOpening(pointText);
}

function englishOpening(text: string): string {
  const words = text.trim().split(/\s+/);
  const keep = Math.max(3, Math.min(6, Math.ceil(words.length / 3)));
  if (words.length <= keep) return `${words.slice(0, Math.max(1, words.length - 1)).join(" ")} …`;
  return `${words
    .slice(0, keep)
    .join(" ")
    .replace(/[,;:.(]+$/, "")} …`;
}

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const HAN_CHAR = /^[\u3400-\u9fff]$/u;
const BREAK_CHAR = /^[为把对在将被使让和与及的，。；：、（(,;:]$/u;

/**
 * Chinese is cut at a word boundary once about a third of the point is shown (an English word counts
 * as one). The segmenter splits some technical words into single characters (路|由|器), so a cut
 * between two single characters is only taken before a particle or punctuation.
 */
function chineseOpening(text: string): string {
  const segments = [...segmenter.segment(text.trim())].map((s) => s.segment);
  const size = (seg: string) => (/^\s+$/.test(seg) ? 0 : /^[\x21-\x7e]+$/.test(seg) ? 1 : [...seg].length);
  const total = segments.reduce((n, seg) => n + size(seg), 0);
  const limit = Math.max(4, Math.min(10, Math.ceil(total / 3)));
  let shown = 0;
  for (let i = 0; i < segments.length; i++) {
    const here = segments[i] as string;
    if (/^[，。；：、（(,;:]$/.test(here) && shown > 0) return `${segments.slice(0, i).join("").trim()}……`;
    shown += size(here);
    const next = segments[i + 1];
    if (next === undefined) break;
    const insideWord = HAN_CHAR.test(here) && HAN_CHAR.test(next) && !BREAK_CHAR.test(next);
    if (shown >= limit && !insideWord)
      return `${segments
        .slice(0, i + 1)
        .join("")
        .trim()}……`;
  }
  // Too short to cut cleanly: show the first half.
  const chars = [...text.trim()];
  return `${chars.slice(0, Math.max(2, Math.floor(chars.length / 2))).join("")}……`;
}
