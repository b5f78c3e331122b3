/**
 * Where the topic of a long conversation shifts, TextTiling-style (Hearst 1997): at every segment
 * start, compare the words of the few minutes before with the few minutes after; where they share
 * little vocabulary, and much less than around them (a deep valley of cohesion), a new chapter begins.
 * Linear in the length of the transcript: the two windows slide with the gap and their vectors and
 * dot product are updated incrementally, never recomputed.
 */

/** One segment reduced to what cohesion needs: its time, its length in words and its weighted terms. */
export interface CohesionUnit {
  startMs: number;
  endMs: number;
  words: number;
  /** Term -> weight (occurrences times how much the term tells topics apart). */
  terms: Map<string, number>;
}

export interface BoundaryOptions {
  /** Words on each side of a gap compared with each other. */
  windowWords: number;
  /** Shortest chapter, in milliseconds. */
  minChapterMs: number;
  /** Shortest first chapter (an introduction is short). */
  minFirstChapterMs: number;
  /** How many boundaries at most (chapters minus one). */
  maxBoundaries: number;
  /** Depth (in standard deviations above the mean) a valley needs to count when beyond the target. */
  minDepthZ: number;
  /** Smoothing half-width of the cohesion curve, in milliseconds. */
  smoothMs: number;
}

/** Cosine similarity between the window before and the window after each gap (index i = before unit i). */
export function cohesionCurve(units: CohesionUnit[], windowWords: number): Float64Array {
  const n = units.length;
  const sim = new Float64Array(n);
  if (n < 2) return sim;
  const left = new Map<string, number>();
  const right = new Map<string, number>();
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  // Changing one coordinate of either vector updates dot product and norms in O(1).
  const change = (term: string, dl: number, dr: number) => {
    const l = left.get(term) ?? 0;
    const r = right.get(term) ?? 0;
    const nl = l + dl;
    const nr = r + dr;
    dot += nl * nr - l * r;
    leftNorm += nl * nl - l * l;
    rightNorm += nr * nr - r * r;
    if (dl !== 0) {
      if (Math.abs(nl) < 1e-9) left.delete(term);
      else left.set(term, nl);
    }
    if (dr !== 0) {
      if (Math.abs(nr) < 1e-9) right.delete(term);
      else right.set(term, nr);
    }
  };
  let leftStart = 0;
  let leftWords = 0;
  let rightEnd = 0; // exclusive
  let rightWords = 0;
  for (let gap = 1; gap < n; gap++) {
    const moving = units[gap - 1] as CohesionUnit;
    // Unit gap-1 leaves the right window (if it was in it) and joins the left window.
    if (rightEnd > gap - 1) {
      for (const [t, w] of moving.terms) change(t, w, -w);
      rightWords -= moving.words;
    } else {
      for (const [t, w] of moving.terms) change(t, w, 0);
      rightEnd = gap;
    }
    leftWords += moving.words;
    while (leftStart < gap - 1 && leftWords - (units[leftStart] as CohesionUnit).words >= windowWords) {
      const leaving = units[leftStart] as CohesionUnit;
      for (const [t, w] of leaving.terms) change(t, -w, 0);
      leftWords -= leaving.words;
      leftStart++;
    }
    while (rightEnd < n && (rightEnd === gap || rightWords < windowWords)) {
      const joining = units[rightEnd] as CohesionUnit;
      for (const [t, w] of joining.terms) change(t, 0, w);
      rightWords += joining.words;
      rightEnd++;
    }
    const norm = Math.sqrt(Math.max(leftNorm, 0) * Math.max(rightNorm, 0));
    sim[gap] = norm > 0 ? dot / norm : 0;
  }
  sim[0] = sim[1] ?? 0;
  return sim;
}

/** Average of the curve over a time window around each point (segments last unequal times). */
export function smoothCurve(units: CohesionUnit[], curve: Float64Array, halfWidthMs: number): Float64Array {
  const n = units.length;
  const out = new Float64Array(n);
  let lo = 0;
  let hi = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = (units[i] as CohesionUnit).startMs;
    while (hi < n && (units[hi] as CohesionUnit).startMs <= t + halfWidthMs) sum += curve[hi++] ?? 0;
    while ((units[lo] as CohesionUnit).startMs < t - halfWidthMs) sum -= curve[lo++] ?? 0;
    out[i] = sum / (hi - lo);
  }
  return out;
}

/**
 * Depth of the valley at each gap: how far the curve climbs on both sides before it falls again
 * (Hearst's depth score). Peaks and plateaus score 0. Linear: the peak reached climbing left from a
 * point is the one reached from its left neighbour whenever that neighbour is no lower.
 */
export function depthScores(curve: Float64Array): Float64Array {
  const n = curve.length;
  const leftPeak = new Float64Array(n);
  const rightPeak = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = curve[i] ?? 0;
    leftPeak[i] = i > 0 && (curve[i - 1] ?? 0) >= v ? (leftPeak[i - 1] ?? v) : v;
  }
  for (let i = n - 1; i >= 0; i--) {
    const v = curve[i] ?? 0;
    rightPeak[i] = i < n - 1 && (curve[i + 1] ?? 0) >= v ? (rightPeak[i + 1] ?? v) : v;
  }
  const depth = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    const v = curve[i] ?? 0;
    depth[i] = (leftPeak[i] ?? v) - v + ((rightPeak[i] ?? v) - v);
  }
  return depth;
}

/**
 * The units where chapters start after the first, in order: the deepest valleys first, each at
 * least a chapter's length away from the others and from the ends, up to the target count, then
 * beyond it only for valleys exceptionally deep.
 */
export function pickBoundaries(
  units: CohesionUnit[],
  depth: Float64Array,
  options: BoundaryOptions,
  targetBoundaries: number,
): number[] {
  const n = units.length;
  if (n < 2) return [];
  const first = units[0] as CohesionUnit;
  const last = units[n - 1] as CohesionUnit;
  let mean = 0;
  for (const d of depth) mean += d;
  mean /= n;
  let variance = 0;
  for (const d of depth) variance += (d - mean) ** 2;
  const sd = Math.sqrt(variance / n);
  const order = Array.from({ length: n - 1 }, (_, k) => k + 1)
    .filter((i) => (depth[i] ?? 0) > 0)
    .sort((a, b) => (depth[b] ?? 0) - (depth[a] ?? 0));
  const chosen: number[] = [];
  for (const i of order) {
    if (chosen.length >= options.maxBoundaries) break;
    const d = depth[i] ?? 0;
    if (chosen.length >= targetBoundaries && d < mean + options.minDepthZ * sd) break;
    const t = (units[i] as CohesionUnit).startMs;
    if (t - first.startMs < options.minFirstChapterMs || last.endMs - t < options.minChapterMs) continue;
    const tooClose = chosen.some((j) => Math.abs(t - (units[j] as CohesionUnit).startMs) < options.minChapterMs);
    if (!tooClose) chosen.push(i);
  }
  return chosen.sort((a, b) => a - b);
}
