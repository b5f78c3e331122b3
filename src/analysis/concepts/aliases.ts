import type { TermCandidate } from "./candidate.js";
import { FUNCTION_WORDS, isStopword, NAME_CONNECTORS, specificity } from "./common-words.js";
import type { Token, TokenisedSegment } from "./tokens.js";
import { variantKey } from "./variants.js";

/**
 * Acronyms and their expansions: "MoE" and "mixture of experts" said in one episode are one
 * concept, as are "RLVR" and "reinforcement learning with verifiable rewards". The expansion is
 * found by the initials of a phrase, with or without its small words ("of", "with"), and with or
 * without the parts of hyphenated words ("multi-head latent attention" = MLA).
 */

/** The letters an acronym stands for: "MoE" -> "MOE", "MOEs" -> "MOE", "GPUs" -> "GPU". */
export function acronymLetters(surface: string): string {
  const s = /^[A-Z0-9]{2,}s$/.test(surface) || /[A-Z]s$/.test(surface) ? surface.slice(0, -1) : surface;
  return s.replace(/[^A-Za-z]/g, "").toUpperCase();
}

const MAX_WORDS = 6;
const MAX_VARIANTS = 24;

/** The ways a word can contribute to an acronym: its initial, or the initials of its hyphen parts. */
function initialOptions(t: Token): string[] {
  const lower = t.lower;
  const first = lower[0] ?? "";
  const parts = lower.split("-").filter((p) => p.length > 0);
  if (parts.length < 2) return [first];
  return [first, parts.map((p) => p[0]).join("")];
}

interface ExpansionTally {
  forms: Map<string, number>;
  occurrences: { segmentId: number; start: number; end: number }[];
  words: string[];
}

/**
 * Every phrase of the episode whose initials spell one of the acronyms, grouped by acronym and by
 * the phrase's variant key. One pass over the tokens, at most six words per phrase.
 */
export function findExpansions(
  acronyms: ReadonlySet<string>,
  segments: TokenisedSegment[],
): Map<string, Map<string, ExpansionTally>> {
  const found = new Map<string, Map<string, ExpansionTally>>();
  if (acronyms.size === 0) return found;
  const prefixes = new Set<string>();
  for (const a of acronyms) for (let i = 1; i <= a.length; i++) prefixes.add(a.slice(0, i).toLowerCase());
  for (const seg of segments) {
    const tokens = seg.tokens;
    // Per token at most once, and only for tokens whose initial starts some acronym.
    const edgeCache = new Int8Array(tokens.length);
    const edge = (k: number): boolean => {
      if (edgeCache[k] === 0) edgeCache[k] = isExpansionEdge(tokens[k] as Token) ? 1 : 2;
      return edgeCache[k] === 1;
    };
    const optionCache: (string[] | undefined)[] = [];
    const options = (k: number): string[] => {
      let o = optionCache[k];
      if (!o) {
        o = initialOptions(tokens[k] as Token);
        optionCache[k] = o;
      }
      return o;
    };
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i] as Token;
      if (!prefixes.has(first.lower[0] ?? "") || !edge(i)) continue;
      let variants = options(i).filter((v) => prefixes.has(v));
      for (let n = 1; n <= MAX_WORDS && variants.length > 0 && i + n <= tokens.length; n++) {
        const last = tokens[i + n - 1] as Token;
        if (n > 1) {
          if (last.breakBefore || (FUNCTION_WORDS.has(last.lower) && !NAME_CONNECTORS.has(last.lower))) break;
          if (/\d/.test(last.text)) break;
          const opts = options(i + n - 1);
          const next = new Set<string>();
          for (const v of variants) {
            // A small word may or may not be in the acronym: "mixture of experts" is MoE, "learning from human feedback" is LHF.
            if (NAME_CONNECTORS.has(last.lower)) next.add(v);
            for (const o of opts) if (prefixes.has(v + o)) next.add(v + o);
          }
          variants = [...next].slice(0, MAX_VARIANTS);
        }
        if (n < 2 || !edge(i + n - 1)) continue;
        for (const v of variants) {
          const letters = v.toUpperCase();
          if (!acronyms.has(letters)) continue;
          const surface = seg.segment.text.slice(first.start, last.end).replace(/\s+/g, " ");
          recordExpansion(found, letters, surface, seg.segment.id, first, last, tokens.slice(i, i + n));
        }
      }
    }
  }
  return found;
}

