import type { Store } from "./database.js";

/**
 * The learner's corrections of who said what: rename a speaker everywhere (renaming onto another
 * speaker's name merges the two), relabel a paragraph, a whole turn, or every paragraph up to the
 * next speaker change. Every change is one transaction and one history row that holds what is
 * needed to undo it exactly. Names here are exact; loose matching ("Nathan") is the caller's job.
 */

export type SpeakerRole = "host" | "guest" | "speaker";

/** A voice of an episode with how many paragraphs carry its name. */
export interface SpeakerSummary {
  id: number;
  name: string;
  role: SpeakerRole;
  anonymous: boolean;
  paragraphs: number;
}

/** Which paragraphs to relabel: listed ones, or a scope starting from one paragraph. */
export type RelabelSelection =
  | { segmentIds: number[] }
  /** "turn": the run of paragraphs around it with the same label; "until-next-change": it and the rest of that run. */
  | { fromSegmentId: number; scope: "turn" | "until-next-change" };

export type SpeakerChangeKind = "rename" | "merge" | "relabel";

/** One recorded correction. */
export interface SpeakerChange {
  id: number;
  episodeId: string;
  kind: SpeakerChangeKind;
  summary: string;
  /** Paragraphs whose speaker changed. */
  segmentIds: number[];
  createdAt: string;
  undoneAt: string | null;
}

/** A correction that cannot be made as asked (unknown speaker or paragraph). */
export class SpeakerChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpeakerChangeError";
  }
}

interface SpeakerRow {
  id: number;
  name: string;
  role: SpeakerRole;
  anonymous: number;
}

interface SegmentRow {
  id: number;
  idx: number;
  speaker_id: number | null;
}

/** The speakers of an episode in order of first appearance (silent ones last), with paragraph counts. */
export function listSpeakers(store: Store, episodeId: string): SpeakerSummary[] {
  const rows = store.db
    .prepare(
      `SELECT sp.id, sp.name, sp.role, sp.anonymous, count(s.id) AS paragraphs, min(s.idx) AS first
       FROM speaker sp LEFT JOIN segment s ON s.speaker_id = sp.id
       WHERE sp.episode_id = ? GROUP BY sp.id ORDER BY first IS NULL, first, sp.id`,
    )
    .all(episodeId) as (SpeakerRow & { paragraphs: number })[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    anonymous: r.anonymous === 1,
    paragraphs: r.paragraphs,
  }));
}

/**
 * Renames a speaker in every paragraph at once. When another speaker of the episode already has
 * the new name (ignoring case), the two are merged: the paragraphs move to that speaker and the old
 * one disappears. Returns the recorded change, or null when the name is unchanged.
 */
export function renameSpeaker(store: Store, episodeId: string, from: string, to: string): SpeakerChange | null {
  const newName = to.trim();
  if (!newName) throw new SpeakerChangeError("the new speaker name is empty");
  return store.db.transaction(() => {
    const speakers = speakerRows(store, episodeId);
    const source = speakers.find((s) => s.name === from);
    if (!source) throw new SpeakerChangeError(unknownSpeaker(from, speakers));
    if (source.name === newName) return null;
    const target = speakers.find((s) => s.id !== source.id && fold(s.name) === fold(newName));
    const moved = (
      store.db.prepare("SELECT id FROM segment WHERE speaker_id = ? ORDER BY idx").all(source.id) as { id: number }[]
    ).map((r) => r.id);
    if (!target) {
      const summary = `${source.name} -> ${newName} (${plural(moved.length, "paragraph")})`;
      const changeId = recordChange(
        store,
        episodeId,
        "rename",
        summary,
        speakers,
        moved.map((id) => ({ id, before: source.name })),
      );
      store.db.prepare("UPDATE speaker SET name = ?, anonymous = 0 WHERE id = ?").run(newName, source.id);
      settleAnonymousFlag(store, episodeId);
      moveLearnerText(store, episodeId, changeId, source.name, newName);
      return readChange(store, changeId, moved);
    }
    const summary = `${source.name} merged into ${target.name} (${plural(moved.length, "paragraph")})`;
    const changeId = recordChange(
      store,
      episodeId,
      "merge",
      summary,
      speakers,
      moved.map((id) => ({ id, before: source.name })),
    );
    store.db.prepare("UPDATE segment SET speaker_id = ? WHERE speaker_id = ?").run(target.id, source.id);
    // The target keeps its role unless it had none: merging "Speaker 2" into the named host keeps "host".
    if (target.role === "speaker" && source.role !== "speaker") {
      store.db.prepare("UPDATE speaker SET role = ? WHERE id = ?").run(source.role, target.id);
    }
    store.db.prepare("DELETE FROM speaker WHERE id = ?").run(source.id);
    settleAnonymousFlag(store, episodeId);
    moveLearnerText(store, episodeId, changeId, source.name, target.name);
    return readChange(store, changeId, moved);
  })();
}

