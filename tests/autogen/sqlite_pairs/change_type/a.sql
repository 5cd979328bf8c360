CREATE TABLE measurements (id INTEGER PRIMARY KEY, value TEXT, taken TEXT);
