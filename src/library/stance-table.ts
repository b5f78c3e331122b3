import { resolveSpeakerName } from "../attribution/index.js";
import { listSpeakers, type StanceTopic, type Store } from "../store/index.js";

/**
 * The rules of the pass-2 stance table that the web page and the command line share: which
 * columns it has, which cells may be written, and how a typed speaker or topic is recognised.
 */

/** A column of the stance table. */
export interface StanceColumn {
  name: string;
  /** No longer a speaker of the transcript (renamed or merged since) but still holding the learner's text. */
  former: boolean;
}

/**
 * The columns: the transcript's speakers who say something, in order of appearance, then any
 * former name that still holds the learner's text, so nothing they wrote disappears.
 */
export function stanceColumns(store: Store, episodeId: string, topics: readonly StanceTopic[]): StanceColumn[] {
  const speakers = listSpeakers(store, episodeId);
  const current = speakers.filter((s) => s.paragraphs > 0).map((s) => s.name);
  const columns: StanceColumn[] = current.map((name) => ({ name, former: false }));
  const all = new Set(speakers.map((s) => s.name));
  for (const topic of topics) {
    for (const cell of topic.cells) {
      const hasText = cell.position.trim() || cell.quote.trim() || cell.startMs !== null;
      if (!hasText || current.includes(cell.speaker) || columns.some((col) => col.name === cell.speaker)) continue;
      columns.push({ name: cell.speaker, former: !all.has(cell.speaker) });
    }
  }
  return columns;
}

/**
 * Why a cell cannot be written, as a sentence, or null when it can: its speaker must be one of the
 * episode's (a former name that already holds text stays editable, so the learner can move it
 * out), and its moment must be a paragraph of this episode.
 */
export function stanceCellProblem(
  store: Store,
  episodeId: string,
  topic: StanceTopic,
  cell: { speaker: string; segmentId: number | null },
): string | null {
  const speakers = listSpeakers(store, episodeId).map((s) => s.name);
  if (!speakers.includes(cell.speaker) && !topic.cells.some((old) => old.speaker === cell.speaker)) {
    return `"${cell.speaker}" is not a speaker of this episode`;
  }
  if (
    cell.segmentId !== null &&
    !store.db.prepare("SELECT 1 FROM segment WHERE id = ? AND episode_id = ?").get(cell.segmentId, episodeId)
  ) {
    return `segment ${cell.segmentId} is not part of this episode`;
  }
  return null;
}

/**
 * The column a typed name means, the way people write names ("nathan" is "Nathan Lambert"). An
 * error sentence otherwise, naming the speakers to choose from.
 */
export function resolveStanceSpeaker(
  columns: readonly StanceColumn[],
  typed: string,
): { ok: true; name: string } | { ok: false; error: string } {
  const names = columns.map((c) => c.name);
  const name = resolveSpeakerName(names, typed.trim());
  if (name !== null) return { ok: true, name };
  const choices = names.map((n) => `"${n}"`).join(", ") || "none (the transcript names no speakers)";
  return { ok: false, error: `"${typed}" is not one speaker of this episode; the speakers are ${choices}` };
}

/**
 * The row a typed reference means: its id, else its title ignoring case, else the one title that
 * contains it. An error sentence otherwise.
 */
export function resolveStanceTopic(
  topics: readonly StanceTopic[],
  typed: string,
): { ok: true; topic: StanceTopic } | { ok: false; error: string } {
  const text = typed.trim();
  const byId = /^\d+$/.test(text) ? topics.find((t) => t.id === Number(text)) : undefined;
  if (byId) return { ok: true, topic: byId };
  const lower = text.toLowerCase();
  const byTitle = topics.find((t) => t.title.toLowerCase() === lower);
  if (byTitle) return { ok: true, topic: byTitle };
  const containing = lower ? topics.filter((t) => t.title.toLowerCase().includes(lower)) : [];
  if (containing.length === 1) return { ok: true, topic: containing[0] as StanceTopic };
  if (containing.length > 1)
    return {
      ok: false,
      error: `"${typed}" matches ${containing.length} topics (${containing.map((t) => t.id).join(", ")}): give its id`,
    };
  return { ok: false, error: `no topic "${typed}" in this episode's stance table` };
}
