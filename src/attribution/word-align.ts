/**
 * Semi-global word alignment (Sellers' edit distance): the whole quote against the best-matching
 * stretch of a text, so words the learner added, dropped or changed each cost one edit while the
 * text around the quote costs nothing.
 */

/** Where a quote sits in a text and how many edits separate them. */
export interface WordAlignment {
  /** Edits (word insertions, deletions, substitutions) between the quote and the text span. */
  edits: number;
  /** Token indices in the text, end exclusive; empty span when nothing matched. */
  start: number;
  end: number;
  /** Quote words equal to a text word in the alignment. */
  matches: number;
}

/**
 * Aligns every word of `quote` to a contiguous span of `text` with the fewest edits. Among equally
 * good spans the earliest wins, and at one end position the shortest span (no padding words).
 * O(quote × text) time and O(quote × text) memory for the backtrace; callers keep texts small.
 */
export function alignWords(quote: readonly string[], text: readonly string[]): WordAlignment {
  const q = quote.length;
  const t = text.length;
  if (q === 0 || t === 0) return { edits: q, start: 0, end: 0, matches: 0 };
  const width = t + 1;
  // cost[i][j]: edits aligning quote[0..i) to a span of text ending at j; row 0 is free (any start).
  const cost = new Float64Array((q + 1) * width);
  // Which move produced each cell: 0 diagonal, 1 up (quote word missing from text), 2 left (extra text word).
  const move = new Uint8Array((q + 1) * width);
  for (let i = 1; i <= q; i++) {
    cost[i * width] = i;
    move[i * width] = 1;
    const qi = quote[i - 1];
    for (let j = 1; j <= t; j++) {
      const diag = (cost[(i - 1) * width + j - 1] as number) + (qi === text[j - 1] ? 0 : 1);
      const up = (cost[(i - 1) * width + j] as number) + 1;
      const left = (cost[i * width + j - 1] as number) + 1;
      let best = diag;
      let m = 0;
      if (up < best) {
        best = up;
        m = 1;
      }
      if (left < best) {
        best = left;
        m = 2;
      }
      cost[i * width + j] = best;
      move[i * width + j] = m;
    }
  }
  let bestEnd = 1;
  for (let j = 1; j <= t; j++) {
    if ((cost[q * width + j] as number) < (cost[q * width + bestEnd] as number)) bestEnd = j;
  }
  // Walk back; the span is trimmed to the first and last EQUAL words, so a substituted word at an
  // edge (the learner's "As Nathan said," aligned to whatever precedes) is not shown as quoted.
  let i = q;
  let j = bestEnd;
  let matches = 0;
  let first = -1;
  let last = -1;
  while (i > 0 && j > 0) {
    const m = move[i * width + j];
    if (m === 0) {
      if (quote[i - 1] === text[j - 1]) {
        matches++;
        if (last < 0) last = j;
        first = j - 1;
      }
      i--;
      j--;
    } else if (m === 1) {
      i--;
    } else {
      j--;
    }
  }
  const edits = cost[q * width + bestEnd] as number;
  return first < 0 ? { edits, start: 0, end: 0, matches: 0 } : { edits, start: first, end: last, matches };
}