/**
 * Gives the selected paragraphs to `speaker` (an existing name of the episode, or a new speaker
 * created on the way). Paragraphs that already carry that name are left out of the change.
 * Returns the recorded change, or null when nothing changed.
 */
export function relabelSegments(
  store: Store,
  episodeId: string,
  selection: RelabelSelection,
  speaker: string,
): SpeakerChange | null {
  const name = speaker.trim();
  if (!name) throw new SpeakerChangeError("the speaker name is empty");
  return store.db.transaction(() => {
    const speakers = speakerRows(store, episodeId);
    const segments = store.db
      .prepare("SELECT id, idx, speaker_id FROM segment WHERE episode_id = ? ORDER BY idx")
      .all(episodeId) as SegmentRow[];
    const selected = selectSegments(segments, selection);
    const existing = speakers.find((s) => s.name === name) ?? speakers.find((s) => fold(s.name) === fold(name));
    const toChange = selected.filter((s) => existing === undefined || s.speaker_id !== existing.id);
    if (toChange.length === 0) return null;
    const names = new Map(speakers.map((s) => [s.id, s.name]));
    const targetName = existing?.name ?? name;
    const fromNames = [
      ...new Set(toChange.map((s) => (s.speaker_id === null ? "unlabelled" : names.get(s.speaker_id)))),
    ];
    const summary = `${fromNames.join(", ")} -> ${targetName} (${plural(toChange.length, "paragraph")})`;
    const changeId = recordChange(
      store,
      episodeId,
      "relabel",
      summary,
      speakers,
      toChange.map((s) => ({ id: s.id, before: s.speaker_id === null ? null : (names.get(s.speaker_id) ?? null) })),
    );
    const targetId =
      existing?.id ??
      Number(
        store.db
          .prepare("INSERT INTO speaker (episode_id, name, role, anonymous) VALUES (?, ?, 'speaker', 0)")
          .run(episodeId, name).lastInsertRowid,
      );
    const update = store.db.prepare("UPDATE segment SET speaker_id = ? WHERE id = ?");
    for (const s of toChange) update.run(targetId, s.id);
    return readChange(
      store,
      changeId,
      toChange.map((s) => s.id),
    );
  })();
}

/**
 * Undoes the newest correction of the episode not yet undone, restoring the speakers (names, roles,
 * ids where still free) and every touched paragraph's label exactly. Returns it, or null if none.
 */
export function undoLastSpeakerChange(store: Store, episodeId: string): SpeakerChange | null {
  return store.db.transaction(() => {
    const row = store.db
      .prepare(
        `SELECT id, speakers_before, episode_anonymous_before FROM speaker_change
         WHERE episode_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1`,
      )
      .get(episodeId) as { id: number; speakers_before: string; episode_anonymous_before: number } | undefined;
    if (!row) return null;
    const before = JSON.parse(row.speakers_before) as SpeakerRow[];
    const current = speakerRows(store, episodeId);
    // Park the current names out of the way so restoring never trips the (episode, name) uniqueness.
    const park = store.db.prepare("UPDATE speaker SET name = ? WHERE id = ?");
    // (Names are trimmed on import and on every correction, so a leading space cannot collide.)
    for (const s of current) park.run(` undo:${s.id}`, s.id);

    const currentIds = new Set(current.map((s) => s.id));
    const nameToId = new Map<string, number>();
    const idTaken = store.db.prepare("SELECT 1 FROM speaker WHERE id = ?");
    for (const s of before) {
      if (currentIds.has(s.id)) {
        store.db
          .prepare("UPDATE speaker SET name = ?, role = ?, anonymous = ? WHERE id = ?")
          .run(s.name, s.role, s.anonymous, s.id);
        nameToId.set(s.name, s.id);
        currentIds.delete(s.id);
        continue;
      }
      // A merged-away speaker comes back, under its old id unless another row took it meanwhile.
      const id = idTaken.get(s.id) ? null : s.id;
      const info = store.db
        .prepare("INSERT INTO speaker (id, episode_id, name, role, anonymous) VALUES (?, ?, ?, ?, ?)")
        .run(id, episodeId, s.name, s.role, s.anonymous);
      nameToId.set(s.name, Number(info.lastInsertRowid));
    }
    const touched = store.db
      .prepare("SELECT segment_id, speaker_before FROM speaker_change_segment WHERE change_id = ? ORDER BY segment_id")
      .all(row.id) as { segment_id: number; speaker_before: string | null }[];
    const update = store.db.prepare("UPDATE segment SET speaker_id = ? WHERE id = ?");
    for (const t of touched)
      update.run(t.speaker_before === null ? null : (nameToId.get(t.speaker_before) ?? null), t.segment_id);
    // Speakers the change created are left over now.
    const remove = store.db.prepare("DELETE FROM speaker WHERE id = ?");
    for (const id of currentIds) remove.run(id);
    store.db
      .prepare("UPDATE episode SET speakers_anonymous = ? WHERE id = ?")
      .run(row.episode_anonymous_before, episodeId);
    moveLearnerTextBack(store, episodeId, row.id);
    store.db.prepare("UPDATE speaker_change SET undone_at = ? WHERE id = ?").run(store.now().toISOString(), row.id);
    return readChange(
      store,
      row.id,
      touched.map((t) => t.segment_id),
    );
  })();
}

