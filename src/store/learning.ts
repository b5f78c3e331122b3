import { conceptNameKey, type MasteryEvent, type MasteryState, nextMasteryState } from "../core/index.js";
import type { Store } from "./database.js";

/** A library concept as the learner names it. */
export interface ConceptRef {
  id: number;
  key: string;
  name: string;
  kind: string;
  packEntryId: string | null;
}

/**
 * Finds a concept by its key, its name or any alias ("MLA", "multi-head latent attention",
 * "多头潜在注意力"), preferring one the episode mentions. Null when the library does not know it.
 */
export function findConcept(store: Store, name: string, episodeId?: string): ConceptRef | null {
  const key = conceptNameKey(name);
  const rows = store.db
    .prepare(
      // Three indexed lookups: an OR across the join would read every concept and alias.
      `SELECT c.id, c.key, c.name, c.kind, c.pack_entry_id AS packEntryId,
         EXISTS (SELECT 1 FROM episode_concept ec WHERE ec.concept_id = c.id AND ec.episode_id = @episodeId) AS inEpisode
       FROM concept c
       WHERE c.id IN (SELECT id FROM concept WHERE key = @key
                      UNION SELECT id FROM concept WHERE pack_entry_id = @name
                      UNION SELECT concept_id FROM concept_alias WHERE alias_key = @key)
       ORDER BY inEpisode DESC, c.id`,
    )
    .all({ key, name, episodeId: episodeId ?? null }) as (ConceptRef & { inEpisode: number })[];
  const row = rows[0];
  if (!row) return null;
  const { inEpisode: _, ...concept } = row;
  return concept;
}

/** The concept a learner named, created when the analysis never found it (their word counts). */
export function findOrCreateConcept(store: Store, name: string, episodeId?: string): ConceptRef {
  const found = findConcept(store, name, episodeId);
  if (found) return found;
  const key = conceptNameKey(name);
  const id = Number(
    store.db
      .prepare("INSERT INTO concept (key, name, kind, pack_entry_id) VALUES (?, ?, 'term', NULL)")
      .run(key, name.trim()).lastInsertRowid,
  );
  store.db
    .prepare("INSERT OR IGNORE INTO concept_alias (concept_id, alias, alias_key) VALUES (?, ?, ?)")
    .run(id, name.trim(), key);
  return { id, key, name: name.trim(), kind: "term", packEntryId: null };
}

export function getMasteryState(store: Store, conceptId: number): MasteryState {
  const row = store.db.prepare("SELECT state FROM mastery WHERE concept_id = ?").get(conceptId) as
    | { state: MasteryState }
    | undefined;
  return row?.state ?? "new";
}

