CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, code TEXT UNIQUE, parent_id INTEGER REFERENCES items (id));
CREATE INDEX items_name ON items (name);
