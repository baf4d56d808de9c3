-- revision: 3f2a9c1b7d40
-- down_revision: 07d7d2f65290
-- message: add quiz roster tracking

-- migrate:upgrade
CREATE TABLE quiz_session_roster (id TEXT PRIMARY KEY, name TEXT NOT NULL);

-- migrate:downgrade
DROP TABLE quiz_session_roster;
