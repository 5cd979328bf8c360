CREATE VIRTUAL TABLE documents USING fts5 (title, body, tokenize = 'porter');
CREATE TABLE plain (id INTEGER PRIMARY KEY);
CREATE VIRTUAL TABLE places USING rtree (id, min_x, max_x);
