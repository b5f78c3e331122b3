/**
 * Who a paragraph sounds like: a per-speaker bag of words and word pairs learned from the episode's
 * own labels (naive Bayes, add-half smoothing). Labels are noisy, so a paragraph is scored with itself
 * left out of its labelled speaker's counts, and paragraphs already under suspicion can be left out
 * of every profile. Function words and verbal habits ("I mean", "kind of", "essentially") carry most
 * of the signal, which is why the model works on any topic.
 */

/** A paragraph as the voice model reads it. */
export interface VoiceSegment {
  speaker: string | null;
  text: string;
}

export interface VoiceModel {
  /**
   * Mean log-likelihood per feature of segment `index` in `speaker`'s voice; higher is closer.
   * Compare between speakers for the same segment only.
   */
  score(index: number, speaker: string): number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[?？]/gu;
const CJK = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/** Words, "?" and adjacent word pairs of a text (CJK: characters and character pairs). */
export function voiceFeatures(text: string): string[] {
  const words: string[] = [];
  for (const m of text.toLowerCase().replace(/’/g, "'").matchAll(WORD)) {
    const w = m[0];
    if (CJK.test(w)) for (const ch of w) words.push(ch);
    else words.push(w === "？" ? "?" : w);
  }
  const features = [...words];
  for (let i = 1; i < words.length; i++) features.push(`${words[i - 1]} ${words[i]}`);
  return features;
}

/**
 * Builds the per-speaker profiles from every labelled segment not in `exclude` (indices).
 * Scoring is O(features of the segment).
 */
export function buildVoiceModel(
  segments: readonly VoiceSegment[],
  exclude: ReadonlySet<number> = new Set(),
): VoiceModel {
  const features = segments.map((s) => voiceFeatures(s.text));
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const vocabulary = new Set<string>();
  segments.forEach((s, i) => {
    for (const f of features[i] as string[]) vocabulary.add(f);
    if (!s.speaker || exclude.has(i)) return;
    const c = counts.get(s.speaker) ?? new Map<string, number>();
    counts.set(s.speaker, c);
    for (const f of features[i] as string[]) c.set(f, (c.get(f) ?? 0) + 1);
    totals.set(s.speaker, (totals.get(s.speaker) ?? 0) + (features[i] as string[]).length);
  });
  const v = vocabulary.size;
  return {
    score(index, speaker) {
      const own = features[index] ?? [];
      if (own.length === 0) return 0;
      const c = counts.get(speaker) ?? new Map<string, number>();
      // Leave the segment out of its own speaker's profile, or it would always sound like itself.
      const leaveOut = segments[index]?.speaker === speaker && !exclude.has(index);
      const ownCounts = new Map<string, number>();
      if (leaveOut) for (const f of own) ownCounts.set(f, (ownCounts.get(f) ?? 0) + 1);
      const total = (totals.get(speaker) ?? 0) - (leaveOut ? own.length : 0);
      let sum = 0;
      for (const f of own) sum += Math.log(((c.get(f) ?? 0) - (ownCounts.get(f) ?? 0) + 0.5) / (total + 0.5 * v));
      return sum / own.length;
    },
  };
}
