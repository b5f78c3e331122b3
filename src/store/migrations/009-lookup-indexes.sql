-- Lookups made on every visit to a concept's page, found by index rather than by reading a table:
-- the concept a name denotes (by key, pack entry or alias: the pack entry had no index), and the
-- marks on one concept (a learner's long episode, or a library under load, has thousands).
CREATE INDEX concept_by_pack_entry ON concept(pack_entry_id);
CREATE INDEX mark_by_concept ON mark(concept_id, episode_id, start_ms);
