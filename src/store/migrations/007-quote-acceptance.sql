-- Quotes the learner stands by although the transcript does not back them as credited: a
-- paraphrase they keep, or a deliberate attribution. Keyed by the quote's text (trimmed, spaces
-- collapsed) and the speaker it is credited to ('' when uncredited), so changing either one drops
-- the acceptance without touching anything the learner wrote.
CREATE TABLE quote_acceptance (
  episode_id  TEXT NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
  quote       TEXT NOT NULL,
  speaker     TEXT NOT NULL DEFAULT '',
  verdict     TEXT NOT NULL CHECK (verdict IN ('ok', 'wrong-speaker', 'not-found')),  -- the check when accepted
  created_at  TEXT NOT NULL,
  PRIMARY KEY (episode_id, quote, speaker)
);
