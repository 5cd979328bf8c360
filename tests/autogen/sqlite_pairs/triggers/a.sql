CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, updated_at TEXT);
CREATE TABLE log (note_id INTEGER, action TEXT);
CREATE TRIGGER notes_log_insert AFTER INSERT ON notes BEGIN
    INSERT INTO log VALUES (new.id, 'insert');
END;
CREATE TRIGGER notes_old AFTER DELETE ON notes BEGIN
    INSERT INTO log VALUES (old.id, 'delete');
END;