/**
 * The learner's text credited to a renamed or merged speaker follows it: their stance-table cells
 * and accepted quotes. Where the new name already holds a cell of the same topic (a merge into a
 * speaker they also wrote about), the old cell stays under the old name, shown as a former name:
 * nothing they wrote is overwritten. Each move is recorded so undo can make it back.
 */
function moveLearnerText(store: Store, episodeId: string, changeId: number, from: string, to: string): void {
  const record = store.db.prepare(
    `INSERT INTO speaker_change_learner_text (change_id, kind, ref, speaker_before, speaker_after)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const topics = store.db
    .prepare(
      `SELECT c.topic_id AS topicId FROM stance_cell c JOIN stance_topic t ON t.id = c.topic_id
       WHERE t.episode_id = ? AND c.speaker = ?
         AND NOT EXISTS (SELECT 1 FROM stance_cell d WHERE d.topic_id = c.topic_id AND d.speaker = ?)`,
    )
    .all(episodeId, from, to) as { topicId: number }[];
  const moveCell = store.db.prepare("UPDATE stance_cell SET speaker = ? WHERE topic_id = ? AND speaker = ?");
  for (const { topicId } of topics) {
    moveCell.run(to, topicId, from);
    record.run(changeId, "stance", String(topicId), from, to);
  }
  const quotes = store.db
    .prepare(
      `SELECT a.quote FROM quote_acceptance a WHERE a.episode_id = ? AND a.speaker = ?
         AND NOT EXISTS (SELECT 1 FROM quote_acceptance b WHERE b.episode_id = a.episode_id AND b.quote = a.quote AND b.speaker = ?)`,
    )
    .all(episodeId, from, to) as { quote: string }[];
  const moveAcceptance = store.db.prepare(
    "UPDATE quote_acceptance SET speaker = ? WHERE episode_id = ? AND quote = ? AND speaker = ?",
  );
  for (const { quote } of quotes) {
    moveAcceptance.run(to, episodeId, quote, from);
    record.run(changeId, "acceptance", quote, from, to);
  }
}

/** Undo of `moveLearnerText`: what the change moved goes back, unless the old name got new text since. */
function moveLearnerTextBack(store: Store, episodeId: string, changeId: number): void {
  const moves = store.db
    .prepare(
      `SELECT kind, ref, speaker_before AS before, speaker_after AS after FROM speaker_change_learner_text
       WHERE change_id = ?`,
    )
    .all(changeId) as { kind: "stance" | "acceptance"; ref: string; before: string; after: string }[];
  const cell = store.db.prepare(
    `UPDATE stance_cell SET speaker = @before WHERE topic_id = @topicId AND speaker = @after
       AND NOT EXISTS (SELECT 1 FROM stance_cell d WHERE d.topic_id = @topicId AND d.speaker = @before)`,
  );
  const acceptance = store.db.prepare(
    `UPDATE quote_acceptance SET speaker = @before WHERE episode_id = @episodeId AND quote = @quote AND speaker = @after
       AND NOT EXISTS (SELECT 1 FROM quote_acceptance b WHERE b.episode_id = @episodeId AND b.quote = @quote AND b.speaker = @before)`,
  );
  for (const m of moves) {
    if (m.kind === "stance") cell.run({ before: m.before, after: m.after, topicId: Number(m.ref) });
    else acceptance.run({ before: m.before, after: m.after, episodeId, quote: m.ref });
  }
}

/** The corrections of an episode, newest first, undone ones included. */
export function listSpeakerChanges(store: Store, episodeId: string): SpeakerChange[] {
  const ids = store.db
    .prepare("SELECT id FROM speaker_change WHERE episode_id = ? ORDER BY id DESC")
    .all(episodeId) as { id: number }[];
  return ids.map((r) => readChange(store, r.id));
}

function selectSegments(segments: SegmentRow[], selection: RelabelSelection): SegmentRow[] {
  const byId = new Map(segments.map((s, i) => [s.id, i]));
  if ("segmentIds" in selection) {
    const out: SegmentRow[] = [];
    for (const id of new Set(selection.segmentIds)) {
      const i = byId.get(id);
      if (i === undefined) throw new SpeakerChangeError(`paragraph ${id} is not in this episode`);
      out.push(segments[i] as SegmentRow);
    }
    return out.sort((a, b) => a.idx - b.idx);
  }
  const at = byId.get(selection.fromSegmentId);
  if (at === undefined) throw new SpeakerChangeError(`paragraph ${selection.fromSegmentId} is not in this episode`);
  const label = (segments[at] as SegmentRow).speaker_id;
  let first = at;
  if (selection.scope === "turn") while (first > 0 && segments[first - 1]?.speaker_id === label) first--;
  let last = at;
  while (last + 1 < segments.length && segments[last + 1]?.speaker_id === label) last++;
  return segments.slice(first, last + 1);
}

function recordChange(
  store: Store,
  episodeId: string,
  kind: SpeakerChangeKind,
  summary: string,
  speakersBefore: SpeakerRow[],
  segments: { id: number; before: string | null }[],
): number {
  const anonymous = store.db.prepare("SELECT speakers_anonymous FROM episode WHERE id = ?").get(episodeId) as
    | { speakers_anonymous: number }
    | undefined;
  const changeId = Number(
    store.db
      .prepare(
        `INSERT INTO speaker_change (episode_id, kind, summary, speakers_before, episode_anonymous_before, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        episodeId,
        kind,
        summary,
        JSON.stringify(speakersBefore),
        anonymous?.speakers_anonymous ?? 0,
        store.now().toISOString(),
      ).lastInsertRowid,
  );
  const insert = store.db.prepare(
    "INSERT INTO speaker_change_segment (change_id, segment_id, speaker_before) VALUES (?, ?, ?)",
  );
  for (const s of segments) insert.run(changeId, s.id, s.before);
  return changeId;
}