/** Applies a mastery event and records the transition (inside the caller's transaction when there is one). */
export function applyMasteryEvent(
  store: Store,
  conceptId: number,
  event: MasteryEvent,
  context: { episodeId?: string | null; attemptId?: number | null } = {},
): MasteryState {
  const from = getMasteryState(store, conceptId);
  const to = nextMasteryState(from, event);
  const now = store.now().toISOString();
  store.db
    .prepare(
      "INSERT INTO mastery (concept_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(concept_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
    )
    .run(conceptId, to, now);
  store.db
    .prepare(
      "INSERT INTO mastery_event (concept_id, episode_id, event, from_state, to_state, attempt_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .run(conceptId, context.episodeId ?? null, event.type, from, to, context.attemptId ?? null, now);
  return to;
}

export interface NewMark {
  episodeId: string;
  pass: 1 | 2 | 3;
  kind: "moment" | "term";
  startMs: number;
  segmentId: number | null;
  selection: string | null;
  conceptId: number | null;
  confidence: number | null;
  note: string | null;
}

export interface Mark extends NewMark {
  id: number;
  createdAt: string;
}

/** Saves a mark and, for a term, moves its concept to `marked`: one transaction. */
export function addMark(store: Store, mark: NewMark): Mark {
  return store.db.transaction(() => {
    const createdAt = store.now().toISOString();
    const id = Number(
      store.db
        .prepare(
          `INSERT INTO mark (episode_id, pass, kind, start_ms, segment_id, selection, concept_id, confidence, note, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          mark.episodeId,
          mark.pass,
          mark.kind,
          mark.startMs,
          mark.segmentId,
          mark.selection,
          mark.conceptId,
          mark.confidence,
          mark.note,
          createdAt,
        ).lastInsertRowid,
    );
    if (mark.conceptId !== null)
      applyMasteryEvent(store, mark.conceptId, { type: "mark" }, { episodeId: mark.episodeId });
    return { ...mark, id, createdAt };
  })();
}

/** Changes a mark's confidence or note; false when there is no such mark in that episode. */
export function updateMark(
  store: Store,
  episodeId: string,
  markId: number,
  change: { confidence?: number | null; note?: string | null },
): boolean {
  const sets: string[] = [];
  const values: (number | string | null)[] = [];
  if (change.confidence !== undefined) {
    sets.push("confidence = ?");
    values.push(change.confidence);
  }
  if (change.note !== undefined) {
    sets.push("note = ?");
    values.push(change.note);
  }
  if (sets.length === 0) return getMarkRow(store, episodeId, markId);
  return (
    store.db
      .prepare(`UPDATE mark SET ${sets.join(", ")} WHERE id = ? AND episode_id = ?`)
      .run(...values, markId, episodeId).changes === 1
  );
}

/** Deletes a mark (the concept keeps its mastery history); false when there is no such mark. */
export function deleteMark(store: Store, episodeId: string, markId: number): boolean {
  return store.db.prepare("DELETE FROM mark WHERE id = ? AND episode_id = ?").run(markId, episodeId).changes === 1;
}

function getMarkRow(store: Store, episodeId: string, markId: number): boolean {
  return !!store.db.prepare("SELECT 1 FROM mark WHERE id = ? AND episode_id = ?").get(markId, episodeId);
}

/** The marks the learner put on one concept in an episode, in time order. */
export function listConceptMarks(store: Store, episodeId: string, conceptId: number): Mark[] {
  return store.db
    .prepare(
      `SELECT id, episode_id AS episodeId, pass, kind, start_ms AS startMs, segment_id AS segmentId, selection,
         concept_id AS conceptId, confidence, note, created_at AS createdAt
       FROM mark WHERE concept_id = ? AND episode_id = ? ORDER BY start_ms, id`,
    )
    .all(conceptId, episodeId) as Mark[];
}

/** An episode's marks in time order. */
export function listMarks(store: Store, episodeId: string): (Mark & { conceptName: string | null })[] {
  return store.db
    .prepare(
      `SELECT m.id, m.episode_id AS episodeId, m.pass, m.kind, m.start_ms AS startMs, m.segment_id AS segmentId,
         m.selection, m.concept_id AS conceptId, m.confidence, m.note, m.created_at AS createdAt, c.name AS conceptName
       FROM mark m LEFT JOIN concept c ON c.id = m.concept_id WHERE m.episode_id = ? ORDER BY m.start_ms, m.id`,
    )
    .all(episodeId) as (Mark & { conceptName: string | null })[];
}

export interface NewAttempt {
  conceptId: number;
  episodeId: string | null;
  language: "en" | "zh";
  confidence: number;
  text: string;
  verdict: "verified" | "partial" | "misconception" | "unknown-concept";
  covered: string[];
  missing: string[];
  misconceptions: string[];
  feedback: string;
  grader: string;
  /** Where it was given: with the tutor (default), in a review, or in the pass-3 run without help. */
  context?: "tutor" | "review" | "pass3";
}

export interface Attempt extends NewAttempt {
  id: number;
  createdAt: string;
  /** The mastery state the attempt left the concept in. */
  state: MasteryState;
}

/** Keeps an explanation attempt and moves the concept through the gate: one transaction. */
export function recordAttempt(store: Store, attempt: NewAttempt): Attempt {
  return store.db.transaction(() => {
    const createdAt = store.now().toISOString();
    const id = Number(
      store.db
        .prepare(
          `INSERT INTO explanation_attempt (concept_id, episode_id, language, confidence, text, verdict, covered, missing,
             misconceptions, feedback, grader, created_at, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          attempt.conceptId,
          attempt.episodeId,
          attempt.language,
          attempt.confidence,
          attempt.text,
          attempt.verdict,
          JSON.stringify(attempt.covered),
          JSON.stringify(attempt.missing),
          JSON.stringify(attempt.misconceptions),
          attempt.feedback,
          attempt.grader,
          createdAt,
          attempt.context ?? "tutor",
        ).lastInsertRowid,
    );
    const state = applyMasteryEvent(
      store,
      attempt.conceptId,
      { type: "explain", verdict: attempt.verdict },
      { episodeId: attempt.episodeId, attemptId: id },
    );
    return { ...attempt, id, createdAt, state };
  })();
}

/** Every attempt at a concept, oldest first. */
export function listAttempts(store: Store, conceptId: number): Attempt[] {
  const rows = store.db
    .prepare(
      `SELECT a.id, a.concept_id AS conceptId, a.episode_id AS episodeId, a.language, a.confidence, a.text, a.verdict,
         a.covered, a.missing, a.misconceptions, a.feedback, a.grader, a.created_at AS createdAt, a.context,
         (SELECT e.to_state FROM mastery_event e WHERE e.attempt_id = a.id) AS state
       FROM explanation_attempt a WHERE a.concept_id = ? ORDER BY a.id`,
    )
    .all(conceptId) as (Omit<Attempt, "covered" | "missing" | "misconceptions"> & {
    covered: string;
    missing: string;
    misconceptions: string;
  })[];
  return rows.map((r) => ({
    ...r,
    covered: JSON.parse(r.covered),
    missing: JSON.parse(r.missing),
    misconceptions: JSON.parse(r.misconceptions),
  }));
}

/** The transitions of a concept's mastery, oldest first: the history is never overwritten. */
export function masteryHistory(store: Store, conceptId: number) {
  return store.db
    .prepare(
      `SELECT event, from_state AS "from", to_state AS "to", episode_id AS episodeId, attempt_id AS attemptId,
         created_at AS createdAt FROM mastery_event WHERE concept_id = ? ORDER BY id`,
    )
    .all(conceptId) as {
    event: string;
    from: MasteryState;
    to: MasteryState;
    episodeId: string | null;
    attemptId: number | null;
    createdAt: string;
  }[];
}
