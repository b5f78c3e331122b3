-- The learner's workspace beyond marks and attempts: what they listened to in each pass, their
-- stance table, their own mind map, tutor threads, insights, review cards (FSRS), and a cache of
-- model answers. All of it is the learner's work: written in transactions, never dropped by an
-- analysis re-run (nothing here cascades from analysis tables except through the episode).

-- Which pass the learner is on for an episode (1, 2 or 3).
CREATE TABLE episode_pass (
  episode_id  TEXT PRIMARY KEY REFERENCES episode(id) ON DELETE CASCADE,
  pass        INTEGER NOT NULL CHECK (pass IN (1, 2, 3)),
  updated_at  TEXT NOT NULL
);

-- A stretch of the episode played during a pass: positions on the episode's timeline, and the wall
-- time it took (time spent per pass is the sum of wall_ms).
CREATE TABLE listen_span (
  id          INTEGER PRIMARY KEY,
  episode_id  TEXT NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
  pass        INTEGER NOT NULL CHECK (pass IN (1, 2, 3)),
  start_ms    INTEGER NOT NULL CHECK (start_ms >= 0),
  end_ms      INTEGER NOT NULL CHECK (end_ms >= start_ms),
  wall_ms     INTEGER NOT NULL CHECK (wall_ms >= 0),
  created_at  TEXT NOT NULL
);
CREATE INDEX listen_span_by_episode ON listen_span(episode_id, pass, start_ms);

-- Pass 2: the stance table, topics (rows) x speakers (columns), and the learner's synthesis per topic.
CREATE TABLE stance_topic (
  id          INTEGER PRIMARY KEY,
  episode_id  TEXT NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  title       TEXT NOT NULL,
  clash_idx   INTEGER,                   -- the clash moment it started from, if any
  synthesis   TEXT NOT NULL DEFAULT '',
  updated_at  TEXT NOT NULL
);
CREATE INDEX stance_topic_by_episode ON stance_topic(episode_id, idx);

-- Speakers by name: the table is the learner's text, and survives a speaker rename as typed.
CREATE TABLE stance_cell (
  topic_id    INTEGER NOT NULL REFERENCES stance_topic(id) ON DELETE CASCADE,
  speaker     TEXT NOT NULL,
  position    TEXT NOT NULL DEFAULT '',
  quote       TEXT NOT NULL DEFAULT '',
  start_ms    INTEGER,
  segment_id  INTEGER REFERENCES segment(id) ON DELETE SET NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (topic_id, speaker)
);

-- The learner's own mind map (mind-elixir's node tree as JSON), saved as they edit. `revision`
-- grows by one on every save, so a stale tab cannot silently overwrite a newer map.
CREATE TABLE learner_map (
  episode_id  TEXT PRIMARY KEY REFERENCES episode(id) ON DELETE CASCADE,
  tree        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  updated_at  TEXT NOT NULL
);

-- Tutor threads: one per concept and episode, every turn kept.
CREATE TABLE tutor_message (
  id             INTEGER PRIMARY KEY,
  concept_id     INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
  episode_id     TEXT REFERENCES episode(id) ON DELETE SET NULL,
  role           TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  content        TEXT NOT NULL,
  citations      TEXT NOT NULL DEFAULT '[]',   -- JSON [{segmentId, startMs}]
  provider       TEXT,                         -- offline, or the provider id that answered
  model          TEXT,
  input_tokens   INTEGER,
  output_tokens  INTEGER,
  cached         INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL
);
CREATE INDEX tutor_message_by_thread ON tutor_message(concept_id, episode_id, id);

-- Answers from a model, by a hash of (provider, model, prompt): the same question costs nothing twice.
CREATE TABLE llm_cache (
  key            TEXT PRIMARY KEY,
  response       TEXT NOT NULL,               -- JSON
  input_tokens   INTEGER,
  output_tokens  INTEGER,
  created_at     TEXT NOT NULL
);