function readChange(store: Store, changeId: number, segmentIds?: number[]): SpeakerChange {
  const row = store.db
    .prepare("SELECT id, episode_id, kind, summary, created_at, undone_at FROM speaker_change WHERE id = ?")
    .get(changeId) as {
    id: number;
    episode_id: string;
    kind: SpeakerChangeKind;
    summary: string;
    created_at: string;
    undone_at: string | null;
  };
  const ids =
    segmentIds ??
    (
      store.db
        .prepare("SELECT segment_id FROM speaker_change_segment WHERE change_id = ? ORDER BY segment_id")
        .all(changeId) as { segment_id: number }[]
    ).map((r) => r.segment_id);
  return {
    id: row.id,
    episodeId: row.episode_id,
    kind: row.kind,
    summary: row.summary,
    segmentIds: ids,
    createdAt: row.created_at,
    undoneAt: row.undone_at,
  };
}

function speakerRows(store: Store, episodeId: string): SpeakerRow[] {
  const exists = store.db.prepare("SELECT 1 FROM episode WHERE id = ?").get(episodeId);
  if (!exists) throw new SpeakerChangeError(`no episode ${episodeId}`);
  return store.db
    .prepare("SELECT id, name, role, anonymous FROM speaker WHERE episode_id = ? ORDER BY id")
    .all(episodeId) as SpeakerRow[];
}

/** Once the learner has named every anonymous voice, the episode stops asking them to. */
function settleAnonymousFlag(store: Store, episodeId: string): void {
  const left = store.db
    .prepare("SELECT count(*) AS n FROM speaker WHERE episode_id = ? AND anonymous = 1")
    .get(episodeId) as { n: number };
  if (left.n === 0) store.db.prepare("UPDATE episode SET speakers_anonymous = 0 WHERE id = ?").run(episodeId);
}

function unknownSpeaker(name: string, speakers: SpeakerRow[]): string {
  return `no speaker "${name}" in this episode (speakers: ${speakers.map((s) => s.name).join(", ") || "none"})`;
}

function fold(name: string): string {
  return name.normalize("NFKC").toLocaleLowerCase().replace(/\s+/g, " ").trim();
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
