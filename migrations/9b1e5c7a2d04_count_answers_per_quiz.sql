-- revision: 9b1e5c7a2d04
-- down_revision: 3f2a9c1b7d40
-- message: count answers per quiz with a trigger

-- migrate:upgrade
ALTER TABLE quiz ADD COLUMN answer_count INTEGER NOT NULL DEFAULT 0;

CREATE TABLE answer (
    id INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES question (id),
    given TEXT NOT NULL
);

-- The trigger body holds statements of its own; the splitter keeps BEGIN ... END together.
CREATE TRIGGER answer_counted AFTER INSERT ON answer
BEGIN
    UPDATE quiz SET answer_count = answer_count + 1
     WHERE id = (SELECT quiz_id FROM question WHERE id = NEW.question_id);
END;

-- migrate:downgrade
DROP TRIGGER answer_counted;
DROP TABLE answer;
ALTER TABLE quiz DROP COLUMN answer_count;
