CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, email TEXT, deleted_at TEXT);
CREATE INDEX people_name ON people (name);
CREATE INDEX people_old ON people (deleted_at);
