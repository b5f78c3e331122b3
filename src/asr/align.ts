/** A timed piece of text: a transcript paragraph or a recognised segment. */
export interface TimedText {
  startMs: number;
  endMs: number;
  text: string;
}

/** The offset found between an audio file and a transcript. */
export interface AudioAlignment {
  /** How far the audio's timeline is ahead of the transcript's (positive: the audio has extra material first). */
  offsetMs: number;
  /** How many matching word runs agree on it. */
  anchors: number;
}

/** Word runs this long are distinctive enough to match two texts of the same conversation. */
const NGRAM = 4;
/** Candidates within this spread count as agreeing (word times inside a long paragraph are estimates). */
const AGREE_MS = 3000;
/** A paragraph's first words have an exact time on the transcript side: they count more. */
const START_WEIGHT = 3;
const MIN_WEIGHT = 4;

interface TimedToken {
  token: string;
  ms: number;
  /** True for the first tokens of a transcript paragraph, whose time is exact. */
  atStart: boolean;
}

/**
 * Finds how far an audio file's timeline is ahead of a transcript's (ad reads, a cold open), from a
 * few transcribed minutes: runs of four words that occur once in each text vote for an offset, and
 * the offset most of them agree on wins. Runs that begin a transcript paragraph carry its exact time
 * and decide within the winning cluster. Null when too few runs agree (a different episode, or
 * recognition too poor to trust).
 */
export function findAudioOffset(recognised: TimedText[], transcript: TimedText[]): AudioAlignment | null {
  const heard = tokensWithTimes(recognised, false);
  const written = tokensWithTimes(transcript, true);
  const heardIndex = uniqueNgrams(heard);
  const writtenIndex = uniqueNgrams(written);
  const candidates: { offsetMs: number; weight: number; atStart: boolean }[] = [];
  for (const [key, w] of writtenIndex) {
    const h = heardIndex.get(key);
    if (!h) continue;
    candidates.push({ offsetMs: h.ms - w.ms, weight: w.atStart ? START_WEIGHT : 1, atStart: w.atStart });
  }
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => a.offsetMs - b.offsetMs);
  let best = { from: 0, to: 0, weight: 0 };
  let weight = 0;
  let from = 0;
  for (let to = 0; to < candidates.length; to++) {
    weight += (candidates[to] as (typeof candidates)[number]).weight;
    while ((candidates[to]?.offsetMs ?? 0) - (candidates[from]?.offsetMs ?? 0) > AGREE_MS) {
      weight -= (candidates[from] as (typeof candidates)[number]).weight;
      from++;
    }
    if (weight > best.weight) best = { from, to, weight };
  }
  if (best.weight < MIN_WEIGHT) return null;
  const cluster = candidates.slice(best.from, best.to + 1);
  const exact = cluster.filter((c) => c.atStart);
  const offsets = (exact.length ? exact : cluster).map((c) => c.offsetMs);
  return { offsetMs: Math.round(median(offsets)), anchors: cluster.length };
}

/** Lower-case words, and single Han characters (Chinese has no spaces). */
export function tokensOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize("NFKC")
      .match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * Each token's time, estimated by its character position inside its segment: speech runs at a
 * roughly even rate within one paragraph.
 */
function tokensWithTimes(segments: TimedText[], markStarts: boolean): TimedToken[] {
  const out: TimedToken[] = [];
  for (const s of segments) {
    const tokens = tokensOf(s.text);
    const chars = tokens.reduce((n, t) => n + t.length + 1, 0) || 1;
    let at = 0;
    tokens.forEach((token, i) => {
      out.push({ token, ms: s.startMs + ((s.endMs - s.startMs) * at) / chars, atStart: markStarts && i === 0 });
      at += token.length + 1;
    });
  }
  return out;
}

/** Word runs that occur exactly once, with the time and start flag of their first word. */
function uniqueNgrams(tokens: TimedToken[]): Map<string, TimedToken> {
  const seen = new Map<string, TimedToken | null>();
  for (let i = 0; i + NGRAM <= tokens.length; i++) {
    const key = tokens
      .slice(i, i + NGRAM)
      .map((t) => t.token)
      .join(" ");
    seen.set(key, seen.has(key) ? null : (tokens[i] as TimedToken));
  }
  const unique = new Map<string, TimedToken>();
  for (const [key, value] of seen) if (value) unique.set(key, value);
  return unique;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
