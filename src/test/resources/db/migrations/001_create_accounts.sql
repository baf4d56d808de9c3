-- revision: 001
-- down_revision: none
-- message: create accounts

-- migrate:upgrade
CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT NOT NULL, email_hash TEXT);
INSERT INTO account (id, email) VALUES (1, 'ada@example.com');
INSERT INTO account (id, email) VALUES (2, 'alan@example.com');

-- migrate:downgrade
DROP TABLE account;
