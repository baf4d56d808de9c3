-- revision: d41c8f2e6a90
-- down_revision: 9b1e5c7a2d04
-- message: add a digest column to questions

-- migrate:upgrade
ALTER TABLE question ADD COLUMN prompt_digest VARCHAR(64);

-- migrate:downgrade
ALTER TABLE question DROP COLUMN prompt_digest;
