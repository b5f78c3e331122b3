-- The learner's corrections of speaker labels: renames, merges and relabelled paragraphs, each one
-- a row here with everything needed to undo it exactly (the episode's speaker rows as they were,
-- and every touched segment's previous speaker). Undo walks back from the newest change not undone.

CREATE TABLE speaker_change (
  id               INTEGER PRIMARY KEY,
  episode_id       TEXT NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
  kind             TEXT NOT NULL CHECK (kind IN ('rename', 'merge', 'relabel')),
  summary          TEXT NOT NULL,          -- one line for the learner: "Lex Fridman -> Sebastian Raschka (3 paragraphs)"
  speakers_before  TEXT NOT NULL,          -- JSON [{id, name, role, anonymous}] of the episode before the change
  episode_anonymous_before INTEGER NOT NULL,
  created_at       TEXT NOT NULL,
  undone_at        TEXT
);
CREATE INDEX speaker_change_by_episode ON speaker_change(episode_id, id);

-- By name, not id: the speaker a segment had may be gone (merged away) until undo recreates it,
-- and its old id may have been taken by then.
CREATE TABLE speaker_change_segment (
  change_id          INTEGER NOT NULL REFERENCES speaker_change(id) ON DELETE CASCADE,
  segment_id         INTEGER NOT NULL REFERENCES segment(id) ON DELETE CASCADE,
  speaker_before     TEXT,                 -- the name it had (NULL: unlabelled); names are unique per episode
  PRIMARY KEY (change_id, segment_id)
);
