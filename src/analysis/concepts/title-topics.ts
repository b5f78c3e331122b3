import type { TermCandidate } from "./candidate.js";
import { FUNCTION_WORDS, GENERIC_WORDS, isSpelledNumber, NAME_CONNECTORS, specificity } from "./common-words.js";
import type { Token, TokenisedSegment } from "./tokens.js";
import { singular, variantKey } from "./variants.js";

/**
 * Topics named by published chapter titles that the speakers never say as such: the publisher's
 * "Video prediction" is talked about as "predict what happens in a video", its "AI hallucination"
 * as "hallucinations". A title phrase of two or three content words becomes a candidate whose
 * mentions are its rarest word, said where the others are said too, or alone when that word is
 * itself no everyday word ("hallucinations"). Pure over the titles and the tokens; any topic.
 */

/** Content words of a title phrase considered: a compound ("Video prediction"); more is a description, not a topic. */
const MAX_WORDS = 2;
/** How far (in tokens, same segment) the other words of the phrase may be from its rarest word. */
const WINDOW = 8;
/** A rarest word this specific (SUBTLEX Zipf about 3.6 or rarer) names the topic alone. */
const ANCHOR_ALONE_SPECIFICITY = 0.5;
/** Fewer mentions than this and the topic is the title's, not the conversation's. */
const MIN_MENTIONS = 2;

/** A title topic: a candidate plus the variant keys of the word candidates it takes in. */
export interface TitleTopic {
  candidate: TermCandidate;
  /** Variant keys of single-word candidates whose every occurrence is now this topic's ("hallucinations"). */
  subsumes: Set<string>;
}

/**
 * The runs of content words of each title ("Video prediction", "AI hallucination"; "Hope for the
 * future" gives "Hope" and "future"): cut at punctuation, small words and everyday words.
 */
