CREATE TABLE measurements (id INTEGER PRIMARY KEY, value REAL, taken TEXT);
