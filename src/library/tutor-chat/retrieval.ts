import { estimateTokens } from "../../llm/tokens.js";
import type { Store } from "../../store/index.js";
import type { Passage, RetrievalConcept } from "../../tutor/chat/types.js";

export type { Passage, RetrievalConcept };

/** Limits that keep a tutor turn under its input budget (6k tokens in all). */
export interface RetrievalLimits {
  maxPassages: number;
  /** Tokens for all passages together. */
  maxTokens: number;
  /** Characters of one passage: long paragraphs are cut around what matched. */
  maxPassageChars: number;
}

export const DEFAULT_RETRIEVAL_LIMITS: RetrievalLimits = { maxPassages: 8, maxTokens: 2600, maxPassageChars: 900 };

// Words that say nothing about what to look for in a transcript.
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both
  but by can could did do does doing down during each few for from further had has have having he her here hers him his
  how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over own
  same she should so some such than that the their them then there these they this those through to too under until up
  very was we were what when where which while who whom why will with would you your yours explain mean means meaning
  really understand does did tell said say says talk talking episode podcast think thought get got kind like please`
    .split(/\s+/)
    .filter(Boolean),
);

/** The English search terms of a question: content words of three letters or more. */
export function questionTerms(question: string): string[] {
  const words = question.toLowerCase().match(/[a-z][a-z0-9+.-]*[a-z0-9]|[a-z]/g) ?? [];
  return [...new Set(words.filter((w) => w.length >= 3 && !STOPWORDS.has(w)))].slice(0, 12);
}

/** Runs of Chinese characters long enough for the trigram index. */
export function questionHanRuns(question: string): string[] {
  return [...new Set(question.match(/[\u3400-\u9fff]{3,}/gu) ?? [])].slice(0, 6);
}

/**
 * The moments of an episode that a tutor turn is grounded in: the concept's defining moments
 * (best first), the segments that match the question (FTS5, porter-stemmed English and trigram
 * Chinese), then a few mentions of the concept; at most `maxPassages`, within a token budget, in
 * the order of the episode.
 */
export function retrievePassages(
  store: Store,
  input: { episodeId: string; question: string; concept: RetrievalConcept },
  limits: RetrievalLimits = DEFAULT_RETRIEVAL_LIMITS,
): Passage[] {
  const picked = new Map<number, Passage>();
  const focus = [...questionTerms(input.question), ...input.concept.names];
  const add = (p: Omit<Passage, "text"> & { text: string }) => {
    if (picked.has(p.segmentId) || picked.size >= limits.maxPassages) return;
    picked.set(p.segmentId, { ...p, text: excerpt(p.text, focus, limits.maxPassageChars) });
  };
  // Definitions first, but not all of them: the question's own matches deserve room.
  const definitionShare = Math.max(2, Math.ceil(limits.maxPassages / 3));
  for (const d of input.concept.definitions.slice(0, definitionShare)) add({ ...d, why: "definition" });
  for (const hit of searchQuestion(store, input.episodeId, input.question, input.concept.names)) {
    add({ ...hit, why: "question" });
  }
  const mentionIds = input.concept.mentions.map((m) => m.segmentId).filter((id) => !picked.has(id));
  for (const row of segmentsById(store, input.episodeId, spread(mentionIds, 3))) add({ ...row, why: "mention" });

  // Keep the best within the token budget: picked order is the ranking.
  const kept: Passage[] = [];
  let tokens = 0;
  for (const p of picked.values()) {
    const cost = estimateTokens(p.text) + 12;
    if (kept.length > 0 && tokens + cost > limits.maxTokens) continue;
    kept.push(p);
    tokens += cost;
  }
  return kept.sort((a, b) => a.startMs - b.startMs || a.segmentId - b.segmentId);
}

interface SegmentRow {
  segmentId: number;
  startMs: number;
  speaker: string | null;
  text: string;
}

/** Segments of the episode matching the question's words or the concept's names, best first. */
function searchQuestion(store: Store, episodeId: string, question: string, names: string[]): SegmentRow[] {
  const select = (table: string, match: string, limit: number) =>
    store.db
      .prepare(
        `SELECT s.id AS segmentId, s.start_ms AS startMs, sp.name AS speaker, s.text
         FROM ${table} f JOIN segment s ON s.id = f.rowid LEFT JOIN speaker sp ON sp.id = s.speaker_id
         WHERE ${table} MATCH @match AND s.episode_id = @episodeId ORDER BY bm25(${table}) LIMIT @limit`,
      )
      .all({ match, episodeId, limit }) as SegmentRow[];
  const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
  const hits: SegmentRow[] = [];
  const terms = questionTerms(question);
  const englishNames = names.filter((n) => /[a-z]/i.test(n) && !/[\u3400-\u9fff]/u.test(n));
  // The question's words ranked by bm25, with the concept's names in the same query so that
  // segments about the concept and the question rank first.
  if (terms.length > 0) {
    try {
      hits.push(...select("segment_fts", [...terms, ...englishNames].map(quote).join(" OR "), 8));
    } catch {
      // An FTS syntax surprise must not cost the learner the answer: the definitions still ground it.
    }
  }
  const han = [...questionHanRuns(question), ...names.filter((n) => /[\u3400-\u9fff]{3,}/u.test(n))];
  if (han.length > 0) {
    try {
      hits.push(...select("segment_fts_trigram", han.map(quote).join(" OR "), 6));
    } catch {
      // As above.
    }
  }
  return hits;
}

function segmentsById(store: Store, episodeId: string, ids: number[]): SegmentRow[] {
  if (ids.length === 0) return [];
  return store.db
    .prepare(
      `SELECT s.id AS segmentId, s.start_ms AS startMs, sp.name AS speaker, s.text
       FROM segment s LEFT JOIN speaker sp ON sp.id = s.speaker_id
       WHERE s.episode_id = ? AND s.id IN (${ids.map(() => "?").join(",")}) ORDER BY s.idx`,
    )
    .all(episodeId, ...ids) as SegmentRow[];
}

/** Up to n items spread over the list (first, middle, last…): mentions across the whole episode. */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(items[Math.round((i * (items.length - 1)) / (n - 1))] as T);
  return [...new Set(out)];
}

/**
 * A long paragraph cut to `max` characters around the first word of interest, at word boundaries,
 * with "…" where it was cut: the moment stays quotable and the budget holds.
 */
export function excerpt(text: string, focus: string[], max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const lower = clean.toLowerCase();
  const at = focus
    .map((f) => lower.indexOf(f.toLowerCase()))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)[0];
  let start = Math.max(0, (at ?? 0) - Math.floor(max / 3));
  if (start + max > clean.length) start = Math.max(0, clean.length - max);
  let end = Math.min(clean.length, start + max);
  if (start > 0) {
    const space = clean.indexOf(" ", start);
    if (space > 0 && space < start + 40) start = space + 1;
  }
  if (end < clean.length) {
    const space = clean.lastIndexOf(" ", end);
    if (space > end - 40) end = space;
  }
  return `${start > 0 ? "…" : ""}${clean.slice(start, end)}${end < clean.length ? "…" : ""}`;
}
