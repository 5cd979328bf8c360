CREATE TABLE measurements (id INTEGER PRIMARY KEY, value REAL, taken TEXT);
CREATE TABLE readings (sensor TEXT, value INTEGER);
