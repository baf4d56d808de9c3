-- revision: 07d7d2f65290
-- down_revision: none
-- message: create quizzes and questions

-- migrate:upgrade
CREATE TABLE quiz (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE question (
    id INTEGER PRIMARY KEY,
    quiz_id TEXT NOT NULL REFERENCES quiz (id),
    prompt TEXT NOT NULL,  -- may contain ';' as in 'Pick one; only one'
    answer TEXT NOT NULL
);

INSERT INTO quiz (id, title) VALUES ('capitals', 'European capitals');
INSERT INTO question (id, quiz_id, prompt, answer) VALUES
    (1, 'capitals', 'Capital of Portugal?', 'Lisbon'),
    (2, 'capitals', 'Capital of Norway? (one word; no abbreviations)', 'Oslo');

-- migrate:downgrade
DROP TABLE question;
DROP TABLE quiz;
