CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    note TEXT,
    status TEXT NOT NULL DEFAULT 'new',
    price NUMERIC DEFAULT -1.5 CHECK (price <> 0),
    flags BLOB DEFAULT x'00',
    name_length INTEGER GENERATED ALWAYS AS (length(name)) VIRTUAL
);
