-- revision: 9b1e5c7a2d04
-- down_revision: 3f2a9c1b7d40
-- message: record answers and count them per quiz

-- migrate:upgrade
CREATE TABLE answer (
    id INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES question (id),
    given TEXT NOT NULL  /* free text; may hold ';' */
);

CREATE INDEX answer_question ON answer (question_id);

CREATE VIEW quiz_answer_count AS
    SELECT q.quiz_id, COUNT(a.id) AS answers
      FROM question q LEFT JOIN answer a ON a.question_id = q.id
     GROUP BY q.quiz_id;

-- migrate:downgrade
DROP VIEW quiz_answer_count;
DROP INDEX answer_question;
DROP TABLE answer;
