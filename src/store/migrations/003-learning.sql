-- The learner's own work: marks, explanation attempts and the mastery of each concept with its full
-- history. Written in transactions and never overwritten: the mastery table is the current state,
-- mastery_event keeps every transition.

CREATE TABLE mark (
  id          INTEGER PRIMARY KEY,
  episode_id  TEXT NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
  pass        INTEGER NOT NULL CHECK (pass IN (1, 2, 3)),
  kind        TEXT NOT NULL CHECK (kind IN ('moment', 'term')),
  start_ms    INTEGER NOT NULL,
  segment_id  INTEGER REFERENCES segment(id) ON DELETE SET NULL,
  selection   TEXT,                     -- the marked words, for a term
  concept_id  INTEGER REFERENCES concept(id) ON DELETE SET NULL,
  confidence  INTEGER CHECK (confidence BETWEEN 1 AND 5),
  note        TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX mark_by_episode ON mark(episode_id, start_ms);

CREATE TABLE mastery (
  concept_id  INTEGER PRIMARY KEY REFERENCES concept(id) ON DELETE CASCADE,
  state       TEXT NOT NULL CHECK (state IN ('new', 'marked', 'learning', 'verified')),
  updated_at  TEXT NOT NULL
);

CREATE TABLE mastery_event (
  id          INTEGER PRIMARY KEY,
  concept_id  INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
  episode_id  TEXT REFERENCES episode(id) ON DELETE SET NULL,
  event       TEXT NOT NULL,              -- mark, study, explain, review
  from_state  TEXT NOT NULL,
  to_state    TEXT NOT NULL,
  attempt_id  INTEGER REFERENCES explanation_attempt(id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX mastery_event_by_concept ON mastery_event(concept_id, id);

CREATE TABLE explanation_attempt (
  id              INTEGER PRIMARY KEY,
  concept_id      INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
  episode_id      TEXT REFERENCES episode(id) ON DELETE SET NULL,
  language        TEXT NOT NULL CHECK (language IN ('en', 'zh')),
  confidence      INTEGER NOT NULL CHECK (confidence BETWEEN 1 AND 5),
  text            TEXT NOT NULL,
  verdict         TEXT NOT NULL CHECK (verdict IN ('verified', 'partial', 'misconception', 'unknown-concept')),
  covered         TEXT NOT NULL,          -- JSON arrays of rubric point ids
  missing         TEXT NOT NULL,
  misconceptions  TEXT NOT NULL,
  feedback        TEXT NOT NULL,
  grader          TEXT NOT NULL,          -- offline, or the model that graded
  created_at      TEXT NOT NULL
);
CREATE INDEX attempt_by_concept ON explanation_attempt(concept_id, id);
