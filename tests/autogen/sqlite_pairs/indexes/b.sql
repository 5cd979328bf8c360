CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, email TEXT, deleted_at TEXT);
CREATE INDEX people_name ON people (name, email);
CREATE UNIQUE INDEX people_email ON people (email);
CREATE INDEX people_live ON people (name) WHERE deleted_at IS NULL;
CREATE INDEX people_lower_email ON people (lower(email) COLLATE NOCASE DESC);
