/**
 * The written variants of one name: case, plural, hyphen or space ("open-weight models",
 * "open weight model", "Open-Weight Models" are one term; so are "pre-training" and "pretraining").
 */

/** The singular of an English word, by the regular rules only (irregular plurals stay distinct). */
export function singular(word: string): string {
  const w = word;
  if (w.length <= 3 || /\d$/.test(w)) return w;
  // An acronym's plural: "GPUs", "MOEs", "LLMs".
  if (/^[A-Z0-9]{2,}s$/.test(w)) return w.slice(0, -1);
  const lower = w.toLowerCase();
  if (lower.endsWith("ies") && lower.length > 4) return `${w.slice(0, -3)}y`;
  if (/(ss|us|is|ous)$/.test(lower)) return w;
  if (/(sses|xes|ches|shes)$/.test(lower)) return w.slice(0, -2);
  if (lower.endsWith("s")) return w.slice(0, -1);
  return w;
}

/**
 * The key two surfaces share when they are variants of one term: lowercase, last word singular,
 * hyphens, dots and spaces removed ("Open-weight models" -> "openweightmodel").
 */
export function variantKey(surface: string): string {
  // The last part of the last word carries the plural: "open-weights" -> "open-weight".
  const cut = Math.max(surface.lastIndexOf(" "), surface.lastIndexOf("-")) + 1;
  const last = surface.slice(cut);
  const head = cut > 0 ? surface.slice(0, cut) : "";
  const word = last.endsWith("s") || last.endsWith("S") ? singular(last) : last;
  return (head + word)
    .toLowerCase()
    .replace(/[’']s\b/g, "")
    .replace(/[-\s.·_/]+/g, "");
}

/** A readable normalised name for a concept key: lowercase, single spaces, hyphens kept. */
export function normaliseName(surface: string): string {
  return surface
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/**
 * The dictionary form of a word's derivations, when SUBTLEX knows it: "distillation", "distilled"
 * and "distilling" are "distill"; "fine-tuning" and "fine-tuned" end in "tune"; "optimization" is
 * "optimize", "verification" "verify", "caching" "cache". A word with no known stem stays as it is.
 * `known` tells whether a word is an English word (SUBTLEX Zipf > 0).
 */
export function lemma(word: string, known: (w: string) => boolean): string {
  const w = word.toLowerCase();
  for (const [suffix, replacements] of DERIVATIONS) {
    if (!w.endsWith(suffix) || w.length - suffix.length < 3) continue;
    const base = w.slice(0, -suffix.length);
    for (const r of replacements) {
      const stem = base + r;
      if (known(stem)) return stem;
      // "embedding" -> "embedd" -> "embed", "distilling" -> "distill".
      if (/([bdgklmnprt])\1$/.test(base) && r === "" && known(base.slice(0, -1))) return base.slice(0, -1);
    }
    return w;
  }
  return w;
}

// Longest suffix first; each with the endings that may replace it, tried in order ("coding" is
// "code" before "cod"). "-ition" and "-sion" are left alone: "position" is no "pose".
const DERIVATIONS: [string, string[]][] = [
  ["ification", ["ify"]],
  ["ization", ["ize"]],
  ["isation", ["ise"]],
  ["ation", ["", "ate", "e"]],
  ["ction", ["ct"]],
  ["ing", ["e", ""]],
  ["ied", ["y"]],
  ["ed", ["e", ""]],
];