export function titleRuns(title: string): string[][] {
  const runs: string[][] = [];
  for (const part of title.split(/[:,;?!()[\]|&/+]+|\s[-–—]\s/)) {
    let run: string[] = [];
    for (const raw of part.split(/\s+/)) {
      const word = raw.replace(/^['"“”‘’]+|['"“”‘’.]+$/g, "");
      const lower = word.toLowerCase().replace(/’/g, "'");
      const stop =
        word.length < 2 ||
        /^[\d.,%]+$/.test(word) ||
        isSpelledNumber(lower) ||
        FUNCTION_WORDS.has(lower) ||
        GENERIC_WORDS.has(lower) ||
        NAME_CONNECTORS.has(lower);
      if (stop) {
        if (run.length > 0) runs.push(run);
        run = [];
      } else run.push(word);
    }
    if (run.length > 0) runs.push(run);
  }
  return runs;
}

/** What a title word matches in the transcript: itself, its plural, its derivations ("predict" for "prediction"). */
function stemOf(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 4) return w;
  const cut = /(?:ations?|itions?|ions?|ings?|ers?|ed|es|s)$/.exec(w);
  const stem = cut ? w.slice(0, w.length - cut[0].length) : w;
  return stem.length >= 4 ? stem : w;
}

function matches(t: Token, stem: string, exact: boolean): boolean {
  if (exact) return t.lower === stem || t.lower === `${stem}s`;
  return t.lower.startsWith(stem) && DERIVED.test(t.lower.slice(stem.length));
}

/** The endings a title word's derivations add to its stem: "predict-ing", "hallucinat-ions"; not "basic-ally". */
const DERIVED = /^(?:e|es|s|ed|ing|ings|ion|ions|ation|ations|ate|ated|ates|ating|ive|or|ors|er|ers|ment|ments)?$/;

/**
 * The title topics of an episode: one candidate per multi-word title run that is no candidate
 * already (`known` holds their variant keys), said at least twice by the rules above.
 */
export function titleTopics(titles: string[], segments: TokenisedSegment[], known: ReadonlySet<string>): TitleTopic[] {
  const out: TitleTopic[] = [];
  const seen = new Set<string>();
  for (const title of titles) {
    for (const run of titleRuns(title)) {
      if (run.length < 2 || run.length > MAX_WORDS) continue;
      const phrase = displayPhrase(run);
      const key = variantKey(phrase);
      // "Code editor basics" beside a "code editor" said: the title adds nothing to that term.
      const knownPart =
        run.length > 2 && [run.slice(1), run.slice(0, -1)].some((p) => known.has(variantKey(p.join(" "))));
      if (known.has(key) || seen.has(key) || knownPart) continue;
      seen.add(key);
      const topic = findTopic(run, phrase, segments);
      if (topic) out.push(topic);
    }
  }
  return out;
}

function findTopic(run: string[], phrase: string, segments: TokenisedSegment[]): TitleTopic | null {
  const words = run.map((w) => ({ stem: stemOf(w), exact: w.length <= 4 || /^\p{Lu}{2,}/u.test(w) }));
  // Where each word is said: per segment, the token indexes.
  const counts = words.map(() => 0);
  for (const seg of segments) {
    for (const t of seg.tokens) {
      for (const [k, w] of words.entries()) if (matches(t, w.stem, w.exact)) counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  if (counts.some((c) => c === 0)) return null;
  // The anchor: the word the episode says least, the one that tells this topic from others.
  let anchor = 0;
  for (let k = 1; k < words.length; k++) if ((counts[k] ?? 0) < (counts[anchor] ?? 0)) anchor = k;
  const anchorWord = words[anchor] as { stem: string; exact: boolean };
  // A name ("DeepSeek training") is its own concept: the topic is where the name meets the rest.
  const anchorText = run[anchor] as string;
  const named = (anchor > 0 && /^\p{Lu}/u.test(anchorText)) || /\p{Ll}\p{Lu}|^\p{Lu}{2,}/u.test(anchorText);
  // Rare in both its forms: "challenges" is no rarer than "challenge".
  const rarity = Math.min(specificity(anchorText), specificity(singular(anchorText)));
  const alone = !named && rarity >= ANCHOR_ALONE_SPECIFICITY;
  const occurrences: TermCandidate["occurrences"] = [];
  const forms = new Map<string, number>();
  for (const seg of segments) {
    const tokens = seg.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (!matches(t, anchorWord.stem, anchorWord.exact)) continue;
      if (!alone) {
        const from = Math.max(0, i - WINDOW);
        const to = Math.min(tokens.length, i + WINDOW + 1);
        const near = words.every(
          (w, k) =>
            k === anchor || tokens.slice(from, to).some((o, j) => from + j !== i && matches(o, w.stem, w.exact)),
        );
        if (!near) continue;
      }
      occurrences.push({ segmentId: seg.segment.id, start: t.start, end: t.end });
      forms.set(t.text, (forms.get(t.text) ?? 0) + 1);
    }
  }
  if (occurrences.length < MIN_MENTIONS) return null;
  const anchorCount = counts[anchor] ?? occurrences.length;
  const spec = Math.max(...run.map((w) => (/^\p{Lu}{2,}/u.test(w) ? 0 : specificity(w))));
  const cohesion = Math.min(1, occurrences.length / Math.max(1, anchorCount));
  const repeated = Math.min(1, Math.log2(occurrences.length) / 4);
  const subsumes = new Set<string>();
  if (alone) for (const f of forms.keys()) subsumes.add(variantKey(f));
  return {
    candidate: {
      surface: phrase,
      occurrences,
      // Said alone, the rare word is the topic's form ("hallucinations"); near the others it is only a cue.
      forms: alone ? [...forms.entries()].sort((a, b) => b[1] - a[1]).map(([f]) => f) : [],
      isName: false,
      titled: true,
      termhood: 0.3 + 0.3 * spec + 0.25 * cohesion + 0.15 * repeated,
    },
    subsumes,
  };
}

/** "Video prediction" -> "video prediction"; names and acronyms keep their capitals ("AI hallucination"). */
function displayPhrase(run: string[]): string {
  const allCaps = run.every((w) => /^\p{Lu}/u.test(w));
  if (allCaps) return run.join(" ");
  return run.map((w, i) => (i === 0 && /^\p{Lu}\p{Ll}+$/u.test(w) ? w.toLowerCase() : w)).join(" ");
}