function isExpansionEdge(t: Token): boolean {
  return /^\p{L}/u.test(t.text) && !isStopword(t.lower) && !/^[A-Z0-9]{2,}s?$/.test(t.text);
}

function recordExpansion(
  found: Map<string, Map<string, ExpansionTally>>,
  letters: string,
  surface: string,
  segmentId: number,
  first: Token,
  last: Token,
  window: Token[],
): void {
  let byKey = found.get(letters);
  if (!byKey) {
    byKey = new Map();
    found.set(letters, byKey);
  }
  const key = variantKey(surface);
  let tally = byKey.get(key);
  if (!tally) {
    tally = { forms: new Map(), occurrences: [], words: window.map((t) => t.lower) };
    byKey.set(key, tally);
  }
  tally.forms.set(surface, (tally.forms.get(surface) ?? 0) + 1);
  tally.occurrences.push({ segmentId, start: first.start, end: last.end });
}

/** An acronym candidate linked to its expansion (an existing candidate, or one found by the scan). */
export interface AcronymLink {
  acronym: number;
  expansion: TermCandidate;
  /** Said right beside each other ("Proximal Policy Optimization, PPO"): the speakers spelled it out. */
  spelledOut?: boolean;
}

/** How close (in characters, one segment) an acronym and its expansion are when one spells the other out. */
const SPELLED_OUT_CHARS = 24;

/**
 * Link each acronym candidate to the phrase it stands for. The expansion must be said near the
 * acronym (within two segments) or three times; a two-letter acronym needs both, and a phrase
 * with a non-everyday word ("reinforcement learning" for RL, not "right left").
 */
export function linkAcronyms(candidates: TermCandidate[], segments: TokenisedSegment[]): AcronymLink[] {
  const acronymOf = new Map<number, string>();
  for (const [i, c] of candidates.entries()) {
    if (!c.isAcronym) continue;
    // "AI2", "H100": a name with digits is not an abbreviation of a phrase.
    if (/\d/.test(c.surface)) continue;
    const letters = acronymLetters(c.surface);
    if (letters.length >= 2 && letters.length <= MAX_WORDS) acronymOf.set(i, letters);
  }
  const expansions = findExpansions(new Set(acronymOf.values()), segments);
  const links: AcronymLink[] = [];
  for (const [i, letters] of acronymOf) {
    const options = expansions.get(letters);
    if (!options) continue;
    const acronym = candidates[i] as TermCandidate;
    const near = new Set<number>();
    for (const o of acronym.occurrences) for (let d = -2; d <= 2; d++) near.add(o.segmentId + d);
    let best: { tally: ExpansionTally; score: number } | null = null;
    for (const tally of options.values()) {
      const count = tally.occurrences.length;
      const isNear = tally.occurrences.some((o) => near.has(o.segmentId));
      // Said near the acronym, or often: a phrase that merely shares initials is neither.
      if (!isNear && count < 3) continue;
      const content = tally.words.filter((w) => !NAME_CONNECTORS.has(w));
      const spec = Math.max(0, ...content.map((w) => specificity(w)));
      // Two letters match many phrases: ask for both, and for a phrase that is not everyday words.
      // A proper name ("Allen Institute") is not what a two-letter acronym ("AI") abbreviates here.
      const properName = [...tally.forms.keys()].every((f) => /^\p{Lu}/u.test(f));
      if (letters.length === 2 && (spec < 0.3 || !isNear || count < 2 || properName)) continue;
      const score = count + (isNear ? 2 : 0) + spec;
      if (!best || score > best.score) best = { tally, score };
    }
    if (!best) continue;
    const forms = [...best.tally.forms.entries()].sort((a, b) => b[1] - a[1]).map(([f]) => f);
    const spelledOut = best.tally.occurrences.some((e) =>
      acronym.occurrences.some(
        (a) =>
          a.segmentId === e.segmentId &&
          (Math.abs(a.start - e.end) <= SPELLED_OUT_CHARS || Math.abs(e.start - a.end) <= SPELLED_OUT_CHARS),
      ),
    );
    links.push({
      acronym: i,
      expansion: { surface: forms[0] ?? "", forms, occurrences: best.tally.occurrences, termhood: 0.8 },
      spelledOut,
    });
  }
  return links;
}
