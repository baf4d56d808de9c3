-- revision: 003
-- down_revision: 002
-- message: index the hashes

-- migrate:upgrade
CREATE INDEX account_email_hash ON account (email_hash);

-- migrate:downgrade
DROP INDEX account_email_hash;
