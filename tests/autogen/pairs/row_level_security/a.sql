CREATE TABLE documents (id int PRIMARY KEY, owner text NOT NULL, body text);
CREATE TABLE notes (id int PRIMARY KEY, owner text);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_owner ON notes USING (owner = current_user);
CREATE POLICY notes_old ON notes FOR DELETE USING (false);
