import type { Glossary, GlossaryEntry } from "../types.js";
import { variantKey } from "./variants.js";

/** One name of a glossary entry, ready to be matched against what the transcript says. */
export interface GlossaryName {
  entry: GlossaryEntry;
  name: string;
  /**
   * Only a capitalised occurrence counts: "Meta", "Claude", "OpenAI", "MoE" are names, while
   * "meta", "claude" are not; a term's display name ("Router", "Distillation") matches any case.
   */
  caseSensitive: boolean;
}

/** The glossary by variant key (case, plural, hyphen and space folded), in both languages. */
export interface GlossaryIndex {
  byKey: Map<string, GlossaryName>;
  /** Variant keys of the English names, for the candidate extractor to keep even if said once. */
  englishKeys: Set<string>;
}

/** Index a glossary's names; a name shared by two entries goes to the first (packs forbid it anyway). */
export function indexGlossary(glossary: Glossary | undefined): GlossaryIndex {
  const byKey = new Map<string, GlossaryName>();
  const englishKeys = new Set<string>();
  for (const entry of glossary?.entries ?? []) {
    for (const [lang, names] of [
      ["en", entry.names.en],
      ["zh", entry.names.zh],
    ] as const) {
      for (const [i, name] of names.entries()) {
        // Debate titles are questions, not names said in a transcript.
        if (entry.kind === "debate" && i === 0) continue;
        const key = variantKey(name);
        if (key.length === 0 || byKey.has(key)) continue;
        byKey.set(key, { entry, name, caseSensitive: isCaseSensitive(name, i, entry) });
        if (lang === "en") englishKeys.add(key);
      }
    }
  }
  return { byKey, englishKeys };
}

function isCaseSensitive(name: string, position: number, entry: GlossaryEntry): boolean {
  if (!/\p{Lu}/u.test(name)) return false;
  // A term's display name is capitalised only as a title: "Mixture of Experts" matches "mixture of experts".
  if (position === 0 && (entry.kind === "term" || entry.kind === "debate")) return false;
  // Otherwise capitals are part of the name: OpenAI, MoE, RL, Meta, Claude, Hugging Face, Mamba.
  return true;
}

/**
 * Whether a said form matches a glossary name's case: a case-sensitive name needs the capitals
 * where the name has them ("Meta" but not "meta"; "MoE" or "MOE" but not "moe").
 */
export function caseMatches(said: string, name: GlossaryName): boolean {
  if (!name.caseSensitive) return true;
  const first = name.name.match(/\p{L}/u)?.[0] ?? "";
  const saidFirst = said.match(/\p{L}/u)?.[0] ?? "";
  if (first !== first.toLowerCase() && saidFirst === saidFirst.toLowerCase()) return false;
  const innerCaps = (name.name.match(/\p{Lu}/gu)?.length ?? 0) > 1;
  return !innerCaps || (said.match(/\p{Lu}/gu)?.length ?? 0) > 1;
}
