CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, legacy TEXT, obsolete INTEGER DEFAULT 0);
CREATE INDEX items_name ON items (name);
