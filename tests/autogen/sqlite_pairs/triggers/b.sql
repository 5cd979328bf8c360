CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, updated_at TEXT);
CREATE TABLE log (note_id INTEGER, action TEXT);
CREATE TRIGGER notes_log_insert AFTER INSERT ON notes BEGIN
    INSERT INTO log VALUES (new.id, 'created');
END;
CREATE TRIGGER notes_touch AFTER UPDATE OF body ON notes BEGIN
    UPDATE notes SET updated_at = 'now' WHERE id = new.id;
END;
CREATE VIEW note_bodies AS SELECT id, body FROM notes;
CREATE TRIGGER note_bodies_insert INSTEAD OF INSERT ON note_bodies BEGIN
    INSERT INTO notes (id, body) VALUES (new.id, new.body);
END;
