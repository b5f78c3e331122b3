-- The learner's own text credited to a speaker that a rename or merge moved with the speaker: a
-- stance-table cell (ref: its topic id) or an accepted quote (ref: the quote). Undo moves it back.
-- By name, as speaker_change_segment: the speaker may be gone (merged away) until undo restores it.
CREATE TABLE speaker_change_learner_text (
  change_id       INTEGER NOT NULL REFERENCES speaker_change(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('stance', 'acceptance')),
  ref             TEXT NOT NULL,
  speaker_before  TEXT NOT NULL,
  speaker_after   TEXT NOT NULL,
  PRIMARY KEY (change_id, kind, ref)
);
