/**
 * What part of an episode a pass has covered: the stretches played, merged where they overlap (a
 * paragraph heard twice counts once), clipped to the episode. Pure.
 */

export interface PlayedStretch {
  startMs: number;
  endMs: number;
}

/** The played stretches merged into disjoint ones in time order, clipped to [0, durationMs]. */
export function mergeStretches(
  stretches: readonly PlayedStretch[],
  durationMs = Number.POSITIVE_INFINITY,
): PlayedStretch[] {
  const sorted = stretches
    .map((s) => ({ startMs: Math.max(0, s.startMs), endMs: Math.min(durationMs, s.endMs) }))
    .filter((s) => s.endMs > s.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  const merged: PlayedStretch[] = [];
  for (const s of sorted) {
    const last = merged.at(-1);
    // Touching stretches join: a pause and resume at the same second is one listening.
    if (last && s.startMs <= last.endMs) last.endMs = Math.max(last.endMs, s.endMs);
    else merged.push({ ...s });
  }
  return merged;
}

/** How much of the episode the stretches cover: milliseconds and the fraction of its duration. */
export function listenedCoverage(
  stretches: readonly PlayedStretch[],
  durationMs: number,
): { listenedMs: number; fraction: number; merged: PlayedStretch[] } {
  const merged = mergeStretches(stretches, durationMs > 0 ? durationMs : Number.POSITIVE_INFINITY);
  const listenedMs = merged.reduce((n, s) => n + (s.endMs - s.startMs), 0);
  return { listenedMs, fraction: durationMs > 0 ? Math.min(1, listenedMs / durationMs) : 0, merged };
}
