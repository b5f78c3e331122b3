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

/** Chinese is cut by characters (an English word counts as one), preferably before a function word. */
function chineseOpening(text: string): string {
  const pieces = text.trim().match(/[A-Za-z0-9-]+|\s+|./gu) ?? [];
  const counted = pieces.filter((p) => !/^\s+$/.test(p)).length;
  const limit = Math.max(4, Math.min(10, Math.ceil(counted / 3)));
  let out = "";
  let n = 0;
  for (const piece of pieces) {
    if (/^[，。；：、（(,;:]$/.test(piece)) break;
    if (n >= limit) break;
    // Stop before a preposition or particle once there is enough to name the idea.
    if (n >= 4 && /^[为把对在将被使让和与及]$/.test(piece)) break;
    out += piece;
    if (!/^\s+$/.test(piece)) n++;
  }
  return `${out.trim()}……`;
}
