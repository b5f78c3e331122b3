-- The process that runs a job: a job marked running whose process is gone was interrupted.
ALTER TABLE job ADD COLUMN owner_pid INTEGER;