-- Model-written material for a concept (explanations, examples, questions), kept apart from packs.
CREATE TABLE concept_enrichment (
  concept_id  INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
  language    TEXT NOT NULL CHECK (language IN ('en', 'zh')),
  content     TEXT NOT NULL,                 -- JSON
  provider    TEXT NOT NULL,
  model       TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (concept_id, language)
);

-- Pass 3: "what changed in my thinking", each linked to concepts and moments.
CREATE TABLE insight (
  id           INTEGER PRIMARY KEY,
  episode_id   TEXT NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
  text         TEXT NOT NULL,
  concept_ids  TEXT NOT NULL DEFAULT '[]',    -- JSON
  moments      TEXT NOT NULL DEFAULT '[]',    -- JSON [{startMs, segmentId}]
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX insight_by_episode ON insight(episode_id, id);

-- Review cards scheduled with FSRS (ts-fsrs): the card's FSRS fields as columns, so "what is due"
-- is one indexed query.
CREATE TABLE review_card (
  id              INTEGER PRIMARY KEY,
  concept_id      INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
  episode_id      TEXT REFERENCES episode(id) ON DELETE SET NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('explain', 'question', 'cloze')),
  prompt          TEXT NOT NULL,
  answer          TEXT NOT NULL DEFAULT '',
  segment_id      INTEGER REFERENCES segment(id) ON DELETE SET NULL,
  start_ms        INTEGER,
  due             TEXT NOT NULL,
  stability       REAL NOT NULL DEFAULT 0,
  difficulty      REAL NOT NULL DEFAULT 0,
  elapsed_days    INTEGER NOT NULL DEFAULT 0,
  scheduled_days  INTEGER NOT NULL DEFAULT 0,
  learning_steps  INTEGER NOT NULL DEFAULT 0,
  reps            INTEGER NOT NULL DEFAULT 0,
  lapses          INTEGER NOT NULL DEFAULT 0,
  state           INTEGER NOT NULL DEFAULT 0,   -- ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning
  last_review     TEXT,
  created_at      TEXT NOT NULL,
  UNIQUE (concept_id, kind, prompt)
);
CREATE INDEX review_card_due ON review_card(due);

CREATE TABLE review_log (
  id           INTEGER PRIMARY KEY,
  card_id      INTEGER NOT NULL REFERENCES review_card(id) ON DELETE CASCADE,
  rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  answer       TEXT NOT NULL DEFAULT '',
  verdict      TEXT,
  confidence   INTEGER CHECK (confidence BETWEEN 1 AND 5),
  attempt_id   INTEGER REFERENCES explanation_attempt(id) ON DELETE SET NULL,
  reviewed_at  TEXT NOT NULL
);
CREATE INDEX review_log_by_card ON review_log(card_id, id);

-- Where an explanation was given: with the tutor, in a review, or in the pass-3 run without help.
ALTER TABLE explanation_attempt ADD COLUMN context TEXT NOT NULL DEFAULT 'tutor'
  CHECK (context IN ('tutor', 'review', 'pass3'));

-- Audio attached to a transcript from another source (the podcast MP3 of a lexfridman.com page):
-- how far the audio's timeline is ahead of the transcript's (ad reads), found by alignment or set by hand.
ALTER TABLE episode ADD COLUMN audio_offset_ms INTEGER NOT NULL DEFAULT 0;

-- Speech recognition of long audio, chunk by chunk, keyed by the audio's hash: an interrupted
-- transcription resumes with the chunks it has.
CREATE TABLE asr_chunk (
  audio_sha256  TEXT NOT NULL,
  idx           INTEGER NOT NULL,
  start_ms      INTEGER NOT NULL,
  end_ms        INTEGER NOT NULL,
  recogniser    TEXT NOT NULL,
  result        TEXT NOT NULL,              -- JSON [{startMs, endMs, text}] on the whole file's timeline
  created_at    TEXT NOT NULL,
  PRIMARY KEY (audio_sha256, idx)
);
