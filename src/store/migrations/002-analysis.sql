-- Offline analysis: concepts shared across the library, their mentions and definitions per episode,
-- detected chapters (in `chapter` with source 'detected'), clash moments, the mind-map draft, and jobs.

CREATE TABLE concept (
  id             INTEGER PRIMARY KEY,
  key            TEXT NOT NULL UNIQUE,   -- pack entry id, or the normalised main name
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('term', 'model', 'organisation', 'person')),
  pack_entry_id  TEXT
);

-- Every name a concept goes by (MoE, mixture of experts, 混合专家), normalised for matching, so a
-- concept found in a new episode under any known name joins the existing one.
CREATE TABLE concept_alias (
  concept_id  INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
  alias       TEXT NOT NULL,
  alias_key   TEXT NOT NULL,
  PRIMARY KEY (concept_id, alias_key)
);
CREATE INDEX concept_alias_by_key ON concept_alias(alias_key);

CREATE TABLE episode_concept (
  episode_id     TEXT NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
  concept_id     INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
  rank           INTEGER NOT NULL,
  score          REAL NOT NULL,
  name           TEXT NOT NULL,          -- as this episode says it
  aliases        TEXT NOT NULL,          -- JSON array of the names in this episode
  mention_count  INTEGER NOT NULL,
  first_ms       INTEGER NOT NULL,
  PRIMARY KEY (episode_id, concept_id)
);
CREATE INDEX episode_concept_by_rank ON episode_concept(episode_id, rank);

CREATE TABLE mention (
  id          INTEGER PRIMARY KEY,
  episode_id  TEXT NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
  concept_id  INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
  segment_id  INTEGER NOT NULL REFERENCES segment(id) ON DELETE CASCADE,
  start_char  INTEGER NOT NULL,
  end_char    INTEGER NOT NULL
);
CREATE INDEX mention_by_concept ON mention(episode_id, concept_id);
CREATE INDEX mention_by_segment ON mention(segment_id);

CREATE TABLE definition (
  id          INTEGER PRIMARY KEY,
  episode_id  TEXT NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
  concept_id  INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
  segment_id  INTEGER NOT NULL REFERENCES segment(id) ON DELETE CASCADE,
  rank        INTEGER NOT NULL,
  score       REAL NOT NULL,
  text        TEXT NOT NULL
);
CREATE INDEX definition_by_concept ON definition(episode_id, concept_id, rank);

CREATE TABLE clash (
  id            INTEGER PRIMARY KEY,
  episode_id    TEXT NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
  idx           INTEGER NOT NULL,
  start_ms      INTEGER NOT NULL,
  end_ms        INTEGER NOT NULL,
  speakers      TEXT NOT NULL,           -- JSON array, the one pushing back first
  topic         TEXT NOT NULL,
  quote         TEXT NOT NULL,
  segment_ids   TEXT NOT NULL,           -- JSON array
  concept_keys  TEXT NOT NULL,           -- JSON array
  confidence    REAL NOT NULL,
  UNIQUE (episode_id, idx)
);

-- The analysis' first draft of the mind map (JSON); the learner's own map is another table, later.
CREATE TABLE mindmap_draft (
  episode_id  TEXT PRIMARY KEY REFERENCES episode(id) ON DELETE CASCADE,
  tree        TEXT NOT NULL
);

-- When an episode was last analysed, and by which version of the analysis.
CREATE TABLE episode_analysis (
  episode_id   TEXT PRIMARY KEY REFERENCES episode(id) ON DELETE CASCADE,
  version      INTEGER NOT NULL,
  analysed_at  TEXT NOT NULL,
  took_ms      INTEGER NOT NULL
);

-- Background work with progress the web app and the CLI read.
CREATE TABLE job (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  episode_id  TEXT REFERENCES episode(id) ON DELETE CASCADE,
  state       TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  progress    REAL NOT NULL DEFAULT 0,
  step        TEXT NOT NULL DEFAULT '',
  error       TEXT,
  attempts    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX job_by_state ON job(state, created_at);
