CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
CREATE TABLE log (note_id INTEGER, action TEXT);
CREATE TRIGGER notes_log_insert AFTER INSERT ON notes BEGIN
    INSERT INTO log VALUES (new.id, 'insert');
END;
CREATE TRIGGER log_touches_notes AFTER INSERT ON log BEGIN
    UPDATE notes SET body = body WHERE id = new.note_id;
END;
CREATE INDEX notes_body ON notes (body);
