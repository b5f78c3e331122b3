-- The library: episodes, their speakers, segments and chapters, and the full-text index over segments.
CREATE TABLE episode (
  id            TEXT PRIMARY KEY,
  title         TEXT NOT NULL,
  show          TEXT,
  language      TEXT NOT NULL CHECK (language IN ('en', 'zh', 'und')),
  duration_ms   INTEGER NOT NULL CHECK (duration_ms >= 0),
  word_count    INTEGER NOT NULL,
  format        TEXT NOT NULL,
  source_kind   TEXT NOT NULL CHECK (source_kind IN ('file', 'url', 'rss-item', 'sample')),
  source_ref    TEXT NOT NULL,           -- path, URL, or feed URL + item guid
  source_sha256 TEXT NOT NULL,           -- of the imported bytes: re-importing the same file is detected
  audio_url     TEXT,                    -- local path or URL of the audio the player uses
  video_url     TEXT,                    -- the video the timestamps belong to (YouTube for lexfridman.com)
  timing_estimated   INTEGER NOT NULL DEFAULT 0,
  speakers_anonymous INTEGER NOT NULL DEFAULT 0,
  imported_at   TEXT NOT NULL
);

CREATE TABLE speaker (
  id          INTEGER PRIMARY KEY,
  episode_id  TEXT NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL DEFAULT 'speaker' CHECK (role IN ('host', 'guest', 'speaker')),
  anonymous   INTEGER NOT NULL DEFAULT 0,
  UNIQUE (episode_id, name)
);

CREATE TABLE segment (
  id          INTEGER PRIMARY KEY,
  episode_id  TEXT NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  start_ms    INTEGER NOT NULL,
  end_ms      INTEGER NOT NULL CHECK (end_ms >= start_ms),
  speaker_id  INTEGER REFERENCES speaker(id) ON DELETE SET NULL,
  text        TEXT NOT NULL,
  UNIQUE (episode_id, idx)
);
CREATE INDEX segment_by_time ON segment(episode_id, start_ms);

CREATE TABLE chapter (
  id          INTEGER PRIMARY KEY,
  episode_id  TEXT NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  title       TEXT NOT NULL,
  start_ms    INTEGER NOT NULL,
  end_ms      INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('published', 'detected')),
  UNIQUE (episode_id, idx)
);

-- English text is searched with stemming (porter); Chinese with trigrams (2-character queries use LIKE).
-- Each segment is indexed in the table of its episode's language.
CREATE VIRTUAL TABLE segment_fts USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE segment_fts_trigram USING fts5(text, tokenize = 'trigram');

CREATE TRIGGER segment_fts_delete AFTER DELETE ON segment BEGIN
  DELETE FROM segment_fts WHERE rowid = old.id;
  DELETE FROM segment_fts_trigram WHERE rowid = old.id;
END;

-- Small facts about the library itself, e.g. whether the bundled sample was offered on the first run.
CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
